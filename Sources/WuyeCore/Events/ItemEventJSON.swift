/// The journal's JSON of an item's step, written and read without `Codable`.
///
/// Nine events in ten are an item's steps, and every command reads or writes some. Through
/// `JSONEncoder` and `JSONDecoder` each of them costs the generic machinery of `Codable`:
/// the first decoding of each type in a process looks up its conformances among the
/// program's 7 500, which made up a tenth of a `respond`, and the encoding was a sixth of
/// an import. This reads and writes the very shape those produce
/// (`{"item":{"_0":{"responded":{"note":"…"}}}}`, keys sorted, absent values left out), so
/// the two agree on every payload (`ItemEventJSONTests`). A payload it does not recognise
/// is left to `JSONDecoder`, which stays the reference.
public enum ItemEventJSON {
    // MARK: writing

    public static func encode(_ e: ItemEvent) -> String {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("item")
        w.beginObject()
        w.key("_0")
        w.beginObject()
        switch e {
        case .opened(let o):
            w.key("opened")
            w.beginObject()
            w.key("_0")
            write(o, into: &w)
            w.endObject()
        case .assigned(let to, let note):
            w.key("assigned")
            w.beginObject()
            optional("note", note, &w)
            w.field("to", to)
            w.endObject()
        case .routed(let department, let to, let note):
            w.key("routed")
            w.beginObject()
            w.field("department", department)
            optional("note", note, &w)
            optional("to", to, &w)
            w.endObject()
        case .responded(let note): noteOnly("responded", note, &w)
        case .acknowledged(let note): noteOnly("acknowledged", note, &w)
        case .arrived(let note): noteOnly("arrived", note, &w)
        case .progressReported(let note): noteOnly("progressReported", note, &w)
        case .resolved(let note): noteOnly("resolved", note, &w)
        case .answered(let note): noteOnly("answered", note, &w)
        case .closed(let note): noteOnly("closed", note, &w)
        case .resumed(let note): noteOnly("resumed", note, &w)
        case .calledBack(let rating, let note):
            w.key("calledBack")
            w.beginObject()
            optional("note", note, &w)
            w.field("rating", rating)
            w.endObject()
        case .reopened(let reason, let limits):
            w.key("reopened")
            w.beginObject()
            w.key("limits")
            write(limits, into: &w)
            w.field("reason", reason)
            w.endObject()
        case .paused(let reason): reasonOnly("paused", reason, &w)
        case .voided(let reason): reasonOnly("voided", reason, &w)
        case .edited(let field, let from, let to, let reason):
            w.key("edited")
            w.beginObject()
            w.field("field", field)
            optional("from", from, &w)
            w.field("reason", reason)
            optional("to", to, &w)
            w.endObject()
        case .reclassified(let emergency, let complex, let reason):
            w.key("reclassified")
            w.beginObject()
            w.field("complex", complex)
            w.field("emergency", emergency)
            w.field("reason", reason)
            w.endObject()
        case .breachAcknowledged(let note):
            w.key("breachAcknowledged")
            w.beginObject()
            w.field("note", note)
            w.endObject()
        case .escalated(let to, let note):
            w.key("escalated")
            w.beginObject()
            w.field("note", note)
            w.field("to", to)
            w.endObject()
        }
        w.endObject()
        w.endObject()
        w.endObject()
        return w.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    private static func optional(_ k: StaticString, _ s: String?, _ w: inout JSONWriter) {
        if let s { w.field(k, s) }
    }

    private static func noteOnly(_ name: StaticString, _ note: String?, _ w: inout JSONWriter) {
        w.key(name)
        w.beginObject()
        optional("note", note, &w)
        w.endObject()
    }

    private static func reasonOnly(_ name: StaticString, _ reason: String, _ w: inout JSONWriter) {
        w.key(name)
        w.beginObject()
        w.field("reason", reason)
        w.endObject()
    }

    private static func write(_ o: ItemOpened, into w: inout JSONWriter) {
        w.beginObject()
        w.field("category", o.category)
        optional("channel", o.channel?.rawValue, &w)
        w.field("complex", o.complex)
        w.field("emergency", o.emergency)
        w.field("kind", o.kind.rawValue)
        w.key("limits")
        write(o.limits, into: &w)
        optional("location", o.location, &w)
        optional("owner", o.owner, &w)
        optional("phone", o.phone, &w)
        w.field("site", o.site)
        optional("source", o.source, &w)
        w.field("text", o.text)
        optional("unit", o.unit, &w)
        w.endObject()
    }

    private static func write(_ l: ClockLimits, into w: inout JSONWriter) {
        w.beginObject()
        w.field("backdateGrace", l.backdateGrace)
        w.field("complaintCallback", l.complaintCallback)
        w.field("complaintProgress", l.complaintProgress)
        w.field("complaintResponse", l.complaintResponse)
        w.field("complaintResponseEmergency", l.complaintResponseEmergency)
        w.field("complaintResult", l.complaintResult)
        w.key("dueSoonShare")
        w.exactDouble(l.dueSoonShare)
        w.field("enquiryAnswer", l.enquiryAnswer)
        w.field("repairAcknowledge", l.repairAcknowledge)
        w.field("repairAcknowledgeEmergency", l.repairAcknowledgeEmergency)
        w.field("repairOnSite", l.repairOnSite)
        w.field("repairResolution", l.repairResolution)
        w.endObject()
    }

    // MARK: reading

    /// The step a payload holds, or nil when the payload is anything else (another kind of
    /// event, or a shape this reader does not know: `JSONDecoder` then decides).
    public static func decode(_ payload: String) -> ItemEvent? { PlainJSON.read(payload).flatMap(step) }

    private static func step(_ v: PlainJSON.Value) -> ItemEvent? {
        guard let item = v.only("item"), let zero = item.only("_0"), case .object(let cases) = zero, cases.count == 1 else {
            return nil
        }
        let (name, body) = cases[0]
        guard case .object = body else { return nil }
        switch name {
        case "opened":
            guard let o = body.only("_0") else { return nil }
            return opened(o).map { .opened($0) }
        case "assigned":
            guard let to = body.string("to"), let note = body.optionalString("note") else { return nil }
            return .assigned(to: to, note: note)
        case "routed":
            guard let d = body.string("department"), let to = body.optionalString("to"), let note = body.optionalString("note")
            else { return nil }
            return .routed(department: d, to: to, note: note)
        case "responded": return body.optionalString("note").map { .responded(note: $0) }
        case "acknowledged": return body.optionalString("note").map { .acknowledged(note: $0) }
        case "arrived": return body.optionalString("note").map { .arrived(note: $0) }
        case "progressReported": return body.optionalString("note").map { .progressReported(note: $0) }
        case "resolved": return body.optionalString("note").map { .resolved(note: $0) }
        case "answered": return body.optionalString("note").map { .answered(note: $0) }
        case "closed": return body.optionalString("note").map { .closed(note: $0) }
        case "resumed": return body.optionalString("note").map { .resumed(note: $0) }
        case "calledBack":
            guard let r = body.int("rating"), let rating = Int(exactly: r), let note = body.optionalString("note") else { return nil }
            return .calledBack(rating: rating, note: note)
        case "reopened":
            guard let reason = body.string("reason"), let l = body["limits"], let limits = limits(l) else { return nil }
            return .reopened(reason: reason, limits: limits)
        case "paused": return body.string("reason").map { .paused(reason: $0) }
        case "voided": return body.string("reason").map { .voided(reason: $0) }
        case "edited":
            guard let field = body.string("field"), let reason = body.string("reason"), let from = body.optionalString("from"),
                let to = body.optionalString("to")
            else { return nil }
            return .edited(field: field, from: from, to: to, reason: reason)
        case "reclassified":
            guard let e = body.bool("emergency"), let c = body.bool("complex"), let reason = body.string("reason") else { return nil }
            return .reclassified(emergency: e, complex: c, reason: reason)
        case "breachAcknowledged": return body.string("note").map { .breachAcknowledged(note: $0) }
        case "escalated":
            guard let to = body.string("to"), let note = body.string("note") else { return nil }
            return .escalated(to: to, note: note)
        default: return nil
        }
    }

    private static func opened(_ v: PlainJSON.Value) -> ItemOpened? {
        guard let kindName = v.string("kind"), let kind = ItemKind(rawValue: kindName), let site = v.string("site"),
            let category = v.string("category"), let text = v.string("text"), let emergency = v.bool("emergency"),
            let complex = v.bool("complex"), let l = v["limits"], let limits = limits(l), let unit = v.optionalString("unit"),
            let location = v.optionalString("location"), let channelName = v.optionalString("channel"),
            let owner = v.optionalString("owner"), let phone = v.optionalString("phone"), let source = v.optionalString("source")
        else { return nil }
        var channel: Channel?
        if let name = channelName {
            guard let c = Channel(rawValue: name) else { return nil }
            channel = c
        }
        return ItemOpened(
            kind: kind, site: site, unit: unit, location: location, channel: channel, category: category, text: text, owner: owner,
            phone: phone, emergency: emergency, complex: complex, source: source, limits: limits)
    }

    private static func limits(_ v: PlainJSON.Value) -> ClockLimits? {
        guard case .object(let fields) = v, fields.count == 12, let share = v.double("dueSoonShare") else { return nil }
        var l = ClockLimits()
        l.dueSoonShare = share
        let slots: [(String, WritableKeyPath<ClockLimits, Int64>)] = [
            ("backdateGrace", \.backdateGrace), ("complaintCallback", \.complaintCallback),
            ("complaintProgress", \.complaintProgress), ("complaintResponse", \.complaintResponse),
            ("complaintResponseEmergency", \.complaintResponseEmergency), ("complaintResult", \.complaintResult),
            ("enquiryAnswer", \.enquiryAnswer), ("repairAcknowledge", \.repairAcknowledge),
            ("repairAcknowledgeEmergency", \.repairAcknowledgeEmergency), ("repairOnSite", \.repairOnSite),
            ("repairResolution", \.repairResolution),
        ]
        for (k, path) in slots {
            guard let n = v.int(k) else { return nil }
            l[keyPath: path] = n
        }
        return l
    }
}
/// Reading the store's own JSON without `Codable`, which costs a command its conformance
/// lookups (see `ItemEventJSON`, `SiteJSON`).
enum PlainJSON {
    /// A JSON value as read by `Reader`: enough to read the store's own JSON (an item's
    /// step, a site) without `Codable`, which costs a command its conformance lookups.
    indirect enum Value {
        case string(String)
        /// A number's text, as written.
        case number(String)
        case bool(Bool)
        case null
        case object([(String, Value)])
        case array([Value])

        subscript(_ key: String) -> Value? {
            guard case .object(let fields) = self else { return nil }
            return fields.first { $0.0 == key }?.1
        }

        /// The value of an object's one key.
        func only(_ key: String) -> Value? {
            guard case .object(let fields) = self, fields.count == 1, fields[0].0 == key else { return nil }
            return fields[0].1
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
                i += 1
                var fields: [(String, Value)] = []
                space()
                if i < buf.count, buf[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(fields)
                }
                while true {
                    space()
                    guard let k = string() else { return nil }
                    space()
                    guard i < buf.count, buf[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    // A key given twice is left to `JSONDecoder` to judge.
                    guard let v = value(depth: depth + 1), !fields.contains(where: { $0.0 == k }) else { return nil }
                    fields.append((k, v))
                    space()
                    guard i < buf.count else { return nil }
                    if buf[i] == UInt8(ascii: ",") {
                        i += 1
                    } else if buf[i] == UInt8(ascii: "}") {
                        i += 1
                        return .object(fields)
                    } else {
                        return nil
                    }
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [Value] = []
                space()
                if i < buf.count, buf[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items)
                }
                while true {
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                    space()
                    guard i < buf.count else { return nil }
                    if buf[i] == UInt8(ascii: ",") {
                        i += 1
                    } else if buf[i] == UInt8(ascii: "]") {
                        i += 1
                        return .array(items)
                    } else {
                        return nil
                    }
                }
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
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
