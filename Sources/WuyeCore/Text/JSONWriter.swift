/// A small, fast JSON writer with a fixed field order, for `--json` output.
///
/// It writes UTF-8 bytes into one buffer, so lists of ten thousand items are written in
/// milliseconds; every control character of the data is escaped (C1 controls and bidi
/// overrides too), so JSON output is as inert as text output.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private var pendingKey = false

    public init() { bytes.reserveCapacity(1 << 16) }

    public var output: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() {
        value()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }
    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }
    public mutating func beginArray() {
        value()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }
    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Continues an object whose opening and first fields were rendered before
    /// (see `ItemJSON.staticPrefix`); close it with `endObject()`.
    public mutating func resumeObject(_ prefix: UnsafeRawBufferPointer) {
        value()
        bytes.append(contentsOf: prefix)
        needsComma.append(true)
    }

    /// Keys are literals of the data format: plain ASCII, written as they are.
    public mutating func key(_ k: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    private mutating func comma() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func value() {
        if pendingKey {
            pendingKey = false
        } else {
            comma()
        }
    }

    private mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ s: String?) {
        value()
        if let s { Self.appendString(s, to: &bytes) } else { raw("null") }
    }
    public mutating func int(_ i: Int64?) {
        value()
        guard let i else {
            raw("null")
            return
        }
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }
    public mutating func int(_ i: Int?) { int(i.map { Int64($0) }) }
    public mutating func bool(_ b: Bool?) {
        value()
        switch b {
        case true?: raw("true")
        case false?: raw("false")
        case nil: raw("null")
        }
    }
    public mutating func double(_ d: Double?) {
        value()
        guard let d, d.isFinite else {
            raw("null")
            return
        }
        // Figures are fractions: four decimals are plenty and stay readable.
        let r = (d * 10000).rounded() / 10000
        if r == r.rounded(), abs(r) < 1e15 {
            bytes.append(contentsOf: String(Int64(r)).utf8)
        } else {
            bytes.append(contentsOf: String(r).utf8)
        }
    }
    public mutating func null() {
        value()
        raw("null")
    }
    /// An instant in ISO 8601 with the zone's offset, or null.
    public mutating func instant(_ i: Instant?, zone: Zone) {
        value()
        guard let i else {
            raw("null")
            return
        }
        bytes.append(UInt8(ascii: "\""))
        ISOFormat.append(i, offset: zone.offset(at: i), to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func field(_ k: StaticString, _ s: String?) {
        key(k)
        string(s)
    }
    public mutating func field(_ k: StaticString, _ i: Int64?) {
        key(k)
        int(i)
    }
    public mutating func field(_ k: StaticString, _ i: Int?) {
        key(k)
        int(i)
    }
    public mutating func field(_ k: StaticString, _ b: Bool?) {
        key(k)
        bool(b)
    }
    public mutating func field(_ k: StaticString, _ d: Double?) {
        key(k)
        double(d)
    }
    public mutating func field(_ k: StaticString, _ i: Instant?, zone: Zone) {
        key(k)
        instant(i, zone: zone)
    }

    /// Hands the bytes written so far to `sink` once there are at least `threshold` of
    /// them, and starts again with an empty buffer: long lists are streamed, not held.
    public mutating func drain(over threshold: Int = 1 << 16, _ sink: ([UInt8]) -> Void) {
        guard bytes.count >= threshold else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Reserves room for about `n` more bytes (a list knows roughly how much it writes).
    public mutating func reserve(_ n: Int) { bytes.reserveCapacity(bytes.count + n) }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done =
            s.utf8.withContiguousStorageIfAvailable { buf -> Bool in
                for b in buf where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xD8 || b == 0x22 || b == 0x5C {
                    return false
                }
                out.append(contentsOf: buf)
                return true
            } ?? false
        if !done {
            for scalar in s.unicodeScalars {
                switch scalar.value {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                    out.append(contentsOf: ("\\u" + InertText.hex(scalar.value).lowercased()).utf8)
                default: out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
