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

    /// Clocks of non-void items at a site whose deadline falls in [from, to).
    public func clocks(site: String, kinds: [ClockKind], deadlineFrom from: Instant, to: Instant) throws(WuyeError) -> [ClockOutcome] {
        let marks = kinds.map { _ in "?" }.joined(separator: ",")
        let args: [any DatabaseValueConvertible] = [site] + kinds.map(\.rawValue) + [from.seconds, to.seconds]
        return try clockRows(Store.clocksDue(marks), args, assignees: .none).map(\.clock)
    }

    static func clocksDue(_ marks: String) -> String { "c.site = ? AND c.kind IN (\(marks)) AND c.deadline >= ? AND c.deadline < ?" }
    static let callbacksRated = "c.site = ? AND c.kind = 'callback' AND c.rating IS NOT NULL AND c.stopped_at >= ? AND c.stopped_at < ?"

    /// Whether clock rows come with their item's assignee (a join figures do without).
    enum Assignees { case none, all, assignedOnly }

    /// Callback clocks at a site stopped with a rating in [from, to).
    public func callbackRatings(site: String, from: Instant, to: Instant) throws(WuyeError) -> [ClockOutcome] {
        try clockRows(Store.callbacksRated, [site, from.seconds, to.seconds], assignees: .none).map(\.clock)
    }

    /// Like `clocks(site:kinds:deadlineFrom:to:)`, with the staff member each item is
    /// assigned to (the one who answers for it in the monthly appraisal).
    public func assignedClocks(site: String, kinds: [ClockKind], deadlineFrom from: Instant, to: Instant)
        throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)]
    {
        let marks = kinds.map { _ in "?" }.joined(separator: ",")
        let args: [any DatabaseValueConvertible] = [site] + kinds.map(\.rawValue) + [from.seconds, to.seconds]
        return try clockRows(Store.clocksDue(marks), args, assignees: .assignedOnly)
    }

    /// Like `callbackRatings(site:from:to:)`, with the staff member each item is assigned to.
    public func assignedCallbackRatings(site: String, from: Instant, to: Instant, assignedOnly: Bool = true)
        throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)]
    {
        try clockRows(Store.callbacksRated, [site, from.seconds, to.seconds], assignees: assignedOnly ? .assignedOnly : .all)
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
