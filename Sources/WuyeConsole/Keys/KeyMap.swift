import Foundation
import WuyeCore

/// What a key does, by a stable id that a key-map file can rebind.
public enum Action: String, CaseIterable, Sendable {
    case quit, help, redraw, back, open, filter, tick
    case moveUp = "move_up"
    case moveDown = "move_down"
    case pageUp = "page_up"
    case pageDown = "page_down"
    case top, bottom
    case nextPane = "next_pane"
    case prevPane = "prev_pane"
    case switchSite = "switch_site"
    /// Then c, e or r: a new complaint, enquiry or repair.
    case new
    /// The steps of the selected item (`ItemStep`), each a short form.
    case assign, respond, progress, resolve, callback, pause, close, reopen, void, edit
    /// Lock a shared desk: back to the sign-in.
    case lock
    /// Ctrl-F: find any item, open or closed.
    case search
    /// Take back the tick of the selected duty, with a reason.
    case untick
    /// The supervisor's breach board, the guard's patrol view, the shift's handover.
    case breaches, patrol, handover
    /// Look back: the board as it stood at a moment asked for (read-only).
    case asOf = "as_of"
    /// A supervisor's answers to a breach: acknowledge with a comment, escalate to a person.
    case ackBreach = "ack_breach"
    case escalate
    /// At the checkpoint just scanned: report a problem (opens a repair linked to it).
    case report
    /// Short forms: an owner's survey score, a training planned, attendance and scores.
    case survey
    case planTraining = "plan_training"
    case recordTraining = "record_training"
    /// The desk's new messages (e-mail and other gateways), each opened as an item.
    case messages
}

/// Keys to actions. The footer bar and the `?` help overlay are generated from the same
/// bindings, so what they say is what the keys do.
public struct KeyMap: Sendable {
    public private(set) var bindings: [Action: [Key]]

    public static let defaults: [Action: [Key]] = [
        .quit: [.char("q")], .help: [.char("?"), .function(1)], .redraw: [.ctrl("l")], .back: [.escape],
        .open: [.enter], .filter: [.char("/")], .tick: [.char(" ")], .moveUp: [.up, .char("k")], .moveDown: [.down, .char("j")],
        .pageUp: [.pageUp], .pageDown: [.pageDown], .top: [.home, .char("g")], .bottom: [.end, .char("G")],
        .nextPane: [.tab], .prevPane: [.backTab], .switchSite: [.char("s")], .new: [.char("n")],
        .assign: [.char("a")], .respond: [.char("r")], .progress: [.char("p")], .resolve: [.char("d")], .callback: [.char("c")],
        .pause: [.char("z")], .close: [.char("C")], .reopen: [.char("o")], .void: [.char("X")], .edit: [.char("e")], .lock: [.ctrl("x")],
        .search: [.ctrl("f")],
        .untick: [.char("u")],
        .breaches: [.char("b")], .patrol: [.char("P")], .handover: [.char("H")], .asOf: [.char("@")],
        .ackBreach: [.char("A")], .escalate: [.char("E")], .report: [.ctrl("r")],
        .survey: [.char("S")], .planTraining: [.char("T")], .recordTraining: [.char("m")],
        .messages: [.char("M")],
    ]

    public init(_ bindings: [Action: [Key]] = KeyMap.defaults) { self.bindings = bindings }

    public func action(for key: Key) -> Action? {
        for (a, keys) in bindings where keys.contains(key) { return a }
        return nil
    }

    public func keys(_ a: Action) -> [Key] { bindings[a] ?? [] }

    /// The label of an action's first key, for the footer (`q`, `Tab`, `F1`).
    public func label(_ a: Action) -> String { keys(a).first.map(KeyMap.name) ?? "" }

    /// The label of an action's first key that types nothing (for a screen whose field
    /// takes every printable key); empty when every key of the action types a character.
    public func label(typingNothing a: Action) -> String {
        keys(a).first { if case .char = $0 { false } else { true } }.map(KeyMap.name) ?? ""
    }

    public static func name(_ k: Key) -> String {
        switch k {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .function(let n): "F\(n)"
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .resize: "resize"
        case .paste: "paste"
        }
    }

    /// Reads a key name as written in a key-map file.
    public static func parseKey(_ s: String) -> Key? {
        switch s.lowercased() {
        case "space": return .char(" ")
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "s-tab", "backtab": return .backTab
        case "backspace", "bksp": return .backspace
        default: break
        }
        let lower = s.lowercased()
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter { return .ctrl(c) }
        if s.count == 1 { return .char(s.first!) }
        return nil
    }

    /// Reads a key-map file (`[keys]` action = ["key", …]); returns the map and the
    /// problems to report at start: unknown actions or keys, and keys bound twice.
    public static func load(_ text: String, file: String) -> (KeyMap, [String]) {
        var warnings: [String] = []
        var b = defaults
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            return (KeyMap(), ["key map \(file): \(error.description); using the default keys"])
        }
        var keysTable = table
        if case .table(let t)? = table["keys"] { keysTable = t }
        for name in keysTable.keys {
            guard let action = Action(rawValue: name) else {
                warnings.append("key map \(file): \(keysTable.position(of: name)): unknown action \(name)")
                continue
            }
            var list: [String] = []
            switch keysTable[name] {
            case .string(let s)?: list = [s]
            case .array(let a)? where a.allSatisfy({ if case .string = $0 { true } else { false } }):
                list = a.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default:
                warnings.append(
                    "key map \(file): \(keysTable.position(of: name)): \(name) must be a key or a list of keys, such as [\"x\", \"ctrl-x\"]"
                )
                continue
            }
            var keys: [Key] = []
            for k in list {
                if let key = parseKey(k) {
                    keys.append(key)
                } else {
                    warnings.append("key map \(file): \(keysTable.position(of: name)): unknown key '\(k)'")
                }
            }
            b[action] = keys
        }
        var seen: [Key: Action] = [:]
        for a in Action.allCases {
            for k in b[a] ?? [] {
                if let other = seen[k] {
                    warnings.append(
                        "key map \(file): \(name(k)) is bound to both \(other.rawValue) and \(a.rawValue); \(other.rawValue) keeps it")
                    b[a]?.removeAll { $0 == k }
                } else {
                    seen[k] = a
                }
            }
        }
        return (KeyMap(b), warnings)
    }
}
