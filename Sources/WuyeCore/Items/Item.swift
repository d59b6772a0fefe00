/// The three kinds of owners' items the desk logs.
public enum ItemKind: String, Codable, Sendable, CaseIterable {
    case complaint, enquiry, repair

    public var letter: String {
        switch self {
        case .complaint: "C"
        case .enquiry: "E"
        case .repair: "R"
        }
    }

    public init?(letter: Character) {
        switch letter {
        case "C", "c": self = .complaint
        case "E", "e": self = .enquiry
        case "R", "r": self = .repair
        default: return nil
        }
    }

    /// Statuses an item of this kind can have, in lifecycle order.
    public var statuses: [ItemStatus] {
        switch self {
        case .complaint: [.received, .assigned, .responded, .resolved, .calledBack, .closed, .void]
        case .enquiry: [.received, .answered, .closed, .void]
        case .repair: [.received, .assigned, .acknowledged, .onSite, .resolved, .closed, .void]
        }
    }
}

public enum ItemStatus: String, Codable, Sendable, CaseIterable {
    case received, assigned, responded, acknowledged
    case onSite = "on_site"
    case answered, resolved
    case calledBack = "called_back"
    case closed, void
}

/// How an owner reached the desk.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case hotline, email, wechat
    case walkIn = "walk-in"
}

/// An id such as `C-1024`: a kind letter and a per-kind sequence.
public struct ItemID: Hashable, Sendable, CustomStringConvertible {
    public var kind: ItemKind
    public var number: Int64

    public init(kind: ItemKind, number: Int64) {
        self.kind = kind
        self.number = number
    }

    public init?(_ s: String) {
        let p = s.split(separator: "-", maxSplits: 1)
        guard p.count == 2, p[0].count == 1, let k = ItemKind(letter: p[0].first!),
            let n = Int64(p[1]), n > 0, String(n) == p[1]
        else { return nil }
        self.init(kind: k, number: n)
    }

    public var description: String { "\(kind.letter)-\(number)" }

    /// An id as typed (`c-9`) in the form it is stored and printed (`C-9`); anything that
    /// is not an item id is returned as it is.
    public static func canonical(_ s: String) -> String { ItemID(s)?.description ?? s }
}

/// A complaint, enquiry or repair with its clocks, as the domain computes it from its
/// events. This is what a projection row holds.
public struct Item: Codable, Sendable, Equatable {
    public var id: String
    public var kind: ItemKind
    public var site: String
    public var unit: String?
    public var location: String?
    public var channel: Channel?
    public var category: String
    public var text: String
    public var owner: String?
    public var phone: String?
    public var emergency: Bool
    public var complex: Bool
    public var status: ItemStatus
    public var paused: Bool
    public var pauseReason: String?
    public var pauseCount: Int
    public var cycle: Int
    public var assignee: String?
    /// The department it was sent to (a site department's id); the person, if any, is
    /// `assignee`. Nil when it was assigned straight to a person.
    public var department: String?
    public var openedAt: Instant
    public var resolvedAt: Instant?
    public var closedAt: Instant?
    public var rating: Int?
    public var voidReason: String?
    /// The checklist occurrence or patrol round a problem was found on.
    public var source: String?
    /// When the latest step happened: a new step may not be dated before it.
    public var lastAt: Instant
    public var limits: ClockLimits
    public var clocks: [ItemClock]

    public init(
        id: String, kind: ItemKind, site: String, unit: String?, location: String?, channel: Channel?,
        category: String, text: String, owner: String?, phone: String?, emergency: Bool, complex: Bool,
        status: ItemStatus, paused: Bool, pauseReason: String?, pauseCount: Int, cycle: Int, assignee: String?,
        openedAt: Instant, resolvedAt: Instant?, closedAt: Instant?, rating: Int?, voidReason: String?,
        source: String?, lastAt: Instant, limits: ClockLimits, clocks: [ItemClock]
    ) {
        self.id = id
        self.kind = kind
        self.site = site
        self.unit = unit
        self.location = location
        self.channel = channel
        self.category = category
        self.text = text
        self.owner = owner
        self.phone = phone
        self.emergency = emergency
        self.complex = complex
        self.status = status
        self.paused = paused
        self.pauseReason = pauseReason
        self.pauseCount = pauseCount
        self.cycle = cycle
        self.assignee = assignee
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.rating = rating
        self.voidReason = voidReason
        self.source = source
        self.lastAt = lastAt
        self.limits = limits
        self.clocks = clocks
    }

    public var isOpen: Bool { status != .closed && status != .void }

    public var currentClocks: [ItemClock] { clocks.filter { $0.cycle == cycle } }

    /// Breached when any clock of the current cycle is breached or missed.
    public func isBreached(at now: Instant) -> Bool {
        guard status != .void else { return false }
        for c in clocks where c.cycle == cycle {
            let s = c.state(at: now)
            if s == .breached || s == .missed { return true }
        }
        return false
    }

    /// The nearest deadline among the running, unpaused clocks of the current cycle.
    public var nextDeadline: Instant? {
        var best: Instant?
        for c in clocks where c.cycle == cycle && c.stoppedAt == nil {
            if let d = c.deadline, best == nil || d < best! { best = d }
        }
        return best
    }

    /// The clock to show first: the running one with the nearest deadline, else a paused one.
    /// (Called for every open item every second: no allocation.)
    public var leadClock: ItemClock? {
        var best: ItemClock?
        var paused: ItemClock?
        for c in clocks where c.cycle == cycle && c.stoppedAt == nil {
            if c.pausedAt != nil {
                if paused == nil { paused = c }
            } else if best == nil || c.nominalDeadline < best!.nominalDeadline {
                best = c
            }
        }
        return best ?? paused
    }

    /// Where it is: the unit, or the location for a common area.
    public var place: String { unit ?? location ?? "" }
}
