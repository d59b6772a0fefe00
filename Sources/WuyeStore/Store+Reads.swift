import CSQLiteShim
import Foundation
import GRDB
import WuyeCore

/// Reading the projections: each read touches only the rows it needs.
extension Store {
    static let json = JSONDecoder()

    static func site(_ db: Database, _ id: String) throws -> Site? {
        guard let data = try String.fetchOne(db, sql: "SELECT data FROM sites WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return try json.decode(Site.self, from: Data(data.utf8))
    }

    static func staff(_ db: Database, _ id: String) throws -> Staff? {
        guard let data = try String.fetchOne(db, sql: "SELECT data FROM staff WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return try json.decode(Staff.self, from: Data(data.utf8))
    }

    static func standards(_ db: Database) throws -> Standards {
        guard let data = try String.fetchOne(db, sql: "SELECT data FROM standards WHERE id = 1") else { return Standards() }
        return try json.decode(Standards.self, from: Data(data.utf8))
    }

    static func item(_ db: Database, _ id: String) throws -> Item? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(ItemRow.columns) FROM items WHERE id = ?"), arguments: [id]).map(ItemRow.decode)
    }

    public func sites() throws(WuyeError) -> [Site] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT data FROM sites ORDER BY id").map {
                try Store.json.decode(Site.self, from: Data($0.utf8))
            }
        }
    }

    public func site(_ id: String) throws(WuyeError) -> Site {
        guard let s = try read({ db in try Store.site(db, id) }) else {
            let known = (try? sites().map(\.id).joined(separator: ", ")) ?? ""
            throw .notFound("unknown site \(id)\(known.isEmpty ? "" : "; sites are: \(known)")")
        }
        return s
    }

    public func staffList() throws(WuyeError) -> [Staff] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT data FROM staff ORDER BY id").map {
                try Store.json.decode(Staff.self, from: Data($0.utf8))
            }
        }
    }

    public func staff(_ id: String) throws(WuyeError) -> Staff {
        guard let s = try read({ db in try Store.staff(db, id) }) else {
            throw .notFound("unknown staff member \(id); see 'wuye staff list'")
        }
        return s
    }

    public func standards() throws(WuyeError) -> Standards {
        try read { db in try Store.standards(db) }
    }

    /// The text of the standards file in force (the built-in one if none was loaded).
    public func standardsSource() throws(WuyeError) -> String {
        try read { db in
            try String.fetchOne(db, sql: "SELECT source FROM standards WHERE id = 1") ?? Standards.defaultTOML
        }
    }

    public func item(_ typed: String) throws(WuyeError) -> Item {
        let id = ItemID.canonical(typed)
        guard ItemID(id) != nil else {
            throw .badInput("'\(id)' is not an item id; ids look like C-12, E-3 or R-40")
        }
        guard let it = try read({ db in try Store.item(db, id) }) else { throw .notFound("no item \(id)") }
        return it
    }

    public func items(ids: [String]) throws(WuyeError) -> [Item] {
        try read { db in try ids.compactMap { try Store.item(db, ItemID.canonical($0)) } }
    }

    public enum ItemFilter: Sendable {
        case open, all
    }

    /// Items of a kind (or all kinds), open ones or all, optionally at one site, ordered by
    /// the nearest deadline for open items and by id otherwise.
    public func items(kind: ItemKind?, filter: ItemFilter, site: String? = nil) throws(WuyeError) -> [Item] {
        let queries = Store.itemQueries(ItemRow.columns, kind: kind, filter: filter, site: site)
        return try read { db in
            var out: [Item] = []
            var cache = ItemRow.LimitsCache()
            for (sql, args) in queries {
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
                while let row = try cursor.next() { out.append(try ItemRow.decode(row, cache: &cache)) }
            }
            return out
        }
    }

    /// The queries of an item list, run in turn: open ones by nearest deadline (those
    /// with a deadline first, in the order of the open-item indexes, so that no large
    /// rows are sorted), all by id.
    static func itemQueries(_ columns: String, kind: ItemKind?, filter: ItemFilter, site: String?) -> [(
        String, [any DatabaseValueConvertible]
    )] {
        var clauses: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if filter == .open { clauses.append("is_open = 1") }
        if let kind {
            clauses.append("kind = ?")
            args.append(kind.rawValue)
        }
        if let site {
            clauses.append("site = ?")
            args.append(site)
        }
        func query(_ extra: String?, _ order: String) -> (String, [any DatabaseValueConvertible]) {
            let all = clauses + (extra.map { [$0] } ?? [])
            let whereSQL = all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")
            return ("SELECT \(columns) FROM items \(whereSQL) ORDER BY \(order)", args)
        }
        guard filter == .open else { return [query(nil, "kind, num")] }
        // With one kind, ordering by kind is void: leaving it out lets `items_open_kind`
        // give the order as it is, where SQLite would otherwise sort.
        let tie = kind == nil ? "kind, num" : "num"
        return [
            query("next_deadline IS NOT NULL", "next_deadline, " + tie),
            query("next_deadline IS NULL", tie),
        ]
    }

    /// The JSON array of items as `--json` prints it, from the stored rendering of each
    /// item plus its clocks computed for `now`. `breachedOnly` keeps only breached ones.
    ///
    /// The hot path of the command line (ten thousand items in a few tens of
    /// milliseconds): rows are stepped with SQLite's own calls and their bytes read in
    /// place, without a value made per column.
    public func itemsJSON(
        kind: ItemKind?, filter: ItemFilter, site: String?, breachedOnly: Bool, now: Instant, zones: [String: Zone],
        sink: (UnsafeRawBufferPointer) -> Void
    ) throws(WuyeError) {
        let queries = Store.itemQueries(
            "json, clocks, cycle, status = 'void', site", kind: kind, filter: filter, site: site)
        return try read { db in
            var w = JSONWriter(capacity: 1 << 17)
            w.beginArray()
            var zone = Zone.utc
            var zoneSite: [UInt8] = []
            for (sql, args) in queries {
                let statement = try db.makeStatement(sql: sql)
                try statement.setArguments(StatementArguments(args))
                let stmt = statement.sqliteStatement
                defer { sqlite3_reset(stmt) }
                while true {
                    let rc = sqlite3_step(stmt)
                    if rc == SQLITE_DONE { break }
                    guard rc == SQLITE_ROW else {
                        throw DatabaseError(
                            resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                    }
                    guard let clocks = ItemRow.decodeClocks(Store.columnBytes(stmt, 1)) else {
                        throw WuyeError.storeUnusable("an item row is damaged; run wuye check")
                    }
                    let cycle = Int(sqlite3_column_int64(stmt, 2))
                    let void = sqlite3_column_int(stmt, 3) != 0
                    let siteBytes = Store.columnBytes(stmt, 4)
                    if !zoneSite.elementsEqual(siteBytes) {
                        zoneSite = Array(siteBytes)
                        zone = zones[String(decoding: siteBytes, as: UTF8.self)] ?? .utc
                    }
                    if breachedOnly {
                        let breached =
                            !void && clocks.contains { $0.cycle == cycle && [.breached, .missed].contains($0.state(at: now)) }
                        if !breached { continue }
                    }
                    w.resumeObject(Store.columnBytes(stmt, 0))
                    ItemJSON.writeLiveFields(clocks, cycle: cycle, void: void, zone: zone, now: now, history: false, into: &w)
                    w.endObject()
                    w.drain(sink)
                }
            }
            w.endArray()
            w.withBytes(sink)
        }
    }

    /// A column's bytes, valid until the statement steps again.
    private static func columnBytes(_ stmt: OpaquePointer, _ i: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_blob(stmt, i) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i)))
    }

    public func isDemo() throws(WuyeError) -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'demo'") != nil }
    }

    public func itemCount() throws(WuyeError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM items") ?? 0 }
    }

    /// The staff member with this checkpoint code's route, if any: codes are unique.
    public func checkpointOwner(code: String) throws(WuyeError) -> (Site, PatrolRoute, Int)? {
        for s in try sites() {
            for r in s.routes {
                if let i = r.checkpoints.firstIndex(where: { $0.code == code }) { return (s, r, i) }
            }
        }
        return nil
    }
}
