import WuyeCore
import WuyeReports

/// Everything on screen, drawn from the board, the view state and now into a grid.
/// Pure: the same inputs give the same cells, which is what the tests compare.
public struct ConsoleView {
    public var board: Board
    public var ui: UIState
    public var theme: Theme
    public var strings: Strings
    public var keys: KeyMap
    public var now: Instant
    /// The store stopped being usable: the screen is frozen at `now` and says so.
    public var stale = false
    /// The breach board's table as the app keeps it, brought to `now` (worked out here when
    /// not given).
    public var breaches: BreachTable?

    public init(board: Board, ui: UIState, theme: Theme, strings: Strings, keys: KeyMap, now: Instant) {
        self.board = board
        self.ui = ui
        self.theme = theme
        self.strings = strings
        self.keys = keys
        self.now = now
    }

    public static let minWidth = 80
    public static let minHeight = 24

    /// Where each part goes. Larger terminals give their extra room to the lists.
    public struct Layout: Equatable, Sendable {
        public var header: Rect
        public var items: Rect
        public var checklist: Rect
        public var repairs: Rect
        public var figures: Rect
        public var footer: Rect

        public func rect(_ p: PaneID) -> Rect {
            switch p {
            case .items: items
            case .checklist: checklist
            case .repairs: repairs
            }
        }
    }

    public static func layout(width w: Int, height h: Int) -> Layout? {
        guard w >= minWidth, h >= minHeight else { return nil }
        let paneRows = h - 5
        let itemsH = max(8, paneRows * 11 / 20)
        let bottomH = paneRows - itemsH
        let leftW = w >= 120 ? w * 11 / 20 : w / 2
        return Layout(
            header: Rect(x: 0, y: 0, width: w, height: 1),
            items: Rect(x: 0, y: 1, width: w, height: itemsH),
            checklist: Rect(x: 0, y: 1 + itemsH, width: leftW, height: bottomH),
            repairs: Rect(x: leftW + 1, y: 1 + itemsH, width: w - leftW - 1, height: bottomH),
            figures: Rect(x: 0, y: h - 4, width: w, height: 3),
            footer: Rect(x: 0, y: h - 1, width: w, height: 1))
    }

    public func render(into g: inout CellGrid) {
        g.glyphs = theme.glyphs
        g.fill(Rect(x: 0, y: 0, width: g.width, height: g.height))
        guard let l = ConsoleView.layout(width: g.width, height: g.height) else {
            let msg = strings["too_small"]
            let w = DisplayWidth.of(msg)
            if g.height > 0 {
                g.put(DisplayWidth.truncate(msg, to: g.width), x: max(0, (g.width - w) / 2), y: g.height / 2, style: theme["alert"])
            }
            return
        }
        header(&g, l.header)
        if ui.formPurpose == .signIn, let f = ui.form {
            // A locked desk shows nothing but who may sign in.
            form(&g, f)
            g.put(strings["signin.hint"], x: 1, y: g.height - 1, maxWidth: g.width - 2, style: theme["footer"])
            return
        }
        let main = Rect(x: 0, y: 1, width: g.width, height: g.height - 2)
        switch ui.screen {
        case .board:
            items(&g, l.items)
            checklist(&g, l.checklist)
            // A thin divider between the two bottom panes.
            for y in l.repairs.y..<(l.repairs.y + l.repairs.height) { g.put("│", x: l.repairs.x - 1, y: y, style: theme["border"]) }
            repairs(&g, l.repairs)
            figures(&g, l.figures)
        case .patrol: patrol(&g, main)
        case .breaches: breachBoard(&g, main)
        case .handover: handoverScreen(&g, main)
        case .messages: messagesScreen(&g, main)
        }
        footer(&g, l.footer)
        switch ui.overlay {
        case .help?: help(&g)
        case .detail(let id, let scroll)?: detail(&g, id: id, scroll: scroll)
        case nil: break
        }
        if let f = ui.form { form(&g, f) }
        if let s = ui.search { search(&g, s) }
    }

    // MARK: what every pane shares

    /// A pane's title rule; returns the rows left for its list.
    func title(_ g: inout CellGrid, _ r: Rect, _ text: String, pane: PaneID) -> Rect {
        let focused = ui.focus == pane && ui.overlay == nil
        g.put(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: theme[focused ? "border.focus" : "border"])
        var label = (focused ? "▶ " : " ") + text + " "
        if let f = ui.filter[pane], !f.isEmpty { label += "[/\(f)] " }
        g.put(label, x: r.x + 1, y: r.y, maxWidth: r.width - 2, style: theme[focused ? "title.focus" : "title"])
        return Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
    }

    /// Starts a list row: whether it is the focused pane's selection, and the style its
    /// text takes (the selection's, with the whole row filled, or plain text).
    func row(_ g: inout CellGrid, _ body: Rect, y: Int, pane: PaneID, isSelection: Bool) -> (Bool, Style) {
        let selected = ui.focus == pane && isSelection && ui.overlay == nil
        let base = selected ? theme["selection"] : theme["text"]
        if selected { g.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: base) }
        return (selected, base)
    }

    /// The first row shown so that the selection is visible.
    static func offset(selected: Int, count: Int, rows: Int) -> Int {
        guard rows > 0, count > rows else { return 0 }
        return min(max(0, selected - rows + 1), count - rows)
    }

    func clockStyle(_ s: ClockState) -> Style {
        switch s {
        case .running: theme["clock.ok"]
        case .dueSoon: theme["clock.due_soon"]
        case .breached, .missed: theme["clock.breached"]
        case .paused: theme["clock.paused"]
        case .met: theme["clock.met"]
        }
    }

    // MARK: overlays

    func box(_ g: inout CellGrid, _ r: Rect, title: String) {
        let s = theme["help"]
        g.fill(r, style: s)
        g.put("┌" + String(repeating: "─", count: max(0, r.width - 2)) + "┐", x: r.x, y: r.y, style: theme["border.focus"])
        for y in (r.y + 1)..<(r.y + r.height - 1) {
            g.put("│", x: r.x, y: y, style: theme["border.focus"])
            g.put("│", x: r.x + r.width - 1, y: y, style: theme["border.focus"])
        }
        g.put("└" + String(repeating: "─", count: max(0, r.width - 2)) + "┘", x: r.x, y: r.y + r.height - 1, style: theme["border.focus"])
        g.put(" " + title + " ", x: r.x + 2, y: r.y, maxWidth: r.width - 4, style: theme["title.focus"])
    }
}
