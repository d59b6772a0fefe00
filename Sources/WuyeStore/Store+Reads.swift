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

    public func item(_ id: String) throws(WuyeError) -> Item {
        guard ItemID(id) != nil else {
            throw .badInput("'\(id)' is not an item id; ids look like C-12, E-3 or R-40")
        }
        guard let it = try read({ db in try Store.item(db, id) }) else { throw .notFound("no item \(id)") }
        return it
    }

    public func items(ids: [String]) throws(WuyeError) -> [Item] {
        try read { db in try ids.compactMap { try Store.item(db, $0) } }
    }

    public enum ItemFilter: Sendable {
        case open, all
    }

    /// Items of a kind (or all kinds), open ones or all, optionally at one site, ordered by
    /// the nearest deadline for open items and by id otherwise.
    public func items(kind: ItemKind?, filter: ItemFilter, site: String? = nil) throws(WuyeError) -> [Item] {
        let (sql, args) = Store.itemQuery(ItemRow.columns, kind: kind, filter: filter, site: site)
        return try read { db in
            var out: [Item] = []
            var cache = ItemRow.LimitsCache()
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() { out.append(try ItemRow.decode(row, cache: &cache)) }
            return out
        }
    }

    /// The query of an item list: open ones by nearest deadline, all by id.
    static func itemQuery(_ columns: String, kind: ItemKind?, filter: ItemFilter, site: String?) -> (String, [any DatabaseValueConvertible])
    {
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
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let order = filter == .open ? "ORDER BY next_deadline IS NULL, next_deadline, kind, num" : "ORDER BY kind, num"
        return ("SELECT \(columns) FROM items \(whereSQL) \(order)", args)
    }

    /// The JSON array of items as `--json` prints it, from the stored rendering of each
    /// item plus its clocks computed for `now`. `breachedOnly` keeps only breached ones.
    public func itemsJSON(
        kind: ItemKind?, filter: ItemFilter, site: String?, breachedOnly: Bool, now: Instant, zones: [String: Zone],
        sink: ([UInt8]) -> Void
    ) throws(WuyeError) {
        let (sql, args) = Store.itemQuery("json, clocks, cycle, status, site", kind: kind, filter: filter, site: site)
        return try read { db in
            var w = JSONWriter()
            w.reserve(1 << 17)
            w.beginArray()
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                guard let clocks = ItemRow.decodeClocks(row[1]) else {
                    throw WuyeError.storeUnusable("an item row is damaged; run wuye check")
                }
                let cycle: Int = row[2]
                let void = (row[3] as String) == ItemStatus.void.rawValue
                let zone = zones[row[4] as String] ?? .utc
                if breachedOnly {
                    let breached = !void && clocks.contains { $0.cycle == cycle && [.breached, .missed].contains($0.state(at: now)) }
                    if !breached { continue }
                }
                try row.withUnsafeData(atIndex: 0) { (data: Data?) in
                    data?.withUnsafeBytes { w.resumeObject($0) }
                }
                ItemJSON.writeLiveFields(clocks, cycle: cycle, void: void, zone: zone, now: now, history: false, into: &w)
                w.endObject()
                w.drain(sink)
            }
            w.endArray()
            sink(w.bytes)
        }
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
