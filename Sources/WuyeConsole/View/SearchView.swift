import WuyeCore

/// Ctrl-F: the text being typed and the items it finds.
extension ConsoleView {
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
        let results = s.results.dropFirst(first).prefix(rows)
        let idWidth = max(8, results.map { DisplayWidth.of($0.id) }.max() ?? 0)
        for (i, it) in results.enumerated() {
            let line =
                "\(DisplayWidth.fit(it.id, to: idWidth)) \(DisplayWidth.fit(it.site, to: 8)) \(DisplayWidth.fit(it.place, to: 12)) \(DisplayWidth.fit(strings["status.\(it.status.rawValue)"], to: 12)) \(it.text)"
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
