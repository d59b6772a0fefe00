import WuyeCore

/// Repairs past one of their limits, longest overdue first.
extension ConsoleView {
    func repairs(_ g: inout CellGrid, _ r: Rect) {
        let rows = Rows.repairs(board, ui, now: now)
        let body = title(&g, r, "\(strings["repairs.title"]) (\(rows.count))", pane: .repairs)
        if rows.isEmpty {
            g.put(strings["none.repairs"], x: body.x + 2, y: body.y, style: theme["muted"])
            return
        }
        let sel = min(ui.selected(.repairs), rows.count - 1)
        let first = ConsoleView.offset(selected: sel, count: rows.count, rows: body.height)
        let shown = rows.dropFirst(first).prefix(body.height)
        // The id column is as wide as the longest id on screen: an id is never cut.
        let idWidth = max(5, shown.map { DisplayWidth.of($0.item.id) }.max() ?? 0)
        for (i, o) in shown.enumerated() {
            let y = body.y + i
            let (selected, base) = row(&g, body, y: y, pane: .repairs, isSelection: first + i == sel)
            if ui.alerts.contains(o.item.id) { g.put("»", x: body.x, y: y, style: theme["alert"]) }
            g.put("✗", x: body.x + 1, y: y, style: selected ? base : theme["clock.breached"])
            g.put(o.item.id, x: body.x + 3, y: y, maxWidth: idWidth, style: base)
            let wide = body.width >= 50
            let labelW = wide ? 12 : 8
            let right = labelW + 11
            g.put(
                (o.item.emergency ? "‼ " : "") + o.item.text, x: body.x + 4 + idWidth, y: y,
                maxWidth: max(0, body.width - 4 - idWidth - right - 1), style: base
            )
            let label = strings[(wide ? "clock." : "clock.short.") + o.clock.rawValue]
            g.put(label, x: body.x + body.width - right, y: y, maxWidth: labelW - 1, style: selected ? base : theme["muted"])
            g.put(
                DisplayWidth.fitRight(Countdown.format(-o.overdue), to: 10), x: body.x + body.width - 11, y: y,
                style: selected ? base : theme["clock.breached"])
        }
    }

    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
}
