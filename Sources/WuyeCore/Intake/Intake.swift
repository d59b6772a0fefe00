/// The intake queue: owners' messages that came in by e-mail or another gateway, waiting
/// for a person at the desk to classify them. An entry is not yet a complaint: opening it
/// makes the item (linked back to it), discarding it says why not.
public struct IntakeEntry: Codable, Sendable, Equatable {
    /// `IN-12`: assigned at commit, never reused.
    public var id: String
    public var site: String
    public var channel: Channel
    /// Where it came from: `maildir`, `json`.
    public var gateway: String
    /// What makes it the same message twice: its Message-ID, or the gateway's own id, or
    /// a digest of its content when it has neither.
    public var key: String
    public var fromAddress: String?
    public var fromName: String?
    public var phone: String?
    public var subject: String?
    /// When the sender says it was sent (the Date header), if said.
    public var date: Instant?
    /// When it was taken in.
    public var received: Instant
    public var text: String
    /// The header block as it came (e-mail), kept with the item as the original.
    public var headers: String?
    public var attachments: [IntakeAttachment]
    public var state: IntakeState = .new
    /// The item it was opened as.
    public var item: String?
    public var reason: String?
    public var handledBy: String?
    public var handledAt: Instant?

    public init(
        id: String = "", site: String, channel: Channel, gateway: String, key: String, fromAddress: String? = nil,
        fromName: String? = nil, phone: String? = nil, subject: String? = nil, date: Instant? = nil, received: Instant,
        text: String, headers: String? = nil, attachments: [IntakeAttachment] = []
    ) {
        self.id = id
        self.site = site
        self.channel = channel
        self.gateway = gateway
        self.key = key
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.phone = phone
        self.subject = subject
        self.date = date
        self.received = received
        self.text = text
        self.headers = headers
        self.attachments = attachments
    }

    /// When the owner reached the company: the message's own date, unless that is later
    /// than its arrival (a sender's clock running fast) — clocks never start in the future.
    public var receivedAt: Instant {
        guard let date, date <= received else { return received }
        return date
    }

    /// Who sent it, as one line: `王芳 <wang@example.com>`.
    public var sender: String {
        switch (fromName, fromAddress) {
        case (let n?, let a?): "\(n) <\(a)>"
        case (nil, let a?): a
        case (let n?, nil): n
        case (nil, nil): phone ?? "?"
        }
    }

    /// The owner field of the item it opens: the sender's name and address when they fit,
    /// else the address alone.
    public var ownerField: String? {
        let full = sender
        if full.count <= TextLimits.owner, fromAddress != nil || fromName != nil { return full }
        if let a = fromAddress, a.count <= TextLimits.owner { return a }
        return fromName.map { String($0.prefix(TextLimits.owner)) }
    }

    /// The text an item opened from it starts with: the subject, then the message, cut at
    /// the item's limit (the whole message stays with the entry).
    public var itemText: String {
        var parts: [String] = []
        if let s = subject, !s.isEmpty, !text.hasPrefix(s) { parts.append(s) }
        if !text.isEmpty { parts.append(text) }
        let whole = parts.joined(separator: " — ").split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return whole.count <= TextLimits.text ? whole : String(whole.prefix(TextLimits.text - 1)) + "…"
    }

    /// The most a message's text keeps (a very long mail keeps its beginning).
    public static let textLimit = 20_000
}

public enum IntakeState: String, Codable, Sendable, CaseIterable {
    case new, opened, discarded
}

/// A file that came with a message: listed, never stored.
public struct IntakeAttachment: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var bytes: Int64

    public init(name: String, type: String, bytes: Int64) {
        self.name = name
        self.type = type
        self.bytes = bytes
    }
}

public enum IntakeEvent: Codable, Sendable, Equatable {
    case received(IntakeEntry)
    case opened(item: String)
    case discarded(reason: String)

    public var name: String {
        switch self {
        case .received: "intake.received"
        case .opened: "intake.opened"
        case .discarded: "intake.discarded"
        }
    }
}

public enum IntakeRules {
    /// The entry after an event about it (subject: its id).
    public static func apply(_ current: IntakeEntry?, _ e: IntakeEvent, actor: String, at: Instant) -> IntakeEntry? {
        switch e {
        case .received(let v): return v
        case .opened, .discarded:
            guard var v = current else { return nil }
            if case .opened(let item) = e { (v.state, v.item) = (.opened, item) }
            if case .discarded(let reason) = e { (v.state, v.reason) = (.discarded, reason) }
            (v.handledBy, v.handledAt) = (actor, at)
            return v
        }
    }
}
