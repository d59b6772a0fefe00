import WuyeCore

public enum PaneID: Int, CaseIterable, Sendable {
    case items, checklist, repairs
}

/// What the user has done to the view: focus, selections, filters, overlays, messages,
/// and clocks whose crossing into due soon / breached nobody has looked at yet.
public struct UIState: Sendable {
    public enum Overlay: Sendable, Equatable {
        case help
        case detail(id: String, scroll: Int)
    }

    /// Which screen fills the console: the desk's board, the guard's patrol, the
    /// supervisor's breach board, or the shift's handover.
    public enum Screen: Sendable, Equatable {
        case board, patrol, breaches, handover
        /// The desk's new messages: the intake queue.
        case messages
    }
    public var screen: Screen = .board
    /// The guard's scan field: takes every printable key (a scanner types like a keyboard).
    public var scanField = TextField(limit: 64)
    /// The last checkpoint scanned from this console (for "report a problem"), and what the
    /// last scan said: a confirmation or the reason it was refused.
    public var lastScan: Scan?
    public var scanResult: (text: String, ok: Bool, at: Instant)?
    /// The selected row of the breach board, and the handover's lines and scroll.
    public var breachSelection = 0
    public var handover: [String] = []
    public var handoverScroll = 0
    /// The selected message of the messages screen, and the message a pending `n` opens.
    public var messageSelection = 0
    public var fromMessage: String?

    public var focus: PaneID = .items
    public var selection: [PaneID: Int] = [:]
    public var scroll: [PaneID: Int] = [:]
    public var filter: [PaneID: String] = [:]
    public var editingFilter = false
    public var overlay: Overlay?
    /// nil: all sites.
    public var site: String?
    public var message: String?
    public var messageIsError = false
    public var messageUntil = Instant(seconds: 0)
    public var alerts: Set<String> = []
    public var lastStates: [String: ClockState] = [:]
    public var detailEvents: [Event] = []
    /// The message the item in the detail was opened from, if any.
    public var detailOriginal: IntakeEntry?
    /// The item shown in the detail, kept when it leaves the open list (closed meanwhile).
    public var detailItem: Item?
    public var bell = true
    /// Set when the console shows the store as it stood at a past instant (read-only).
    public var asOf: Instant?
    /// What saving a form does.
    public enum FormPurpose: Sendable, Equatable {
        /// Who is at this desk: staff id, and a PIN where one is set.
        case signIn
        case new(ItemKind)
        case step(ItemStep, id: String)
        /// Taking back the tick of a duty (the occurrence id).
        case untick(String)
        /// A repair reported at a checkpoint just scanned (the round's id and the code).
        case problem(round: String, code: String)
        /// A moment to look back at (the board as it stood then).
        case asOf
        /// An owner's survey score; a training planned; attendance or a score recorded.
        case survey, planTraining, recordTraining
        /// A new item from a queued message (its id); a message set aside, with the reason.
        case fromMessage(ItemKind, message: String)
        case discardMessage(String)

        /// Saving makes a new item (selected on the board afterwards).
        public var opensItem: Bool {
            switch self {
            case .new, .fromMessage: true
            default: false
            }
        }
    }

    /// The form being filled in, and what saving it does.
    public var form: Form?
    public var formPurpose: FormPurpose?
    /// `n` was pressed: the next key says what to open (c, e or r).
    public var pendingNew = false
    /// Ctrl-F: what is typed, what it finds (any item, open or closed), which is chosen.
    public struct Search: Sendable {
        public var field = TextField(limit: 64)
        public var results: [Item] = []
        public var selected = 0
        public var searched = ""
    }
    public var search: Search?

    public init() {}

    public func selected(_ p: PaneID) -> Int { selection[p] ?? 0 }

    /// Whether the console speaks Chinese: then a message from the rules and the store
    /// (which speak English) is said through `ChineseMessages`.
    public var chinese = false

    /// `text` in the console's language.
    public func said(_ text: String) -> String { chinese ? ChineseMessages.say(text) : text }

    public mutating func say(_ text: String, error: Bool = false, now: Instant) {
        message = said(text)
        messageIsError = error
        messageUntil = now + 6
    }
}
