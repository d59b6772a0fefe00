import WuyeCore

/// The header (site, who, badges, the clock) and the footer (the keys that work here, from
/// the same bindings as the help).
extension ConsoleView {

    func header(_ g: inout CellGrid, _ r: Rect) {
        let style = theme["header"]
        g.fill(r, style: style)
        let zone = ui.site.map(board.zone) ?? board.sites.first?.zone ?? .utc
        let siteName = ui.site.flatMap { id in board.sites.first { $0.id == id }.map { "\($0.name) (\($0.id))" } } ?? strings["all_sites"]
        let who = board.actor.map { "\($0.name) \($0.role.label)" } ?? strings["not_signed_in"]
        let l = zone.local(now)
        let weekday =
            strings.lang == .zh
            ? ["一", "二", "三", "四", "五", "六", "日"][l.date.isoWeekday - 1]
            : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][l.date.isoWeekday - 1]
        let clock = "\(l.date) \(weekday) \(ISOFormat.clock(now, in: zone)):\(l.second < 10 ? "0" : "")\(l.second)"
        var left = " Wuye 物业 │ \(siteName) │ \(who)"
        let right = clock + " "
        // Badges before the clock: looking at the past, the demo property.
        let waiting = ui.asOf == nil && ConsoleView.readsMessages(board.actor) ? ConsoleView.messageRows(board, ui).count : 0
        let badges =
            (stale ? [strings["stale"]] : []) + (ui.asOf != nil ? [strings["as_of"]] : [])
            + (waiting > 0 ? ["\(strings["messages.badge"]) (\(waiting))"] : []) + (board.demo ? [strings["demo"]] : [])
        let badgeText = badges.map { " \($0) " }.joined(separator: " ")
        let badgeW = badges.isEmpty ? 0 : DisplayWidth.of(badgeText) + 1
        let room = r.width - DisplayWidth.of(right) - badgeW - 1
        left = DisplayWidth.truncate(left, to: room)
        g.put(left, x: r.x, y: r.y, style: style)
        var x = r.x + r.width - DisplayWidth.of(right) - badgeW
        for b in badges {
            g.put(" \(b) ", x: x, y: r.y, style: theme["header.demo"])
            x += DisplayWidth.of(b) + 3
        }
        g.put(right, x: r.x + r.width - DisplayWidth.of(right), y: r.y, style: style)
    }

    /// The intake queue is the desk's (and a supervisor's): others are not shown it.
    static func readsMessages(_ actor: Staff?) -> Bool { actor?.role == .desk || actor?.role == .supervisor }

    /// The footer: the keys that work here, from the same bindings as the help.
    public func footerHints() -> [(String, String)] {
        let actions: [Action]
        switch ui.overlay {
        case .detail(let id, _)?:
            // The item view: how to leave it, then the steps this person may take on it.
            let steps = (board.items[id] ?? ui.detailItem).map { it in
                ItemStep.allCases.filter { $0.offered(to: board.actor, on: it) }.compactMap { Action(rawValue: $0.rawValue) }
            }
            actions = [.back] + (steps ?? [])
        case .help?: actions = [.back, .moveDown, .moveUp, .quit]
        case nil:
            switch ui.screen {
            case _ where ui.asOf != nil && ui.screen == .board: actions = [.back, .quit, .help, .open, .nextPane, .asOf, .breaches]
            case .board:
                let role: Action = board.actor?.role == .guard_ ? .patrol : .breaches
                actions =
                    [.quit, .help, .new] + (ConsoleView.readsMessages(board.actor) && !board.newMessages.isEmpty ? [.messages] : [])
                    + [.nextPane, .open, .filter, .tick, .switchSite, role, .redraw]
            // The scan field takes every printable key: only keys that type nothing work here.
            case .patrol: actions = [.report, .back, .help, .lock]
            case .breaches: actions = [.back, .open, .ackBreach, .assign, .escalate, .handover, .asOf, .switchSite, .quit]
            case .handover: actions = [.back, .moveDown, .moveUp, .quit]
            case .messages: actions = [.back, .open, .void, .moveDown, .moveUp, .switchSite, .quit]
            }
        }
        let typing = ui.screen == .patrol && ui.overlay == nil
        // On the messages screen, Enter opens the message as an item and X sets it aside.
        let named: [Action: String] =
            ui.screen == .messages && ui.overlay == nil ? [.open: "messages.open", .void: "messages.discard"] : [:]
        return actions.compactMap { a in
            let k = typing ? keys.label(typingNothing: a) : keys.label(a)
            return k.isEmpty ? nil : (k, strings[named[a] ?? "action.\(a.rawValue)"])
        }
    }

    func footer(_ g: inout CellGrid, _ r: Rect) {
        g.fill(r, style: theme["footer"])
        var x = r.x
        if ui.screen == .patrol && ui.overlay == nil && ui.form == nil {
            x += g.put(" Enter", x: x, y: r.y, style: theme["footer.key"])
            x += g.put(" " + strings["patrol.scan"] + " ", x: x, y: r.y, style: theme["footer"])
        }
        if ui.editingFilter {
            let text = " / \(strings["filter"])\(strings.colon)\(ui.filter[ui.focus] ?? "")▏  Enter ✓  Esc ✗"
            g.put(text, x: x, y: r.y, maxWidth: r.width, style: theme["message"])
            return
        }
        if let m = ui.message, now < ui.messageUntil {
            x += g.put(" " + m + " ", x: x, y: r.y, maxWidth: r.width, style: theme[ui.messageIsError ? "alert" : "message"]) + 1
        }
        for (k, label) in footerHints() {
            let need = DisplayWidth.of(k) + DisplayWidth.of(label) + 3
            if x + need > r.x + r.width { break }
            x += g.put(" " + k, x: x, y: r.y, style: theme["footer.key"])
            x += g.put(" " + label + " ", x: x, y: r.y, style: theme["footer"])
        }
    }
}
