import WuyeCore
import WuyeReports
import WuyeStore

/// The guard's and the supervisor's screens: scanning checkpoints, reporting a problem at
/// one, the breach board and its answers, the shift's handover, looking back at a moment,
/// and the short survey and training forms.
extension ConsoleApp {
    /// The screen a person's role opens on: a guard's patrol, a supervisor's breach board,
    /// everyone else's board.
    public func openRoleScreen() {
        switch board.actor?.role {
        case .guard_?: show(.patrol)
        case .supervisor?: show(.breaches)
        default: show(.board)
        }
    }

    func show(_ screen: UIState.Screen) {
        ui.screen = screen
        ui.overlay = nil
        if screen == .breaches, !board.wantImpacts {
            // What the breaches do to the month is counted with the figures from now on.
            board.wantImpacts = true
            board.figuresStale = true
        }
    }

    // MARK: the guard's scan field

    /// Keys of the patrol screen: every printable key goes to the scan field (a scanner
    /// types like a keyboard, and a code may begin with `q`); Enter scans. Returns false
    /// for keys that are not the field's (they go on to the key map).
    func patrolKey(_ key: Key, now: Instant) -> Bool {
        switch key {
        case .char(let c) where !c.isASCII || c.asciiValue! >= 0x20:
            _ = ui.scanField.insert(String(c))
        case .paste(let s):
            // A scanner set up to send a whole line at once: the code and its Enter.
            let lines = s.split(whereSeparator: \.isNewline)
            for (i, l) in lines.enumerated() {
                _ = ui.scanField.insert(String(l))
                if i < lines.count - 1 || s.last?.isNewline == true { scan(now: now) }
            }
        case .backspace, .left, .right, .home, .end, .ctrl("u"), .ctrl("a"), .ctrl("e"), .ctrl("d"):
            _ = Form.edit(&ui.scanField, key)
        case .enter: scan(now: now)
        case .ctrl("c"): ui.scanField.clear()
        case .escape:
            if ui.scanField.isEmpty { show(.board) } else { ui.scanField.clear() }
        default: return false
        }
        return true
    }

    /// Scans what the field holds: saved first, then confirmed on screen (with the bell);
    /// a wrong code, another site's, or a second scan is refused with the reason.
    func scan(now: Instant) {
        let code = ui.scanField.value.trimmingSpaces
        ui.scanField.clear()
        guard !code.isEmpty else { return }
        if let refusal = cannotWrite() {
            ui.scanResult = (refusal, false, now)
            ring()
            return
        }
        guard let actor = board.actor, let store else { return }
        do throws(WuyeError) {
            let s = try store.scan(code, note: nil, problem: nil, actor: actor.id, at: nil, now: now)
            committed(now: now)
            ui.lastScan = s
            let zone = board.zone(s.site)
            let row = board.duties.first { $0.id == s.round }
            let name = row?.round?.route.checkpoints.first { $0.code == s.code }?.name ?? ""
            var text = "✓ \(s.code) \(name) · \(ISOFormat.clock(s.at, in: zone))"
            if let row, let round = row.round {
                let done = Set(row.scans.map(\.code)).count
                let st = round.state(at: now, scans: row.scans)
                text += " · \(row.place) \(done)/\(round.route.checkpoints.count)"
                if st == .complete { text += " " + strings["patrol.round_complete"] }
            }
            if s.outOfOrder { text += " · " + strings["patrol.out_of_order"] }
            ui.scanResult = (text + "   " + strings["patrol.report_hint"], true, now)
        } catch {
            ui.scanResult = ("✗ \(code)\(strings.colon)\(ui.said(error.message))", false, now)
        }
        ring()
    }

    /// Flags to the guard, once, a round of their sites that turned late (not started ten
    /// minutes into its hour) or ended with checkpoints left, since the last second.
    func noteRounds(now: Instant) {
        guard ui.screen == .patrol, let since = roundsSeen else {
            roundsSeen = now
            return
        }
        roundsSeen = now
        let sites = PatrolPicture.sites(board, actor: board.actor, site: ui.site)
        for d in board.duties where sites.contains(d.site) {
            guard let r = d.round else { continue }
            let zone = board.zone(d.site)
            let window = "\(ISOFormat.clock(r.start, in: zone))–\(ISOFormat.clock(r.end, in: zone))"
            if r.lateAfter > since, r.lateAfter <= now, d.scans.isEmpty {
                ui.say("▲ \(d.place) \(window): \(strings["patrol.late"])", error: true, now: now)
                ring()
            }
            if r.end > since, r.end <= now, !r.isComplete(d.scans) {
                let left = r.route.checkpoints.count - Set(d.scans.map(\.code)).count
                ui.say("◐ \(d.place) \(window): \(strings["patrol.ended_left"]) \(left)", error: true, now: now)
                ring()
            }
        }
    }

    /// After a commit from this console: the board reads what changed (its own commit and
    /// any other desk's) at once, so that "saved" and the row appear together.
    func committed(now: Instant) {
        guard let store else { return }
        _ = try? board.catchUp(store: store, now: now, figuresSite: ui.site)
        dataVersion = (try? store.dataVersion()) ?? dataVersion
    }

    /// "Report a problem" at the checkpoint just scanned: the desk's repair form, filled in
    /// with the checkpoint, linked to its round.
    func reportProblem(now: Instant) {
        guard let s = ui.lastScan else {
            ui.say(strings["patrol.report_none"], error: true, now: now)
            return
        }
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        guard let site = board.sites.first(where: { $0.id == s.site }) else { return }
        let name = site.route(s.route)?.checkpoints.first { $0.code == s.code }?.name ?? ""
        var f = ItemForms.newItem(.repair, site: site, sites: board.sites, strings: strings)
        f.title = "\(strings["new.repair"]) · \(s.code) \(name)"
        for i in f.fields.indices {
            switch f.fields[i].id {
            // The checkpoint is the place: a unit or area may be added, none is needed.
            case "place": f.fields[i].required = false
            case "category":
                if case .choice(let o, _, let h, let free) = f.fields[i].kind {
                    f.fields[i].kind = .choice(
                        options: o, typed: TextField("patrol", limit: TextLimits.category), highlighted: h, free: free)
                }
            case "text": f.fields[i].kind = .text(TextField("\(s.code) \(name): ", limit: TextLimits.text))
            default: break
            }
        }
        f.focus = f.fields.firstIndex { $0.id == "text" } ?? 0
        ui.form = f
        ui.formPurpose = .problem(round: s.round, code: s.code)
        ui.message = nil
    }

    // MARK: the breach board

    /// The breach under the cursor on the breach board.
    func selectedBreach(now: Instant) -> Breach? {
        let rows = breachTable(now: now).rows
        return rows.isEmpty ? nil : rows[min(ui.breachSelection, rows.count - 1)]
    }

    /// Actions that mean something else on the breach board and the handover; returns
    /// whether the action was taken here.
    func screenAction(_ action: Action, now: Instant) -> Bool {
        switch (ui.screen, action) {
        case (.board, _): return false
        case (.breaches, .moveUp), (.breaches, .moveDown), (.breaches, .pageUp), (.breaches, .pageDown), (.breaches, .top),
            (.breaches, .bottom):
            let n = breachTable(now: now).rows.count
            let by = [Action.moveUp: -1, .moveDown: 1, .pageUp: -10, .pageDown: 10, .top: -1_000_000, .bottom: 1_000_000][action]!
            ui.breachSelection = max(0, min(n - 1, ui.breachSelection + by))
        case (.handover, .moveUp), (.handover, .moveDown), (.handover, .pageUp), (.handover, .pageDown), (.handover, .top),
            (.handover, .bottom):
            let by = [Action.moveUp: -1, .moveDown: 1, .pageUp: -10, .pageDown: 10, .top: -1_000_000, .bottom: 1_000_000][action]!
            ui.handoverScroll = max(0, min(max(0, ui.handover.count - 1), ui.handoverScroll + by))
        case (.breaches, .open):
            guard let b = selectedBreach(now: now) else { return true }
            openDetail(b.item)
        case (_, .back):
            if ui.asOf != nil { return false }
            show(.board)
        case (.messages, .moveUp), (.messages, .moveDown), (.messages, .pageUp), (.messages, .pageDown), (.messages, .top),
            (.messages, .bottom):
            let n = ConsoleView.messageRows(board, ui).count
            let by = [Action.moveUp: -1, .moveDown: 1, .pageUp: -10, .pageDown: 10, .top: -1_000_000, .bottom: 1_000_000][action]!
            ui.messageSelection = max(0, min(n - 1, ui.messageSelection + by))
        case (.messages, .open), (.messages, .new):
            // Then c, e or r, as for any new item: the form opens filled from the message.
            guard let v = selectedMessage() else { return true }
            ui.fromMessage = v.id
            ui.pendingNew = true
            ui.say(strings["messages.pick"], now: now)
        case (.messages, .void): discardMessageForm(now: now)
        case (.patrol, .open), (.handover, .open):
            break
        // The board's own: nothing to tick, filter or switch panes on these screens.
        case (_, .tick), (_, .untick), (_, .filter), (_, .nextPane), (_, .prevPane):
            break
        default:
            return false
        }
        return true
    }

    func openDetail(_ it: Item) {
        ui.alerts.remove(it.id)
        ui.detailItem = it
        loadTimeline(it.id)
        ui.overlay = .detail(id: it.id, scroll: 0)
    }

    // MARK: the handover

    /// The shift's handover: since the start of the signed-in person's shift.
    func openHandover(now: Instant) {
        guard let store else { return }
        if ui.asOf != nil {
            ui.say(strings["handover.live_only"], error: true, now: now)
            return
        }
        let home = board.sites.first { $0.id == (board.actor?.site ?? ui.site) } ?? board.sites.first
        guard let home else { return }
        do throws(WuyeError) {
            let h = try Handover.compute(store: store, site: ui.site, since: home.shiftStart(at: now), now: now)
            ui.handover = h.lines(zone: home.zone)
            ui.handoverScroll = 0
            show(.handover)
        } catch {
            ui.say(error.message, error: true, now: now)
        }
    }

    // MARK: looking back

    /// Asks for a moment to look back at.
    func askAsOf(now: Instant) {
        if readOnly, ui.asOf != nil, past == nil {
            ui.say(strings["asof.started_past"], error: true, now: now)
            return
        }
        ui.form = Form(
            title: strings["asof.title"],
            fields: [Form.Field(id: "when", label: strings["field.when"], kind: .text(TextField(limit: 40)), required: true)])
        ui.formPurpose = .asOf
    }

    /// Shows the board as it stood at `t`, read-only, marked AS OF; Esc comes back to now.
    func lookBack(_ f: Form, now: Instant) throws(WuyeError) {
        guard let store else { return }
        let zone = (ui.site.map(board.zone)) ?? board.sites.first?.zone ?? .utc
        let raw = f.value("when") ?? ""
        guard let t = TimeInput.parse(raw, zone: zone, now: now) else {
            throw .badInput("'\(raw)' is not a time; write 14:30, 2026-11-29 14:30 or 2026-11-29T14:30:00+08:00")
        }
        if t > now { throw .badInput("\(ISOFormat.string(t, in: zone)) is still to come; looking back needs a moment past") }
        let snapshot = try store.snapshot(asOf: t)
        var pastBoard = try Board.load(store: snapshot.store, actor: nil, now: t)
        pastBoard.actor = board.actor
        pastBoard.wantImpacts = board.wantImpacts
        try pastBoard.loadFigures(store: snapshot.store, site: ui.site, now: t)
        pastBoard.figuresStale = false
        if past == nil { liveBoard = board }
        past = snapshot
        board = pastBoard
        ui.asOf = t
        ui.form = nil
        ui.formPurpose = nil
        ui.say("\(strings["as_of"]) \(ISOFormat.string(t, in: zone)) · Esc \(strings["asof.back"])", now: now)
    }

    /// Back from the past to the live board, caught up with what happened meanwhile.
    func backToNow(now: Instant) {
        guard let live = liveBoard else { return }
        board = live
        liveBoard = nil
        past = nil
        ui.asOf = nil
        committed(now: now)
        board.figuresStale = true
    }

    // MARK: surveys and training

    func surveyForm(now: Instant) {
        if let refusal = cannotWrite() { return ui.say(refusal, error: true, now: now) }
        guard let site = formSite() else { return }
        ui.form = Form(
            title: strings["survey.title"],
            fields: [
                Form.Field(
                    id: "site", label: strings["field.site"],
                    kind: .choice(
                        options: board.sites.map { Form.Option($0.id, $0.name) }, typed: TextField(site.name, limit: 64), highlighted: 0,
                        free: false), required: true),
                Form.Field(id: "score", label: strings["field.score"], kind: .text(TextField(limit: 5)), required: true),
                Form.Field(
                    id: "household", label: strings["field.household"],
                    kind: .choice(options: site.units.map { Form.Option($0) }, typed: TextField(limit: 64), highlighted: 0, free: false)),
            ])
        ui.formPurpose = .survey
    }

    func planTrainingForm(now: Instant) {
        if let refusal = cannotWrite() { return ui.say(refusal, error: true, now: now) }
        let zone = formSite()?.zone ?? .utc
        let people = board.staff.filter(\.active).map { Form.Option($0.id, "\($0.name) \($0.id)") }
        ui.form = Form(
            title: strings["training.plan"],
            fields: [
                Form.Field(id: "topic", label: strings["field.topic"], kind: .text(TextField(limit: TextLimits.text)), required: true),
                Form.Field(
                    id: "kind", label: strings["field.training_kind"],
                    kind: .choice(
                        options: TrainingSession.Kind.allCases.reversed().map {
                            Form.Option($0.rawValue, strings["training.\($0.rawValue)"])
                        },
                        typed: TextField(TrainingSession.Kind.monthly.rawValue, limit: 16), highlighted: 0, free: false), required: true),
                Form.Field(
                    id: "date", label: strings["field.date"], kind: .text(TextField(zone.date(of: now).description, limit: 10)),
                    required: true),
                Form.Field(
                    id: "trainer", label: strings["field.trainer"],
                    kind: .choice(options: people, typed: TextField(limit: 40), highlighted: 0, free: false)),
                Form.Field(
                    id: "site", label: strings["field.site"],
                    kind: .choice(
                        options: board.sites.map { Form.Option($0.id, $0.name) }, typed: TextField(limit: 64), highlighted: 0, free: false)),
            ])
        ui.formPurpose = .planTraining
    }

    func recordTrainingForm(now: Instant) {
        if let refusal = cannotWrite() { return ui.say(refusal, error: true, now: now) }
        guard !board.trainings.isEmpty else { return ui.say(strings["training.none"], error: true, now: now) }
        let sessions = board.trainings.reversed().map { Form.Option($0.id, "\($0.id) \($0.date) \($0.topic)") }
        let people = board.staff.filter(\.active).map { Form.Option($0.id, "\($0.name) \($0.id)") }
        ui.form = Form(
            title: strings["training.record"],
            fields: [
                Form.Field(
                    id: "session", label: strings["field.session"],
                    kind: .choice(options: sessions, typed: TextField(sessions[0].value, limit: 40), highlighted: 0, free: false),
                    required: true),
                Form.Field(
                    id: "person", label: strings["field.person"],
                    kind: .choice(options: people, typed: TextField(limit: 40), highlighted: 0, free: false), required: true),
                Form.Field(id: "score", label: strings["field.score_optional"], kind: .text(TextField(limit: 5))),
            ])
        ui.formPurpose = .recordTraining
    }

    /// Saves the guard's and supervisor's forms; returns what the message line says.
    func saveRoleForm(_ purpose: UIState.FormPurpose, _ f: Form, actor: String, now: Instant) throws(WuyeError) -> String? {
        guard let store else { return nil }
        func number(_ id: String, _ what: String) throws(WuyeError) -> Double? {
            guard let raw = f.value(id)?.trimmingSpaces, !raw.isEmpty else { return nil }
            guard let v = Double(raw), v.isFinite else { throw .badInput("\(what) must be a number 0–100, got '\(raw)'") }
            return v
        }
        switch purpose {
        case .problem(let round, _):
            var o = try ItemForms.opened(.repair, from: f, sites: board.sites, limits: try store.standards().clocks)
            o.source = round
            // Found on the round, not brought in by an owner: no channel, as `patrol scan --problem`.
            o.channel = nil
            let it = try store.perform(.open(o), on: nil, site: o.site, actor: actor, at: nil, now: now)
            return "\(strings["saved:"])\(it.id)"
        case .survey:
            guard let score = try number("score", "the score") else { throw .badInput("give the owner's score, 0–100") }
            let v = try store.addSurvey(
                site: f.value("site") ?? "", score: score, household: f.value("household"), actor: actor, at: nil, now: now)
            return "\(strings["saved:"])\(v.id) \(v.site) \(Int(v.score))"
        case .planTraining:
            guard let date = CivilDate.parse(f.value("date") ?? "") else { throw .badInput("the date must be YYYY-MM-DD") }
            let s = try store.planTraining(
                kind: TrainingSession.Kind(rawValue: f.value("kind") ?? "") ?? .monthly, topic: f.value("topic") ?? "", date: date,
                trainer: f.value("trainer"), site: f.value("site"), actor: actor, now: now)
            return "\(strings["saved:"])\(s.id) \(s.date) \(s.topic)"
        case .recordTraining:
            let id = f.value("session") ?? ""
            guard let person = f.value("person") else { throw .badInput("choose who attended") }
            let event: TrainingEvent =
                try number("score", "the score").map { .scored(staff: person, score: $0) } ?? .attended(staff: [person])
            let s = try store.recordTraining(id, event, actor: actor, now: now)
            return "\(strings["saved:"])\(s.id) \(person)" + (s.scores[person].map { " \(Int($0))" } ?? "")
        default:
            return nil
        }
    }
}

// MARK: the desk's new messages

extension ConsoleApp {
    func openMessages(now: Instant) {
        guard ConsoleView.readsMessages(board.actor) else {
            ui.say(strings["messages.desk_only"], error: true, now: now)
            return
        }
        ui.messageSelection = 0
        show(.messages)
    }

    func selectedMessage() -> IntakeEntry? {
        let rows = ConsoleView.messageRows(board, ui)
        return rows.isEmpty ? nil : rows[min(ui.messageSelection, rows.count - 1)]
    }

    /// The new-item form filled from a message: its text, the sender as owner, its
    /// channel and site; saving opens the item received at the message's date.
    func newItem(_ kind: ItemKind, from message: String, now: Instant) {
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        guard let v = board.newMessages.first(where: { $0.id == message }),
            let site = board.sites.first(where: { $0.id == v.site })
        else { return }
        var f = ItemForms.newItem(kind, site: site, sites: board.sites, strings: strings)
        f.prefill("text", v.itemText)
        f.prefill("owner", v.ownerField)
        f.prefill("phone", v.phone)
        f.prefill("channel", v.channel.rawValue)
        f.prefill("site", site.id)
        f.title += " · \(v.id) · \(strings["messages.received"]) \(ISOFormat.short(v.receivedAt, in: site.zone))"
        ui.form = f
        ui.formPurpose = .fromMessage(kind, message: v.id)
        ui.message = nil
    }

    func discardMessageForm(now: Instant) {
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        guard let v = selectedMessage() else { return }
        ui.form = Form(
            title: "\(strings["messages.discard"]) \(v.id)",
            fields: [
                Form.Field(
                    id: "reason", label: strings["messages.reason"], kind: .text(TextField(limit: TextLimits.note)), required: true)
            ])
        ui.formPurpose = .discardMessage(v.id)
    }
}
