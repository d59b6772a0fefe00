/// One entry of the journal: what happened, to what, when, by whom, and when it was
/// recorded. Events are never changed or removed.
public struct Event: Sendable, Equatable {
    /// Position in the journal, assigned when it is appended (0 before).
    public var seq: Int64
    /// When it happened (`--at`, default now).
    public var at: Instant
    /// When it was recorded.
    public var recorded: Instant
    /// The staff id of who did it.
    public var actor: String
    /// What it is about: an item id (`C-12`), `site:jinxiu`, `staff:desk-li`, `standards` …
    public var subject: String
    public var body: EventBody

    public init(seq: Int64 = 0, at: Instant, recorded: Instant, actor: String, subject: String, body: EventBody) {
        self.seq = seq
        self.at = at
        self.recorded = recorded
        self.actor = actor
        self.subject = subject
        self.body = body
    }

    /// Recorded well after it happened: a breach could hide behind such a step, so it is shown.
    public func isBackdated(grace: Int64) -> Bool { recorded - at > grace }
}

/// What an event says. Encoded as JSON in the journal (`{"item":{"responded":{…}}}`).
public enum EventBody: Codable, Sendable, Equatable {
    case item(ItemEvent)
    case siteDefined(Site)
    case staffSaved(Staff)
    case standardsLoaded(Standards, source: String?)
    case demoMarked
    case checklistTicked(Tick)
    /// A tick taken back, with the reason (subject: the occurrence).
    case checklistUnticked(occurrence: String, reason: String)
    case patrolScanned(Scan)
    case training(TrainingEvent)
    case surveyRecorded(Survey)
    /// Meetings, corrective actions, evaluations, repair costs, closed months.
    case management(ManagementEvent)
    /// Notices of `wuye watch`: recorded once, then delivered or failed.
    case notice(NoticeEvent)
    /// A PIN set or cleared, or a sign-in with it (subject `staff:ID`).
    case pin(PinEvent)
    /// The intake queue: a message taken in, opened as an item, or discarded (subject: its id).
    case intake(IntakeEvent)

    /// A short dotted name for the journal's `type` column and `wuye log`.
    public var typeName: String {
        switch self {
        case .item(let e): "item.\(e.name)"
        case .siteDefined: "site.defined"
        case .staffSaved: "staff.saved"
        case .standardsLoaded: "standards.loaded"
        case .demoMarked: "store.demo"
        case .checklistTicked: "checklist.ticked"
        case .checklistUnticked: "checklist.unticked"
        case .patrolScanned: "patrol.scanned"
        case .training(let e):
            switch e {
            case .planned: "training.planned"
            case .attended: "training.attended"
            case .scored: "training.scored"
            }
        case .surveyRecorded: "survey.recorded"
        case .management(let m): m.name
        case .notice(let n): n.name
        case .intake(let v): v.name
        case .pin(let p):
            switch p {
            case .set: "staff.pin_set"
            case .cleared: "staff.pin_cleared"
            case .refused: "staff.pin_refused"
            case .accepted: "staff.signed_in"
            }
        }
    }
}

/// The steps of an item's life.
public enum ItemEvent: Codable, Sendable, Equatable {
    case opened(ItemOpened)
    case assigned(to: String, note: String?)
    /// Sent to a department, and to a person of it or to nobody yet (who then takes it).
    case routed(department: String, to: String?, note: String?)
    case responded(note: String?)
    case acknowledged(note: String?)
    case arrived(note: String?)
    case progressReported(note: String?)
    case resolved(note: String?)
    case answered(note: String?)
    case calledBack(rating: Int, note: String?)
    case closed(note: String?)
    case reopened(reason: String, limits: ClockLimits)
    case paused(reason: String)
    case resumed(note: String?)
    case voided(reason: String)
    case edited(field: String, from: String?, to: String?, reason: String)
    case reclassified(emergency: Bool, complex: Bool, reason: String)
    /// A supervisor saw a breach and said what is being done.
    case breachAcknowledged(note: String)
    /// A breach handed up to a person, with a note.
    case escalated(to: String, note: String)

    public var name: String {
        switch self {
        case .opened: "opened"
        case .assigned: "assigned"
        case .routed: "routed"
        case .responded: "responded"
        case .acknowledged: "acknowledged"
        case .arrived: "arrived"
        case .progressReported: "progress"
        case .resolved: "resolved"
        case .answered: "answered"
        case .calledBack: "called_back"
        case .closed: "closed"
        case .reopened: "reopened"
        case .paused: "paused"
        case .resumed: "resumed"
        case .voided: "voided"
        case .edited: "edited"
        case .reclassified: "reclassified"
        case .breachAcknowledged: "breach_acknowledged"
        case .escalated: "escalated"
        }
    }
}

/// Everything known when an item is opened, with the limits in force then.
public struct ItemOpened: Codable, Sendable, Equatable {
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
    public var source: String?
    public var limits: ClockLimits

    public init(
        kind: ItemKind, site: String, unit: String? = nil, location: String? = nil, channel: Channel? = nil,
        category: String = "", text: String, owner: String? = nil, phone: String? = nil, emergency: Bool = false,
        complex: Bool = false, source: String? = nil, limits: ClockLimits
    ) {
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
        self.source = source
        self.limits = limits
    }
}
