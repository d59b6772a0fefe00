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
    static let callbacksRated = "c.site = ? AND c.kind = 'callback' AND c.rating IS NOT NULL AND c.stopped_at >= ? AND c.stopped_at < ?"

    /// Whether clock rows come with their item's assignee (a join figures do without).
    enum Assignees { case none, all, assignedOnly }

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

    public func clockCounts(site: String, kinds: [ClockKind], deadlineFrom from: Instant, to: Instant, now: Instant)
        throws(WuyeError) -> ClockCounts
    {
        try read { db in
            let (condition, args) = Store.clocksDue(site, kinds, from, to)
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT coalesce(sum(d), 0), coalesce(sum(d AND outcome = 'met'), 0), coalesce(sum(NOT d), 0),
                           coalesce(sum(d AND backdated), 0), coalesce(sum(d AND imported), 0)
                    FROM (SELECT outcome, backdated, imported, (outcome IS NOT NULL OR (paused = 0 AND deadline < ?)) AS d
                          FROM clocks c WHERE \(condition) AND void = 0)
                    """, arguments: StatementArguments([now.seconds] + args))
            guard let row else { return ClockCounts() }
            return ClockCounts(met: row[1], decided: row[0], pending: row[2], backdated: row[3], imported: row[4])
        }
    }

    /// Callback ratings at a site in [from, to), counted by rating (1…5) in SQL, with
    /// how many were back-dated or imported.
    public func ratingCounts(site: String, from: Instant, to: Instant) throws(WuyeError)
        -> (byRating: [Int: Int], backdated: Int, imported: Int)
    {
        try read { db in
            var byRating: [Int: Int] = [:]
            var backdated = 0
            var imported = 0
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT rating, count(*), sum(backdated), sum(imported) FROM clocks c WHERE \(Store.callbacksRated) AND void = 0 GROUP BY rating",
                arguments: [site, from.seconds, to.seconds])
            for row in rows {
                byRating[row[0], default: 0] += row[1] as Int
                backdated += row[2] as Int
                imported += row[3] as Int
            }
            return (byRating, backdated, imported)
        }
    }

    /// Like `clocks(site:kinds:deadlineFrom:to:)`, with the staff member each item is
    /// assigned to (the one who answers for it in the monthly appraisal).
    public func assignedClocks(site: String, kinds: [ClockKind], deadlineFrom from: Instant, to: Instant)
        throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)]
    {
        let (condition, args) = Store.clocksDue(site, kinds, from, to)
        return try clockRows(condition, args, assignees: .assignedOnly)
    }

    /// Callback clocks at a site stopped with a rating in [from, to), each with the staff
    /// member its item is assigned to (nil when nobody is).
    public func assignedCallbackRatings(site: String, from: Instant, to: Instant) throws(WuyeError)
        -> [(assignee: String?, clock: ClockOutcome)]
    {
        try clockRows(Store.callbacksRated, [site, from.seconds, to.seconds], assignees: .all)
    }

    private func clockRows(_ condition: String, _ args: [any DatabaseValueConvertible], assignees: Assignees)
        throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)]
    {
        try read { db in
            let columns = "c.kind, c.deadline, c.stopped_at, c.outcome, c.paused, c.backdated, c.imported, c.rating"
            let sql: String
            switch assignees {
            case .none: sql = "SELECT \(columns) FROM clocks c WHERE \(condition) AND c.void = 0"
            case .all, .assignedOnly:
                sql = """
                    SELECT \(columns), i.assignee FROM clocks c JOIN items i ON i.id = c.item_id
                    WHERE \(condition) AND c.void = 0\(assignees == .assignedOnly ? " AND i.assignee IS NOT NULL" : "")
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

    /// Complaints (not void) received at a site in [from, to), and how many were imported.
    public func complaintsReceived(site: String, from: Instant, to: Instant) throws(WuyeError) -> (count: Int, imported: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), coalesce(sum(source LIKE 'import:%'), 0) FROM items
                    WHERE site = ? AND kind = 'complaint' AND status != 'void' AND opened_at >= ? AND opened_at < ?
                    """, arguments: [site, from.seconds, to.seconds])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
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
