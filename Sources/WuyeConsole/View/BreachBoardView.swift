import WuyeCore
import WuyeReports

/// The supervisor's breach board: every breached and due-soon clock across the sites with
/// who holds it and since when, what the breaches do to this month's figures, how many open
/// items each person holds, today's late and missed rounds and missed duties, and who must
/// be retrained.
/// What the breach board lists, worked out from every open item: its rows and who holds
/// how many. Time passing changes neither until some clock crosses into due soon or
/// breached (the board's schedule of crossings says when), so the console keeps them
/// from one change or crossing to the next instead of going through every item each
/// second (`ConsoleApp.breachTable`).
public struct BreachTable: Sendable {
    public var rows: [Breach]
    /// The item id of each row, in the rows' order.
    var ids: [String]
    public var holders: [(holder: String?, count: Int)]
    /// How many of the rows (the first ones) are breached; the rest are due soon.
    public var breached: Int
    /// What the breached rows do to this month's figures at the sites shown, counted
    /// again from the board's `impactBasis` whenever a clock crosses.
    public var impacts: [String: BreachImpact]
    /// The board's `impactsStamp` they were counted from.
    var impactsStamp: UInt64 = 0
    /// The table stands from `from` until just before `until`.
    var from: Instant
    var until: Instant

    init(_ b: Board, site: String?, now: Instant) {
        let items = b.items.values.filter { site == nil || $0.site == site }
        rows = Breaches.board(items, now: now)
        ids = rows.map(\.item.id)
        holders = Breaches.holdings(items)
        breached = rows.firstIndex { $0.state != .breached } ?? rows.count
        impacts = [:]
        from = now
        until = b.nextCrossing(after: now) ?? Instant(seconds: .max)
        countImpacts(b, site: site, now: now)
    }

    /// The breaches' effect from the board's basis, for the sites shown (none until the
    /// figures are first counted).
    mutating func countImpacts(_ b: Board, site: String?, now: Instant) {
        impactsStamp = b.impactsStamp
        let all = b.impactBasis?.impacts(breaches: rows[..<breached], now: now) ?? [:]
        impacts = site == nil ? all : all.filter { $0.value.site == site }
    }

    func stands(at now: Instant) -> Bool { from <= now && now < until }

    /// Brings the table to `now` (later than `from`) on the same board: only the items
    /// whose clocks crossed in between are worked out again and put in their places.
    mutating func advance(_ b: Board, site: String?, to now: Instant) {
        // An item whose two clocks crossed in between is worked out once.
        let crossed = Array(Set(b.crossings(in: from, now).map(\.id)))
        if !crossed.isEmpty {
            // The rows' item ids are looked up in their own array: reading a row's id
            // through the row copies the whole row, item and all, two thousand times.
            // The few crossed rows are taken out where they are (the rest slide down in
            // memory), not by swapping every row behind them, which copies each.
            for i in ids.indices.reversed() where crossed.contains(ids[i]) {
                rows.remove(at: i)
                ids.remove(at: i)
            }
            for id in crossed {
                guard let it = b.items[id], site == nil || it.site == site else { continue }
                for row in Breaches.of(it, now: now) {
                    let at = rows.partitioningIndex { Breaches.ordered($0, row) }
                    rows.insert(row, at: at)
                    ids.insert(id, at: at)
                }
            }
            breached = rows.firstIndex { $0.state != .breached } ?? rows.count
            countImpacts(b, site: site, now: now)
        }
        from = now
        until = b.nextCrossing(after: now) ?? Instant(seconds: .max)
    }
}

extension ConsoleView {
    /// Today's rounds that are late, incomplete or missed, and duties missed.
    static func todaysMisses(_ b: Board, _ ui: UIState, now: Instant) -> [DutyRow] {
        b.duties.filter { d in
            guard ui.site == nil || d.site == ui.site else { return false }
            if let r = d.round {
                let st = r.state(at: now, scans: d.scans)
                return st == .late || st == .incomplete || st == .missed
            }
            return d.occurrence?.state(at: now, tick: d.tick) == .missed
        }
    }

    /// Lines of the right-hand pane: open corrective actions by due date, trainings of this
    /// month and the last not held, then today's late and missed rounds and missed duties.
    /// Only the first `limit` are worded (the pane shows a few of a day's misses, redrawn
    /// every second); `count` is how many there are.
    func alsoDue(limit: Int = .max) -> (lines: [(text: String, style: String)], count: Int) {
        var out: [(text: String, style: String)] = []
        let actions = board.actions.filter({ ui.site == nil || $0.site == ui.site }).sorted(by: { $0.due < $1.due })
        let zone = ui.site.map(board.zone) ?? board.sites.first?.zone ?? .utc
        let today = zone.date(of: now)
        let lastMonth = Period.month(today.year, today.month).lastMonths(2)[0]
        let months = Period.days(lastMonth.first, Period.month(today.year, today.month).end)
        let trainings = TrainingCalendar.due(board.trainings, site: ui.site, period: months, standards: board.standards, today: today)
            .filter { $0.state != .held }
        // Notices wuye watch could not deliver: somebody was not told.
        let undelivered = board.undelivered.filter { ui.site == nil || $0.notice.site == ui.site }
        let misses = ConsoleView.todaysMisses(board, ui, now: now)
        let count = actions.count + trainings.count + undelivered.count + misses.count
        for a in actions where out.count < limit {
            let st = a.state(at: now)
            out.append(
                (
                    "\(Countdown.symbol(st)) \(strings["breaches.action"]) \(a.id) \(Countdown.format(a.due - now)) \(a.owner) \(a.title)",
                    st == .breached ? "clock.breached" : st == .dueSoon ? "clock.due_soon" : "text"
                ))
        }
        for d in trainings where out.count < limit {
            out.append(
                (
                    "\(d.state == .missed ? "✗" : "○") \(strings["breaches.training"]) \(d.period) \(strings["training.\(d.kind.rawValue)"])\(strings.colon)"
                        + strings[d.state == .missed ? "breaches.training_missed" : "breaches.training_due"],
                    d.state == .missed ? "duty.missed" : "duty.due"
                ))
        }
        for n in undelivered where out.count < limit {
            out.append(
                ("✗ \(strings["breaches.notice"]) \(n.notice.subject) \(n.notice.kind.rawValue): \(n.error ?? "")", "clock.breached"))
        }
        for d in misses where out.count < limit {
            let zone = board.zone(d.site)
            let window = "\(ISOFormat.clock(d.windowStart, in: zone))-\(ISOFormat.clock(d.windowEnd, in: zone))"
            if let round = d.round {
                let st = round.state(at: now, scans: d.scans)
                let (sym, style) = roundSymbol(st)
                let state = "\(Set(d.scans.map(\.code)).count)/\(round.route.checkpoints.count) \(strings["state.\(st.rawValue)"])"
                out.append(("\(sym) \(strings["kind.\(d.kind.rawValue)"]) \(d.place) \(window) \(state)", style))
            } else {
                let (sym, style) = dutySymbol(.missed)
                out.append(("\(sym) \(strings["kind.\(d.kind.rawValue)"]) \(d.place) \(window) \(strings["state.missed"])", style))
            }
        }
        return (out, count)
    }

    func breachBoard(_ g: inout CellGrid, _ r: Rect) {
        let table = breaches ?? BreachTable(board, site: ui.site, now: now)
        let rows = table.rows
        let breached = table.breached
        let impacts = table.impacts.values.filter { $0.breaches > 0 && (ui.site == nil || $0.site == ui.site) }
            .sorted { ($0.site, $0.figure) < ($1.site, $1.figure) }
        // The panes below take what they need (up to a third of the rows); the list the rest.
        // The lower panes take at most a third of the board (at least 4 rows): no more
        // lines than that are worded.
        let lowerMax = max(4, r.height / 3)
        let (also, alsoCount) = alsoDue(limit: lowerMax)
        let holders = table.holders
        let cell = 16
        let leftW = r.width / 2
        let perLine = max(1, (leftW - 1) / cell)
        let leftNeed = (holders.count + perLine - 1) / perLine + 1
        let lowerH = max(3, min(1 + max(leftNeed, alsoCount, 1), lowerMax))
        let impactH = impacts.isEmpty ? 0 : min(impacts.count + 1, max(2, r.height / 4))
        let listH = max(3, r.height - lowerH - impactH)
        let list = Rect(x: r.x, y: r.y, width: r.width, height: listH)
        g.put(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: theme["border.focus"])
        g.put(
            " ▶ \(strings["breaches.title"]) (\(breached)) · \(strings["breaches.due_soon"]) (\(rows.count - breached)) ", x: r.x + 1,
            y: r.y, maxWidth: r.width - 2, style: theme["title.focus"])
        let body = Rect(x: list.x, y: list.y + 1, width: list.width, height: list.height - 1)
        if rows.isEmpty {
            g.put(strings["breaches.none"], x: body.x + 2, y: body.y, style: theme["muted"])
        } else {
            let sel = min(ui.breachSelection, rows.count - 1)
            let first = ConsoleView.offset(selected: sel, count: rows.count, rows: body.height)
            let shown = rows.dropFirst(first).prefix(body.height)
            let idW = max(5, shown.map { DisplayWidth.of($0.item.id) }.max() ?? 0)
            let siteW = min(10, max(4, shown.map { DisplayWidth.of($0.item.site) }.max() ?? 0))
            // Nobody holding it reads 未派单 in Chinese, as on the holders' list below.
            func holder(_ b: Breach) -> String {
                b.item.assignee == nil && b.item.department == nil ? strings["breaches.nobody"] : b.holder
            }
            let holderW = min(14, max(6, shown.map { DisplayWidth.of(holder($0)) }.max() ?? 0))
            let wide = body.width >= 100
            for (i, b) in shown.enumerated() {
                let y = body.y + i
                let selected = first + i == sel && ui.overlay == nil
                let base = selected ? theme["selection"] : theme["text"]
                if selected { g.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: base) }
                let zone = board.zone(b.item.site)
                var x = body.x + 1
                x += g.put(Countdown.symbol(b.state) + " ", x: x, y: y, style: selected ? base : clockStyle(b.state))
                g.put(b.item.id, x: x, y: y, style: base)
                x += idW + 1
                g.put(b.item.site, x: x, y: y, maxWidth: siteW, style: selected ? base : theme["muted"])
                x += siteW + 1
                g.put(strings["clock.short.\(b.clock.kind.rawValue)"], x: x, y: y, maxWidth: 8, style: base)
                x += 9
                x += g.put(
                    DisplayWidth.fitRight(Countdown.format(b.clock.remaining(at: now)), to: 10) + " ", x: x, y: y,
                    style: selected ? base : clockStyle(b.state))
                if wide {
                    let since =
                        b.state == .breached ? "\(strings["breaches.since"]) \(ISOFormat.short(b.clock.nominalDeadline, in: zone))" : ""
                    g.put(since, x: x, y: y, maxWidth: 24, style: selected ? base : theme["muted"])
                    x += 25
                }
                g.put(holder(b), x: x, y: y, maxWidth: holderW, style: base)
                x += holderW + 1
                g.put((b.item.emergency ? "‼ " : "") + b.item.text, x: x, y: y, maxWidth: max(0, body.x + body.width - x), style: base)
            }
        }
        var y = list.y + list.height
        if !impacts.isEmpty {
            g.put(String(repeating: "─", count: r.width), x: r.x, y: y, style: theme["border"])
            g.put(" \(strings["breaches.impact"]) ", x: r.x + 1, y: y, maxWidth: r.width - 2, style: theme["title"])
            y += 1
            // What does not fit is counted, not dropped silently.
            let room = impactH - 1
            let shown = impacts.count > room ? room - 1 : room
            for i in impacts.prefix(shown) {
                g.put(
                    strings.lang == .zh ? i.sentenceZH : i.sentence, x: r.x + 2, y: y, maxWidth: r.width - 3,
                    style: theme[i.missesToLose == 0 ? "clock.breached" : "text"])
                y += 1
            }
            if impacts.count > shown {
                g.put("… +\(impacts.count - shown) (wuye breach list)", x: r.x + 2, y: y, maxWidth: r.width - 3, style: theme["muted"])
                y += 1
            }
        }
        // Below: open items by holder and who must be retrained | today's misses.
        let lower = Rect(x: r.x, y: y, width: r.width, height: r.y + r.height - y)
        guard lower.height > 1 else { return }
        g.put(String(repeating: "─", count: leftW), x: r.x, y: y, style: theme["border"])
        g.put(" \(strings["breaches.holders"]) ", x: r.x + 1, y: y, maxWidth: leftW - 2, style: theme["title"])
        g.put(String(repeating: "─", count: r.width - leftW - 1), x: r.x + leftW + 1, y: y, style: theme["border"])
        g.put(
            " \(strings["breaches.today"]) (\(alsoCount)) ", x: r.x + leftW + 2, y: y, maxWidth: r.width - leftW - 3,
            style: theme["title"])
        for yy in (y + 1)..<(lower.y + lower.height) { g.put("│", x: r.x + leftW, y: yy, style: theme["border"]) }
        // Left: holders in a few columns, then the retraining list.
        var ly = y + 1
        var col = 0
        for h in holders {
            guard ly < lower.y + lower.height else { break }
            let name = h.holder.map { id in board.staff.first { $0.id == id }?.name ?? id } ?? strings["breaches.unassigned"]
            let text = DisplayWidth.fit(name, to: cell - 4) + DisplayWidth.fitRight(String(h.count), to: 3)
            g.put(text, x: r.x + 1 + col * cell, y: ly, maxWidth: cell - 1, style: theme["text"])
            col += 1
            if col == perLine {
                col = 0
                ly += 1
            }
        }
        if col != 0 { ly += 1 }
        let retrain = TrainingRules.retrain(board.trainings.filter { ui.site == nil || $0.site == nil || $0.site == ui.site })
        if ly < lower.y + lower.height {
            let text =
                retrain.isEmpty
                ? strings["breaches.retrain_none"]
                : retrain.map { "\($0.staff) \(Int($0.score))<\(Int($0.session.passMark)) \($0.session.id)" }.joined(separator: ", ")
            g.put(
                "\(strings["breaches.retrain"])\(strings.colon)\(text)", x: r.x + 1, y: ly, maxWidth: leftW - 2,
                style: theme[retrain.isEmpty ? "muted" : "duty.missed"])
        }
        // Right: corrective actions, trainings not held, today's misses.
        var ry = y + 1
        if also.isEmpty {
            g.put(strings["breaches.today_none"], x: r.x + leftW + 2, y: ry, style: theme["muted"])
        }
        for line in also {
            guard ry < lower.y + lower.height else { break }
            g.put(line.text, x: r.x + leftW + 2, y: ry, maxWidth: r.width - leftW - 3, style: theme[line.style])
            ry += 1
        }
    }
}
