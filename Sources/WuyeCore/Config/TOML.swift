/// A TOML value. Wuye's standards, site, theme and key-map files are TOML.
public indirect enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .bool: "true or false"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A table keeps its keys in file order and the line each key was written on, so that a
/// wrong value can be reported with its line.
public struct TOMLTable: Equatable, Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    public private(set) var lines: [String: Int] = [:]
    public var line: Int = 0

    public init(line: Int = 0) { self.line = line }

    public subscript(key: String) -> TOMLValue? { values[key] }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        lines[key] = line
    }

    public func line(of key: String) -> Int { lines[key] ?? line }
}

public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// Reads TOML 1.0 as Wuye's files use it: tables, arrays of tables, dotted keys, basic and
/// literal strings (one line or multi-line), integers, floats, booleans, arrays and inline
/// tables. Dates are not used by Wuye's files and are read as strings when quoted.
public struct TOMLParser {
    private var chars: [Character]
    private var i = 0
    private var line = 1

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var p = TOMLParser(chars: Array(text))
        return try p.document()
    }

    private init(chars: [Character]) {
        self.chars = chars
        if chars.first == "\u{FEFF}" { i = 1 }
    }

    private func fail(_ m: String) -> TOMLError { TOMLError(line: line, message: m) }

    private var atEnd: Bool { i >= chars.count }
    private var peek: Character? { i < chars.count ? chars[i] : nil }

    private mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { i += 1 }
    }

    private mutating func skipComment() {
        if peek == "#" { while let c = peek, c != "\n" { i += 1 } }
    }

    /// Spaces, comments and newlines (inside arrays).
    private mutating func skipBlank() {
        while let c = peek {
            if c == " " || c == "\t" || c == "\r" {
                i += 1
            } else if c == "\n" {
                i += 1
                line += 1
            } else if c == "#" {
                skipComment()
            } else {
                break
            }
        }
    }

    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        skipComment()
        if peek == "\r" { i += 1 }
        if let c = peek {
            guard c == "\n" else { throw fail("unexpected '\(c)' after a value; one key = value per line") }
            i += 1
            line += 1
        }
    }

    private mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable(line: 1)
        var path: [String] = []
        var arrayTable = false
        var defined = Set<String>()
        while true {
            skipBlank()
            guard let c = peek else { break }
            if c == "[" {
                i += 1
                arrayTable = peek == "["
                if arrayTable { i += 1 }
                skipSpaces()
                path = try keyPath()
                skipSpaces()
                guard peek == "]" else { throw fail("a table header must end with ]") }
                i += 1
                if arrayTable {
                    guard peek == "]" else { throw fail("an array-of-tables header must end with ]]") }
                    i += 1
                }
                let name = path.joined(separator: ".")
                if !arrayTable {
                    if defined.contains(name) { throw fail("table [\(name)] is defined twice") }
                    defined.insert(name)
                }
                try Self.open(&root, path: path, appendNew: arrayTable, line: line, err: fail)
                try endOfLine()
            } else {
                let keyLine = line
                let keys = try keyPath()
                skipSpaces()
                guard peek == "=" else { throw fail("expected = after the key '\(keys.joined(separator: "."))'") }
                i += 1
                skipSpaces()
                let v = try value()
                try Self.insert(&root, path: path + keys, value: v, line: keyLine, err: fail)
                try endOfLine()
            }
        }
        return root
    }

    private static func open(
        _ t: inout TOMLTable, path: [String], appendNew: Bool, line: Int, err: (String) -> TOMLError
    ) throws(TOMLError) {
        guard let head = path.first else { return }
        let rest = Array(path.dropFirst())
        if rest.isEmpty {
            if appendNew {
                var arr: [TOMLValue] = []
                if let existing = t[head] {
                    guard case .array(let a) = existing else { throw err("'\(head)' is already a value, not an array of tables") }
                    arr = a
                }
                arr.append(.table(TOMLTable(line: line)))
                t.set(head, .array(arr), line: line)
            } else if t[head] == nil {
                t.set(head, .table(TOMLTable(line: line)), line: line)
            } else if case .table = t[head]! {
            } else {
                throw err("'\(head)' is already a value, not a table")
            }
            return
        }
        switch t[head] {
        case nil:
            var sub = TOMLTable(line: line)
            try open(&sub, path: rest, appendNew: appendNew, line: line, err: err)
            t.set(head, .table(sub), line: line)
        case .table(var sub):
            try open(&sub, path: rest, appendNew: appendNew, line: line, err: err)
            t.set(head, .table(sub), line: t.line(of: head))
        case .array(var arr):
            guard case .table(var last)? = arr.last else { throw err("'\(head)' is not a table") }
            try open(&last, path: rest, appendNew: appendNew, line: line, err: err)
            arr[arr.count - 1] = .table(last)
            t.set(head, .array(arr), line: t.line(of: head))
        default:
            throw err("'\(head)' is already a value, not a table")
        }
    }

    private static func insert(
        _ t: inout TOMLTable, path: [String], value: TOMLValue, line: Int, err: (String) -> TOMLError
    ) throws(TOMLError) {
        let head = path[0]
        if path.count == 1 {
            if t[head] != nil { throw err("the key '\(head)' is given twice") }
            t.set(head, value, line: line)
            return
        }
        let rest = Array(path.dropFirst())
        switch t[head] {
        case nil:
            var sub = TOMLTable(line: line)
            try insert(&sub, path: rest, value: value, line: line, err: err)
            t.set(head, .table(sub), line: line)
        case .table(var sub):
            try insert(&sub, path: rest, value: value, line: line, err: err)
            t.set(head, .table(sub), line: t.line(of: head))
        case .array(var arr):
            guard case .table(var last)? = arr.last else { throw err("'\(head)' is not a table") }
            try insert(&last, path: rest, value: value, line: line, err: err)
            arr[arr.count - 1] = .table(last)
            t.set(head, .array(arr), line: t.line(of: head))
        default:
            throw err("'\(head)' is already a value, not a table")
        }
    }

    private mutating func keyPath() throws(TOMLError) -> [String] {
        var keys: [String] = []
        while true {
            skipSpaces()
            keys.append(try simpleKey())
            skipSpaces()
            if peek == "." {
                i += 1
                continue
            }
            return keys
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> String {
        if peek == "\"" { return try basicString() }
        if peek == "'" { return try literalString() }
        var k = ""
        while let c = peek, c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "-" {
            k.append(c)
            i += 1
        }
        if k.isEmpty { throw fail("expected a key (letters, digits, _ or -), found \(peek.map { "'\($0)'" } ?? "the end")") }
        return k
    }

    private mutating func value() throws(TOMLError) -> TOMLValue {
        guard let c = peek else { throw fail("a value is missing after =") }
        switch c {
        case "\"": return .string(try basicString())
        case "'": return .string(try literalString())
        case "[": return try array()
        case "{": return try inlineTable()
        case "t", "f":
            let word = bareWord()
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
            throw fail("'\(word)' is not a value; strings need quotes")
        default:
            let word = bareWord()
            let digits = word.replacingOccurrences("_", "")
            if let n = Int64(digits) { return .integer(n) }
            if let d = Double(digits), !digits.isEmpty { return .float(d) }
            if word.isEmpty { throw fail("'\(c)' cannot start a value") }
            throw fail("'\(word)' is not a value; strings need quotes")
        }
    }

    private mutating func bareWord() -> String {
        var w = ""
        while let c = peek, !(c == " " || c == "\t" || c == "\n" || c == "\r" || c == "," || c == "]" || c == "}" || c == "#") {
            w.append(c)
            i += 1
        }
        return w
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        i += 1
        var items: [TOMLValue] = []
        while true {
            skipBlank()
            guard let c = peek else { throw fail("an array is not closed with ]") }
            if c == "]" {
                i += 1
                return .array(items)
            }
            items.append(try value())
            skipBlank()
            if peek == "," {
                i += 1
            } else if peek != "]" {
                throw fail("expected , or ] in an array")
            }
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        i += 1
        var t = TOMLTable(line: line)
        skipSpaces()
        if peek == "}" {
            i += 1
            return .table(t)
        }
        while true {
            skipSpaces()
            let keys = try keyPath()
            skipSpaces()
            guard peek == "=" else { throw fail("expected = in an inline table") }
            i += 1
            skipSpaces()
            let v = try value()
            try Self.insert(&t, path: keys, value: v, line: line, err: fail)
            skipSpaces()
            if peek == "," {
                i += 1
                continue
            }
            guard peek == "}" else { throw fail("expected , or } in an inline table") }
            i += 1
            return .table(t)
        }
    }

    private mutating func basicString() throws(TOMLError) -> String {
        let multi = i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\""
        i += multi ? 3 : 1
        if multi, peek == "\n" {
            i += 1
            line += 1
        }
        var s = ""
        while true {
            guard let c = peek else { throw fail("a string is not closed") }
            if multi {
                if c == "\"", i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
                    i += 3
                    return s
                }
            } else if c == "\"" {
                i += 1
                return s
            }
            if c == "\n" {
                guard multi else { throw fail("a string is not closed on its line") }
                line += 1
            }
            if c == "\\" {
                i += 1
                guard let e = peek else { throw fail("a string is not closed") }
                i += 1
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                case "\\": s.append("\\")
                case "\"": s.append("\"")
                case "b": s.append("\u{8}")
                case "f": s.append("\u{C}")
                case "e": s.append("\u{1B}")
                case "u", "U":
                    let n = e == "u" ? 4 : 8
                    guard i + n <= chars.count, let v = UInt32(String(chars[i..<i + n]), radix: 16),
                        let scalar = Unicode.Scalar(v)
                    else { throw fail("a \\\(e) escape needs \(n) hex digits") }
                    s.unicodeScalars.append(scalar)
                    i += n
                case "\n" where multi:
                    line += 1
                    skipBlank()
                default: throw fail("unknown escape \\\(e) in a string")
                }
                continue
            }
            s.append(c)
            i += 1
        }
    }

    private mutating func literalString() throws(TOMLError) -> String {
        i += 1
        var s = ""
        while let c = peek {
            i += 1
            if c == "'" { return s }
            if c == "\n" { throw fail("a string is not closed on its line") }
            s.append(c)
        }
        throw fail("a string is not closed")
    }
}

extension String {
    public func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
