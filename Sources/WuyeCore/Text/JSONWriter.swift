/// A small, fast JSON writer with a fixed field order, for `--json` output.
///
/// Lists of ten thousand items are written in milliseconds; every control character of
/// the data is escaped, so JSON output is as inert as text output.
public struct JSONWriter: Sendable {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]

    public init() { output.reserveCapacity(4096) }

    public mutating func beginObject() { value(); output += "{"; needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); output += "}" }
    public mutating func beginArray() { value(); output += "["; needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); output += "]" }

    public mutating func key(_ k: String) {
        comma()
        Self.appendString(k, to: &output)
        output += ":"
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }
    private var pendingKey = false

    private mutating func comma() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func value() {
        if pendingKey {
            pendingKey = false
            needsComma[needsComma.count - 1] = true
        } else {
            comma()
        }
    }

    public mutating func string(_ s: String?) {
        value()
        if let s { Self.appendString(s, to: &output) } else { output += "null" }
    }
    public mutating func int(_ i: Int64?) {
        value()
        output += i.map { String($0) } ?? "null"
    }
    public mutating func int(_ i: Int?) { int(i.map { Int64($0) }) }
    public mutating func bool(_ b: Bool?) {
        value()
        output += b.map { $0 ? "true" : "false" } ?? "null"
    }
    public mutating func double(_ d: Double?) {
        value()
        guard let d, d.isFinite else {
            output += "null"
            return
        }
        // Figures are fractions: four decimals are plenty and stay readable.
        let r = (d * 10000).rounded() / 10000
        if r == r.rounded(), abs(r) < 1e15 { output += String(Int64(r)) } else { output += String(r) }
    }
    public mutating func null() {
        value()
        output += "null"
    }

    public mutating func field(_ k: String, _ s: String?) { key(k); string(s) }
    public mutating func field(_ k: String, _ i: Int64?) { key(k); int(i) }
    public mutating func field(_ k: String, _ i: Int?) { key(k); int(i) }
    public mutating func field(_ k: String, _ b: Bool?) { key(k); bool(b) }
    public mutating func field(_ k: String, _ d: Double?) { key(k); double(d) }

    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        var clean = InertText.isClean(s)
        if clean {
            for b in s.utf8 where b == 0x22 || b == 0x5C {
                clean = false
                break
            }
        }
        if clean {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar.value {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                    out += "\\u" + InertText.hex(scalar.value).lowercased()
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
