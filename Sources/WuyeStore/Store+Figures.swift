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
        try read { db in
            let marks = kinds.map { _ in "?" }.joined(separator: ",")
            let sql = """
                SELECT kind, deadline, stopped_at, outcome, paused, backdated, imported, rating FROM clocks
                WHERE site = ? AND kind IN (\(marks)) AND deadline >= ? AND deadline < ? AND void = 0
                """
            let args: [any DatabaseValueConvertible] = [site] + kinds.map(\.rawValue) + [from.seconds, to.seconds]
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Store.outcome)
        }
    }

    /// Callback clocks at a site stopped with a rating in [from, to).
    public func callbackRatings(site: String, from: Instant, to: Instant) throws(WuyeError) -> [ClockOutcome] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, deadline, stopped_at, outcome, paused, backdated, imported, rating FROM clocks
                    WHERE site = ? AND kind = 'callback' AND rating IS NOT NULL AND stopped_at >= ? AND stopped_at < ? AND void = 0
                    """, arguments: [site, from.seconds, to.seconds]
            ).map(Store.outcome)
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
}
