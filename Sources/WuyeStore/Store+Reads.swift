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
        return try decodeSite(data)
    }

    /// A site's stored JSON: by `SiteJSON`, or by `Codable` when that does not know it.
    static func decodeSite(_ data: String) throws -> Site {
        if let s = SiteJSON.decode(data) { return s }
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
            try Store.allSites(db)
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
        var out: [Item] = []
        try forEachItem(kind: kind, filter: filter, site: site) { out.append($0) }
        return out
    }

    /// The items open now or changed (a step dated) since `t`: what a shift handover
    /// looks through.
    public func items(changedSince t: Instant) throws(WuyeError) -> [Item] {
        try read { db in
            var cache = ItemRow.LimitsCache()
            return try Row.fetchAll(
                db, sql: "SELECT \(ItemRow.columns) FROM items WHERE is_open = 1 OR last_at >= ?", arguments: [t.seconds]
            ).map { try ItemRow.decode($0, cache: &cache) }
        }
    }

    /// A page of a list: at most `limit` items, starting after the item `after` in the
    /// list's order. Each page costs what it holds, not what the store holds: the list's
    /// indexes are entered at the item before.
    public struct Page: Sendable {
        public var limit: Int?
        public var after: String?

        public init(limit: Int? = nil, after: String? = nil) {
            self.limit = limit
            self.after = after
        }
    }

    /// Where a list resumes: the position in the list's order of the item a page ends with.
    struct ListPosition {
        var deadline: Int64?
        var kind: String
        var num: Int64
    }

    /// The list's items one at a time, as they are read (nothing is held), every column
    /// decoded. `keep` decides which rows count towards the page's limit.
    public func forEachItem(
        kind: ItemKind?, filter: ItemFilter, site: String? = nil, page: Page = Page(), keep: (Item) -> Bool = { _ in true },
        _ body: (Item) throws -> Void
    ) throws(WuyeError) {
        try read { db in
            var cache = ItemRow.LimitsCache()
            let (queries, limit) = try Store.pageQueries(db, ItemRow.columns, kind: kind, filter: filter, site: site, page: page)
            var left = limit
            for (sql, args) in queries where left > 0 {
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
                while left > 0, let row = try cursor.next() {
                    let it = try ItemRow.decode(row, cache: &cache)
                    guard keep(it) else { continue }
                    left -= 1
                    try body(it)
                }
            }
        }
    }

    /// A list page's queries (entered after `page.after`) and how many rows it may hold.
    static func pageQueries(
        _ db: Database, _ columns: String, kind: ItemKind?, filter: ItemFilter, site: String?, page: Page
    ) throws -> ([(String, [any DatabaseValueConvertible])], Int) {
        let position = try Store.listPosition(db, page.after, kind: kind, filter: filter, site: site)
        return (Store.itemQueries(columns, kind: kind, filter: filter, site: site, after: position), page.limit ?? Int.max)
    }

    /// Steps the queries of a list page with SQLite's own calls, handing `row` each
    /// statement positioned on a row (valid until the next step); `row` says whether the
    /// row counted towards the page's limit.
    static func stepPage(
        _ db: Database, _ columns: String, kind: ItemKind?, filter: ItemFilter, site: String?, page: Page,
        _ row: (OpaquePointer, String) throws -> Bool
    ) throws {
        let (queries, limit) = try pageQueries(db, columns, kind: kind, filter: filter, site: site, page: page)
        var left = limit
        for (sql, args) in queries where left > 0 {
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(StatementArguments(args))
            let stmt = statement.sqliteStatement
            defer { sqlite3_reset(stmt) }
            while left > 0 {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
                if try row(stmt, sql) { left -= 1 }
            }
        }
    }

    /// The list's items with only what a list line shows (id, kind, site, place, status,
    /// pause, emergency, text, clocks, cycle; the rest left empty), stepped with SQLite's
    /// own calls: the text lists of the command line, thousands of rows at a time.
    public func forEachListed(
        kind: ItemKind?, filter: ItemFilter, site: String? = nil, page: Page = Page(), keep: (Item) -> Bool = { _ in true },
        _ body: (Item) throws -> Void
    ) throws(WuyeError) {
        try read { db in
            let columns = "id, kind, site, unit, location, status, paused, emergency, text, clocks, cycle, opened_at, last_at"
            try Store.stepPage(db, columns, kind: kind, filter: filter, site: site, page: page) { stmt, _ in
                func text(_ i: Int32) -> String? {
                    guard sqlite3_column_type(stmt, i) != SQLITE_NULL else { return nil }
                    return String(decoding: Store.columnBytes(stmt, i), as: UTF8.self)
                }
                guard let id = text(0), let k = text(1).flatMap(ItemKind.init(rawValue:)),
                    let status = text(5).flatMap(ItemStatus.init(rawValue:)),
                    let clocks = ItemRow.decodeClocks(Store.columnBytes(stmt, 9))
                else { throw WuyeError.storeUnusable("an item row is damaged; run wuye check") }
                let it = Item(
                    id: id, kind: k, site: text(2) ?? "", unit: text(3), location: text(4), channel: nil, category: "",
                    text: text(8) ?? "", owner: nil, phone: nil, emergency: sqlite3_column_int(stmt, 7) != 0, complex: false,
                    status: status, paused: sqlite3_column_int(stmt, 6) != 0, pauseReason: nil, pauseCount: 0,
                    cycle: Int(sqlite3_column_int64(stmt, 10)), assignee: nil, openedAt: Instant(seconds: sqlite3_column_int64(stmt, 11)),
                    resolvedAt: nil, closedAt: nil, rating: nil, voidReason: nil, source: nil,
                    lastAt: Instant(seconds: sqlite3_column_int64(stmt, 12)), limits: ClockLimits(), clocks: clocks)
                guard keep(it) else { return false }
                try body(it)
                return true
            }
        }
    }

    /// The position of `after` in a list, refused with what to do when it is not in it.
    static func listPosition(_ db: Database, _ after: String?, kind: ItemKind?, filter: ItemFilter, site: String?) throws
        -> ListPosition?
    {
        guard let after else { return nil }
        let id = ItemID.canonical(after)
        guard let row = try Row.fetchOne(db, sql: "SELECT next_deadline, kind, num, is_open, site FROM items WHERE id = ?", arguments: [id])
        else { throw WuyeError.notFound("no item \(after); --after takes the last id of the page before") }
        let inList = (kind == nil || row[1] == kind!.rawValue) && (site == nil || row[4] == site!) && (filter == .all || row[3] == true)
        guard inList else {
            throw WuyeError.badInput(
                filter == .open && row[3] == false
                    ? "\(id) is no longer open, so its place in the list of open items is gone; list again from the start (without --after)"
                    : "\(id) is not in this list; --after takes the last id of the page before")
        }
        return ListPosition(deadline: filter == .open ? row[0] : nil, kind: row[1], num: row[2])
    }

    /// The queries of an item list, run in turn: open ones by nearest deadline (those
    /// with a deadline first, in the order of the open-item indexes, so that no large
    /// rows are sorted), all by id.
    static func itemQueries(
        _ columns: String, kind: ItemKind?, filter: ItemFilter, site: String?, after: ListPosition? = nil
    ) -> [(String, [any DatabaseValueConvertible])] {
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
        // With one kind, ordering by kind is void: leaving it out lets the index give the
        // order as it is, where SQLite would otherwise sort.
        let tie = kind == nil ? ["kind", "num"] : ["num"]
        func query(_ extra: [String], _ extraArgs: [any DatabaseValueConvertible], _ order: [String]) -> (
            String, [any DatabaseValueConvertible]
        ) {
            let all = clauses + extra
            let whereSQL = all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")
            return ("SELECT \(columns) FROM items \(whereSQL) ORDER BY \(order.joined(separator: ", "))", args + extraArgs)
        }
        // Rows after a position in an order of columns: (a, b) > (x, y), which SQLite
        // answers from the index by seeking.
        func past(_ order: [String], _ values: [any DatabaseValueConvertible]) -> (String, [any DatabaseValueConvertible]) {
            ("(\(order.joined(separator: ", "))) > (\(order.map { _ in "?" }.joined(separator: ", ")))", values)
        }
        func tieValues(_ p: ListPosition) -> [any DatabaseValueConvertible] { kind == nil ? [p.kind, p.num] : [p.num] }
        guard filter == .open else {
            guard let p = after else { return [query([], [], ["kind", "num"])] }
            let (c, v) = past(["kind", "num"], [p.kind, p.num])
            return [query([c], v, ["kind", "num"])]
        }
        let withDeadline = ["next_deadline"] + tie
        guard let p = after else {
            return [query(["next_deadline IS NOT NULL"], [], withDeadline), query(["next_deadline IS NULL"], [], tie)]
        }
        if let d = p.deadline {
            let (c, v) = past(withDeadline, [d] + tieValues(p))
            return [query(["next_deadline IS NOT NULL", c], v, withDeadline), query(["next_deadline IS NULL"], [], tie)]
        }
        let (c, v) = past(tie, tieValues(p))
        return [query(["next_deadline IS NULL", c], v, tie)]
    }

    /// The JSON array of items as `--json` prints it, from the stored rendering of each
    /// item plus its clocks computed for `now`. `breachedOnly` keeps only breached ones.
    ///
    /// The hot path of the command line (ten thousand items in a few tens of
    /// milliseconds): rows are stepped with SQLite's own calls and their bytes read in
    /// place, without a value made per column.
    public func itemsJSON(
        kind: ItemKind?, filter: ItemFilter, site: String?, breachedOnly: Bool, now: Instant, zones: [String: Zone],
        page: Page = Page(), sink: (UnsafeRawBufferPointer) -> Void
    ) throws(WuyeError) {
        return try read { db in
            var w = JSONWriter(capacity: 1 << 17)
            w.beginArray()
            var zone = Zone.utc
            var zoneSite: [UInt8] = []
            try Store.stepPage(db, "json, clocks, cycle, status = 'void', site", kind: kind, filter: filter, site: site, page: page) {
                stmt, _ in
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
                    let breached = !void && clocks.contains { $0.cycle == cycle && [.breached, .missed].contains($0.state(at: now)) }
                    if !breached { return false }
                }
                w.resumeObject(Store.columnBytes(stmt, 0))
                ItemJSON.writeLiveFields(clocks, cycle: cycle, void: void, zone: zone, now: now, history: false, into: &w)
                w.endObject()
                w.drain(sink)
                return true
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

    /// The width of the longest id of a kind (`C-101709`: 8), from the index.
    public func widestID(kind: ItemKind) throws(WuyeError) -> Int {
        try read { db in
            let n = try Int64.fetchOne(db, sql: "SELECT max(num) FROM items WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
            return 2 + String(max(n, 1)).count
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
