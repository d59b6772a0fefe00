import Foundation
import GRDB
import WuyeCore

/// Snapshots of the state the past is read from (`--as-of`): taken by the first write
/// after each local midnight and every `every` events, inside that write's transaction,
/// before its own events. A snapshot at event `seq` keeps what cannot be read quickly
/// from the journal itself: the figure tallies (only the rows changed since the snapshot
/// before, so each costs what changed that day) and the ids of the items open then.
///
/// The past at an instant is then that snapshot plus the events after it: the items
/// those events touched are replayed from their own events (the `events_subject` index),
/// their change to the tallies applied, and the other projections (sites, staff, duties)
/// replayed from their events, which are few. `wuye check` replays the journal and holds
/// every snapshot to it.
enum Snapshots {
    /// A snapshot every so many events, on a busy store, besides one a day.
    static let every: Int64 = 5000

    static let tables = """
        CREATE TABLE IF NOT EXISTS snapshots (
            seq INTEGER PRIMARY KEY,    -- the journal up to and including this event
            at INTEGER NOT NULL,        -- the latest time any event up to it was recorded
            taken INTEGER NOT NULL,     -- when the snapshot was taken
            until INTEGER NOT NULL,     -- the next local midnight of any site after that
            open TEXT NOT NULL          -- the ids of the items open then, space-separated
        );
        CREATE TABLE IF NOT EXISTS snapshot_tallies (
            seq INTEGER NOT NULL, site TEXT NOT NULL, what TEXT NOT NULL, day INTEGER NOT NULL, assignee TEXT NOT NULL,
            n INTEGER NOT NULL, met INTEGER NOT NULL, backdated INTEGER NOT NULL, imported INTEGER NOT NULL,
            PRIMARY KEY (site, what, day, assignee, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tally_changes (
            site TEXT NOT NULL, what TEXT NOT NULL, day INTEGER NOT NULL, assignee TEXT NOT NULL,
            PRIMARY KEY (site, what, day, assignee)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS events_other ON events(seq) WHERE type NOT LIKE 'item.%';
        """

    /// Takes a snapshot of the state before this transaction's writes when one is due:
    /// a site's local day changed since the last one, or `every` events were written.
    static func takeIfDue(_ db: Database, now: Instant) throws {
        // One aggregate a query: SQLite answers a lone max() from the index, two by a scan.
        guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM events")) else { return }
        let previous = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, until FROM snapshots ORDER BY seq DESC LIMIT 1"))
        if let previous {
            let snapSeq: Int64 = previous[0]
            let until: Int64 = previous[1]
            guard seq > snapSeq, now.seconds >= until || seq - snapSeq >= every else { return }
        }
        try take(db, seq: seq, at: try latestRecorded(db), now: now, whole: previous == nil)
    }

    /// Writes the snapshot of the state at `seq`: the tallies changed since the one before
    /// (all of them for the first), and the open items' ids.
    static func take(_ db: Database, seq: Int64, at: Instant, now: Instant, whole: Bool) throws {
        let changed =
            whole
            ? "SELECT site, what, day, assignee, n, met, backdated, imported FROM tallies"
            : """
            SELECT c.site, c.what, c.day, c.assignee, coalesce(t.n, 0), coalesce(t.met, 0), coalesce(t.backdated, 0), coalesce(t.imported, 0)
            FROM tally_changes c LEFT JOIN tallies t
              ON t.site = c.site AND t.what = c.what AND t.day = c.day AND t.assignee = c.assignee
            """
        try db.execute(
            sql: """
                INSERT INTO snapshot_tallies (seq, site, what, day, assignee, n, met, backdated, imported)
                SELECT ?, * FROM (\(changed))
                """, arguments: [seq])
        try db.execute(sql: "DELETE FROM tally_changes")
        let open = try String.fetchAll(db, sql: "SELECT id FROM items WHERE is_open = 1").joined(separator: " ")
        // The next snapshot is due at the first local midnight of any site after now.
        let zones = try Store.zones(db).values
        let until = zones.map { $0.startOfDay($0.date(of: now).adding(days: 1)) }.min() ?? now + 86400
        try db.execute(
            sql: "INSERT INTO snapshots (seq, at, taken, until, open) VALUES (?, ?, ?, ?, ?)",
            arguments: [seq, at.seconds, now.seconds, until.seconds, open])
    }

    /// The latest time any event was recorded (from the `events_recorded` index).
    static func latestRecorded(_ db: Database) throws -> Instant {
        Instant(seconds: try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(recorded) FROM events")) ?? 0)
    }

    /// Forgets every snapshot (their days are in a zone no longer in force, or `check`
    /// found them wrong); the next write starts again with a whole one.
    static func drop(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM snapshots; DELETE FROM snapshot_tallies; DELETE FROM tally_changes")
    }

    /// The tallies as they stood at snapshot `seq`: each row's latest version by then.
    static func tallies(_ db: Database, at seq: Int64) throws -> [Tallies.Key: Tallies.Count] {
        var out: [Tallies.Key: Tallies.Count] = [:]
        // SQLite takes the other columns from the row holding max(seq).
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT site, what, day, assignee, n, met, backdated, imported, max(seq) FROM snapshot_tallies
                WHERE seq <= ? GROUP BY site, what, day, assignee
                """, arguments: [seq])
        while let r = try cursor.next() {
            let c = Tallies.Count(n: r[4], met: r[5], backdated: r[6], imported: r[7])
            if !c.isZero { out[Tallies.Key(site: r[0], what: r[1], day: r[2], assignee: r[3])] = c }
        }
        return out
    }

    /// Every difference between the snapshots and the journal: the journal is replayed
    /// with its tallies kept up as it goes, and compared at each snapshot's event.
    static func verify(_ db: Database) throws -> [String] {
        let snaps = try Row.fetchAll(db, sql: "SELECT seq, open FROM snapshots ORDER BY seq")
        guard !snaps.isEmpty else { return [] }
        let zones = try Store.zones(db)
        var problems: [String] = []
        var items: [String: Item] = [:]
        var running: [Tallies.Key: Tallies.Count] = [:]
        var stored: [Tallies.Key: Tallies.Count] = [:]
        var next = 0
        func compare(_ seq: Int64, _ open: String) throws {
            let versions = try Row.fetchAll(
                db, sql: "SELECT site, what, day, assignee, n, met, backdated, imported FROM snapshot_tallies WHERE seq = ?",
                arguments: [seq])
            for r in versions {
                stored[Tallies.Key(site: r[0], what: r[1], day: r[2], assignee: r[3])] = Tallies.Count(
                    n: r[4], met: r[5], backdated: r[6], imported: r[7])
            }
            let kept = stored.filter { !$0.value.isZero }
            if kept != running.filter({ !$0.value.isZero }) {
                problems.append("snapshot at event \(seq): its figure tallies differ from the journal")
            }
            let openIDs = Set(open.split(separator: " ").map(String.init))
            if openIDs != Set(items.values.filter(\.isOpen).map(\.id)) {
                problems.append("snapshot at event \(seq): its open items differ from the journal")
            }
        }
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(Store.eventColumns) FROM events ORDER BY seq")
        while let row = try cursor.next() {
            guard let seq = Int64.fromDatabaseValue(row[0] as DatabaseValue) else { continue }
            while next < snaps.count, snaps[next][0] < seq {
                try compare(snaps[next][0], snaps[next][1])
                next += 1
            }
            guard next < snaps.count else { break }
            guard String.fromDatabaseValue(row[4] as DatabaseValue)?.hasPrefix("item.") == true else { continue }
            let e = try Store.decodeEvent(row)
            let before = items[e.subject]
            let after = ItemProjector.apply(before, e, id: e.subject)
            items[e.subject] = after
            let zone = zones[after?.site ?? before?.site ?? ""] ?? .utc
            let change = Tallies.change(
                from: before.map { Tallies.of($0, zone: zone) } ?? [:], to: after.map { Tallies.of($0, zone: zone) } ?? [:])
            for (k, c) in change { running[k] = (running[k] ?? Tallies.Count()) + c }
        }
        while next < snaps.count {
            try compare(snaps[next][0], snaps[next][1])
            next += 1
        }
        return problems
    }
}

extension Store {
    /// The events the snapshots were taken at, oldest first.
    public func snapshotEvents() throws(WuyeError) -> [Int64] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT seq FROM snapshots ORDER BY seq") }
    }

    /// Takes a snapshot of the state now, whether or not one is due (tests; a store
    /// after a large import).
    public func takeSnapshot(now: Instant) throws(WuyeError) {
        try write(verifying: false) { db in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") else { return }
            let previous = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM snapshots")
            guard previous == nil || previous! < seq else { return }
            try Snapshots.take(db, seq: seq, at: try Snapshots.latestRecorded(db), now: now, whole: previous == nil)
        }
    }

    /// The past at `t` replayed from the whole journal into a scratch store (every item,
    /// every projection): what the snapshots are tested against, and slow.
    public func replayedSnapshot(asOf t: Instant) throws(WuyeError) -> Snapshot {
        let folder = NSTemporaryDirectory() + "wuye-as-of-" + UUID().uuidString
        let copy = try Store.open(home: folder, create: true, scratch: true)
        let snapshot = Snapshot(store: copy, asOf: t, folder: folder)
        try copy.write(verifying: false) { target in
            try self.read { db in
                let insert = try target.makeStatement(sql: "INSERT INTO events (\(Store.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)")
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT \(Store.eventColumns) FROM events WHERE recorded <= ? ORDER BY seq", arguments: [t.seconds])
                while let row = try cursor.next() { try insert.execute(arguments: StatementArguments(row.databaseValues)) }
            }
            try Store.rebuildProjections(target, from: try Store.replay(target))
        }
        return snapshot
    }
}
