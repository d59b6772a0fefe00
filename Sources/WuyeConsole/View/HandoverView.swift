import WuyeCore

/// The shift's handover on screen: what was breached, done and missed since the shift
/// began, and what is still open (the same lines as `wuye handover`).
extension ConsoleView {
    func handoverScreen(_ g: inout CellGrid, _ r: Rect) {
        g.put(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: theme["border.focus"])
        g.put(" ▶ \(strings["handover.title"]) ", x: r.x + 1, y: r.y, maxWidth: r.width - 2, style: theme["title.focus"])
        let rows = r.height - 1
        guard rows > 0 else { return }
        let first = min(ui.handoverScroll, max(0, ui.handover.count - rows))
        for (i, line) in ui.handover.dropFirst(first).prefix(rows).enumerated() {
            // Headings flush left; under "Breached", the breaches in red.
            let style = line.hasPrefix("  ") ? (line.contains(" breached ") ? "clock.breached" : "text") : "title"
            g.put(line, x: r.x + 1, y: r.y + 1 + i, maxWidth: r.width - 2, style: theme[style])
        }
    }
}
