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
        let name = cases[0].name
        let body = cases[0].value
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
