/// What someone asks to do to an item.
public enum ItemCommand: Sendable {
    case open(ItemOpened)
    /// To a person, to a department (then, optionally, a person of it), or both.
    case assign(to: Staff?, department: SiteDepartment? = nil, note: String?)
    /// Complaint: first response. Repair: the technician responds on site.
    case respond(note: String?)
    case acknowledge(note: String?)
    case progress(note: String?)
    case resolve(note: String?)
    case answer(note: String?)
    case callback(rating: Int, note: String?)
    case close(note: String?)
    case reopen(reason: String)
    case pause(reason: String)
    case resume(note: String?)
    case void(reason: String)
    case edit(field: String, value: String?, reason: String)
    case reclassify(emergency: Bool?, complex: Bool?, reason: String)
    /// A supervisor answering a breach: seen, with a comment (no clock changes).
    case acknowledgeBreach(note: String)
    /// A supervisor handing a breach up to someone, with a note.
    case escalate(to: Staff, note: String)

    public var verb: String {
        switch self {
        case .open: "open"
        case .assign: "assign"
        case .respond: "respond"
        case .acknowledge: "ack"
        case .progress: "progress"
        case .resolve: "resolve"
        case .answer: "answer"
        case .callback: "callback"
        case .close: "close"
        case .reopen: "reopen"
        case .pause: "pause"
        case .resume: "resume"
        case .void: "void"
        case .edit: "edit"
        case .reclassify: "edit"
        case .acknowledgeBreach: "acknowledge a breach on"
        case .escalate: "escalate"
        }
    }
}

/// Everything a decision needs besides the item: who, when, under which standards, where.
public struct Decision: Sendable {
    public var actor: Staff
    /// The real present.
    public var now: Instant
    /// When the step happened (`--at`), not after `now`.
    public var at: Instant
    public var standards: Standards
    public var site: Site

    public init(actor: Staff, now: Instant, at: Instant, standards: Standards, site: Site) {
        self.actor = actor
        self.now = now
        self.at = at
        self.standards = standards
        self.site = site
    }
}
