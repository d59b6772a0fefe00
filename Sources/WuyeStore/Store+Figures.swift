import GRDB
import WuyeCore

/// The counts figures are made of, read from the projection tables of one period.
extension Store {
    /// A clock as figures see it.
    public struct ClockOutcome: Sendable {
        public var kind: ClockKind
        public var deadline: Instant
        public var stoppedAt: Instant?
        public var outcome: ClockState?
        public var paused: Bool
        public var backdated: Bool
        public var imported: Bool
        public var rating: Int?
    }

    /// Clocks of non-void items at a site whose deadline falls in [from, to), one by one
    /// (what the sums of `clockCounts` are tested against).
    public func clocks(site: String, kinds: [ClockKind], deadlineFrom from: Instant, to: Instant) throws(WuyeError) -> [ClockOutcome] {
        let (condition, args) = Store.clocksDue(site, kinds, from, to)
        return try clockRows(condition, args, assignees: .none).map(\.clock)
    }

    /// The condition on clock rows `c` of these kinds at a site due in [from, to), with its arguments.
    static func clocksDue(_ site: String, _ kinds: [ClockKind], _ from: Instant, _ to: Instant) -> (
        String, [any DatabaseValueConvertible]
    ) {
        let marks = kinds.map { _ in "?" }.joined(separator: ",")
        return (
            "c.site = ? AND c.kind IN (\(marks)) AND c.deadline >= ? AND c.deadline < ?",
            [site] + kinds.map(\.rawValue) + [from.seconds, to.seconds]
        )
    }

    /// Whether clock rows come with their item's assignee (a join figures do without).
    enum Assignees { case none, assignedOnly }

    /// What an achievement figure counts, for the clocks of non-void items at a site due
    /// in [from, to), summed by SQLite: a clock stopped is decided (met or missed), one
    /// still running past its deadline is decided as missed, the rest (paused, or not due
    /// yet) are pending. Back-dated and imported are counted among the decided.
    public struct ClockCounts: Sendable, Equatable {
        public var met = 0
        public var decided = 0
        public var pending = 0
        public var backdated = 0
        public var imported = 0

        public init(met: Int = 0, decided: Int = 0, pending: Int = 0, backdated: Int = 0, imported: Int = 0) {
            self.met = met
            self.decided = decided
            self.pending = pending
            self.backdated = backdated
            self.imported = imported
        }
    }

    /// The counts of an achievement figure over a range: the decided clocks from the
    /// tallies, and the live ones (running or paused) decided here against `now` — a clock
    /// still running past its deadline is missed, whenever it stops.
    public func clockCounts(_ r: FigureRange, kinds: [ClockKind], now: Instant) throws(WuyeError) -> ClockCounts {
        Store.clockCounts(try tallies(r), live: try liveCounts(r, now: now), kinds: kinds)
    }

    /// The decided clocks of `kinds` alone, from the tallies.
    public static func clockCounts(_ tallies: [Tallies.Key: Tallies.Count], kinds: [ClockKind]) -> ClockCounts {
        var c = ClockCounts()
        let names = Set(kinds.map(\.rawValue))
        for (k, t) in tallies where names.contains(k.what) {
            c.decided += t.n
            c.met += t.met
            c.backdated += t.backdated
            c.imported += t.imported
        }
        return c
    }

    /// The decided clocks from the tallies and the live ones already counted by kind (`liveCounts`).
    public static func clockCounts(
        _ tallies: [Tallies.Key: Tallies.Count], live: [ClockKind: ClockCounts], kinds: [ClockKind]
    ) -> ClockCounts {
        var c = clockCounts(tallies, kinds: kinds)
        for k in kinds {
            guard let l = live[k] else { continue }
            c.decided += l.decided
            c.pending += l.pending
            c.backdated += l.backdated
            c.imported += l.imported
        }
        return c
    }

    /// The decided clocks from the tallies and the live ones, each counted against `now`.
    public static func clockCounts(
        _ tallies: [Tallies.Key: Tallies.Count], live: [ClockOutcome], kinds: [ClockKind], now: Instant
    ) -> ClockCounts {
        var c = clockCounts(tallies, kinds: kinds)
        for l in live where kinds.contains(l.kind) {
            if !l.paused && l.deadline < now {
                c.decided += 1
                if l.backdated { c.backdated += 1 }
                if l.imported { c.imported += 1 }
            } else {
                c.pending += 1
            }
        }
        return c
    }

    /// Callback ratings over a range, counted by rating (1…5), with how many were
    /// back-dated or imported.
    public static func ratingCounts(_ tallies: [Tallies.Key: Tallies.Count]) -> (byRating: [Int: Int], backdated: Int, imported: Int) {
        var byRating: [Int: Int] = [:]
        var backdated = 0
        var imported = 0
        for r in 1...5 {
            for (k, t) in tallies where k.what == Tallies.rating(r) {
                byRating[r, default: 0] += t.n
                backdated += t.backdated
                imported += t.imported
            }
        }
        return (byRating, backdated, imported)
    }

    /// Complaints (not void) received over a range, and how many were imported.
    /// The clocks of a site whose deadline fell in [from, to) and that were missed, or are
    /// running past their deadline at `now` (breached): a report's breaches of the period.
    public func missedClocks(site: String, from: Instant, to: Instant, now: Instant) throws(WuyeError) -> [(
        item: String, kind: ClockKind, deadline: Instant, stoppedAt: Instant?
    )] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT item_id, kind, deadline, stopped_at FROM clocks
                    WHERE site = ? AND deadline >= ? AND deadline < ? AND void = 0
                      AND (outcome = 'missed' OR (outcome IS NULL AND paused = 0 AND deadline < ?))
                    ORDER BY deadline, item_id
                    """, arguments: [site, from.seconds, to.seconds, now.seconds]
            ).map { row in
                (
                    row[0], ClockKind(rawValue: row[1]) ?? .response, Instant(seconds: row[2]),
                    (row[3] as Int64?).map { Instant(seconds: $0) }
                )
            }
        }
    }

    /// The first local day anything of a site counts in a figure (an imported history can
    /// reach back before the site's duties were kept): where its figures begin.
    public func firstTalliedDay(site: String) throws(WuyeError) -> CivilDate? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT min(day) FROM tallies WHERE site = ?", arguments: [site]).map {
                CivilDate(daysSinceEpoch: $0)
            }
        }
    }

    public static func complaintsReceived(_ tallies: [Tallies.Key: Tallies.Count]) -> (count: Int, imported: Int) {
        var count = 0
        var imported = 0
        for (k, t) in tallies where k.what == Tallies.received {
            count += t.n
            imported += t.imported
        }
        return (count, imported)
    }

    /// Like `clocks(site:kinds:deadlineFrom:to:)`, with the staff member each item is
    /// assigned to: what the appraisal's tallies by assignee are tested against.
    public func assignedClocks(site: String, kinds: [ClockKind], deadlineFrom from: Instant, to: Instant)
        throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)]
    {
        let (condition, args) = Store.clocksDue(site, kinds, from, to)
        return try clockRows(condition, args, assignees: .assignedOnly)
    }

    private func clockRows(_ condition: String, _ args: [any DatabaseValueConvertible], assignees: Assignees)
        throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)]
    {
        try read { db in
            let columns = "c.kind, c.deadline, c.stopped_at, c.outcome, c.paused, c.backdated, c.imported, c.rating"
            let sql: String
            switch assignees {
            case .none: sql = "SELECT \(columns) FROM clocks c WHERE \(condition) AND c.void = 0"
            case .assignedOnly:
                sql = """
                    SELECT \(columns), i.assignee FROM clocks c JOIN items i ON i.id = c.item_id
                    WHERE \(condition) AND c.void = 0 AND i.assignee IS NOT NULL
                    """
            }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
                (assignees == .none ? nil : row[8], Store.outcome(row))
            }
        }
    }

    static func outcome(_ row: Row) -> ClockOutcome {
        ClockOutcome(
            kind: ClockKind(rawValue: row[0]) ?? .response, deadline: Instant(seconds: row[1]),
            stoppedAt: (row[2] as Int64?).map { Instant(seconds: $0) }, outcome: (row[3] as String?).flatMap(ClockState.init(rawValue:)),
            paused: row[4], backdated: row[5], imported: row[6], rating: row[7])
    }

    /// Every site definition and standards load in the journal, in order, with the
    /// instant each took effect: what a past day's duties and a past period's targets
    /// were counted against.
    public func definitions() throws(WuyeError) -> (sites: [(at: Instant, site: Site)], standards: [(at: Instant, standards: Standards)]) {
        try read { db in
            var sites: [(at: Instant, site: Site)] = []
            var standards: [(at: Instant, standards: Standards)] = []
            let cursor = try Row.fetchCursor(
                db,
                // By subject, so that the index answers: a journal has hundreds of thousands of item events.
                sql: """
                    SELECT \(Store.eventColumns) FROM events
                    WHERE ((subject >= 'site:' AND subject < 'site;') OR subject = 'standards')
                      AND type IN ('site.defined', 'standards.loaded') ORDER BY seq
                    """)
            while let row = try cursor.next() {
                let e = try Store.decodeEvent(row)
                switch e.body {
                case .siteDefined(let site): sites.append((e.at, site))
                case .standardsLoaded(let st, _): standards.append((e.at, st))
                default: break
                }
            }
            return (sites, standards)
        }
    }
}
