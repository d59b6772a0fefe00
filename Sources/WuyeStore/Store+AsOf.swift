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
        return snapshot
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
        // The items open at the snapshot that nothing touched by then: as their row holds
        // them if nothing touched them since the snapshot at all, else replayed to it.
        for id in (snap?[1] as String? ?? "").split(separator: " ").map(String.init) where !seen.contains(id) {
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM events WHERE subject = ?"), arguments: [id]) ?? 0
            let it = last <= p.from ? try Store.item(db, id) : try replay(db, id, asOf: t, alsoAt: p.from).0
            if let it, it.isOpen { p.open.append(it) }
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
