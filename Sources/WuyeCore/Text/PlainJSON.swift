/// Reading the store's own JSON without `Codable`, which costs a command its conformance
/// lookups (see `ItemEventJSON`, `SiteJSON`).
enum PlainJSON {
    /// One key of an object and its value.
    struct Field {
        let name: String
        let value: Value
    }

    /// A JSON value as read by `Reader`: enough to read the store's own JSON (an item's
    /// step, a site) without `Codable`, which costs a command its conformance lookups.
    indirect enum Value {
        case string(String)
        /// A number's text, as written.
        case number(String)
        case bool(Bool)
        case null
        case object([Field])
        case array([Value])

        subscript(_ key: String) -> Value? {
            guard case .object(let fields) = self else { return nil }
            return fields.first { $0.name == key }?.value
        }

        /// The value of an object's one key.
        func only(_ key: String) -> Value? {
            guard case .object(let fields) = self, fields.count == 1, fields[0].name == key else { return nil }
            return fields[0].value
        }

        func string(_ key: String) -> String? {
            guard case .string(let s)? = self[key] else { return nil }
            return s
        }

        /// nil when the value is neither absent, null nor a string; `.some(nil)` when absent or null.
        func optionalString(_ key: String) -> String?? {
            switch self[key] {
            case nil, .null?: return .some(nil)
            case .string(let s)?: return .some(s)
            default: return nil
            }
        }

        func bool(_ key: String) -> Bool? {
            guard case .bool(let b)? = self[key] else { return nil }
            return b
        }

        /// A whole number written without a point or an exponent.
        func int(_ key: String) -> Int64? {
            guard case .number(let t)? = self[key] else { return nil }
            return Int64(t)
        }

        func double(_ key: String) -> Double? {
            guard case .number(let t)? = self[key] else { return nil }
            return Double(t)
        }
    }

    /// The one JSON document `text` holds, or nil.
    static func read(_ text: String) -> Value? {
        var text = text
        return text.withUTF8 { buf -> Value? in
            var r = Reader(buf: UnsafeRawBufferPointer(buf))
            return r.document()
        }
    }

    /// A strict reader of one JSON document. It refuses rather than guesses: a key given
    /// twice, a number JSON does not allow, text after the value.
    struct Reader {
        let buf: UnsafeRawBufferPointer
        var i = 0

        init(buf: UnsafeRawBufferPointer) { self.buf = buf }

        /// One value and nothing after it but white space.
        mutating func document() -> Value? {
            guard let v = value(depth: 0) else { return nil }
            space()
            return i == buf.count ? v : nil
        }

        mutating func space() {
            while i < buf.count, buf[i] == 0x20 || buf[i] == 0x0A || buf[i] == 0x0D || buf[i] == 0x09 { i += 1 }
        }

        mutating func literal(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard i + n <= buf.count else { return false }
            for k in 0..<n where buf[i + k] != text.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 32 else { return nil }
            space()
            guard i < buf.count else { return nil }
            switch buf[i] {
            case UInt8(ascii: "{"):
                var fields: [Field] = []
                let whole = elements(closedBy: UInt8(ascii: "}")) { r in
                    r.space()
                    guard let k = r.string() else { return false }
                    r.space()
                    guard r.i < r.buf.count, r.buf[r.i] == UInt8(ascii: ":") else { return false }
                    r.i += 1
                    // A key given twice is left to `JSONDecoder` to judge.
                    guard let v = r.value(depth: depth + 1), !fields.contains(where: { $0.name == k }) else { return false }
                    fields.append(Field(name: k, value: v))
                    return true
                }
                return whole ? .object(fields) : nil
            case UInt8(ascii: "["):
                var items: [Value] = []
                let whole = elements(closedBy: UInt8(ascii: "]")) { r in
                    guard let v = r.value(depth: depth + 1) else { return false }
                    items.append(v)
                    return true
                }
                return whole ? .array(items) : nil
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
            }
        }

        /// The elements of an object or an array, from its opening bracket to `close`,
        /// separated by commas, each read by `element`: false when they do not read.
        mutating func elements(closedBy close: UInt8, _ element: (inout Reader) -> Bool) -> Bool {
            i += 1
            space()
            if i < buf.count, buf[i] == close {
                i += 1
                return true
            }
            while true {
                guard element(&self) else { return false }
                space()
                guard i < buf.count else { return false }
                if buf[i] == UInt8(ascii: ",") {
                    i += 1
                } else if buf[i] == close {
                    i += 1
                    return true
                } else {
                    return false
                }
            }
        }

        mutating func number() -> Value? {
            let start = i
            guard i < buf.count, buf[i] == 0x2D || (buf[i] >= 0x30 && buf[i] <= 0x39) else { return nil }
            while i < buf.count {
                let b = buf[i]
                guard (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 else { break }
                i += 1
            }
            guard i > start else { return nil }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
            guard Double(text) != nil else { return nil }
            return .number(text)
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= buf.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = buf[i]
                let d: UInt8
                switch b {
                case 0x30...0x39: d = b - 0x30
                case 0x41...0x46: d = b - 0x41 + 10
                case 0x61...0x66: d = b - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        mutating func string() -> String? {
            guard i < buf.count, buf[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            // Plain text (no escapes) is taken as it is.
            while i < buf.count, buf[i] != UInt8(ascii: "\""), buf[i] != UInt8(ascii: "\\"), buf[i] >= 0x20 { i += 1 }
            guard i < buf.count else { return nil }
            if buf[i] == UInt8(ascii: "\"") {
                let s = String(validating: UnsafeRawBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var bytes = [UInt8](UnsafeRawBufferPointer(rebasing: buf[start..<i]))
            while i < buf.count {
                let b = buf[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(validating: bytes, as: UTF8.self)
                }
                guard b >= 0x20 else { return nil }
                if b != UInt8(ascii: "\\") {
                    bytes.append(b)
                    i += 1
                    continue
                }
                i += 1
                guard i < buf.count else { return nil }
                let e = buf[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard literal("\\u"), let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { return nil }
                    bytes.append(contentsOf: String(Character(u)).utf8)
                default: return nil
                }
            }
            return nil
        }
    }
}
