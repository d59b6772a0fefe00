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
    /// The words of the lines, so that the console can say them in its language.
    public struct Words: Sendable {
        public var from = "from", subject = "subject", date = "date", received = "received", attached = "attached"
        public var noDate = "(none given)", noName = "(no name)", via = "via"
        public var new = "new", openedAs = "opened as", discarded = "discarded", by = "by"
        /// Each label is padded to this many columns.
        public var labelWidth = 10
        public init() {}
    }

    public static func lines(_ v: IntakeEntry, zone: Zone, headers: Bool = false, words w: Words = Words()) -> [String] {
        func label(_ s: String) -> String { DisplayWidth.fit(s, to: w.labelWidth) }
        var out = ["\(v.id)  \(v.channel.rawValue) \(w.via) \(v.gateway)  \(stateLine(v, words: w))"]
        out.append(label(w.from) + InertText.make(v.sender))
        if let s = v.subject { out.append(label(w.subject) + InertText.make(s)) }
        out.append(label(w.date) + (v.date.map { ISOFormat.string($0, in: zone) } ?? w.noDate))
        out.append(label(w.received) + ISOFormat.string(v.received, in: zone))
        for a in v.attachments {
            out.append(label(w.attached) + "\(InertText.make(a.name.isEmpty ? w.noName : a.name))  \(a.type)  \(size(a.bytes))")
        }
        out.append("")
        out += v.text.split(separator: "\n", omittingEmptySubsequences: false).map { InertText.make(String($0)) }
        if headers, let h = v.headers {
            out.append("")
            out += h.split(separator: "\n").map { InertText.make(String($0)) }
        }
        return out
    }

    public static func stateLine(_ v: IntakeEntry, words w: Words = Words()) -> String {
        let by = v.handledBy.map { " \(w.by) \($0)" } ?? ""
        switch v.state {
        case .new: return w.new
        case .opened: return "\(w.openedAs) \(v.item ?? "?")" + by
        case .discarded: return w.discarded + by + (v.reason.map { ": \(InertText.make($0))" } ?? "")
        }
    }

    public static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return "\(bytes / 1024 / 1024) MB"
    }
}
