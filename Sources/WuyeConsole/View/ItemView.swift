import WuyeCore

/// The item view: fields, the steps offered, every clock and the whole timeline.
extension ConsoleView {
    /// The lines of an item's detail: its fields, every clock, and the whole timeline.
    public func detailLines(_ it: Item) -> [(String, String)] {
        let zone = board.zone(it.site)
        var out: [(String, String)] = []
        out.append(("title", "\(it.id)  \(strings["item.\(it.kind.rawValue)"]) · \(it.site) · \(it.place)"))
        var state = strings["status.\(it.status.rawValue)"]
        if it.paused { state += " \(Countdown.symbol(.paused)) \(it.pauseReason ?? "")" }
        state += " · \(strings["item.cycle"]) \(it.cycle)"
        if it.emergency { state += " · \(strings["item.emergency"])" }
        if it.complex { state += " · \(strings["item.complex"])" }
        if let a = it.assignee { state += " · → \(a)" }
        out.append(("text", state))
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
                "\(Countdown.symbol(st)) \(DisplayWidth.fit(strings["clock.\(c.kind.rawValue)"], to: 12)) \(DisplayWidth.fit(strings["clock.state.\(st.rawValue)"], to: 9))"
            if !c.isStopped {
                s += " " + (st == .paused ? Countdown.symbol(.paused) + " " : "") + Countdown.format(c.remaining(at: now))
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
            var s = "\(ISOFormat.short(e.at, in: zone))  \(e.actor)  \(strings.timeline(e.body))"
            if e.isBackdated(grace: it.limits.backdateGrace) { s += "  [\(strings["backdated"]) \(ISOFormat.short(e.recorded, in: zone))]" }
            out.append(("text", s))
        }
        if let m = ui.detailOriginal {
            out.append(("muted", ""))
            out.append(("title", strings["original_message"]))
            for l in IntakeText.lines(m, zone: zone, words: intakeWords) { out.append(("text", l)) }
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
}
