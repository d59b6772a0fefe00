/// A queued message in JSON (`wuye intake list --json`, `intake show --json`): every field
/// is in docs/data-format.md.
public enum IntakeJSON {
    public static func write(_ v: IntakeEntry, zone: Zone, into w: inout JSONWriter, headers: Bool = false) {
        w.beginObject()
        w.field("id", v.id)
        w.field("site", v.site)
        w.field("state", v.state.rawValue)
        w.field("channel", v.channel.rawValue)
        w.field("gateway", v.gateway)
        w.field("key", v.key)
        w.field("from", v.fromAddress)
        w.field("name", v.fromName)
        w.field("phone", v.phone)
        w.field("subject", v.subject)
        w.field("date", v.date, zone: zone)
        w.field("received", v.received, zone: zone)
        w.field("received_at", v.receivedAt, zone: zone)
        w.field("text", v.text)
        w.key("attachments")
        w.beginArray()
        for a in v.attachments {
            w.beginObject()
            w.field("name", a.name)
            w.field("type", a.type)
            w.field("bytes", a.bytes)
            w.endObject()
        }
        w.endArray()
        w.field("item", v.item)
        w.field("reason", v.reason)
        w.field("handled_by", v.handledBy)
        w.field("handled_at", v.handledAt, zone: zone)
        if headers { w.field("headers", v.headers) }
        w.endObject()
    }
}

/// A queued message as lines of text: `intake show`, an item's original message, the
/// console's message view.
public enum IntakeText {
    public static func lines(_ v: IntakeEntry, zone: Zone, headers: Bool = false) -> [String] {
        var out = ["\(v.id)  \(v.channel.rawValue) via \(v.gateway)  \(stateLine(v))"]
        out.append("from      \(InertText.make(v.sender))")
        if let s = v.subject { out.append("subject   \(InertText.make(s))") }
        out.append("date      \(v.date.map { ISOFormat.string($0, in: zone) } ?? "(none given)")")
        out.append("received  \(ISOFormat.string(v.received, in: zone))")
        for a in v.attachments {
            out.append("attached  \(InertText.make(a.name.isEmpty ? "(no name)" : a.name))  \(a.type)  \(size(a.bytes))")
        }
        out.append("")
        out += v.text.split(separator: "\n", omittingEmptySubsequences: false).map { InertText.make(String($0)) }
        if headers, let h = v.headers {
            out.append("")
            out += h.split(separator: "\n").map { InertText.make(String($0)) }
        }
        return out
    }

    public static func stateLine(_ v: IntakeEntry) -> String {
        switch v.state {
        case .new: "new"
        case .opened: "opened as \(v.item ?? "?")" + (v.handledBy.map { " by \($0)" } ?? "")
        case .discarded: "discarded" + (v.handledBy.map { " by \($0)" } ?? "") + (v.reason.map { ": \(InertText.make($0))" } ?? "")
        }
    }

    public static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes / 1024 / 1024) MB"
    }
}
