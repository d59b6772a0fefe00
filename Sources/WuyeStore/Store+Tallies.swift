import GRDB
import WuyeCore

/// The figure tallies (`Tallies` in the domain): decided clocks, callback ratings and
/// complaints received by site, kind, local day and assignee, kept in step with the item
/// rows in the same transaction. Figures read them plus the few clocks still live.
enum TallyRows {
    static let table = """
        CREATE TABLE IF NOT EXISTS tallies (
            site TEXT NOT NULL, what TEXT NOT NULL, day INTEGER NOT NULL, assignee TEXT NOT NULL,
            n INTEGER NOT NULL, met INTEGER NOT NULL, backdated INTEGER NOT NULL, imported INTEGER NOT NULL,
            PRIMARY KEY (site, what, day, assignee)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS clocks_live ON clocks(site, kind, deadline) WHERE outcome IS NULL AND void = 0;
        """

    /// Adds a change to the tallies; a row that comes to nothing is removed, so the table
    /// holds exactly what the items add up to.
    static func add(_ db: Database, _ change: [Tallies.Key: Tallies.Count]) throws {
        for (k, c) in change where !c.isZero {
            try db.cachedStatement(
                sql: """
                    INSERT INTO tallies (site, what, day, assignee, n, met, backdated, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (site, what, day, assignee) DO UPDATE SET
                        n = n + excluded.n, met = met + excluded.met,
                        backdated = backdated + excluded.backdated, imported = imported + excluded.imported
                    """
            ).execute(arguments: [k.site, k.what, k.day, k.assignee, c.n, c.met, c.backdated, c.imported])
            try db.cachedStatement(
                sql:
                    "DELETE FROM tallies WHERE site = ? AND what = ? AND day = ? AND assignee = ? AND n = 0 AND met = 0 AND backdated = 0 AND imported = 0"
            ).execute(arguments: [k.site, k.what, k.day, k.assignee])
            // What the next snapshot records (see Snapshots).
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO tally_changes (site, what, day, assignee) VALUES (?, ?, ?, ?)")
                .execute(arguments: [k.site, k.what, k.day, k.assignee])
        }
    }

    /// Every tally row, keyed.
    static func all(_ db: Database) throws -> [Tallies.Key: Tallies.Count] {
        var out: [Tallies.Key: Tallies.Count] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT site, what, day, assignee, n, met, backdated, imported FROM tallies")
        while let r = try cursor.next() {
            out[Tallies.Key(site: r[0], what: r[1], day: r[2], assignee: r[3])] = Tallies.Count(
                n: r[4], met: r[5], backdated: r[6], imported: r[7])
        }
        return out
    }

    /// What a set of items adds up to.
    static func sum(_ items: some Sequence<Item>, zone: (String) -> Zone) -> [Tallies.Key: Tallies.Count] {
        var out: [Tallies.Key: Tallies.Count] = [:]
        for it in items {
            for (k, c) in Tallies.of(it, zone: zone(it.site)) { out[k] = (out[k] ?? Tallies.Count()) + c }
        }
        return out
    }

    /// Fills the tallies afresh from the item rows (a migration, a change of time zone).
    static func rebuild(_ db: Database, site: String? = nil) throws {
        let zones = try Store.zones(db)
        var items: [Item] = []
        if let site {
            try db.execute(sql: "DELETE FROM tallies WHERE site = ?", arguments: [site])
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(ItemRow.columns) FROM items WHERE site = ?", arguments: [site])
            var cache = ItemRow.LimitsCache()
            while let row = try cursor.next() { items.append(try ItemRow.decode(row, cache: &cache)) }
        } else {
            try db.execute(sql: "DELETE FROM tallies")
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(ItemRow.columns) FROM items")
            var cache = ItemRow.LimitsCache()
            while let row = try cursor.next() { items.append(try ItemRow.decode(row, cache: &cache)) }
        }
        try add(db, sum(items, zone: { zones[$0] ?? .utc }))
    }
}

extension Store {
    /// A period at one site, as figures read it: its local days, and the instants they span.
    public struct FigureRange: Sendable {
        public var site: String
        /// Local days since 1970-01-01, first included, end excluded.
        public var days: Range<Int64>
        public var from: Instant
        public var to: Instant

        public init(site: String, period: Period, zone: Zone) {
            self.site = site
            days = period.first.daysSinceEpoch..<period.end.daysSinceEpoch
            from = period.from(in: zone)
            to = period.to(in: zone)
        }
    }

    /// The figure tallies of one site over a range of days, summed by `what` (and by
    /// assignee when asked): what the figures and the appraisal read.
    public func tallies(_ r: FigureRange, byAssignee: Bool = false) throws(WuyeError) -> [Tallies.Key: Tallies.Count] {
        try read { db in
            var out: [Tallies.Key: Tallies.Count] = [:]
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: byAssignee
                        ? "SELECT what, assignee, sum(n), sum(met), sum(backdated), sum(imported) FROM tallies WHERE site = ? AND day >= ? AND day < ? GROUP BY what, assignee"
                        : "SELECT what, '', sum(n), sum(met), sum(backdated), sum(imported) FROM tallies WHERE site = ? AND day >= ? AND day < ? GROUP BY what"
                ), arguments: [r.site, r.days.lowerBound, r.days.upperBound])
            for row in rows {
                out[Tallies.Key(site: r.site, what: row[0], day: r.days.lowerBound, assignee: row[1])] = Tallies.Count(
                    n: row[2], met: row[3], backdated: row[4], imported: row[5])
            }
            return out
        }
    }

    /// The clocks not yet decided (running or paused, of items not void) at a site whose
    /// deadline falls in the range, counted by kind against `now` as `clockCounts` counts
    /// them: a running clock past its deadline is decided (missed), any other is pending.
    /// Counted by SQLite, so the figures read a row a kind instead of every open item's
    /// clocks (the console counts them again after every commit).
    public func liveCounts(_ r: FigureRange, now: Instant) throws(WuyeError) -> [ClockKind: ClockCounts] {
        try read { db in
            // Every kind named, so that `clocks_live` (site, kind, deadline) is searched by
            // the range itself: the months before this one, which the figures' trend reads
            // too, hold almost no live clock and cost almost nothing.
            let kinds = ClockKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT kind, sum(late), sum(late AND backdated != 0), sum(late AND imported != 0), sum(NOT late)
                        FROM (SELECT kind, backdated, imported, paused = 0 AND deadline < ?1 AS late FROM clocks
                              WHERE outcome IS NULL AND void = 0 AND site = ?2 AND kind IN (\(kinds))
                                AND deadline >= ?3 AND deadline < ?4)
                        GROUP BY kind
                        """), arguments: [now.seconds, r.site, r.from.seconds, r.to.seconds])
            var out: [ClockKind: ClockCounts] = [:]
            for row in rows {
                guard let kind = ClockKind(rawValue: row[0]) else { continue }
                out[kind] = ClockCounts(decided: row[1], pending: row[4], backdated: row[2], imported: row[3])
            }
            return out
        }
    }

    /// The clocks not yet decided (running or paused, of items not void) at a site whose
    /// deadline falls in the range, with their item's assignee: few, whatever the store's size.
    public func liveClocks(_ r: FigureRange, kinds: [ClockKind]) throws(WuyeError) -> [(assignee: String?, clock: ClockOutcome)] {
        try read { db in
            let marks = kinds.map { _ in "?" }.joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.kind, c.deadline, c.stopped_at, c.outcome, c.paused, c.backdated, c.imported, c.rating, i.assignee
                    FROM clocks c JOIN items i ON i.id = c.item_id
                    WHERE c.outcome IS NULL AND c.void = 0 AND c.site = ? AND c.kind IN (\(marks)) AND c.deadline >= ? AND c.deadline < ?
                    """, arguments: StatementArguments([r.site] + kinds.map(\.rawValue) + [r.from.seconds, r.to.seconds]))
            return rows.map { (($0[8] as String?), Store.outcome($0)) }
        }
    }
}
