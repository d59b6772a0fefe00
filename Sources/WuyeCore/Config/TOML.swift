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

/// Where something stands in a file: line and column (both from 1; a column counts
/// characters, so a Chinese character is one column).
public struct TOMLPosition: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

/// A table keeps its keys in file order and where each key was written, so that a wrong
/// value can be reported with its line and column.
public struct TOMLTable: Equatable, Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    public private(set) var positions: [String: TOMLPosition] = [:]
    /// Where the table was opened (its header, or the first key that made it).
    public var position: TOMLPosition

    public init(line: Int = 0) { position = TOMLPosition(line: line, column: 1) }
    public init(at position: TOMLPosition) { self.position = position }

    public var line: Int { position.line }
    public subscript(key: String) -> TOMLValue? { values[key] }

    mutating func set(_ key: String, _ value: TOMLValue, at p: TOMLPosition) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        positions[key] = p
    }

    public func position(of key: String) -> TOMLPosition { positions[key] ?? position }
    public func line(of key: String) -> Int { position(of: key).line }
}

public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }

    public init(line: Int, column: Int = 1, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Reads TOML 1.0 (https://toml.io/en/v1.0.0) strictly, as people write it by hand: LF or
/// CRLF line ends, a leading BOM, every string form, integers in four bases, floats with
/// `inf` and `nan`, arrays, inline tables, tables and arrays of tables with their
/// sub-tables. Offset dates and times are not used by Wuye's files and are refused with a
/// message that says so. Every error names its line and column and fits on one line.
public struct TOMLParser {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var p = TOMLParser(text)
        let root = try p.document()
        return root.value()
    }

    private init(_ text: String) {
        s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" {
            i = 1
            lineStart = 1
        }
    }

    // MARK: Position and errors

    private var here: TOMLPosition { TOMLPosition(line: line, column: i - lineStart + 1) }
    private func fail(_ m: String) -> TOMLError { fail(m, at: here) }
    private func fail(_ m: String, at p: TOMLPosition) -> TOMLError { TOMLError(line: p.line, column: p.column, message: m) }

    private var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }
    private func peek(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    /// A character named so that an error message stays one inert line.
    private static func name(_ c: Unicode.Scalar?) -> String {
        guard let c else { return "the end of the file" }
        switch c.value {
        case 0x0A: return "the end of the line"
        case 0x0D: return "a carriage return (CR) not followed by a line feed"
        case 0x09: return "a tab"
        case 0x00..<0x20, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return "the control character U+\(String(c.value, radix: 16, uppercase: true).leftPadded(4))"
        default: return "'\(c)'"
        }
    }

    /// Control characters TOML allows nowhere but as a tab (and as line ends where lines end).
    private static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 && c != "\t" || c.value == 0x7F
    }

    // MARK: Whitespace, comments, line ends

    private mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" { i += 1 }
    }

    /// At a line end (LF or CRLF) steps over it and returns true.
    private mutating func newline() throws(TOMLError) -> Bool {
        if peek == "\n" {
            i += 1
        } else if peek == "\r" {
            guard peek(1) == "\n" else { throw fail("a carriage return (CR) must be followed by a line feed") }
            i += 2
        } else {
            return false
        }
        line += 1
        lineStart = i
        return true
    }

    private mutating func comment() throws(TOMLError) {
        guard peek == "#" else { return }
        i += 1
        while let c = peek, c != "\n" {
            if c == "\r" && peek(1) == "\n" { return }
            if Self.isControl(c) { throw fail("\(Self.name(c)) is not allowed in a comment") }
            i += 1
        }
    }

    /// Spaces, comments and line ends, as allowed between the values of an array.
    private mutating func skipBlank() throws(TOMLError) {
        while true {
            skipSpaces()
            try comment()
            if try !newline() { return }
        }
    }

    private mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        try comment()
        if peek == nil { return }
        if try !newline() {
            throw fail("\(Self.name(peek)) after a value; write one key = value per line (a # starts a comment)")
        }
    }

    // MARK: Document

    private mutating func document() throws(TOMLError) -> Node {
        let root = Node(.implicit, at: TOMLPosition(line: 1, column: 1))
        var current = root
        while true {
            try skipBlank()
            guard peek != nil else { break }
            if peek == "[" {
                current = try header(root)
            } else {
                try keyValue(into: current)
            }
            try endOfLine()
        }
        return root
    }

    private mutating func header(_ root: Node) throws(TOMLError) -> Node {
        let start = here
        i += 1
        let array = peek == "["
        if array { i += 1 }
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard peek == "]" else { throw fail("a table header must end with \(array ? "]]" : "]"), found \(Self.name(peek))") }
        i += 1
        if array {
            guard peek == "]" else { throw fail("an array-of-tables header must end with ]], found \(Self.name(peek))") }
            i += 1
        }
        let shown = "[\(array ? "[" : "")\(path.map(\.shown).joined(separator: "."))\(array ? "]" : "")]"
        var t = root
        for (n, k) in path.dropLast().enumerated() {
            t = try t.descend(k.name, creating: .implicit, at: start, shown: path[...n].map(\.shown).joined(separator: "."), err: fail)
        }
        let last = path[path.count - 1].name
        if array {
            switch t.entries[last] {
            case nil:
                let fresh = Node(.header, at: start)
                t.put(last, .tables([fresh]), at: start)
                return fresh
            case .tables(let list)?:
                let fresh = Node(.header, at: start)
                t.entries[last] = .tables(list + [fresh])
                return fresh
            case .table?:
                throw fail("\(shown): \(path.map(\.shown).joined(separator: ".")) is already a table, not an array of tables", at: start)
            case .value?:
                throw fail(
                    "\(shown): \(path.map(\.shown).joined(separator: ".")) is already a value; an array of tables cannot extend it",
                    at: start)
            }
        }
        switch t.entries[last] {
        case nil:
            let fresh = Node(.header, at: start)
            t.put(last, .table(fresh), at: start)
            return fresh
        case .table(let n)?:
            switch n.how {
            case .implicit:
                n.how = .header
                return n
            case .header: throw fail("table \(shown) is defined twice (first at line \(n.position.line))", at: start)
            case .dotted: throw fail("table \(shown) was already made by dotted keys at line \(n.position.line)", at: start)
            case .inline: throw fail("table \(shown) was already given inline at line \(n.position.line)", at: start)
            }
        case .tables?:
            throw fail("\(shown) is an array of tables; write [[\(path.map(\.shown).joined(separator: "."))]] for another entry", at: start)
        case .value?:
            throw fail("\(shown): \(path.map(\.shown).joined(separator: ".")) is already a value, not a table", at: start)
        }
    }

    private mutating func keyValue(into table: Node) throws(TOMLError) {
        let start = here
        let path = try keyPath()
        skipSpaces()
        guard peek == "=" else {
            throw fail("expected = after the key \(path.map(\.shown).joined(separator: ".")), found \(Self.name(peek))")
        }
        i += 1
        skipSpaces()
        let v = try value()
        try Self.assign(v, path: path, in: table, at: start, err: fail)
    }

    private static func assign(
        _ v: Built, path: [Key], in table: Node, at start: TOMLPosition, err: (String, TOMLPosition) -> TOMLError
    ) throws(TOMLError) {
        var t = table
        for (n, k) in path.dropLast().enumerated() {
            let shown = path[...n].map(\.shown).joined(separator: ".")
            switch t.entries[k.name] {
            case nil:
                let fresh = Node(.dotted, at: start)
                t.put(k.name, .table(fresh), at: start)
                t = fresh
            case .table(let sub)? where sub.how == .dotted:
                t = sub
            case .table(let sub)?:
                throw err(
                    "the dotted key \(path.map(\.shown).joined(separator: ".")) reaches into table \(shown), defined at line \(sub.position.line); a table is defined in one place",
                    start)
            default:
                throw err("the key \(shown) already holds a value, so \(path.map(\.shown).joined(separator: ".")) cannot be set", start)
            }
        }
        let last = path[path.count - 1]
        if let old = t.entries[last.name] {
            throw err("the key \(path.map(\.shown).joined(separator: ".")) is given twice (first at line \(old.position.line))", start)
        }
        t.put(last.name, v.entry(at: start), at: start)
    }

    // MARK: Keys

    private struct Key {
        var name: String
        /// As written, for messages (quoted keys keep their quotes, so `a."b.c"` stays apart
        /// from `a.b.c`).
        var shown: String
    }

    private mutating func keyPath() throws(TOMLError) -> [Key] {
        var keys: [Key] = []
        while true {
            skipSpaces()
            keys.append(try simpleKey())
            skipSpaces()
            guard peek == "." else { return keys }
            i += 1
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> Key {
        if peek == "\"" || peek == "'" {
            if peek(1) == peek && peek(2) == peek { throw fail("a key cannot be a multi-line string") }
            let k = peek == "\"" ? try basicString() : try literalString()
            return Key(name: k, shown: "\"\(k)\"")
        }
        var k = ""
        while let c = peek, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
            k.unicodeScalars.append(c)
            i += 1
        }
        if k.isEmpty { throw fail("expected a key (letters, digits, _ or -, or a quoted key), found \(Self.name(peek))") }
        return Key(name: k, shown: k)
    }

    // MARK: Values

    private mutating func value() throws(TOMLError) -> Built {
        guard let c = peek else { throw fail("a value is missing after =") }
        switch c {
        case "\"":
            if peek(1) == "\"" && peek(2) == "\"" { return .plain(.string(try multiLine(basic: true))) }
            return .plain(.string(try basicString()))
        case "'":
            if peek(1) == "'" && peek(2) == "'" { return .plain(.string(try multiLine(basic: false))) }
            return .plain(.string(try literalString()))
        case "[": return try array()
        case "{": return try inlineTable()
        case "\n", "\r", "#": throw fail("a value is missing after =")
        default: return .plain(try scalarWord())
        }
    }

    /// true, false, a number, or something that is not a value.
    private mutating func scalarWord() throws(TOMLError) -> TOMLValue {
        let start = here
        var w = ""
        while let c = peek, !(c == " " || c == "\t" || c == "\n" || c == "\r" || c == "," || c == "]" || c == "}" || c == "#") {
            w.unicodeScalars.append(c)
            i += 1
        }
        if w == "true" { return .bool(true) }
        if w == "false" { return .bool(false) }
        if w.isEmpty { throw fail("\(Self.name(peek)) cannot start a value", at: start) }
        if let v = TOMLNumber.parse(w) { return v }
        if TOMLNumber.looksLikeDateTime(w) {
            throw fail("dates and times are not used in Wuye's files; write \"\(w)\" in quotes if it is text", at: start)
        }
        if let first = w.unicodeScalars.first, ("0"..."9").contains(first) || first == "+" || first == "-" || first == "." {
            throw fail(
                "'\(InertText.make(w))' is not a TOML number; write whole numbers as 30 or 1_000 (0x, 0o, 0b for hex, octal, binary) and others as 0.75 or 1e3",
                at: start)
        }
        throw fail("'\(InertText.make(w))' is not a value; text needs quotes (\"…\"), switches are true or false", at: start)
    }

    private mutating func array() throws(TOMLError) -> Built {
        i += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlank()
            guard let c = peek else { throw fail("an array is not closed with ]") }
            if c == "]" {
                i += 1
                return .plain(.array(items))
            }
            items.append(try value().plainValue)
            try skipBlank()
            if peek == "," {
                i += 1
            } else if peek != "]" {
                throw fail("expected , or ] in an array, found \(Self.name(peek))")
            }
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> Built {
        let start = here
        i += 1
        let t = Node(.inline, at: start)
        skipSpaces()
        if peek == "}" {
            i += 1
            return .inline(t)
        }
        while true {
            skipSpaces()
            let keyAt = here
            let path = try keyPath()
            skipSpaces()
            guard peek == "=" else { throw fail("expected = in an inline table, found \(Self.name(peek))") }
            i += 1
            skipSpaces()
            let v = try value()
            try Self.assign(v, path: path, in: t, at: keyAt, err: fail)
            skipSpaces()
            if peek == "," {
                i += 1
                skipSpaces()
                if peek == "}" { throw fail("an inline table may not end with a comma") }
                continue
            }
            guard peek == "}" else {
                throw fail("expected , or } in an inline table (it stays on one line), found \(Self.name(peek))")
            }
            i += 1
            t.freeze()
            return .inline(t)
        }
    }

    // MARK: Strings

    private mutating func escape(into out: inout String) throws(TOMLError) {
        let at = here
        i += 1
        guard let e = peek else { throw fail("a string is not closed") }
        i += 1
        switch e {
        case "n": out.unicodeScalars.append("\n")
        case "t": out.unicodeScalars.append("\t")
        case "r": out.unicodeScalars.append("\r")
        case "\\": out.unicodeScalars.append("\\")
        case "\"": out.unicodeScalars.append("\"")
        case "b": out.unicodeScalars.append("\u{8}")
        case "f": out.unicodeScalars.append("\u{C}")
        case "u", "U":
            let n = e == "u" ? 4 : 8
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let d = peek, d.isASCII, let x = UInt32(String(d), radix: 16)
                else { throw fail("\\\(e) needs \(n) hex digits", at: at) }
                v = v &* 16 &+ x
                i += 1
            }
            guard let scalar = Unicode.Scalar(v) else {
                throw fail("\\\(e)\(String(v, radix: 16, uppercase: true)) is not a Unicode character", at: at)
            }
            out.unicodeScalars.append(scalar)
        default:
            throw fail("unknown escape \\\(InertText.make(String(e))) in a string; use \\\\ for a backslash", at: at)
        }
    }

    private mutating func basicString() throws(TOMLError) -> String {
        let start = here
        i += 1
        var out = ""
        while true {
            guard let c = peek, c != "\n", c != "\r" || peek(1) != "\n" else {
                throw fail("a string is not closed on its line (the string began at column \(start.column))")
            }
            if c == "\"" {
                i += 1
                return out
            }
            if c == "\\" {
                try escape(into: &out)
                continue
            }
            if Self.isControl(c) { throw fail("\(Self.name(c)) is not allowed in a string; write it as an escape such as \\n") }
            out.unicodeScalars.append(c)
            i += 1
        }
    }

    private mutating func literalString() throws(TOMLError) -> String {
        let start = here
        i += 1
        var out = ""
        while true {
            guard let c = peek, c != "\n", c != "\r" || peek(1) != "\n" else {
                throw fail("a string is not closed on its line (the string began at column \(start.column))")
            }
            if Self.isControl(c) { throw fail("\(Self.name(c)) is not allowed in a string") }
            i += 1
            if c == "'" { return out }
            out.unicodeScalars.append(c)
        }
    }

    /// The closing delimiter of a multi-line string may carry one or two of its quotes
    /// before it (`""""` is a quote, then the end).
    private mutating func closes(_ q: Unicode.Scalar, into out: inout String) throws(TOMLError) -> Bool {
        guard peek == q, peek(1) == q, peek(2) == q else { return false }
        var run = 0
        while peek(run) == q { run += 1 }
        if run > 5 { throw fail("too many quotes at the end of a multi-line string") }
        for _ in 0..<(run - 3) { out.unicodeScalars.append(q) }
        i += run
        return true
    }

    /// `"""…"""` (escapes, and a backslash at a line's end) or `'''…'''` (neither). A line
    /// end right after the opening delimiter is dropped; line ends inside are line feeds.
    private mutating func multiLine(basic: Bool) throws(TOMLError) -> String {
        let start = here
        let quote: Unicode.Scalar = basic ? "\"" : "'"
        i += 3
        _ = try newline()
        var out = ""
        while true {
            guard let c = peek else {
                throw fail("a multi-line string is not closed with \(String(repeating: String(quote), count: 3))", at: start)
            }
            if try closes(quote, into: &out) { return out }
            if basic && c == "\\" {
                // A backslash at the end of a line joins it to the next, dropping the
                // white space and line ends between them.
                var k = 1
                while peek(k) == " " || peek(k) == "\t" { k += 1 }
                if peek(k) == "\n" || (peek(k) == "\r" && peek(k + 1) == "\n") {
                    i += k
                    while true {
                        skipSpaces()
                        if try !newline() { break }
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            if c == "\n" || c == "\r" {
                guard try newline() else { throw fail(Self.name(c) + " is not allowed in a string") }
                out.unicodeScalars.append("\n")
                continue
            }
            if Self.isControl(c) { throw fail("\(Self.name(c)) is not allowed in a string\(basic ? "; write it as an escape" : "")") }
            out.unicodeScalars.append(c)
            i += 1
        }
    }

    // MARK: The tree while it is being read

    /// How a table came to be: TOML lets each be defined once, and extended only in the
    /// way it was made.
    private enum How { case implicit, header, dotted, inline }

    private enum Entry {
        case value(TOMLValue, TOMLPosition)
        case table(Node)
        case tables([Node])

        var position: TOMLPosition {
            switch self {
            case .value(_, let p): p
            case .table(let n): n.position
            case .tables(let l): l[0].position
            }
        }
    }

    /// A value just read: inline tables stay nodes so that nothing can reopen them.
    private enum Built {
        case plain(TOMLValue)
        case inline(Node)

        var plainValue: TOMLValue {
            switch self {
            case .plain(let v): v
            case .inline(let n): .table(n.value())
            }
        }

        func entry(at p: TOMLPosition) -> Entry {
            switch self {
            case .plain(let v): .value(v, p)
            case .inline(let n): .table(n)
            }
        }
    }

    private final class Node {
        var how: How
        let position: TOMLPosition
        var keys: [String] = []
        var entries: [String: Entry] = [:]
        var at: [String: TOMLPosition] = [:]

        init(_ how: How, at p: TOMLPosition) {
            self.how = how
            position = p
        }

        func put(_ key: String, _ e: Entry, at p: TOMLPosition) {
            keys.append(key)
            entries[key] = e
            at[key] = p
        }

        /// Inline tables are complete where they are written, sub-tables included.
        func freeze() {
            how = .inline
            for case .table(let n) in entries.values { n.freeze() }
        }

        /// The table a header path goes through.
        func descend(
            _ key: String, creating how: How, at p: TOMLPosition, shown: String, err: (String, TOMLPosition) -> TOMLError
        ) throws(TOMLError) -> Node {
            switch entries[key] {
            case nil:
                let fresh = Node(how, at: p)
                put(key, .table(fresh), at: p)
                return fresh
            case .table(let n)?:
                if n.how == .inline { throw err("table \(shown) was given inline at line \(n.position.line) and cannot be extended", p) }
                return n
            case .tables(let list)?:
                return list[list.count - 1]
            case .value?:
                throw err("\(shown) is already a value, not a table", p)
            }
        }

        func value() -> TOMLTable {
            var t = TOMLTable(at: position)
            for k in keys {
                switch entries[k]! {
                case .value(let v, _): t.set(k, v, at: at[k]!)
                case .table(let n): t.set(k, .table(n.value()), at: at[k]!)
                case .tables(let l): t.set(k, .array(l.map { .table($0.value()) }), at: at[k]!)
                }
            }
            return t
        }
    }
}

/// TOML's numbers, exactly as the specification writes them.
enum TOMLNumber {
    static func parse(_ w: String) -> TOMLValue? {
        let u = Array(w.utf8)
        guard !u.isEmpty else { return nil }
        switch w {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if u.count > 2, u[0] == UInt8(ascii: "0"), let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][u[1]] {
            let digits = Array(u[2...])
            guard grouped(digits, { digit($0, radix: radix) }) else { return nil }
            guard let n = UInt64(String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix),
                n <= UInt64(Int64.max)
            else { return nil }
            return .integer(Int64(n))
        }
        // [sign] int [frac] [exp]
        var k = 0
        if u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") { k = 1 }
        let intStart = k
        while k < u.count, digit(u[k], radix: 10) || u[k] == UInt8(ascii: "_") { k += 1 }
        let intPart = Array(u[intStart..<k])
        guard grouped(intPart, { digit($0, radix: 10) }) else { return nil }
        if intPart.count > 1 && intPart[0] == UInt8(ascii: "0") { return nil }  // no leading zeros
        var isFloat = false
        if k < u.count, u[k] == UInt8(ascii: ".") {
            isFloat = true
            k += 1
            let f = k
            while k < u.count, digit(u[k], radix: 10) || u[k] == UInt8(ascii: "_") { k += 1 }
            guard grouped(Array(u[f..<k]), { digit($0, radix: 10) }) else { return nil }
        }
        if k < u.count, u[k] == UInt8(ascii: "e") || u[k] == UInt8(ascii: "E") {
            isFloat = true
            k += 1
            if k < u.count, u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-") { k += 1 }
            let e = k
            while k < u.count, digit(u[k], radix: 10) || u[k] == UInt8(ascii: "_") { k += 1 }
            guard grouped(Array(u[e..<k]), { digit($0, radix: 10) }) else { return nil }
        }
        guard k == u.count else { return nil }
        let plain = String(decoding: u.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            guard let d = Double(plain), d.isFinite else { return nil }
            return .float(d)
        }
        return Int64(plain).map(TOMLValue.integer)
    }

    /// Digits with single underscores between them, none at either end.
    private static func grouped(_ u: [UInt8], _ isDigit: (UInt8) -> Bool) -> Bool {
        guard let f = u.first, let l = u.last, isDigit(f), isDigit(l) else { return false }
        for (a, b) in zip(u, u.dropFirst()) where a == UInt8(ascii: "_") && b == UInt8(ascii: "_") { return false }
        return u.allSatisfy { isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func digit(_ c: UInt8, radix: Int) -> Bool {
        switch radix {
        case 2: return c == UInt8(ascii: "0") || c == UInt8(ascii: "1")
        case 8: return (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(c)
        case 16:
            return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(c)
        default: return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
        }
    }

    /// `1979-05-27`, `07:32:00`, `1979-05-27T07:32:00Z` and the like.
    static func looksLikeDateTime(_ w: String) -> Bool {
        let u = Array(w.utf8)
        func d(_ k: Int) -> Bool { k < u.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[k]) }
        if u.count >= 10, d(0), d(1), d(2), d(3), u[4] == UInt8(ascii: "-"), d(5), d(6), u[7] == UInt8(ascii: "-"), d(8), d(9) {
            return true
        }
        return u.count >= 5 && d(0) && d(1) && u[2] == UInt8(ascii: ":") && d(3) && d(4)
    }
}

extension String {
    public func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }

    func leftPadded(_ n: Int) -> String { count < n ? String(repeating: "0", count: n - count) + self : self }
}
