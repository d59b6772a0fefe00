import WuyeCore

/// The guard's screen: the round being walked large, its checkpoints in order with their
/// state and time, the other rounds under way, the next ones, this shift's missed
/// checkpoints, and the scan field (which has the focus: a scanner types into it).
extension ConsoleView {
    func patrol(_ g: inout CellGrid, _ r: Rect) {
        let p = PatrolPicture.of(board, actor: board.actor, site: ui.site, lastScan: ui.lastScan, now: now)
        // The scan field and what the last scan said take the bottom three rows.
        let fieldY = r.y + r.height - 1
        let resultY = fieldY - 1
        let body = Rect(x: r.x, y: r.y, width: r.width, height: max(0, r.height - 3))
        var y = body.y
        let end = body.y + body.height
        func rule(_ text: String, focus: Bool = false) {
            guard y < end else { return }
            g.put(String(repeating: "─", count: r.width), x: r.x, y: y, style: theme[focus ? "border.focus" : "border"])
            g.put(" " + text + " ", x: r.x + 1, y: y, maxWidth: r.width - 2, style: theme[focus ? "title.focus" : "title"])
            y += 1
        }
        func line(_ text: String, x: Int = r.x + 1, style: Style) {
            guard y < end else { return }
            g.put(text, x: x, y: y, maxWidth: r.x + r.width - x, style: style)
            y += 1
        }
        if let cur = p.current, let round = cur.round {
            let zone = board.zone(cur.site)
            let st = round.state(at: now, scans: cur.scans)
            let (sym, sn) = roundSymbol(st)
            let done = Set(cur.scans.map(\.code)).count
            let total = round.route.checkpoints.count
            let window = "\(ISOFormat.clock(round.start, in: zone))–\(ISOFormat.clock(round.end, in: zone))"
            rule("▶ \(strings["patrol.title"]) · \(cur.place) \(window)", focus: true)
            // The round in large: a gauge of checkpoints, the count, its state, what is next.
            if y < end {
                let gaugeW = min(24, max(8, r.width / 5))
                let filled = total == 0 ? 0 : gaugeW * done / total
                var x = r.x + 1
                x += g.put("\(sym) ", x: x, y: y, style: theme[sn])
                x += g.put(String(repeating: "█", count: filled), x: x, y: y, style: theme["gauge.ok"])
                x += g.put(String(repeating: "░", count: gaugeW - filled), x: x, y: y, style: theme["gauge.empty"])
                x += g.put("  \(done)/\(total)  ", x: x, y: y, style: theme["title"])
                x += g.put(strings["state.\(st.rawValue)"], x: x, y: y, style: theme[sn])
                let remaining = Countdown.format(round.end - now)
                x += g.put("  \(strings["patrol.ends_in"]) \(remaining)", x: x, y: y, maxWidth: r.x + r.width - x, style: theme["muted"])
                if let nextCP = round.next(scans: cur.scans) {
                    g.put(
                        "  \(strings["patrol.next"])\(strings.colon)\(nextCP.code) \(nextCP.name)", x: x, y: y, maxWidth: r.x + r.width - x,
                        style: theme["text"])
                }
                y += 1
            }
            if st == .late {
                line("▲ \(strings["patrol.late"])", style: theme["alert"])
            }
            // The round in large: its checkpoints a line apart when the screen has the room.
            let n = round.route.checkpoints.count
            let below = p.alsoRunning.count + (p.next.isEmpty ? 0 : 1) + 1 + max(1, p.missed.count)
            let spaced = end - y - n - below >= n
            for (i, c) in round.route.checkpoints.enumerated() {
                if spaced && i > 0 { y += 1 }
                guard y < end else { break }
                let cs = round.checkpointState(c.code, scans: cur.scans)
                let scan = cur.scans.first { $0.code == c.code }
                let mark = cs == .pending ? "·" : (cs == .doneOutOfOrder ? "↯" : "✓")
                let style = theme[cs == .pending ? "text" : "duty.done"]
                var x = r.x + 2
                x += g.put("\(i + 1 < 10 ? " " : "")\(i + 1) ", x: x, y: y, style: theme["muted"])
                x += g.put(mark + " ", x: x, y: y, style: style)
                let right = scan.map { s in
                    ISOFormat.clock(s.at, in: zone) + " " + s.actor + (s.imported == true ? " ⇩" : "")
                        + (cs == .doneOutOfOrder ? " " + strings["patrol.out_of_order"] : "")
                }
                let rightW = right.map(DisplayWidth.of) ?? 0
                g.put("\(c.code)  \(c.name)", x: x, y: y, maxWidth: r.x + r.width - x - rightW - 2, style: style)
                if let right { g.put(right, x: r.x + r.width - rightW - 1, y: y, style: theme["muted"]) }
                y += 1
            }
            if spaced { y += 1 }
        } else {
            rule("▶ \(strings["patrol.title"])", focus: true)
            line(strings["patrol.none"], style: theme["muted"])
        }
        if !p.alsoRunning.isEmpty, y < end {
            for d in p.alsoRunning {
                guard let round = d.round else { continue }
                let st = round.state(at: now, scans: d.scans)
                let (sym, sn) = roundSymbol(st)
                let done = Set(d.scans.map(\.code)).count
                line(
                    "\(sym) \(strings["patrol.also"])\(strings.colon)\(d.place) \(done)/\(round.route.checkpoints.count) \(strings["state.\(st.rawValue)"])",
                    style: theme[sn])
            }
        }
        if !p.next.isEmpty, y < end {
            let text = p.next.map { "\(ISOFormat.clock($0.windowStart, in: board.zone($0.site))) \($0.place)" }.joined(separator: " · ")
            line("○ \(strings["patrol.upcoming"])\(strings.colon)\(text)", style: theme["muted"])
        }
        rule("\(strings["patrol.missed"]) (\(p.missedCheckpoints))")
        if p.missed.isEmpty {
            line(strings["patrol.missed_none"], x: r.x + 2, style: theme["muted"])
        }
        for m in p.missed {
            let zone = board.zone(m.round.site)
            let st = m.round.round!.state(at: now, scans: m.round.scans)
            let (sym, sn) = roundSymbol(st)
            line(
                "\(sym) \(ISOFormat.clock(m.round.windowStart, in: zone)) \(m.round.place)\(strings.colon)"
                    + m.left.map { "\($0.code) \($0.name)" }.joined(separator: strings.listSeparator), x: r.x + 2, style: theme[sn])
        }
        // What the last scan said: a confirmation, or the reason it was refused.
        if let res = ui.scanResult, now - res.at < 30, resultY > r.y {
            g.fill(Rect(x: r.x, y: resultY, width: r.width, height: 1), style: theme[res.ok ? "confirm" : "alert"])
            g.put(" " + res.text, x: r.x, y: resultY, maxWidth: r.width, style: theme[res.ok ? "confirm" : "alert"])
        }
        if fieldY > r.y {
            let label = " \(strings["patrol.scan"]) ▸ "
            let lw = g.put(label, x: r.x, y: fieldY, style: theme["title.focus"])
            let fw = r.width - lw - 1
            g.fill(Rect(x: r.x + lw, y: fieldY, width: max(0, fw), height: 1), style: theme["selection"])
            let (shown, cursor) = ui.scanField.visible(width: max(1, fw - 1))
            g.put(shown, x: r.x + lw, y: fieldY, maxWidth: fw, style: theme["selection"])
            g.put("▏", x: r.x + lw + cursor, y: fieldY, style: theme["selection"])
        }
    }
}
