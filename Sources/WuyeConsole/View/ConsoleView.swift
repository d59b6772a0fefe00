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
        items(&g, l.items)
        checklist(&g, l.checklist)
        // A thin divider between the two bottom panes.
        for y in l.repairs.y..<(l.repairs.y + l.repairs.height) { g.put("│", x: l.repairs.x - 1, y: y, style: theme["border"]) }
        repairs(&g, l.repairs)
        figures(&g, l.figures)
        footer(&g, l.footer)
        switch ui.overlay {
        case .help?: help(&g)
        case .detail(let id, let scroll)?: detail(&g, id: id, scroll: scroll)
        case nil: break
        }
        if let f = ui.form { form(&g, f) }
        if let s = ui.search { search(&g, s) }
    }

    // MARK: header and footer

    func header(_ g: inout CellGrid, _ r: Rect) {
        let style = theme["header"]
        g.fill(r, style: style)
        let zone = ui.site.map(board.zone) ?? board.sites.first?.zone ?? .utc
        let siteName = ui.site.flatMap { id in board.sites.first { $0.id == id }.map { "\($0.name) (\($0.id))" } } ?? strings["all_sites"]
        let who = board.actor.map { "\($0.name) \($0.role.label)" } ?? strings["not_signed_in"]
        let l = zone.local(now)
        let weekday =
            strings.lang == .zh
            ? ["一", "二", "三", "四", "五", "六", "日"][l.date.isoWeekday - 1]
            : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][l.date.isoWeekday - 1]
        let clock = "\(l.date) \(weekday) \(ISOFormat.clock(now, in: zone)):\(l.second < 10 ? "0" : "")\(l.second)"
        var left = " Wuye 物业 │ \(siteName) │ \(who)"
        let right = clock + " "
        // Badges before the clock: looking at the past, the demo property.
        let badges =
            (stale ? [strings["stale"]] : []) + (ui.asOf != nil ? [strings["as_of"]] : []) + (board.demo ? [strings["demo"]] : [])
        let badgeText = badges.map { " \($0) " }.joined(separator: " ")
        let badgeW = badges.isEmpty ? 0 : DisplayWidth.of(badgeText) + 1
        let room = r.width - DisplayWidth.of(right) - badgeW - 1
        left = DisplayWidth.truncate(left, to: room)
        g.put(left, x: r.x, y: r.y, style: style)
        var x = r.x + r.width - DisplayWidth.of(right) - badgeW
        for b in badges {
            g.put(" \(b) ", x: x, y: r.y, style: theme["header.demo"])
            x += DisplayWidth.of(b) + 3
        }
        g.put(right, x: r.x + r.width - DisplayWidth.of(right), y: r.y, style: style)
    }

    /// The footer: the keys that work here, from the same bindings as the help.
    public func footerHints() -> [(String, String)] {
        let actions: [Action] =
            ui.overlay != nil
            ? [.back, .moveDown, .moveUp, .quit]
            : [.quit, .help, .new, .nextPane, .open, .filter, .tick, .switchSite, .redraw]
        return actions.compactMap { a in
            let k = keys.label(a)
            return k.isEmpty ? nil : (k, strings["action.\(a.rawValue)"])
        }
    }

    func footer(_ g: inout CellGrid, _ r: Rect) {
        g.fill(r, style: theme["footer"])
        var x = r.x
        if ui.editingFilter {
            let text = " / \(strings["filter"]): \(ui.filter[ui.focus] ?? "")▏  Enter ✓  Esc ✗"
            g.put(text, x: x, y: r.y, maxWidth: r.width, style: theme["message"])
            return
        }
        if let m = ui.message, now < ui.messageUntil {
            x += g.put(" " + m + " ", x: x, y: r.y, maxWidth: r.width, style: theme[ui.messageIsError ? "alert" : "message"]) + 1
        }
        for (k, label) in footerHints() {
            let need = DisplayWidth.of(k) + DisplayWidth.of(label) + 3
            if x + need > r.x + r.width { break }
            x += g.put(" " + k, x: x, y: r.y, style: theme["footer.key"])
            x += g.put(" " + label + " ", x: x, y: r.y, style: theme["footer"])
        }
    }

    // MARK: panes

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

    func items(_ g: inout CellGrid, _ r: Rect) {
        let ids = Rows.itemIDs(board, ui)
        let body = title(&g, r, "\(strings["items.title"]) (\(ids.count))", pane: .items)
        if ids.isEmpty {
            g.put(strings["none.items"], x: body.x + 2, y: body.y, style: theme["muted"])
            return
        }
        let sel = min(ui.selected(.items), ids.count - 1)
        let first = ConsoleView.offset(selected: sel, count: ids.count, rows: body.height)
        let showSite = ui.site == nil && body.width >= 100 && board.sites.count > 1
        // Only the rows on screen are looked up.
        let rows = ids.dropFirst(first).prefix(body.height).compactMap { board.items[$0] }
        for (i, it) in rows.enumerated() {
            let y = body.y + i
            let (selected, base) = row(&g, body, y: y, pane: .items, isSelection: first + i == sel)
            var x = body.x
            if ui.alerts.contains(it.id) {
                g.put("!", x: x, y: y, style: theme["alert"])
            }
            x += 1
            let clock = it.leadClock
            let st = clock?.state(at: now) ?? .met
            let cs = selected ? base : clockStyle(st)
            g.put(Countdown.symbol(st), x: x, y: y, style: cs)
            x += 2
            g.put(it.id, x: x, y: y, maxWidth: 7, style: base)
            x += 8
            if showSite {
                g.put(it.site, x: x, y: y, maxWidth: 8, style: selected ? base : theme["muted"])
                x += 9
            }
            g.put(it.place, x: x, y: y, maxWidth: 12, style: base)
            x += 13
            let right = 12 + 12
            let textW = body.x + body.width - right - x - 1
            var text = it.text
            if it.emergency { text = "‼ " + text }
            g.put(text, x: x, y: y, maxWidth: max(0, textW), style: base)
            guard let c = clock else { continue }
            let kx = body.x + body.width - right
            g.put(strings["clock.\(c.kind.rawValue)"], x: kx, y: y, maxWidth: 11, style: selected ? base : theme["muted"])
            let rem = c.remaining(at: now)
            let count = st == .paused ? "⏸ " + Countdown.format(rem) : Countdown.format(rem)
            g.put(DisplayWidth.fitRight(count, to: 11), x: kx + 12, y: y, style: cs)
        }
    }

    func dutySymbol(_ s: OccurrenceState) -> (String, String) {
        switch s {
        case .upcoming: ("○", "duty.upcoming")
        case .due: ("●", "duty.due")
        case .done, .doneLate: ("✓", "duty.done")
        case .missed: ("✗", "duty.missed")
        }
    }

    func roundSymbol(_ s: RoundState) -> (String, String) {
        switch s {
        case .upcoming: ("○", "duty.upcoming")
        case .due: ("●", "duty.due")
        case .late: ("▲", "duty.missed")
        case .complete: ("✓", "duty.done")
        case .incomplete: ("◐", "duty.missed")
        case .missed: ("✗", "duty.missed")
        }
    }

    func checklist(_ g: inout CellGrid, _ r: Rect) {
        let lines = Rows.duties(board, ui, now: now)
        let c = Rows.dutyCounts(board, ui, now: now)
        let body = title(
            &g, r, "\(strings["checklist.title"]) \(c.done)/\(c.total) · \(strings["rounds"]) \(c.rounds)/\(c.roundsOver)", pane: .checklist
        )
        if lines.isEmpty {
            g.put(strings["none.duties"], x: body.x + 2, y: body.y, style: theme["muted"])
            return
        }
        let sel = min(ui.selected(.checklist), lines.count - 1)
        let first = ConsoleView.offset(selected: sel, count: lines.count, rows: body.height)
        for (i, line) in lines.dropFirst(first).prefix(body.height).enumerated() {
            let y = body.y + i
            let (selected, base) = row(&g, body, y: y, pane: .checklist, isSelection: first + i == sel)
            let row = line.row
            let zone = board.zone(row.site)
            let window = "\(ISOFormat.clock(row.windowStart, in: zone))-\(ISOFormat.clock(row.windowEnd, in: zone))"
            // Narrow panes drop the doer's name and shorten the kind.
            let wide = body.width >= 50
            let statusW = wide ? 16 : 9
            let kindW = wide ? 9 : 6
            let placeX = body.x + 3 + kindW
            let placeW = body.width - 3 - kindW - 12 - statusW - 1
            switch line {
            case .duty(let d):
                let st = d.occurrence!.state(at: now, tick: d.tick)
                let (sym, sn) = dutySymbol(st)
                g.put(sym, x: body.x + 1, y: y, style: selected ? base : theme[sn])
                g.put(strings["kind.\(d.kind.rawValue)"], x: body.x + 3, y: y, maxWidth: kindW - 1, style: base)
                g.put(d.place, x: placeX, y: y, maxWidth: placeW, style: base)
                let wx = body.x + body.width - statusW - 12
                g.put(
                    d.windowEnd - d.windowStart > 86400 ? "\(zone.date(of: d.windowEnd - 1))" : window, x: wx, y: y, maxWidth: 11,
                    style: selected ? base : theme["muted"])
                let status =
                    d.tick.map { ISOFormat.clock($0.at, in: zone) + (wide ? " " + $0.actor : " ✓") } ?? strings["state.\(st.rawValue)"]
                g.put(status, x: body.x + body.width - statusW, y: y, maxWidth: statusW, style: selected ? base : theme[sn])
            case .round(let d):
                let round = d.round!
                let st = round.state(at: now, scans: d.scans)
                let (sym, sn) = roundSymbol(st)
                g.put(sym, x: body.x + 1, y: y, style: selected ? base : theme[sn])
                g.put(strings["kind.patrol"], x: body.x + 3, y: y, maxWidth: kindW - 1, style: base)
                g.put(d.place, x: placeX, y: y, maxWidth: placeW, style: base)
                g.put(window, x: body.x + body.width - statusW - 12, y: y, maxWidth: 11, style: selected ? base : theme["muted"])
                let done = Set(d.scans.map(\.code)).count
                g.put(
                    "\(done)/\(round.route.checkpoints.count) \(strings["state.\(st.rawValue)"])", x: body.x + body.width - statusW, y: y,
                    maxWidth: statusW, style: selected ? base : theme[sn])
            case .checkpoint(_, let cp, let st, let scan):
                let sym = st == .pending ? "·" : (st == .doneOutOfOrder ? "↯" : "✓")
                g.put(sym, x: body.x + 4, y: y, style: selected ? base : theme[st == .pending ? "duty.upcoming" : "duty.done"])
                g.put(
                    "\(cp.code) \(cp.name)", x: body.x + 6, y: y, maxWidth: body.width - 6 - statusW - 1,
                    style: selected ? base : theme["muted"])
                if let scan {
                    g.put(
                        ISOFormat.clock(scan.at, in: zone) + (wide ? " " + scan.actor : ""), x: body.x + body.width - statusW, y: y,
                        maxWidth: statusW, style: base)
                }
            }
        }
    }

    func repairs(_ g: inout CellGrid, _ r: Rect) {
        let rows = Rows.repairs(board, ui, now: now)
        let body = title(&g, r, "\(strings["repairs.title"]) (\(rows.count))", pane: .repairs)
        if rows.isEmpty {
            g.put(strings["none.repairs"], x: body.x + 2, y: body.y, style: theme["muted"])
            return
        }
        let sel = min(ui.selected(.repairs), rows.count - 1)
        let first = ConsoleView.offset(selected: sel, count: rows.count, rows: body.height)
        for (i, o) in rows.dropFirst(first).prefix(body.height).enumerated() {
            let y = body.y + i
            let (selected, base) = row(&g, body, y: y, pane: .repairs, isSelection: first + i == sel)
            if ui.alerts.contains(o.item.id) { g.put("!", x: body.x, y: y, style: theme["alert"]) }
            g.put("✗", x: body.x + 1, y: y, style: selected ? base : theme["clock.breached"])
            g.put(o.item.id, x: body.x + 3, y: y, maxWidth: 5, style: base)
            let wide = body.width >= 50
            let labelW = wide ? 12 : 8
            let right = labelW + 11
            g.put(
                (o.item.emergency ? "‼ " : "") + o.item.text, x: body.x + 9, y: y, maxWidth: max(0, body.width - 9 - right - 1), style: base
            )
            let label = strings[(wide ? "clock." : "clock.short.") + o.clock.rawValue]
            g.put(label, x: body.x + body.width - right, y: y, maxWidth: labelW - 1, style: selected ? base : theme["muted"])
            g.put(
                DisplayWidth.fitRight(Countdown.format(-o.overdue), to: 10), x: body.x + body.width - 11, y: y,
                style: selected ? base : theme["clock.breached"])
        }
    }

    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A small chart of values between 0 and 1 (`·` where there is no data).
    public static func sparkline(_ values: [Double?]) -> String {
        String(
            values.map { v -> Character in
                guard let v else { return "·" }
                return sparks[max(0, min(7, Int((v * 7).rounded())))]
            })
    }

    func figures(_ g: inout CellGrid, _ r: Rect) {
        let period = board.figures?.period.description ?? ""
        g.put(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: theme["border"])
        g.put(" \(strings["figures.title"]) \(period) ", x: r.x + 1, y: r.y, style: theme["title"])
        let names = ["complaint_timeliness", "response_achievement", "satisfaction", "complaint_rate", "checklist_completion"]
        let w = r.width / names.count
        for (i, n) in names.enumerated() {
            let x = r.x + i * w
            let f = board.figures?.figure(n)
            g.put(strings["fig.\(n)"], x: x + 1, y: r.y + 1, maxWidth: w - 2, style: theme["muted"])
            let value = FigureReport.percent(f?.value)
            let mark: String
            switch f?.met {
            case true?: mark = "✓"
            case false?: mark = "✗"
            case nil: mark = " "
            }
            let vs = f?.met == false ? theme["gauge.bad"] : (f?.met == true ? theme["gauge.ok"] : theme["gauge.empty"])
            var cx = x + 1
            cx += g.put(value + mark, x: cx, y: r.y + 2, style: Style(fg: vs.fg, bg: vs.bg, bold: true))
            let target = (f?.ceiling == true ? "<" : "≥") + FigureReport.percent(f?.target)
            cx += 1
            cx += g.put(target, x: cx, y: r.y + 2, maxWidth: max(0, x + w - cx - 1), style: theme["muted"])
            let spark = ConsoleView.sparkline(board.trends[n] ?? [])
            if cx + 1 + spark.count <= x + w - 1 {
                g.put(spark, x: x + w - 1 - spark.count, y: r.y + 2, style: theme["gauge.ok"])
            }
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

    func help(_ g: inout CellGrid) {
        let w = min(g.width - 4, 64)
        let h = min(g.height - 2, Action.allCases.count + 4)
        let r = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
        box(&g, r, title: strings["help.title"])
        for (i, a) in Action.allCases.enumerated() where i < h - 4 {
            let ks = keys.keys(a).map(KeyMap.name).joined(separator: " ")
            g.put(ks, x: r.x + 3, y: r.y + 2 + i, maxWidth: 18, style: Style(fg: theme["footer.key"].fg, bg: theme["help"].bg, bold: true))
            let label = strings["action.\(a.rawValue)"]
            g.put(
                label == a.rawValue ? label : label + "  (\(a.rawValue))", x: r.x + 23, y: r.y + 2 + i, maxWidth: w - 26,
                style: theme["help"])
        }
        g.put(strings["help.close"], x: r.x + 3, y: r.y + h - 1, maxWidth: w - 6, style: theme["muted"])
    }

    /// The lines of an item's detail: its fields, every clock, and the whole timeline.
    public func detailLines(_ it: Item) -> [(String, String)] {
        let zone = board.zone(it.site)
        var out: [(String, String)] = []
        out.append(("title", "\(it.id)  \(it.kind.rawValue) · \(it.site) · \(it.place)"))
        out.append(
            (
                "text",
                "\(it.status.rawValue)\(it.paused ? " ⏸ \(it.pauseReason ?? "")" : "") · cycle \(it.cycle)\(it.emergency ? " · emergency" : "")\(it.complex ? " · complex" : "")\(it.assignee.map { " · → \($0)" } ?? "")"
            ))
        out.append(("text", it.text))
        // The steps this person may take on it, each a key (the role decides what is offered).
        let offered = ItemStep.allCases.filter { $0.offered(to: board.actor, on: it) }.compactMap { s -> String? in
            guard let a = Action(rawValue: s.rawValue) else { return nil }
            let k = keys.label(a)
            return k.isEmpty ? nil : "\(k) \(strings["step.\(s.template(it).verb)"])"
        }
        if !offered.isEmpty { out.append(("footer.key", offered.joined(separator: " · "))) }
        out.append(("muted", ""))
        out.append(("title", strings["clocks"]))
        for c in it.clocks {
            let st = c.state(at: now)
            var s =
                "\(Countdown.symbol(st)) \(DisplayWidth.fit(strings["clock.\(c.kind.rawValue)"], to: 12)) \(DisplayWidth.fit(st.rawValue, to: 9))"
            if !c.isStopped {
                s += " " + (st == .paused ? "⏸ " : "") + Countdown.format(c.remaining(at: now))
                if let d = c.deadline { s += "  \(ISOFormat.short(d, in: zone))" }
            } else if let stop = c.stoppedAt {
                s += " \(ISOFormat.short(stop, in: zone))"
            }
            if c.backdated { s += "  [\(strings["backdated"])]" }
            if c.cycle != it.cycle { s += "  (cycle \(c.cycle))" }
            out.append((st == .breached || st == .missed ? "clock.breached" : (st == .dueSoon ? "clock.due_soon" : "text"), s))
        }
        out.append(("muted", ""))
        out.append(("title", strings["timeline"]))
        for e in ui.detailEvents {
            var s = "\(ISOFormat.short(e.at, in: zone))  \(e.actor)  \(EventText.describe(e.body))"
            if e.isBackdated(grace: it.limits.backdateGrace) { s += "  [\(strings["backdated"]) \(ISOFormat.short(e.recorded, in: zone))]" }
            out.append(("text", s))
        }
        return out
    }

    func detail(_ g: inout CellGrid, id: String, scroll: Int) {
        let r = Rect(x: 2, y: 2, width: g.width - 4, height: g.height - 4)
        box(&g, r, title: id)
        guard let it = board.items[id] ?? ui.detailItem else {
            return
        }
        // Long text wraps inside the box instead of being cut at its edge.
        let lines = detailLines(it).flatMap { style, text in
            DisplayWidth.wrap(InertText.make(text), to: max(1, r.width - 4)).map { (style, $0) }
        }
        let rows = r.height - 2
        let first = max(0, min(scroll, lines.count - rows))
        for (i, (style, text)) in lines.dropFirst(first).prefix(rows).enumerated() {
            g.put(
                text, x: r.x + 2, y: r.y + 1 + i, maxWidth: r.width - 4,
                style: Style(fg: theme[style].fg, bg: theme["help"].bg, bold: theme[style].bold))
        }
    }

    /// Ctrl-F: the text being typed and the items it finds, open or closed.
    func search(_ g: inout CellGrid, _ s: UIState.Search) {
        let r = Rect(x: 2, y: 2, width: g.width - 4, height: g.height - 4)
        guard r.width >= 30, r.height >= 5 else { return }
        box(&g, r, title: strings["search.title"])
        let bg = theme["help"].bg
        let (shown, cursor) = s.field.visible(width: r.width - 6)
        g.fill(
            Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: 1),
            style: Style(fg: theme["selection"].fg, bg: theme["title.focus"].bg, underline: true))
        g.put("> " + shown, x: r.x + 2, y: r.y + 1, maxWidth: r.width - 4, style: Style(bg: theme["title.focus"].bg, bold: true))
        let cx = r.x + 4 + cursor
        if cx < r.x + r.width - 2 {
            g.put(g[cx, r.y + 1].text.isEmpty ? " " : g[cx, r.y + 1].text, x: cx, y: r.y + 1, style: theme["selection"])
        }
        if !s.searched.isEmpty && s.results.isEmpty {
            g.put(strings["search.none"], x: r.x + 2, y: r.y + 3, style: Style(fg: theme["muted"].fg, bg: bg))
        }
        let rows = r.height - 5
        let first = max(0, s.selected - rows + 1)
        for (i, it) in s.results.dropFirst(first).prefix(rows).enumerated() {
            let line =
                "\(DisplayWidth.fit(it.id, to: 8)) \(DisplayWidth.fit(it.site, to: 8)) \(DisplayWidth.fit(it.place, to: 12)) \(DisplayWidth.fit(it.status.rawValue, to: 12)) \(it.text)"
            let selected = first + i == s.selected
            g.put(
                DisplayWidth.fit(line, to: r.width - 4), x: r.x + 2, y: r.y + 3 + i,
                style: selected ? theme["selection"] : Style(fg: theme["text"].fg, bg: bg))
        }
        g.put(
            strings["search.hint"], x: r.x + 2, y: r.y + r.height - 2, maxWidth: r.width - 4,
            style: Style(fg: theme["footer.key"].fg, bg: bg))
    }
}
