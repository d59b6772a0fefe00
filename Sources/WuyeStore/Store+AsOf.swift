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

/// The whole store as it stood at an instant (`--as-of` on the console, `kpi` and
/// `appraisal`): the events recorded by then, copied into a scratch file and projected
/// afresh, so every screen and figure reads it as it reads the live store. The file is
/// removed when the snapshot goes. It replays the journal (about a quarter of a minute
/// per 100 000 items), so it is meant for looking back, not for every command.
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
    public func snapshot(asOf t: Instant) throws(WuyeError) -> Snapshot {
        let folder = NSTemporaryDirectory() + "wuye-as-of-" + UUID().uuidString
        let copy = try Store.open(home: folder, create: true, scratch: true)
        let snapshot = Snapshot(store: copy, asOf: t, folder: folder)
        try copy.write { target in
            try self.read { db in
                let insert = try target.makeStatement(sql: "INSERT INTO events (\(Store.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)")
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT \(Store.eventColumns) FROM events WHERE recorded <= ? ORDER BY seq", arguments: [t.seconds])
                while let row = try cursor.next() {
                    try insert.execute(arguments: StatementArguments(row.databaseValues))
                }
            }
            try Store.rebuildProjections(target, from: try Store.replay(target))
        }
        return snapshot
    }
}
