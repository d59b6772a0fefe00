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
    public var demo = false
    public var items: [String: Item] = [:]
    public var duties: [DutyRow] = []
    public var dutyDay: [String: CivilDate] = [:]
    public var figures: FigureSet?
    /// Weekly values of a few figures, oldest first (the sparklines).
    public var trends: [String: [Double?]] = [:]
    public var lastSeq: Int64 = 0

    public init() {}

    public func zone(_ site: String) -> Zone { sites.first { $0.id == site }?.zone ?? .utc }

    /// Reads everything the console shows.
    public static func load(store: Store, actor: String?, now: Instant) throws(WuyeError) -> Board {
        var b = Board()
        b.lastSeq = try store.lastSeq()
        b.sites = try store.sites()
        b.standards = try store.standards()
        b.demo = try store.isDemo()
        if let actor { b.actor = try store.staff(actor) }
        for it in try store.items(kind: nil, filter: .open) { b.items[it.id] = it }
        try b.loadDuties(store: store, now: now)
        try b.loadFigures(store: store, site: nil, now: now)
        return b
    }

    mutating func loadDuties(store: Store, now: Instant) throws(WuyeError) {
        var rows: [DutyRow] = []
        for s in sites {
            let day = s.zone.date(of: now)
            dutyDay[s.id] = day
            let ticks = Dictionary(try store.ticks(site: s.id, days: day.adding(days: -92)...day).map { ($0.occurrence, $0) }, uniquingKeysWith: { a, _ in a })
            for o in Duties.occurrences(site: s, standards: standards, day: day) {
                rows.append(
                    DutyRow(
                        id: o.id, site: s.id, kind: o.kind, place: o.locationName, windowStart: o.windowStart, windowEnd: o.windowEnd,
                        occurrence: o, tick: ticks[o.id], round: nil, scans: []))
            }
            let scans = Dictionary(grouping: try store.scans(site: s.id, days: day...day), by: \.round)
            for r in Patrol.rounds(site: s, standards: standards, day: day) {
                rows.append(
                    DutyRow(
                        id: r.id, site: s.id, kind: .patrol, place: r.route.name, windowStart: r.start, windowEnd: r.end, occurrence: nil,
                        tick: nil, round: r, scans: scans[r.id] ?? []))
            }
        }
        duties = rows.sorted { ($0.windowStart, $0.kind.rawValue, $0.id) < ($1.windowStart, $1.kind.rawValue, $1.id) }
    }

    /// This month's figures and the last six weeks' trend of a few of them.
    mutating func loadFigures(store: Store, site: String?, now: Instant) throws(WuyeError) {
        let zone = site.map { self.zone($0) } ?? sites.first?.zone ?? .utc
        let today = zone.date(of: now)
        figures = try Figures.compute(store: store, site: site, period: .month(today.year, today.month), now: now)
        var trends: [String: [Double?]] = [:]
        let names = ["complaint_timeliness", "response_achievement", "satisfaction", "complaint_rate", "checklist_completion"]
        for w in (0..<6).reversed() {
            let end = today.adding(days: 1 - 7 * w)
            let week = Period.days(end.adding(days: -7), end)
            let set = try Figures.compute(store: store, site: site, period: week, now: now)
            for n in names { trends[n, default: []].append(set.figure(n)?.value) }
        }
        self.trends = trends
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
        for e in events {
            switch e.body {
            case .item: itemIDs.insert(e.subject)
            case .checklistTicked, .patrolScanned: duties = true
            case .siteDefined, .standardsLoaded, .staffSaved: everything = true
            case .training, .surveyRecorded, .demoMarked: break
            }
        }
        if everything {
            let actorID = actor?.id
            self = try Board.load(store: store, actor: actorID, now: now)
            return true
        }
        for it in try store.items(ids: Array(itemIDs)) {
            if it.isOpen { items[it.id] = it } else { items.removeValue(forKey: it.id) }
        }
        if duties { try loadDuties(store: store, now: now) }
        try loadFigures(store: store, site: figuresSite, now: now)
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
