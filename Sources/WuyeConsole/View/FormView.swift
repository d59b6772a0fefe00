import WuyeCore

/// Draws a form over the board: a box with one row per field (label, value, the reason
/// it is wrong), the open list of a focused choice, and the keys that work. The cursor of
/// the focused text is drawn as a reversed cell, so a grid test sees it.
extension ConsoleView {
    static let labelWidth = 14

    func form(_ g: inout CellGrid, _ f: Form) {
        let width = min(g.width - 2, 78)
        let height = min(g.height - 2, f.fields.count + 5)
        guard width >= 30, height >= 5 else { return }
        let r = Rect(x: (g.width - width) / 2, y: max(1, (g.height - height) / 2), width: width, height: height)
        box(&g, r, title: f.title)
        let bg = theme["help"].bg
        let valueX = r.x + 2 + ConsoleView.labelWidth + 1
        let valueW = r.x + r.width - 2 - valueX
        var dropdown: (y: Int, options: [Form.Option], highlighted: Int)?
        for (i, field) in f.fields.enumerated() where i < r.height - 4 {
            let y = r.y + 1 + i
            let focused = i == f.focus
            let label = DisplayWidth.fit(field.label + (field.required ? " *" : ""), to: ConsoleView.labelWidth)
            g.put(label, x: r.x + 2, y: y, style: Style(fg: theme[focused ? "title.focus" : "muted"].fg, bg: bg, bold: focused))
            var text = ""
            var cursor: Int?
            switch field.kind {
            case .text(let t):
                let room = max(1, valueW - (focused ? 8 : 0))
                let (shown, c) = t.visible(width: room)
                text = shown
                if focused {
                    cursor = c
                    // The length limit, shown while typing.
                    let count = "\(t.text.count)/\(t.limit)"
                    g.put(count, x: r.x + r.width - 2 - DisplayWidth.of(count), y: y, style: Style(fg: theme["muted"].fg, bg: bg))
                }
            case .choice(let options, let typed, let highlighted, _):
                let (shown, c) = typed.visible(width: max(1, valueW - 2))
                text = shown
                if focused {
                    cursor = c
                    dropdown = (y, Form.matches(options, typed.value), highlighted)
                }
            case .toggle(let on):
                text = on ? "[x] " + strings["yes"] : "[ ] " + strings["no"]
            }
            let style = focused ? Style(fg: theme["selection"].fg, bg: theme["title.focus"].bg, underline: true) : Style(bg: bg)
            g.fill(Rect(x: valueX, y: y, width: valueW, height: 1), style: style)
            g.put(text, x: valueX, y: y, maxWidth: valueW, style: style)
            if let cursor, cursor < valueW {
                let cell = g[valueX + cursor, y]
                g.put(cell.text.isEmpty ? " " : cell.text, x: valueX + cursor, y: y, style: theme["selection"])
            }
            if let e = field.error {
                // The form's own reasons and the store's are English: said in Chinese here.
                let msg = " ✗ " + (strings.lang == .zh ? ChineseMessages.say(e) : e)
                let w = min(DisplayWidth.of(msg), valueW / 2)
                g.put(msg, x: r.x + r.width - 2 - w, y: y, maxWidth: w, style: theme["alert"])
            }
        }
        let hint =
            f.askingToLeave
            ? strings["form.leave?"]
            : "Tab \(strings["form.next"]) · S-Tab \(strings["form.back"]) · Ctrl-S \(strings["form.save"]) · Esc \(strings["form.leave"])"
        g.put(
            hint, x: r.x + 2, y: r.y + r.height - 2, maxWidth: r.width - 4,
            style: Style(fg: theme[f.askingToLeave ? "alert" : "footer.key"].fg, bg: bg))
        // The open list of the focused choice, below its field.
        if let d = dropdown, !d.options.isEmpty {
            let rows = min(5, d.options.count, g.height - d.y - 1)
            let first = max(0, d.highlighted - rows + 1)
            for (k, o) in d.options.dropFirst(first).prefix(rows).enumerated() {
                // The value beside the label, unless the label already says it (a person's
                // name and id: `李静 desk-li`).
                let text = o.label == o.value || o.label.hasSuffix(" " + o.value) ? o.label : "\(o.label)  \(o.value)"
                let selected = first + k == d.highlighted
                g.put(
                    DisplayWidth.fit(" " + text, to: min(valueW, 36)), x: valueX, y: d.y + 1 + k,
                    style: selected ? theme["selection"] : Style(fg: theme["text"].fg, bg: theme["footer"].bg))
            }
        }
    }
}
