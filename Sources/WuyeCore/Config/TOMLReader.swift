/// Typed reading of a TOML table with errors that name the file's line, and a report of
/// keys that were not expected (usually a typo).
public struct TOMLReader {
    public let table: TOMLTable
    public let path: String
    private(set) var used = Set<String>()

    public init(_ table: TOMLTable, path: String = "") {
        self.table = table
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func wrong(_ key: String, _ expected: String) -> WuyeError {
        .badInput("\(table.position(of: key)): \(name(key)) must be \(expected)")
    }

    /// Where a key was written, for messages about its value.
    public func at(_ key: String) -> TOMLPosition { table.position(of: key) }

    public mutating func raw(_ key: String) -> TOMLValue? {
        used.insert(key)
        return table[key]
    }

    public mutating func string(_ key: String) throws(WuyeError) -> String? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard case .string(let s) = v else { throw wrong(key, "a quoted string, not \(v.typeName)") }
        try StoredText.check(s, "\(at(key)): \(name(key))")
        return s
    }

    public mutating func requiredString(_ key: String) throws(WuyeError) -> String {
        guard let s = try string(key), !s.isEmpty else {
            throw .badInput("\(table.position): \(name(key)) is missing; add \(key) = \"…\"")
        }
        return s
    }

    public mutating func int(_ key: String, range: ClosedRange<Int64>? = nil) throws(WuyeError) -> Int64? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard case .integer(let n) = v else { throw wrong(key, "a whole number, not \(v.typeName)") }
        if let range, !range.contains(n) {
            throw wrong(key, "between \(range.lowerBound) and \(range.upperBound), got \(n)")
        }
        return n
    }

    public mutating func double(_ key: String, range: ClosedRange<Double>? = nil) throws(WuyeError) -> Double? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        let d: Double
        switch v {
        case .integer(let n): d = Double(n)
        case .float(let f): d = f
        default: throw wrong(key, "a number, not \(v.typeName)")
        }
        if let range, !range.contains(d) {
            throw wrong(key, "between \(range.lowerBound) and \(range.upperBound), got \(d)")
        }
        return d
    }

    public mutating func bool(_ key: String) throws(WuyeError) -> Bool? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard case .bool(let b) = v else { throw wrong(key, "true or false, not \(v.typeName)") }
        return b
    }

    public mutating func strings(_ key: String) throws(WuyeError) -> [String]? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard case .array(let a) = v else { throw wrong(key, "an array of strings, not \(v.typeName)") }
        var out: [String] = []
        for e in a {
            guard case .string(let s) = e else { throw wrong(key, "an array of strings") }
            try StoredText.check(s, "\(at(key)): \(name(key))")
            out.append(s)
        }
        return out
    }

    public mutating func table(_ key: String) throws(WuyeError) -> TOMLReader? {
        used.insert(key)
        guard let v = table[key] else { return nil }
        guard case .table(let t) = v else { throw wrong(key, "a table ([\(name(key))])") }
        return TOMLReader(t, path: name(key))
    }

    public mutating func tables(_ key: String) throws(WuyeError) -> [TOMLReader] {
        used.insert(key)
        guard let v = table[key] else { return [] }
        guard case .array(let a) = v else { throw wrong(key, "an array of tables ([[\(name(key))]])") }
        var out: [TOMLReader] = []
        for e in a {
            guard case .table(let t) = e else { throw wrong(key, "an array of tables") }
            out.append(TOMLReader(t, path: name(key)))
        }
        return out
    }

    /// Refuses keys nobody asked for: in a standards or site file they are typos that
    /// would silently leave a default in force.
    public func rejectUnknown() throws(WuyeError) {
        for k in table.keys where !used.contains(k) {
            throw .badInput("\(table.position(of: k)): unknown key \(name(k)); see docs/configuration.md for the keys allowed")
        }
    }

    public static func parse(_ text: String, file: String) throws(WuyeError) -> TOMLReader {
        do {
            return TOMLReader(try TOMLParser.parse(text))
        } catch {
            throw .badInput("\(file): \(error.description)")
        }
    }
}
