import WuyeCore
import WuyeReports
import WuyeStore

/// A row of today's checklist: a duty occurrence, or a patrol round with its checkpoints.
public struct DutyRow: Sendable, Equatable {
    public var id: String
    public var site: String
    public var kind: DutyKind
    public var place: String
    public var windowStart: Instant
    public var windowEnd: Instant
    public var occurrence: Occurrence?
    public var tick: Tick?
    public var round: PatrolRound?
    public var scans: [Scan]
}

/// What the console draws, held in memory: open items, today's duties, this month's
/// figures. Built once at start; afterwards only what other processes changed is read.
public struct Board: Sendable {
    public var sites: [Site] = []
    public var standards = Standards()
    public var actor: Staff?
    /// Who works here: the people an item can be assigned to.
    public var staff: [Staff] = []
    public var demo = false
    public var items: [String: Item] = [:] { didSet { itemsStamp = UInt64.random(in: 1...UInt64.max) } }
    /// Changes whenever the items do: what is worked out from the items alone (the breach
    /// board's table) is kept across boards that only refreshed the figures. Random, not
    /// counted: the worker's copy and the board on screen may each change their items once
    /// from the same stamp, and must not then look alike.
    public private(set) var itemsStamp: UInt64 = 0
    public var duties: [DutyRow] = []
    public var dutyDay: [String: CivilDate] = [:]
    public var figures: FigureSet?
    /// Weekly values of a few figures, oldest first (the sparklines).
    public var trends: [String: [Double?]] = [:]
    public var lastSeq: Int64 = 0
    /// Open complaints and enquiries, nearest deadline first. Time passing never changes
    /// this order (running clocks all count down together), so it is built when the data
    /// changes, not every second.
    public private(set) var order: [(id: String, site: String)] = []
    /// Open repairs with a running clock, by their earliest running deadline: the overdue
    /// ones are the front of this list, longest overdue first.
    public private(set) var repairDeadlines: [(deadline: Instant, id: String, site: String, clock: ClockKind)] = []
    /// The instants at which an item's clock crosses into due soon or breached.
    public private(set) var crossings: [(at: Instant, id: String)] = []
    /// Figures wait until the change that made them stale has been drawn.
    public var figuresStale = false
    /// What the breaches' effect on this month's figures is counted from, read with the
    /// figures when the breach board is wanted (a supervisor, or `b`); the board's table
    /// counts the effect from it in memory whenever a clock crosses (`BreachTable`).
    public var impactBasis: BreachImpact.Basis? { didSet { impactsStamp = UInt64.random(in: 1...UInt64.max) } }
    /// Changes with every new basis: a breach table counted from another counts again.
    public private(set) var impactsStamp: UInt64 = 0
    public var wantImpacts = false
    /// Training sessions, for the training forms and the retraining list.
    public var trainings: [TrainingSession] = []
    /// Open corrective actions (their clocks are on the breach board).
    public var actions: [CorrectiveAction] = []
    /// Notices `wuye watch` could not deliver (the supervisor's board lists them).
    public var undelivered: [Store.NoticeRow] = []
    /// Messages in the intake queue not yet opened or discarded (the desk's "New messages").
    public var newMessages: [IntakeEntry] = []
    /// Yesterday's patrol rounds with their scans: a night shift's missed checkpoints
    /// reach back across midnight.
    public var earlierRounds: [DutyRow] = []

    public init() {}

    /// Rebuilds the order, the repair deadlines and the crossing schedule.
    public mutating func reindex(now: Instant) {
        var keyed: [(key: Int64, kind: String, number: Int64, id: String, site: String)] = []
        var repairs: [(deadline: Instant, id: String, site: String, clock: ClockKind)] = []
        var crossings: [(at: Instant, id: String)] = []
        for it in items.values {
            for c in it.clocks where c.cycle == it.cycle && c.stoppedAt == nil && c.pausedAt == nil {
                let soon = c.startedAt + c.pausedTotal + Int64((c.dueSoonShare * Double(c.limit)).rounded(.up))
                crossings.append((soon, it.id))
                crossings.append((c.nominalDeadline + 1, it.id))
            }
            if it.kind == .repair {
                var best: ItemClock?
                for c in it.clocks where c.cycle == it.cycle && c.stoppedAt == nil && c.pausedAt == nil {
                    if best == nil || c.nominalDeadline < best!.nominalDeadline { best = c }
                }
                if let b = best { repairs.append((b.nominalDeadline, it.id, it.site, b.kind)) }
            } else {
                keyed.append((Rows.sortKey(it, now), it.kind.rawValue, ItemID(it.id)?.number ?? 0, it.id, it.site))
            }
        }
        keyed.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.number < b.number
        }
        order = keyed.map { ($0.id, $0.site) }
        repairDeadlines = repairs.sorted { $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.id < $1.id }
        self.crossings = crossings.sorted { $0.at < $1.at }
    }

    /// The first instant after `now` at which a clock crosses into due soon or breached.
    public func nextCrossing(after now: Instant) -> Instant? {
        let i = crossings.partitioningIndex { $0.at <= now }
        return i < crossings.count ? crossings[i].at : nil
    }

    /// The crossings after `start` up to and including `end`.
    public func crossings(in start: Instant, _ end: Instant) -> ArraySlice<(at: Instant, id: String)> {
        let i = crossings.partitioningIndex { $0.at <= start }
        return crossings[i..<max(i, crossings.partitioningIndex { $0.at <= end })]
    }

    public func zone(_ site: String) -> Zone { sites.first { $0.id == site }?.zone ?? .utc }

    /// Reads everything the console shows.
    public static func load(store: Store, actor: String?, now: Instant) throws(WuyeError) -> Board {
        var b = Board()
        b.lastSeq = try store.lastSeq()
        b.sites = try store.sites()
        b.standards = try store.standards()
        b.demo = try store.isDemo()
        if let actor { b.actor = try store.staff(actor) }
        b.staff = try store.staffList()
        b.trainings = try store.trainings()
        b.actions = try store.actions(site: nil).filter(\.isOpen)
        b.undelivered = try store.notices(limit: 50, failedOnly: true)
        b.newMessages = try store.intake(state: .new, site: nil)
        for it in try store.items(kind: nil, filter: .open) { b.items[it.id] = it }
        b.reindex(now: now)
        try b.loadDuties(store: store, now: now)
        // Figures come once the first screen is up.
        b.figuresStale = true
        return b
    }

    mutating func loadDuties(store: Store, now: Instant) throws(WuyeError) {
        var rows: [DutyRow] = []
        var earlier: [DutyRow] = []
        for s in sites {
            let day = s.zone.date(of: now)
            dutyDay[s.id] = day
            let ticks = Dictionary(
                try store.ticks(site: s.id, days: day.adding(days: -92)...day).map { ($0.occurrence, $0) }, uniquingKeysWith: { a, _ in a })
            for o in Duties.occurrences(site: s, standards: standards, day: day) {
                rows.append(
                    DutyRow(
                        id: o.id, site: s.id, kind: o.kind, place: o.locationName, windowStart: o.windowStart, windowEnd: o.windowEnd,
                        occurrence: o, tick: ticks[o.id], round: nil, scans: []))
            }
            let scans = Dictionary(grouping: try store.scans(site: s.id, days: day.adding(days: -1)...day), by: \.round)
            func round(_ r: PatrolRound) -> DutyRow {
                DutyRow(
                    id: r.id, site: s.id, kind: .patrol, place: r.route.name, windowStart: r.start, windowEnd: r.end, occurrence: nil,
                    tick: nil, round: r, scans: scans[r.id] ?? [])
            }
            rows += Patrol.rounds(site: s, standards: standards, day: day).map(round)
            earlier += Patrol.rounds(site: s, standards: standards, day: day.adding(days: -1)).map(round)
        }
        earlierRounds = earlier
        duties = rows.sorted { ($0.windowStart, $0.kind.rawValue, $0.id) < ($1.windowStart, $1.kind.rawValue, $1.id) }
    }

    /// This month's figures and the last six weeks' trend of a few of them.
    public mutating func loadFigures(store: Store, site: String?, now: Instant) throws(WuyeError) {
        let zone = site.map { self.zone($0) } ?? sites.first?.zone ?? .utc
        let today = zone.date(of: now)
        let setting = try Figures.Setting(store: store, site: site)
        figures = try Figures.compute(store: store, site: site, period: .month(today.year, today.month), now: now, setting: setting)
        var trends: [String: [Double?]] = [:]
        let names = ["complaint_timeliness", "response_achievement", "satisfaction", "complaint_rate", "checklist_completion"]
        for w in (0..<6).reversed() {
            let end = today.adding(days: 1 - 7 * w)
            let week = Period.days(end.adding(days: -7), end)
            let set = try Figures.compute(store: store, site: site, period: week, now: now, setting: setting)
            for n in names { trends[n, default: []].append(set.figure(n)?.value) }
        }
        self.trends = trends
        if wantImpacts { try loadImpacts(store: store, now: now) }
    }

    /// What the breaches' effect on this month's figures rests on (the breach board's
    /// lower pane).
    mutating func loadImpacts(store: Store, now: Instant) throws(WuyeError) {
        impactBasis = try BreachImpact.Basis(store: store, sites: sites.map(\.id), now: now)
    }

    /// Whether the figures wait to be counted (a commit changed them).
    public var needsCounting: Bool { figuresStale }

    /// Counts the figures (with the breaches' effect) again if a commit made them stale.
    public mutating func recount(store: Store, site: String?, now: Instant) throws(WuyeError) {
        defer { figuresStale = false }
        if figuresStale { try loadFigures(store: store, site: site, now: now) }
    }

    /// Catches up with commits of other processes: reads the events after the last one
    /// seen and refreshes what they touched. Returns whether anything changed.
    public mutating func catchUp(store: Store, now: Instant, figuresSite: String?) throws(WuyeError) -> Bool {
        let events = try store.events(after: lastSeq)
        guard let last = events.last else { return false }
        lastSeq = last.seq
        var itemIDs = Set<String>()
        var duties = false
        var everything = false
        var trainingsChanged = false
        var actionsChanged = false
        var noticesChanged = false
        var intakeChanged = false
        for e in events {
            switch e.body {
            case .item: itemIDs.insert(e.subject)
            case .checklistTicked, .checklistUnticked, .patrolScanned: duties = true
            case .siteDefined, .standardsLoaded, .staffSaved: everything = true
            case .training: trainingsChanged = true
            case .management: actionsChanged = true
            case .notice: noticesChanged = true
            case .intake: intakeChanged = true
            case .surveyRecorded, .demoMarked, .pin: break
            }
        }
        if everything {
            let actorID = actor?.id
            let want = wantImpacts
            self = try Board.load(store: store, actor: actorID, now: now)
            wantImpacts = want
            return true
        }
        for it in try store.items(ids: Array(itemIDs)) {
            if it.isOpen { items[it.id] = it } else { items.removeValue(forKey: it.id) }
        }
        if !itemIDs.isEmpty { reindex(now: now) }
        if duties { try loadDuties(store: store, now: now) }
        if trainingsChanged { trainings = try store.trainings() }
        if actionsChanged { actions = try store.actions(site: nil).filter(\.isOpen) }
        if noticesChanged { undelivered = try store.notices(limit: 50, failedOnly: true) }
        if intakeChanged { newMessages = try store.intake(state: .new, site: nil) }
        figuresStale = true
        return true
    }

    /// True when a site's local day has changed since the duties were read.
    public func dayChanged(now: Instant) -> Bool {
        sites.contains { dutyDay[$0.id] != $0.zone.date(of: now) }
    }

    public mutating func reloadDay(store: Store, now: Instant, figuresSite: String?) throws(WuyeError) {
        try loadDuties(store: store, now: now)
        try loadFigures(store: store, site: figuresSite, now: now)
    }
}
