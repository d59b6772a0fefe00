import WuyeCore

/// Today's checklist: duties and patrol rounds with their checkpoints.
extension ConsoleView {
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
}
