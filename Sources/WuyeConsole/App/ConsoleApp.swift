import WuyeCore
import WuyeStore

/// What the console does with keys and with time: moves, opens, filters, ticks duties,
/// switches sites, flags clocks that cross into due soon or breached, and catches up with
/// other processes. Drawing is `ConsoleView`'s.
@MainActor
public final class ConsoleApp {
    public let store: Store?
    /// What is on screen. Every change bumps `generation`, so that a board prepared off
    /// the key thread from an older one is never swapped in over a newer one.
    public var board: Board { didSet { generation &+= 1 } }
    public private(set) var generation = 0
    /// Catch-up and figures off the key thread (nil: done on it, as the unit tests do).
    public var worker: BoardWorker?
    /// A preparation is under way on the worker.
    private var inFlight = false
    /// Another process committed since the last preparation was asked for.
    private var wantCatchUp = false
    /// How long the worker's last preparation took, in milliseconds.
    public private(set) var lastPreparation: Double?
    public var ui: UIState
    public var theme: Theme
    public var strings: Strings
    public var keys: KeyMap
    public var readOnly = false
    /// With a shared store: whether its server can be heard from (asked once a second).
    /// While it cannot, the header says NOT LIVE and the desk is told once.
    public var sharedConnected: (@Sendable () -> Bool)?
    private var sharedLost = false
    /// What the loop should do after a key or a second: `handle` and `second` return it,
    /// and `ConsoleLoop` alone carries it out (quit, ring the bell, repaint everything).
    public struct Effects: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let quit = Effects(rawValue: 1)
        public static let bell = Effects(rawValue: 2)
        /// Repaint the whole screen (Ctrl-L).
        public static let repaint = Effects(rawValue: 4)
    }

    /// What the current key or second asks for, gathered while it is handled.
    private var pending: Effects = []

    /// Asks for the bell (when it is on).
    func ring() { if ui.bell { pending.insert(.bell) } }
    var dataVersion: Int64 = -1
    /// The breach board's table, for the items (`Board.itemsStamp`) and site it was made from.
    private var breachMemo: (items: UInt64, site: String?, table: BreachTable)?

    /// The breach board's table, kept until the items change, the site on screen changes
    /// or a clock crosses (the supervisor's board would otherwise go through every open
    /// item each second: 2.4 % of a core idle at 2 000 open items).
    public func breachTable(now: Instant) -> BreachTable {
        if var m = breachMemo, m.items == board.itemsStamp, m.site == ui.site, m.table.from <= now {
            // The memo lets go of the table while it changes, so that its rows are moved
            // in place instead of copied (2 000 rows, each holding its item).
            breachMemo = nil
            if !m.table.stands(at: now) { m.table.advance(board, site: ui.site, to: now) }
            // The worker counted the figures again (a commit, a new day): the same rows,
            // their effect from the new basis.
            if m.table.impactsStamp != board.impactsStamp { m.table.countImpacts(board, site: ui.site, now: now) }
            breachMemo = m
            return m.table
        }
        let t = BreachTable(board, site: ui.site, now: now)
        breachMemo = (board.itemsStamp, ui.site, t)
        return t
    }
    /// Other processes' commits wake the console (inotify on the store's folder): the
    /// second's look for them is then taken every `watchedLookEvery` seconds only.
    public var commitsWatched = false
    static let watchedLookEvery: Int64 = 5
    private var lastLook = Instant(seconds: 0)
    /// Looking back from the console: the store as it stood then, and the live board to
    /// come back to.
    var past: Snapshot?
    var liveBoard: Board?
    /// The last second whose round crossings (late, ended incomplete) were looked at.
    var roundsSeen: Instant?
    /// The store stopped being usable under the console (replaced, damaged, newer): what
    /// is on screen is frozen at that moment and says so, instead of counting down stale
    /// clocks as if live.
    public private(set) var storeProblem: (message: String, since: Instant)?
    /// When the WAL was last folded into the main file.
    private var lastCheckpoint: Instant
    /// How often a running console checkpoints the store.
    static let checkpointEvery: Int64 = 300
    /// The last instant whose clock crossings were looked at.
    private var crossingsSeen: Instant

    public init(store: Store?, board: Board, theme: Theme, strings: Strings, keys: KeyMap, now: Instant) {
        self.store = store
        self.board = board
        self.ui = UIState()
        self.theme = theme
        self.strings = strings
        self.ui.chinese = strings.lang == .zh
        self.keys = keys
        crossingsSeen = now
        lastCheckpoint = now
        dataVersion = (try? store?.dataVersion()) ?? -1
    }

    /// The instant the screen shows: now, the moment looked back at, or the moment the
    /// store stopped being usable.
    public func shown(_ now: Instant) -> Instant { ui.asOf ?? storeProblem?.since ?? now }

    /// Leaves the store whole in its main file (on quit).
    public func finish() {
        if !readOnly, storeProblem == nil { try? store?.checkpoint() }
    }

    private func fail(_ error: WuyeError, now: Instant) {
        guard error.kind == .storeUnusable else {
            ui.say(error.message, error: true, now: now)
            return
        }
        storeProblem = (ui.said(error.message), now)
        ui.say(error.message, error: true, now: now + 1_000_000_000)
        ring()
    }

    public func view(now: Instant) -> ConsoleView {
        var v = ConsoleView(board: board, ui: ui, theme: theme, strings: strings, keys: keys, now: now)
        v.stale = storeProblem != nil || sharedLost
        if ui.screen == .breaches { v.breaches = breachTable(now: now) }
        return v
    }

    // MARK: time

    /// Once a second: catch up with other processes' commits, roll over to a new day, and
    /// flag clocks that crossed into due soon or breached.
    @discardableResult
    public func second(now: Instant) -> Effects {
        defer { pending = [] }
        advance(to: now)
        return pending
    }

    func advance(to now: Instant) {
        // Looking back: the past stands still; the live board catches up on the way back.
        if storeProblem != nil || past != nil { return }
        if let store {
            do throws(WuyeError) {
                // With inotify waking the loop on every write, the look is a safety net.
                if !commitsWatched || now - lastLook >= Self.watchedLookEvery {
                    lastLook = now
                    try lookForCommits(now: now)
                }
                if !readOnly, board.dayChanged(now: now) {
                    if worker != nil {
                        try board.loadDuties(store: store, now: now)
                        board.figuresStale = true
                    } else {
                        try board.reloadDay(store: store, now: now, figuresSite: ui.site)
                    }
                }
                if !readOnly, now - lastCheckpoint >= Self.checkpointEvery {
                    lastCheckpoint = now
                    try store.checkpoint()
                }
            } catch {
                fail(error, now: now)
            }
        }
        if let sharedConnected, sharedConnected() == sharedLost {
            sharedLost.toggle()
            ui.say(strings[sharedLost ? "shared.lost" : "shared.back"], error: sharedLost, now: now)
        }
        noteStates(now: now, alert: true)
        dispatchWork(now: now)
    }

    /// Asks the store whether another process committed (`PRAGMA data_version`, a few
    /// microseconds) and, if so, catches up: on the worker when there is one. Returns
    /// whether there was a commit.
    @discardableResult
    func lookForCommits(now: Instant) throws(WuyeError) -> Bool {
        guard let store else { return false }
        let v = try store.dataVersion()
        if let p = store.problem(schema: v != dataVersion) { throw p }
        guard v != dataVersion else { return false }
        dataVersion = v
        guard !readOnly else { return true }
        if worker != nil {
            wantCatchUp = true
            return true
        }
        let selected = selectedIDs(now: now)
        defer { reselect(selected, now: now) }
        if try board.catchUp(store: store, now: now, figuresSite: ui.site) { caughtUp() }
        return true
    }

    /// After the board took in other processes' commits: the open item's timeline, and
    /// alerts of items no longer open.
    private func caughtUp() {
        if case .detail(let id, _)? = ui.overlay { loadTimeline(id) }
        ui.alerts.formIntersection(board.items.keys)
    }

    /// The store's files changed (inotify): looks for a commit at once. Returns whether
    /// one landed (if not, the loop looks again shortly: the commit may still be under way).
    public func storeChanged(now: Instant) -> Bool {
        guard storeProblem == nil, past == nil else { return true }
        do throws(WuyeError) {
            let found = try lookForCommits(now: now)
            dispatchWork(now: now)
            return found
        } catch {
            fail(error, now: now)
            return true
        }
    }

    /// Hands the worker what needs preparing, unless it is busy (then it is asked again
    /// when its result comes in).
    func dispatchWork(now: Instant) {
        guard let worker, !inFlight, storeProblem == nil, past == nil, wantCatchUp || board.needsCounting else { return }
        inFlight = true
        worker.submit(BoardWorker.Request(base: board, generation: generation, now: now, figuresSite: ui.site, catchUp: wantCatchUp))
        wantCatchUp = false
    }

    /// A board prepared by the worker: swapped in if the board on screen is still the one
    /// it was prepared from, else prepared again from the newer one.
    public func received(now: Instant) -> Effects {
        defer { pending = [] }
        guard let worker, let p = worker.take() else { return [] }
        inFlight = false
        lastPreparation = p.milliseconds
        if let e = p.error {
            fail(e, now: now)
            return pending
        }
        if p.generation == generation, past == nil {
            let selected = selectedIDs(now: now)
            board = p.board
            reselect(selected, now: now)
            if p.changed { caughtUp() }
            noteStates(now: now, alert: true)
        } else if p.catchUp {
            wantCatchUp = true
        }
        dispatchWork(now: now)
        return pending
    }

    /// Flags the items whose clock crossed into due soon or breached since the last
    /// second, from the board's schedule of crossings (not a scan of every item).
    func noteStates(now: Instant, alert: Bool) {
        if alert { noteRounds(now: now) }
        var crossed = false
        for c in board.crossings(in: crossingsSeen, now) {
            guard board.items[c.id] != nil else { continue }
            if alert {
                ui.alerts.insert(c.id)
                crossed = true
            }
        }
        crossingsSeen = now
        // A new breach changes what the breach board says it does to the month: its
        // table counts that again in memory when it moves past the crossing.
        if crossed { ring() }
    }

    /// Recomputes this month's figures if a change made them stale (after drawing it).
    public func refreshFigures(now: Instant) {
        if worker != nil { return dispatchWork(now: now) }
        guard board.needsCounting, past == nil, let store else { return }
        do { try board.recount(store: store, site: ui.site, now: now) } catch { ui.say(error.message, error: true, now: now) }
    }

    // MARK: keys

    /// Handles one key and says what the loop should do.
    public func handle(_ key: Key, now: Instant) -> Effects {
        let stay = route(key, now: now)
        defer { pending = [] }
        return stay ? pending : pending.union(.quit)
    }

    /// Routes a key to the form, the search, the `n` prompt or an action; false to quit.
    func route(_ key: Key, now: Instant) -> Bool {
        if key == .resize { return true }
        if ui.form != nil { return formKey(key, now: now) }
        if ui.search != nil {
            searchKey(key, now: now)
            return true
        }
        if ui.pendingNew {
            ui.pendingNew = false
            let message = ui.fromMessage
            ui.fromMessage = nil
            let kinds: [Key: ItemKind] = [.char("c"): .complaint, .char("e"): .enquiry, .char("r"): .repair]
            if let kind = kinds[key] {
                if let message { newItem(kind, from: message, now: now) } else { newItem(kind, now: now) }
            } else {
                ui.message = nil
            }
            return true
        }
        if ui.editingFilter { return editFilter(key) }
        if ui.overlay == nil, ui.screen == .patrol, board.actor != nil, patrolKey(key, now: now) { return true }
        let action = keys.action(for: key)
        if let overlay = ui.overlay {
            switch (overlay, action) {
            case (_, .quit?): return false
            case (.help, _): ui.overlay = nil
            case (.detail(let id, let scroll), .moveDown?): ui.overlay = .detail(id: id, scroll: scroll + 1)
            case (.detail(let id, let scroll), .moveUp?): ui.overlay = .detail(id: id, scroll: max(0, scroll - 1))
            case (.detail(let id, let scroll), .pageDown?): ui.overlay = .detail(id: id, scroll: scroll + 10)
            case (.detail(let id, let scroll), .pageUp?): ui.overlay = .detail(id: id, scroll: max(0, scroll - 10))
            case (.detail, .back?), (.detail, .open?): ui.overlay = nil
            case (.detail, let a?) where ConsoleApp.steps[a] != nil: step(ConsoleApp.steps[a]!, now: now)
            case (_, .redraw?): pending.insert(.repaint)
            default: break
            }
            return true
        }
        guard let action else { return true }
        if screenAction(action, now: now) { return true }
        switch action {
        case .quit: return false
        case .help: ui.overlay = .help
        case .redraw: pending.insert(.repaint)
        case .back:
            if past != nil { backToNow(now: now) } else { ui.filter[ui.focus] = nil }
        case .moveUp: move(-1, now: now)
        case .moveDown: move(1, now: now)
        case .pageUp: move(-10, now: now)
        case .pageDown: move(10, now: now)
        case .top: move(-1_000_000, now: now)
        case .bottom: move(1_000_000, now: now)
        case .nextPane: focus(ui.focus.rawValue + 1, now: now)
        case .prevPane: focus(ui.focus.rawValue + PaneID.allCases.count - 1, now: now)
        case .filter: ui.editingFilter = true
        case .open: open(now: now)
        case .tick: tick(now: now)
        case .switchSite: switchSite(now: now)
        case .new:
            ui.pendingNew = true
            ui.say(strings["new_pending"], now: now)
        case .assign: step(.assign, now: now)
        case .respond: step(.respond, now: now)
        case .progress: step(.progress, now: now)
        case .resolve: step(.resolve, now: now)
        case .callback: step(.callback, now: now)
        case .pause: step(.pause, now: now)
        case .close: step(.close, now: now)
        case .reopen: step(.reopen, now: now)
        case .void: step(.void, now: now)
        case .edit: step(.edit, now: now)
        case .lock: if !readOnly { requireSignIn() }
        case .search: ui.search = UIState.Search()
        case .untick: untick(now: now)
        case .breaches: show(ui.screen == .breaches ? .board : .breaches)
        case .patrol: show(ui.screen == .patrol ? .board : .patrol)
        case .handover: if ui.screen == .handover { show(.board) } else { openHandover(now: now) }
        case .asOf: askAsOf(now: now)
        case .ackBreach: step(.ackBreach, now: now)
        case .escalate: step(.escalate, now: now)
        case .report: reportProblem(now: now)
        case .survey: surveyForm(now: now)
        case .planTraining: planTrainingForm(now: now)
        case .recordTraining: recordTrainingForm(now: now)
        case .messages: if ui.screen == .messages { show(.board) } else { openMessages(now: now) }
        }
        return true
    }

    /// The item a step is taken on: the one open in the detail view, else the selected one.
    func stepItem(now: Instant) -> Item? {
        if case .detail(let id, _)? = ui.overlay { return board.items[id] ?? ui.detailItem }
        return selectedItem(now: now)
    }

    /// Opens the short form of a step on the item, if this person may take it.
    func step(_ s: ItemStep, now: Instant) {
        guard let item = stepItem(now: now) else { return }
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        do throws(WuyeError) {
            try Permissions.check(board.actor!, s.template(item), kind: item.kind, item: item)
        } catch {
            ui.say(error.message, error: true, now: now)
            return
        }
        guard let site = board.sites.first(where: { $0.id == item.site }) else { return }
        ui.form = s.form(item, site: site, staff: board.staff, strings: strings)
        ui.formPurpose = .step(s, id: item.id)
        ui.message = nil
    }

    // MARK: finding any item

    func searchKey(_ key: Key, now: Instant) {
        guard var s = ui.search else { return }
        switch key {
        case .escape, .ctrl("c"):
            ui.search = nil
            return
        case .down: s.selected = min(max(0, s.results.count - 1), s.selected + 1)
        case .up: s.selected = max(0, s.selected - 1)
        case .enter:
            guard s.results.indices.contains(s.selected) else { return }
            let it = s.results[s.selected]
            ui.search = nil
            ui.detailItem = it
            loadTimeline(it.id)
            ui.overlay = .detail(id: it.id, scroll: 0)
            return
        default:
            Form.edit(&s.field, key)
        }
        // Each change of the text searches again: a few milliseconds, from the index.
        let q = s.field.value.trimmingSpaces
        if q != s.searched {
            s.searched = q
            s.selected = 0
            s.results = q.isEmpty ? [] : ((try? store?.search(q, limit: 50)) ?? [])
        }
        ui.search = s
    }

    // MARK: signing in

    /// Locks the desk: nobody is signed in until someone signs in again. The board is
    /// hidden meanwhile (owners' details stay private on a shared desk).
    public func requireSignIn(prefill staffID: String? = nil) {
        board.actor = nil
        let people = board.staff.filter(\.active).map { Form.Option($0.id, "\($0.name) \($0.id)") }
        var f = Form(
            title: strings["signin.title"],
            fields: [
                Form.Field(
                    id: "staff", label: strings["field.staff"],
                    kind: .choice(options: people, typed: TextField(staffID ?? "", limit: 64), highlighted: 0, free: false), required: true),
                Form.Field(id: "pin", label: strings["field.pin"], kind: .text(TextField(limit: 8, secret: true))),
            ])
        if staffID != nil { f.focus = 1 }
        ui.form = f
        ui.formPurpose = .signIn
        ui.overlay = nil
    }

    public var signedIn: Bool { board.actor != nil }

    func signIn(_ f: Form, now: Instant) {
        guard let store else { return }
        var f = f
        do throws(WuyeError) {
            guard let id = f.value("staff") else { throw .badInput("choose who you are") }
            let staff = try store.signIn(id, pin: f.value("pin"), now: now)
            board.actor = staff
            ui.form = nil
            ui.formPurpose = nil
            openRoleScreen()
            ui.say("\(staff.name) \(staff.role.label)", now: now)
        } catch {
            f.mark(error.message.contains("PIN") || error.message.contains("locked") ? "pin" : "staff", error.message)
            if let i = f.fields.firstIndex(where: { $0.id == "pin" }), case .text(var t) = f.fields[i].kind {
                t.clear()
                f.fields[i].kind = .text(t)
            }
            ui.form = f
            ring()
        }
    }

    // MARK: forms

    static let steps: [Action: ItemStep] = [
        .assign: .assign, .respond: .respond, .progress: .progress, .resolve: .resolve, .callback: .callback, .pause: .pause,
        .close: .close, .reopen: .reopen, .void: .void, .edit: .edit, .ackBreach: .ackBreach, .escalate: .escalate,
    ]

    /// The site a new item is for: the one on screen, the signed-in person's, or the first.
    func formSite() -> Site? {
        let id = ui.site ?? board.actor?.site
        return board.sites.first { $0.id == id } ?? board.sites.first
    }

    func newItem(_ kind: ItemKind, now: Instant) {
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        guard let site = formSite() else { return }
        ui.form = ItemForms.newItem(kind, site: site, sites: board.sites, strings: strings)
        ui.formPurpose = .new(kind)
        ui.message = nil
    }

    /// Why nothing can be saved from this console now, or nil.
    func cannotWrite() -> String? {
        if readOnly || past != nil { return strings["read_only"] }
        if let p = storeProblem { return p.message }
        if board.actor == nil { return strings["need_actor"] }
        return nil
    }

    /// Returns false when the console should end (Esc on an empty sign-in).
    func formKey(_ key: Key, now: Instant) -> Bool {
        guard var f = ui.form else { return true }
        if ui.formPurpose == .signIn {
            switch f.handle(key) {
            case .save: signIn(f, now: now)
            case .leave:
                // Nobody signs in: Esc (with nothing typed) ends the console; Ctrl-C only clears.
                if key == .escape { return false }
                requireSignIn()
            case .bell:
                ui.form = f
                ring()
            case .none: ui.form = f
            }
            return true
        }
        let siteBefore = f.value("site")
        let result = f.handle(key)
        // Another site: its units and areas are the places to choose from.
        if let s = f.value("site"), s != siteBefore, let site = board.sites.first(where: { $0.id == s }),
            let i = f.fields.firstIndex(where: { $0.id == "place" })
        {
            f.fields[i].kind = .choice(options: ItemForms.places(site), typed: TextField(limit: 64), highlighted: 0, free: false)
        }
        ui.form = f
        switch result {
        case .none: break
        case .bell: ring()
        case .leave:
            ui.form = nil
            ui.formPurpose = nil
        case .save: saveForm(now: now)
        }
        return true
    }

    /// Saves through the same store path as the command line: one commit, then the new
    /// item is on the board and selected.
    func saveForm(now: Instant) {
        guard var f = ui.form, let purpose = ui.formPurpose, let store else { return }
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        do throws(WuyeError) {
            let actor = board.actor!.id
            let it: Item
            switch purpose {
            case .signIn:
                return
            case .asOf:
                try lookBack(f, now: now)
                return
            case .problem, .survey, .planTraining, .recordTraining:
                let said = try saveRoleForm(purpose, f, actor: actor, now: now)
                ui.form = nil
                ui.formPurpose = nil
                committed(now: now)
                if case .problem = purpose, let id = said?.split(separator: " ").last.map(String.init) {
                    ui.scanResult = ("\(strings["saved:"])\(id) · \(ui.lastScan?.code ?? "")", true, now)
                }
                if let said { ui.say(said, now: now) }
                return
            case .untick(let occurrence):
                try store.untick(occurrence, reason: f.value("reason") ?? "", actor: actor, now: now)
                ui.form = nil
                ui.formPurpose = nil
                committed(now: now)
                ui.say("\(strings["saved:"])\(strings["untick.title"])", now: now)
                return
            case .new(let kind):
                let o = try ItemForms.opened(kind, from: f, sites: board.sites, limits: try store.standards().clocks)
                it = try store.perform(.open(o), on: nil, site: o.site, actor: actor, at: nil, now: now)
            case .fromMessage(let kind, let message):
                let o = try ItemForms.opened(kind, from: f, sites: board.sites, limits: try store.standards().clocks)
                it = try store.openFromIntake(message, .open(o), actor: actor, now: now)
                show(.board)
            case .discardMessage(let message):
                _ = try store.discardIntake(message, reason: f.value("reason") ?? "", actor: actor, now: now)
                ui.form = nil
                ui.formPurpose = nil
                committed(now: now)
                let left = ConsoleView.messageRows(board, ui).count
                ui.messageSelection = max(0, min(ui.messageSelection, left - 1))
                ui.say("\(strings["saved:"])\(message) \(strings["messages.discarded"])", now: now)
                return
            case .step(let s, let id):
                guard let item = board.items[id] ?? ui.detailItem, let site = board.sites.first(where: { $0.id == item.site }) else {
                    throw WuyeError.notFound("\(id) is no longer open")
                }
                it = try store.perform(s.command(item, from: f, staff: board.staff, site: site), on: id, actor: actor, at: nil, now: now)
            }
            ui.form = nil
            ui.formPurpose = nil
            let selected = selectedIDs(now: now)
            _ = try board.catchUp(store: store, now: now, figuresSite: ui.site)
            dataVersion = (try? store.dataVersion()) ?? dataVersion
            if purpose.opensItem {
                ui.focus = .items
                if let i = Rows.itemIDs(board, ui).firstIndex(of: it.id) { ui.selection[.items] = i }
            } else {
                reselect(selected, now: now)
            }
            // The step shows at once in the item's timeline.
            if case .detail(let id, _)? = ui.overlay, id == it.id {
                ui.detailItem = it
                loadTimeline(it.id)
            }
            if purpose.opensItem {
                ui.say("\(strings["saved:"])\(it.id)", now: now)
            } else if case .step(.ackBreach, _) = purpose {
                ui.say("\(strings["saved:"])\(it.id) \(strings["breach.acked"])", now: now)
            } else if case .step(.escalate, _) = purpose {
                ui.say("\(strings["saved:"])\(it.id) \(strings["breach.escalated"]) \(f.value("person") ?? "")", now: now)
            } else {
                ui.say("\(strings["saved:"])\(it.id) \(strings["status.\(it.status.rawValue)"])", now: now)
            }
        } catch {
            if let field = ItemForms.field(for: error.message) {
                f.mark(field, error.message)
            } else {
                ui.say(error.message, error: true, now: now)
            }
            ui.form = f
            ring()
        }
    }

    func editFilter(_ key: Key) -> Bool {
        var f = ui.filter[ui.focus] ?? ""
        switch key {
        case .enter: ui.editingFilter = false
        case .escape:
            ui.editingFilter = false
            f = ""
        case .backspace: if !f.isEmpty { f.removeLast() }
        case .char(let c): f.append(c)
        default: break
        }
        ui.filter[ui.focus] = f.isEmpty ? nil : f
        ui.selection[ui.focus] = 0
        return true
    }

    func count(_ p: PaneID, now: Instant) -> Int {
        switch p {
        case .items: Rows.itemIDs(board, ui).count
        case .checklist: Rows.duties(board, ui, now: now).count
        case .repairs: Rows.repairs(board, ui, now: now).count
        }
    }

    func move(_ by: Int, now: Instant) {
        let n = count(ui.focus, now: now)
        ui.selection[ui.focus] = max(0, min(n - 1, ui.selected(ui.focus) + by))
        lookedAt(now: now)
    }

    func focus(_ raw: Int, now: Instant) {
        ui.focus = PaneID(rawValue: raw % PaneID.allCases.count) ?? .items
        lookedAt(now: now)
    }

    /// The selected item, if the focused pane lists items.
    public func selectedItem(now: Instant) -> Item? {
        if ui.screen == .breaches { return selectedBreach(now: now)?.item }
        switch ui.focus {
        case .items:
            let ids = Rows.itemIDs(board, ui)
            return ids.isEmpty ? nil : board.items[ids[min(ui.selected(.items), ids.count - 1)]]
        case .repairs:
            let rows = Rows.repairs(board, ui, now: now)
            return rows.isEmpty ? nil : rows[min(ui.selected(.repairs), rows.count - 1)].item
        case .checklist:
            return nil
        }
    }

    /// The item selected in each pane that lists items.
    func selectedIDs(now: Instant) -> [PaneID: String] {
        var out: [PaneID: String] = [:]
        let ids = Rows.itemIDs(board, ui)
        if !ids.isEmpty { out[.items] = ids[min(ui.selected(.items), ids.count - 1)] }
        let repairs = Rows.repairs(board, ui, now: now)
        if !repairs.isEmpty { out[.repairs] = repairs[min(ui.selected(.repairs), repairs.count - 1)].item.id }
        return out
    }

    /// After other desks' changes reorder a list, the selection stays on the same item
    /// (or, when it has left the list, on the same row).
    func reselect(_ selected: [PaneID: String], now: Instant) {
        if let id = selected[.items], let i = Rows.itemIDs(board, ui).firstIndex(of: id) { ui.selection[.items] = i }
        if let id = selected[.repairs], let i = Rows.repairs(board, ui, now: now).firstIndex(where: { $0.item.id == id }) {
            ui.selection[.repairs] = i
        }
    }

    /// An alert stays until someone looks at the item: selects it or opens it.
    func lookedAt(now: Instant) {
        if let it = selectedItem(now: now) { ui.alerts.remove(it.id) }
    }

    func open(now: Instant) {
        guard let it = selectedItem(now: now) else { return }
        ui.alerts.remove(it.id)
        ui.detailItem = it
        loadTimeline(it.id)
        ui.overlay = .detail(id: it.id, scroll: 0)
    }

    /// The item view's timeline, with the original message of an item opened from one.
    func loadTimeline(_ id: String) {
        guard let t = try? store?.timeline(id) else { return }
        ui.detailEvents = t.events
        ui.detailOriginal = t.original
    }

    func tick(now: Instant) {
        guard ui.focus == .checklist else { return }
        let lines = Rows.duties(board, ui, now: now)
        guard !lines.isEmpty else { return }
        let line = lines[min(ui.selected(.checklist), lines.count - 1)]
        guard case .duty(let row) = line else {
            ui.say(strings["tick_round"], now: now)
            return
        }
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        guard let actor = board.actor, let store else { return }
        do {
            // Saved first, shown after: the row turns done only once the commit returned.
            let t = try store.tick(row.id, note: nil, problem: nil, actor: actor.id, at: nil, now: now)
            _ = try board.catchUp(store: store, now: now, figuresSite: ui.site)
            dataVersion = (try? store.dataVersion()) ?? dataVersion
            ui.say("\(strings["saved:"])\(row.place) ✓ \(ISOFormat.clock(t.at, in: board.zone(row.site)))", now: now)
        } catch {
            ui.say(error.message, error: true, now: now)
        }
    }

    /// Asks the reason for taking back the selected duty's tick.
    func untick(now: Instant) {
        guard ui.focus == .checklist else { return }
        let lines = Rows.duties(board, ui, now: now)
        guard !lines.isEmpty, case .duty(let row) = lines[min(ui.selected(.checklist), lines.count - 1)] else { return }
        guard let tick = row.tick else {
            ui.say(strings["untick.none"], error: true, now: now)
            return
        }
        if let refusal = cannotWrite() {
            ui.say(refusal, error: true, now: now)
            return
        }
        ui.form = Form(
            title: "\(strings["untick.title"]) · \(row.place) ✓ \(ISOFormat.clock(tick.at, in: board.zone(row.site))) \(tick.actor)",
            fields: [
                Form.Field(id: "reason", label: strings["field.reason"], kind: .text(TextField(limit: TextLimits.note)), required: true)
            ])
        ui.formPurpose = .untick(row.id)
    }

    func switchSite(now: Instant) {
        let ids: [String?] = [nil] + board.sites.map(\.id)
        let i = ids.firstIndex { $0 == ui.site } ?? 0
        ui.site = ids[(i + 1) % ids.count]
        for p in PaneID.allCases { ui.selection[p] = 0 }
        board.figuresStale = true
    }
}
