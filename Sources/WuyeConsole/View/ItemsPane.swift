import WuyeCore

/// The open complaints and enquiries, nearest deadline first.
extension ConsoleView {
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
        // The id column is as wide as the longest id on screen: an id is never cut.
        let idWidth = max(7, rows.map { DisplayWidth.of($0.id) }.max() ?? 0)
        for (i, it) in rows.enumerated() {
            let y = body.y + i
            let (selected, base) = row(&g, body, y: y, pane: .items, isSelection: first + i == sel)
            var x = body.x
            if ui.alerts.contains(it.id) {
                g.put("»", x: x, y: y, style: theme["alert"])
            }
            x += 1
            let clock = it.leadClock
            let st = clock?.state(at: now) ?? .met
            let cs = selected ? base : clockStyle(st)
            g.put(Countdown.symbol(st), x: x, y: y, style: cs)
            x += 2
            g.put(it.id, x: x, y: y, maxWidth: idWidth, style: base)
            x += idWidth + 1
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
            let count = st == .paused ? Countdown.symbol(.paused) + " " + Countdown.format(rem) : Countdown.format(rem)
            g.put(DisplayWidth.fitRight(count, to: 11), x: kx + 12, y: y, style: cs)
        }
    }
}
