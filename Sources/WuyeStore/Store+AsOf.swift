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
