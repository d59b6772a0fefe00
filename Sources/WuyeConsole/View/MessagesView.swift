import WuyeCore

/// The desk's new messages: the intake queue on the left (oldest first), the selected
/// message whole on the right, so a clerk reads it before deciding what it is.
extension ConsoleView {
    /// The messages on screen: the site shown, or all.
    static func messageRows(_ board: Board, _ ui: UIState) -> [IntakeEntry] {
        board.newMessages.filter { ui.site == nil || $0.site == ui.site }
    }

    /// A message's lines in the console's language.
    var intakeWords: IntakeText.Words {
        var w = IntakeText.Words()
        let s = strings
        (w.from, w.subject, w.date, w.received, w.attached) =
            (s["intake.from"], s["intake.subject"], s["intake.date"], s["intake.received"], s["intake.attached"])
        (w.noDate, w.noName, w.via) = (s["intake.no_date"], s["intake.no_name"], s["intake.via"])
        (w.new, w.openedAs, w.discarded, w.by) = (s["intake.new"], s["intake.opened_as"], s["intake.discarded"], s["intake.by"])
        return w
    }

    func messagesScreen(_ g: inout CellGrid, _ r: Rect) {
        let rows = ConsoleView.messageRows(board, ui)
        g.put(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: theme["border.focus"])
        g.put(" ▶ \(strings["messages.title"]) (\(rows.count)) ", x: r.x + 1, y: r.y, maxWidth: r.width - 2, style: theme["title.focus"])
        let body = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        guard body.height > 0 else { return }
        if rows.isEmpty {
            g.put(strings["messages.none"], x: body.x + 1, y: body.y, maxWidth: body.width - 2, style: theme["muted"])
            return
        }
        let listW = max(36, body.width * 2 / 5)
        let selected = min(ui.messageSelection, rows.count - 1)
        let first = ConsoleView.offset(selected: selected, count: rows.count, rows: body.height)
        for (i, v) in rows.enumerated().dropFirst(first).prefix(body.height) {
            let y = body.y + i - first
            let isSel = i == selected && ui.overlay == nil
            let style = isSel ? theme["selection"] : theme["text"]
            if isSel { g.fill(Rect(x: body.x, y: y, width: listW, height: 1), style: style) }
            let zone = board.zone(v.site)
            let when = ISOFormat.short(v.receivedAt, in: zone).dropFirst(5)  // MM-DD HH:MM
            var x = body.x + 1
            x += g.put(v.id, x: x, y: y, maxWidth: 8, style: isSel ? style : theme["title"])
            x = body.x + 9
            x += g.put(String(when), x: x, y: y, style: isSel ? style : theme["muted"]) + 1
            let clip = v.attachments.isEmpty ? "" : " +\(v.attachments.count)"
            g.put((v.subject ?? v.text) + clip, x: x, y: y, maxWidth: body.x + listW - x - 1, style: style)
        }
        // The selected message whole.
        let v = rows[selected]
        let textX = body.x + listW + 1
        for y in body.y..<(body.y + body.height) { g.put("│", x: textX - 1, y: y, style: theme["border"]) }
        let width = body.x + body.width - textX - 1
        var lines: [(String, String)] = []
        for l in IntakeText.lines(v, zone: board.zone(v.site), words: intakeWords) {
            // Long lines wrap: a message is read, not cut.
            for part in DisplayWidth.wrap(l, to: width) { lines.append((part, lines.count < 2 ? "title" : "text")) }
        }
        for (i, l) in lines.prefix(body.height).enumerated() {
            g.put(l.0, x: textX + 1, y: body.y + i, maxWidth: width, style: theme[l.1])
        }
    }
}
