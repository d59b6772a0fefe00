import WuyeCore

/// The `?` overlay: every key, generated from the key map.
extension ConsoleView {
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
}
