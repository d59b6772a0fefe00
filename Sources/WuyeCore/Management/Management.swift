/// The plan's management measures (chapter 4) as records: owner-representative meetings,
/// corrective actions with a clock, the quarterly service-quality evaluation, repair
/// costs, and months closed for reporting.

/// An owner-representative meeting (业主代表会议, plan 4.1): who came, what the owners said,
/// one opinion at a time, and the corrective actions it decided.
public struct Meeting: Codable, Sendable, Equatable {
    public var id: String
    public var site: String
    public var at: Instant
    public var attendees: [String]
    public var notes: String
    public var opinions: [String]
    /// The corrective actions raised from it (their ids).
    public var actions: [String] = []

    public init(id: String, site: String, at: Instant, attendees: [String], notes: String, opinions: [String]) {
        self.id = id
        self.site = site
        self.at = at
        self.attendees = attendees
        self.notes = notes
        self.opinions = opinions
    }
}

/// Where a corrective action (整改) came from.
public enum ActionSourceKind: String, Codable, Sendable, CaseIterable {
    case meeting, evaluation, inspection, complaint, other
}

public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open, done, verified
}

/// A corrective action: an owner, a due date with a clock like the items' (due soon,
/// breached), and a status — open, done by its owner, verified by a supervisor.
public struct CorrectiveAction: Codable, Sendable, Equatable {
    public var id: String
    public var site: String
    public var title: String
    public var owner: String
    public var raisedAt: Instant
    public var due: Instant
    public var source: ActionSourceKind
    /// The meeting, evaluation, item or occurrence it came from.
    public var sourceRef: String?
    public var status: ActionStatus = .open
    public var doneAt: Instant?
    public var doneNote: String?
    public var verifiedAt: Instant?
    public var verifiedBy: String?
    public var verifyNote: String?
    /// The standards' due-soon share when it was raised.
    public var dueSoonShare: Double

    public init(
        id: String, site: String, title: String, owner: String, raisedAt: Instant, due: Instant, source: ActionSourceKind,
        sourceRef: String?, dueSoonShare: Double
    ) {
        self.id = id
        self.site = site
        self.title = title
        self.owner = owner
        self.raisedAt = raisedAt
        self.due = due
        self.source = source
        self.sourceRef = sourceRef
        self.dueSoonShare = dueSoonShare
    }

    /// Its clock, as an item clock's: running, due soon, breached until done; then met or
    /// missed (done by the due date or after).
    public func state(at now: Instant) -> ClockState {
        if let d = doneAt { return d <= due ? .met : .missed }
        if now > due { return .breached }
        let limit = due - raisedAt
        return Double(now - raisedAt) >= dueSoonShare * Double(limit) ? .dueSoon : .running
    }

    public var isOpen: Bool { status == .open }
}

/// The quarterly service-quality evaluation (plan 4.1): findings against the quarter's
/// figures, and the corrective actions raised from it.
public struct Evaluation: Codable, Sendable, Equatable {
    public var id: String
    public var site: String
    /// `2026Q4`.
    public var quarter: String
    public var at: Instant
    public var findings: [String]
    public var actions: [String] = []

    public init(id: String, site: String, quarter: String, at: Instant, findings: [String]) {
        self.id = id
        self.site = site
        self.quarter = quarter
        self.at = at
        self.findings = findings
    }
}

/// What a repair cost (plan 4.2, cost control), recorded when it is resolved.
public struct RepairCost: Codable, Sendable, Equatable {
    public var item: String
    public var site: String
    public var category: String
    public var at: Instant
    public var materials: Double
    public var labour: Double

    public init(item: String, site: String, category: String, at: Instant, materials: Double, labour: Double) {
        self.item = item
        self.site = site
        self.category = category
        self.at = at
        self.materials = materials
        self.labour = labour
    }

    public var total: Double { materials + labour }
}

/// A month frozen for reporting: nothing may be back-dated or imported into it.
public struct PeriodClosing: Codable, Sendable, Equatable {
    /// `2026-11`.
    public var month: String
    public var at: Instant
    public var by: String
    /// The month's end at the site whose month ends first: what happened before then
    /// belongs to a closed month.
    public var until: Instant

    public init(month: String, at: Instant, by: String, until: Instant) {
        self.month = month
        self.at = at
        self.by = by
        self.until = until
    }
}

/// The journal's events of these records.
public enum ManagementEvent: Codable, Sendable, Equatable {
    case meetingHeld(Meeting)
    case actionRaised(CorrectiveAction)
    case actionDone(note: String?)
    case actionVerified(note: String?)
    case evaluationRecorded(Evaluation)
    case repairCosted(RepairCost)
    case periodClosed(PeriodClosing)

    public var name: String {
        switch self {
        case .meetingHeld: "meeting.held"
        case .actionRaised: "action.raised"
        case .actionDone: "action.done"
        case .actionVerified: "action.verified"
        case .evaluationRecorded: "evaluation.recorded"
        case .repairCosted: "repair.costed"
        case .periodClosed: "period.closed"
        }
    }
}

/// The rules of the management records: pure, like the items' decider.
public enum ManagementRules {
    /// Raising a corrective action: a title, an owner on duty at its site, a due date to come.
    public static func raise(
        _ a: CorrectiveAction, owner: Staff, actor: Staff, now: Instant
    ) throws(WuyeError) -> CorrectiveAction {
        try Permissions.requireSupervisor(actor, "raise corrective actions")
        if a.title.trimmingSpaces.isEmpty { throw .badInput("say what is to be put right; the title is empty") }
        guard owner.active else { throw .refused("\(owner.id) is no longer active; give the action to someone on duty") }
        if let s = owner.site, s != a.site { throw .refused("\(owner.id) works at \(s), not at \(a.site)") }
        if a.due <= now { throw .badInput("the due date must be still to come") }
        return a
    }

    /// Done by its owner (or a supervisor); verified by a supervisor once done.
    public static func done(_ a: CorrectiveAction, actor: Staff, at: Instant) throws(WuyeError) -> ManagementEvent {
        guard a.status == .open else { throw .refused("\(a.id) is \(a.status.rawValue) already") }
        guard actor.id == a.owner || actor.role == .supervisor else {
            throw .refused("\(a.id) is \(a.owner)'s; its owner or a supervisor marks it done")
        }
        if at < a.raisedAt { throw .refused("\(a.id) was raised after that time") }
        return .actionDone(note: nil)
    }

    public static func verify(_ a: CorrectiveAction, actor: Staff) throws(WuyeError) {
        try Permissions.requireSupervisor(actor, "verify corrective actions")
        switch a.status {
        case .open: throw .refused("\(a.id) is not done yet; its owner marks it done first")
        case .verified: throw .refused("\(a.id) is verified already")
        case .done: break
        }
    }

    /// An action after an event.
    public static func apply(_ a: CorrectiveAction?, _ e: ManagementEvent, at: Instant, actor: String) -> CorrectiveAction? {
        switch e {
        case .actionRaised(let new): return new
        case .actionDone(let note):
            guard var a else { return nil }
            a.status = .done
            a.doneAt = at
            a.doneNote = note
            return a
        case .actionVerified(let note):
            guard var a else { return nil }
            a.status = .verified
            a.verifiedAt = at
            a.verifiedBy = actor
            a.verifyNote = note
            return a
        default: return a
        }
    }

    /// A month (`YYYY-MM`), read as every period is (`Period.parse`).
    public static func month(_ s: String) throws(WuyeError) -> Period {
        guard let p = Period.parse(month: s) else { throw .badInput("a month is written YYYY-MM, such as 2026-11; got '\(s)'") }
        return p
    }

    /// A quarter (`YYYYQn`).
    public static func quarter(_ s: String) throws(WuyeError) -> Period {
        guard let p = Period.parse(quarter: s) else { throw .badInput("a quarter is written YYYYQn, such as 2026Q4; got '\(s)'") }
        return p
    }
}
