/// What a clock measures; the contract's names.
public enum ClockKind: String, Codable, Sendable, CaseIterable {
    case response, result, progress, callback, answer, acknowledge
    case onSite = "on_site"
    case resolution

    /// Response, acknowledge and answer clocks never pause: the first contact does not
    /// wait on the owner.
    public var pausable: Bool {
        switch self {
        case .response, .acknowledge, .answer: false
        default: true
        }
    }
}

public enum ClockState: String, Codable, Sendable, CaseIterable {
    case running
    case dueSoon = "due_soon"
    case breached, paused, met, missed

    public var isStopped: Bool { self == .met || self == .missed }
}

/// One countdown on an item. Its deadline is an absolute instant derived from when it
/// started, its limit and the time spent paused; what remains is always derived from "now".
public struct ItemClock: Codable, Sendable, Equatable {
    public var kind: ClockKind
    public var cycle: Int
    public var startedAt: Instant
    public var limit: Int64
    public var dueSoonShare: Double
    public var pausedAt: Instant?
    public var pausedTotal: Int64 = 0
    public var stoppedAt: Instant?
    /// Stopped by a step recorded well after it happened (`--at` in the past).
    public var backdated = false
    /// Stopped without the duty done (the item was closed or voided first): counts as missed.
    public var abandoned = false
    /// For a callback clock: the owner's rating given when it stopped.
    public var rating: Int?

    public init(kind: ClockKind, cycle: Int, startedAt: Instant, limit: Int64, dueSoonShare: Double) {
        self.kind = kind
        self.cycle = cycle
        self.startedAt = startedAt
        self.limit = limit
        self.dueSoonShare = dueSoonShare
    }

    public var isStopped: Bool { stoppedAt != nil }
    public var isPaused: Bool { pausedAt != nil && stoppedAt == nil }
    public var isRunning: Bool { stoppedAt == nil }

    /// The deadline in force; nil while paused (the remainder is frozen).
    public var deadline: Instant? {
        if isPaused { return nil }
        return startedAt + limit + pausedTotal
    }

    /// The deadline the clock had, ignoring a current pause (for stopped clocks and history).
    public var nominalDeadline: Instant { startedAt + limit + pausedTotal }

    public func state(at now: Instant) -> ClockState {
        if let stop = stoppedAt {
            return !abandoned && stop <= nominalDeadline ? .met : .missed
        }
        if let p = pausedAt {
            _ = p
            return .paused
        }
        let d = nominalDeadline
        if now > d { return .breached }
        let elapsed = now - startedAt - pausedTotal
        if Double(elapsed) >= dueSoonShare * Double(limit) { return .dueSoon }
        return .running
    }

    /// Whole seconds left (negative once breached). Frozen while paused; for a stopped
    /// clock, what was left when it stopped.
    public func remaining(at now: Instant) -> Int64 {
        if let stop = stoppedAt { return nominalDeadline - stop }
        if let p = pausedAt { return nominalDeadline - p }
        return nominalDeadline - now
    }

    mutating func pause(at t: Instant) {
        // A clock already past its deadline stays breached: a pause never hides a breach.
        guard stoppedAt == nil, pausedAt == nil, kind.pausable, t <= nominalDeadline else { return }
        pausedAt = t
    }

    mutating func resume(at t: Instant) {
        guard stoppedAt == nil, let p = pausedAt else { return }
        pausedTotal += max(0, t - p)
        pausedAt = nil
    }

    mutating func stop(at t: Instant, backdated: Bool, abandoned: Bool = false) {
        guard stoppedAt == nil else { return }
        resume(at: t)
        stoppedAt = t
        self.backdated = backdated
        self.abandoned = abandoned
    }
}
