import CSQLiteShim
import Foundation
import GRDB
import WuyeCore

/// Looking at the past (`--as-of`): the items as they stood at an instant, from the
/// events recorded by then. Read-only, and a replay, so meant for occasional questions.
extension Store {
    public func items(asOf t: Instant, subject: String? = nil) throws(WuyeError) -> [Item] {
        try read { db in
            var items: [String: Item] = [:]
            let sql =
                "SELECT \(Store.eventColumns) FROM events WHERE recorded <= ? AND type LIKE 'item.%'"
                + (subject == nil ? "" : " AND subject = ?") + " ORDER BY seq"
            var args: [any DatabaseValueConvertible] = [t.seconds]
            if let subject { args.append(subject) }
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                let e = try Store.decodeEvent(row)
                items[e.subject] = ItemProjector.apply(items[e.subject], e, id: e.subject)
            }
            return items.values.sorted { ($0.kind.rawValue, ItemID($0.id)?.number ?? 0) < ($1.kind.rawValue, ItemID($1.id)?.number ?? 0) }
        }
    }
}

/// The store as it stood at an instant (`--as-of` on the console, `kpi` and
/// `appraisal`), in a scratch file that every screen and figure reads as it reads the
/// live store. It is made from the latest snapshot at or before that instant (see
/// `Snapshots`) and the events after it: the figure tallies, the items open then, and the
/// sites, staff, duties and surveys as they stood. Items closed by then are not in it
/// (nothing that reads the past lists them). The file is removed when the snapshot goes.
public final class Snapshot: Sendable {
    public let store: Store
    public let asOf: Instant
    private let folder: String

    init(store: Store, asOf: Instant, folder: String) {
        self.store = store
        self.asOf = asOf
        self.folder = folder
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}

extension Store {
    /// The past at `t`: the events recorded by then.
    public func snapshot(asOf t: Instant) throws(WuyeError) -> Snapshot {
        let past = try read { db in try Past.read(db, asOf: t) }
        let folder = NSTemporaryDirectory() + "wuye-as-of-" + UUID().uuidString
        let copy = try Store.open(home: folder, create: true, scratch: true)
        let snapshot = Snapshot(store: copy, asOf: t, folder: folder)
        try copy.write(verifying: false) { target in try past.write(target) }
        // The items open at the snapshot and untouched since are as their rows hold them:
        // the rows are copied as they are. One that a commit touched since `Past.read` is
        // replayed to `t` instead.
        let changed = try copy.carry(past.carried, from: self, upTo: past.from)
        if !changed.isEmpty {
            let items = try read { db in try changed.compactMap { id in try Past.replay(db, id, asOf: t, alsoAt: past.from).1 } }
            try copy.write(verifying: false) { target in
                for it in items where it.isOpen {
                    try ItemRow.upsert(target, it, zone: past.zones[it.site] ?? .utc, seq: past.seq, previous: nil, tallies: false)
                }
            }
        }
        return snapshot
    }

    /// A list as a JSON array, for `json_each` (strings and numbers always encode).
    static func jsonList<T: Encodable>(_ values: [T]) -> String {
        (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// Copies the rows of items `ids` (their row, clocks and search entry) from `live`,
    /// those whose row is from event `upTo` or earlier, in C, without decoding them: a
    /// past with thousands of open items is ready in milliseconds. Returns the ids not
    /// copied (their row is newer: a commit since they were chosen).
    func carry(_ ids: [String], from live: Store, upTo seq: Int64) throws(WuyeError) -> [String] {
        guard !ids.isEmpty else { return [] }
        guard !live.readOnly, Store.uriEnabled == SQLITE_OK else { return ids }
        let list = Store.jsonList(ids)
        do {
            return try db.writeWithoutTransaction { db -> [String] in
                _ = wuye_sqlite_no_checkpoint_on_close(db.sqliteConnection)
                try db.execute(sql: "ATTACH DATABASE ? AS live", arguments: [Store.readOnlyURI(live.path)])
                defer { try? db.execute(sql: "DETACH DATABASE live") }
                var copied: [String] = []
                try db.inTransaction {
                    let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(items)").map { row -> String in row["name"] }
                    let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                    try db.execute(
                        sql: """
                            INSERT INTO main.items (\(names)) SELECT \(names) FROM live.items
                            WHERE id IN (SELECT value FROM json_each(?)) AND last_seq <= ?
                            """, arguments: [list, seq])
                    copied = try String.fetchAll(
                        db, sql: "SELECT id FROM main.items WHERE id IN (SELECT value FROM json_each(?))", arguments: [list])
                    let done = Store.jsonList(copied)
                    let clockNames = ItemRow.clockColumns
                    try db.execute(
                        sql: """
                            INSERT INTO main.clocks (\(clockNames)) SELECT \(clockNames) FROM live.clocks
                            WHERE item_id IN (SELECT value FROM json_each(?))
                            """, arguments: [done])
                    let rowids = Store.jsonList(copied.compactMap(ItemSearch.rowid))
                    try db.execute(
                        sql: """
                            INSERT INTO main.items_fts (rowid, body) SELECT id, c0 FROM live.items_fts_content
                            WHERE id IN (SELECT value FROM json_each(?))
                            """, arguments: [rowids])
                    return .commit
                }
                let got = Set(copied)
                return ids.filter { !got.contains($0) }
            }
        } catch {
            throw Store.mapError(error, path: path)
        }
    }
}

/// What the past at an instant holds, read from a snapshot and the events after it.
struct Past {
    /// The journal's last event by then.
    var seq: Int64 = 0
    /// The snapshot started from (0: none, everything replayed).
    var from: Int64 = 0
    /// The events other than items' steps, up to `seq`, as stored.
    var others: [[DatabaseValue]] = []
    var open: [Item] = []
    /// The items open at the snapshot and untouched since: their rows are copied as they are.
    var carried: [String] = []
    var zones: [String: Zone] = [:]
    var tallies: [Tallies.Key: Tallies.Count] = [:]

    static func read(_ db: Database, asOf t: Instant) throws -> Past {
        var p = Past()
        // The events recorded by then (a journal's `recorded` need not grow with its order:
        // history is brought in with the times it happened). A snapshot serves when every
        // event it holds was recorded by then: its `at` is the latest of them.
        let snap = try Row.fetchOne(
            db, sql: "SELECT seq, open FROM snapshots WHERE at <= ? ORDER BY seq DESC LIMIT 1", arguments: [t.seconds])
        p.from = snap?[0] ?? 0
        p.seq = p.from
        p.tallies = p.from > 0 ? try Snapshots.tallies(db, at: p.from) : [:]
        p.zones = try Store.zones(db)
        // The items the events since the snapshot touched: replayed from their own events,
        // their change to the tallies since the snapshot applied.
        var touched: [String] = []
        var seen = Set<String>()
        let after = try Row.fetchCursor(
            db, sql: "SELECT seq, subject, type FROM events WHERE seq > ? AND recorded <= ?", arguments: [p.from, t.seconds])
        while let row = try after.next() {
            guard let seq = Int64.fromDatabaseValue(row[0] as DatabaseValue),
                let subject = String.fromDatabaseValue(row[1] as DatabaseValue),
                let type = String.fromDatabaseValue(row[2] as DatabaseValue)
            else { throw WuyeError.storeUnusable("the journal is damaged: an event cannot be read; run 'wuye check'") }
            p.seq = max(p.seq, seq)
            if type.hasPrefix("item."), seen.insert(subject).inserted { touched.append(subject) }
        }
        for id in touched {
            let (atSnapshot, atEnd) = try replay(db, id, asOf: t, alsoAt: p.from)
            let zone = p.zones[atEnd?.site ?? ""] ?? .utc
            let change = Tallies.change(
                from: atSnapshot.map { Tallies.of($0, zone: zone) } ?? [:], to: atEnd.map { Tallies.of($0, zone: zone) } ?? [:])
            for (k, c) in change { p.tallies[k] = (p.tallies[k] ?? Tallies.Count()) + c }
            if let it = atEnd, it.isOpen { p.open.append(it) }
        }
        // The items open at the snapshot that nothing touched by then: carried as their row
        // holds them if nothing touched them since the snapshot at all, else replayed to it.
        for id in (snap?[1] as String? ?? "").split(separator: " ").map(String.init) where !seen.contains(id) {
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM events WHERE subject = ?"), arguments: [id]) ?? 0
            if last <= p.from {
                p.carried.append(id)
            } else if let it = try replay(db, id, asOf: t, alsoAt: p.from).0, it.isOpen {
                p.open.append(it)
            }
        }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(Store.eventColumns) FROM events WHERE type NOT LIKE 'item.%' AND recorded <= ? ORDER BY seq",
            arguments: [t.seconds])
        while let row = try cursor.next() { p.others.append(Array(row.databaseValues)) }
        return p
    }

    /// An item from its events recorded by `t`, and as it stood at snapshot `at` too.
    static func replay(_ db: Database, _ id: String, asOf t: Instant, alsoAt at: Int64) throws -> (Item?, Item?) {
        var atSnapshot: Item?
        var item: Item?
        let cursor = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT \(Store.eventColumns) FROM events WHERE subject = ? AND recorded <= ? ORDER BY seq"),
            arguments: [id, t.seconds])
        while let row = try cursor.next() {
            let e = try Store.decodeEvent(row)
            item = ItemProjector.apply(item, e, id: id)
            if e.seq <= at { atSnapshot = item }
        }
        return (atSnapshot, item)
    }

    /// Writes the past into an empty scratch store.
    func write(_ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT INTO events (\(Store.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for row in others { try insert.execute(arguments: StatementArguments(row)) }
        try Store.rebuildProjections(db, from: try Store.replay(db), items: false)
        for it in open { try ItemRow.upsert(db, it, zone: zones[it.site] ?? .utc, seq: seq, previous: nil, tallies: false) }
        try TallyRows.add(db, tallies)
    }
}
