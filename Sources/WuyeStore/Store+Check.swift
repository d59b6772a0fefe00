import Foundation
import GRDB
import WuyeCore

/// `wuye check`: replays the whole journal from nothing and compares what it gives with
/// the projection rows; `wuye backup`: a consistent copy of a live store.
extension Store {
    public struct CheckReport: Sendable {
        public var events = 0
        public var items = 0
        public var differences: [String] = []
        /// After a repair: what still differs (the journal itself is damaged).
        public var unrepaired: [String] = []
    }

    /// The state the journal leads to, computed from the events alone.
    struct Replay {
        var items: [String: Item] = [:]
        var sites: [String: Site] = [:]
        var staff: [String: Staff] = [:]
        var standards: Standards?
        var standardsSource: String?
        var demo = false
        var events = 0
        var ticks: [String: Tick] = [:]
        var scans: [String: Scan] = [:]
        var trainings: [String: TrainingSession] = [:]
        var surveys: [String: Survey] = [:]
        /// Items whose opening the journal holds twice: histories no rebuild can part.
        var openedTwice: [String] = []

        mutating func apply(_ e: Event) {
            events += 1
            switch e.body {
            case .item(let body):
                if case .opened = body, items[e.subject] != nil { openedTwice.append("\(e.subject) (again at event \(e.seq))") }
                items[e.subject] = ItemProjector.apply(items[e.subject], e, id: e.subject)
            case .siteDefined(let s): sites[s.id] = s
            case .staffSaved(let s): staff[s.id] = s
            case .standardsLoaded(let s, let src):
                standards = s
                standardsSource = src
            case .demoMarked: demo = true
            case .checklistTicked(let t): ticks[t.occurrence] = t
            case .checklistUnticked(let o, _): ticks[o] = nil
            case .patrolScanned(let s): scans[s.round + " " + s.code] = s
            case .training(let t): trainings[e.subject] = TrainingRules.apply(trainings[e.subject], t)
            case .surveyRecorded(let v): surveys[v.id] = v
            case .management, .notice, .intake: break  // compared through the rebuilt records, notices and intake tables
            case .pin: break  // compared through the rebuilt pins table
            }
        }
    }

    static func replay(_ db: Database) throws -> Replay {
        var r = Replay()
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(eventColumns) FROM events ORDER BY seq")
        while let row = try cursor.next() { r.apply(try decodeEvent(row)) }
        return r
    }

    /// Rebuilds the projections from the events and reports every difference; with
    /// `repair`, writes the rebuilt rows in place of the stored ones.
    public func check(repair: Bool = false) throws(WuyeError) -> CheckReport {
        // Checking only reads: a store on read-only media can be checked too.
        if readOnly && !repair { return try read { db in try Store.compare(db, rebuild: false) } }
        let report = try write(verifying: false) { db in
            var report = try Store.compare(db, rebuild: true)
            if repair, !report.differences.isEmpty {
                try Store.rebuildProjections(db, from: try Store.replay(db))
                // A repair says what it could not mend: a broken journal stays broken.
                let after = try Store.compare(db, rebuild: true)
                if !after.differences.isEmpty {
                    report.unrepaired = after.differences
                }
            }
            return report
        }
        // A store found whole is stamped as verified; a damaged one is not.
        if report.differences.isEmpty || (repair && report.unrepaired.isEmpty) { Verification.record(path) }
        return report
    }

    /// What a writer checks before writing into files another program changed: SQLite's
    /// integrity check and the whole hash chain (no replay). Nil when whole.
    public func verifyWhole() throws(WuyeError) -> String? {
        try write(verifying: false) { db in
            do {
                try Verification.verifyWhole(db)
                return nil
            } catch let e as WuyeError { return e.message }
        }
    }

    /// Every difference between the journal, its hash chain and the stored rows.
    /// The projections other than items and clocks (which `compare` checks row by row).
    static let projectionTables = [
        "sites", "staff", "standards", "meta", "ticks", "scans", "trainings", "surveys", "pins", "records", "notices",
        "intake",
    ]

    /// Every row of those projections, every column, as sorted text.
    static func projectionRows(_ db: Database) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for t in projectionTables {
            out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t)").map {
                $0.databaseValues.map(\.description).joined(separator: "\u{1F}")
            }.sorted()
        }
        return out
    }

    /// With `rebuild` (a write transaction), the projections are also rebuilt from the
    /// journal in a savepoint, compared column by column, and rolled back: nothing that a
    /// rebuild would change goes unreported.
    static func compare(_ db: Database, rebuild: Bool) throws -> CheckReport {
        var report = CheckReport()
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity != ["ok"] {
            report.differences.append("SQLite integrity check: " + integrity.prefix(3).joined(separator: "; "))
        }
        if let broken = try HashChain.verify(db) { report.differences.append(broken) }
        let r = try Store.replay(db)
        report.events = r.events
        report.items = r.items.count
        for id in r.openedTwice { report.differences.append("journal: \(id) is opened twice; two histories share one id") }
        // A projection row that cannot even be read is a difference to report (and
        // repair), not a reason for the check to stop.
        func readable<T>(_ what: String, _ body: () throws -> T) -> T? {
            do { return try body() } catch {
                report.differences.append("\(what): a row cannot be read")
                return nil
            }
        }
        var stored: [String: Item] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(ItemRow.columns) FROM items")
        while let row = try cursor.next() {
            if let it = readable("items", { try ItemRow.decode(row) }) { stored[it.id] = it }
        }
        for (id, it) in r.items.sorted(by: { $0.key < $1.key }) {
            guard let s = stored[id] else {
                report.differences.append("\(id): in the journal but has no row")
                continue
            }
            if s != it { report.differences.append("\(id): its row differs from the journal (\(Store.firstDifference(s, it)))") }
        }
        let rendered = try Row.fetchCursor(db, sql: "SELECT id, json FROM items")
        while let row = try rendered.next() {
            let id: String = row[0]
            let json: Data = row[1]
            if let it = r.items[id], stored[id] == it,
                Data(ItemJSON.staticPrefix(it, zone: r.sites[it.site]?.zone ?? .utc)) != json
            {
                report.differences.append("\(id): its stored JSON differs from the journal")
            }
        }
        // The columns lists are ordered by, and the clock rows the figures count.
        let derived = try Row.fetchCursor(db, sql: "SELECT id, num, is_open, next_deadline FROM items")
        while let row = try derived.next() {
            let id: String = row[0]
            if let it = r.items[id], [row[1] as DatabaseValue, row[2], row[3]] != ItemRow.derived(it) {
                report.differences.append("\(id): its order columns differ from the journal")
            }
        }
        var clockRows: [String: [[DatabaseValue]]] = [:]
        let clocks = try Row.fetchCursor(db, sql: "SELECT \(ItemRow.clockColumns) FROM clocks ORDER BY item_id, n")
        while let row = try clocks.next() { clockRows[row[0], default: []].append(Array(row.databaseValues)) }
        for (id, it) in r.items.sorted(by: { $0.key < $1.key }) where clockRows.removeValue(forKey: id) ?? [] != ItemRow.clockRows(it) {
            report.differences.append("\(id): its clock rows (what the figures count) differ from the journal")
        }
        for id in clockRows.keys.sorted() { report.differences.append("\(id): has clock rows but no item in the journal") }
        // The search index: one document per item, as the item's row would write it.
        var documents: [Int64: String] = [:]
        let fts = try Row.fetchCursor(db, sql: "SELECT rowid, body FROM items_fts")
        while let row = try fts.next() { documents[row[0]] = row[1] }
        for (id, it) in r.items.sorted(by: { $0.key < $1.key }) {
            if let rowid = ItemSearch.rowid(id), documents.removeValue(forKey: rowid) != ItemSearch.body(it) {
                report.differences.append("\(id): its search entry differs from the journal")
            }
        }
        if !documents.isEmpty { report.differences.append("search index: \(documents.count) entries for no item") }
        // The index's own structures, against its entries (FTS5's integrity check, which
        // is written as an INSERT and so needs a writable store).
        if rebuild, !ItemSearch.structureIsWhole(db) { report.differences.append("search index: its structure is damaged") }
        if (try Bool.fetchOne(db, sql: "SELECT 1 FROM meta WHERE key = 'demo'") ?? false) != r.demo {
            report.differences.append("the demo mark differs from the journal")
        }
        if rebuild && report.differences.isEmpty {
            let stored = try projectionRows(db)
            var rebuilt: [String: [String]] = [:]
            try db.inSavepoint {
                try rebuildProjections(db, from: r, items: false)
                rebuilt = try projectionRows(db)
                return .rollback
            }
            for t in projectionTables where stored[t] != rebuilt[t] {
                let n = Set(stored[t] ?? []).symmetricDifference(rebuilt[t] ?? []).count
                report.differences.append("\(t): \(n) row\(n == 1 ? "" : "s") differ from the journal")
            }
        }
        for id in stored.keys.sorted() where r.items[id] == nil {
            report.differences.append("\(id): has a row but no event in the journal")
        }
        // The snapshots the past is read from, each against the journal up to its event.
        if let problems = readable("snapshots", { try Snapshots.verify(db) }) { report.differences += problems }
        // The figure tallies: what the items of the journal add up to.
        if let stored = readable("figure tallies", { try TallyRows.all(db) }) {
            let journal = TallyRows.sum(r.items.values, zone: { r.sites[$0]?.zone ?? .utc })
            for key in Set(stored.keys).union(journal.keys).sorted() where stored[key] != journal[key] {
                report.differences.append(
                    "figure tallies: \(key.site) \(key.what) on \(CivilDate(daysSinceEpoch: key.day))\(key.assignee.isEmpty ? "" : " (\(key.assignee))") differ from the journal"
                )
                if report.differences.count > 200 { break }
            }
        }
        for (id, site) in r.sites where readable("site \(id)", { try Store.site(db, id) }) != site {
            report.differences.append("site \(id): its row differs from the journal")
        }
        for (id, s) in r.staff where readable("staff \(id)", { try Store.staff(db, id) }) != s {
            report.differences.append("staff \(id): its row differs from the journal")
        }
        // Rows kept as JSON, keyed as the replay keys them.
        func rows<T: Decodable & Equatable>(_ what: String, _ table: String, _ type: T.Type, key: (T) -> String, journal: [String: T]) {
            guard
                let stored = readable(
                    what, { try String.fetchAll(db, sql: "SELECT data FROM \(table)").map { try Store.decode(T.self, $0) } })
            else { return }
            if Dictionary(stored.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a }) != journal {
                report.differences.append("\(what): the rows differ from the journal")
            }
        }
        rows("ticks", "ticks", Tick.self, key: \.occurrence, journal: r.ticks)
        rows("patrol scans", "scans", Scan.self, key: { $0.round + " " + $0.code }, journal: r.scans)
        rows("trainings", "trainings", TrainingSession.self, key: \.id, journal: r.trainings)
        rows("surveys", "surveys", Survey.self, key: \.id, journal: r.surveys)
        if readable("standards", { try Store.standards(db) }) != (r.standards ?? Standards()) {
            report.differences.append("standards: the row differs from the journal")
        }
        for kind in ItemKind.allCases {
            let last = try Int64.fetchOne(db, sql: "SELECT last FROM counters WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
            let maxID = r.items.keys.compactMap { ItemID($0) }.filter { $0.kind == kind }.map(\.number).max() ?? 0
            if last < maxID {
                report.differences.append("\(kind.rawValue) ids: the counter (\(last)) is behind the journal (\(maxID))")
            }
        }
        return report
    }

    /// Writes every projection row afresh from a replay of the journal in `db`.
    /// Without `items`, the item and clock rows are left as they are (`check` compares those
    /// column by column already, and they are most of a large store).
    static func rebuildProjections(_ db: Database, from r: Replay, items: Bool = true) throws {
        if items {
            // The search index is made anew: its structures may be what was damaged.
            try db.execute(
                sql: "DELETE FROM items; DELETE FROM clocks; DELETE FROM tallies; DROP TABLE IF EXISTS items_fts; \(ItemSearch.table)")
            // Snapshots are taken anew (a whole one at the next write) from the rebuilt rows.
            try Snapshots.drop(db)
            for it in r.items.values { try ItemRow.upsert(db, it, zone: r.sites[it.site]?.zone ?? .utc, seq: 0, previous: nil) }
        }
        try db.execute(sql: "DELETE FROM sites; DELETE FROM staff; DELETE FROM standards; DELETE FROM meta")
        func project(_ body: EventBody) throws {
            try Store.project(db, Event(at: .init(seconds: 0), recorded: .init(seconds: 0), actor: "", subject: "", body: body))
        }
        for s in r.sites.values { try project(.siteDefined(s)) }
        for s in r.staff.values { try project(.staffSaved(s)) }
        if let st = r.standards { try project(.standardsLoaded(st, source: r.standardsSource)) }
        if r.demo { try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('demo', '1')") }
        try db.execute(
            sql:
                "DELETE FROM ticks; DELETE FROM scans; DELETE FROM trainings; DELETE FROM surveys; DELETE FROM pins; DELETE FROM records; DELETE FROM notices; DELETE FROM intake"
        )
        let cursor = try Row.fetchCursor(
            db,
            sql:
                "SELECT \(Store.eventColumns) FROM events WHERE type NOT LIKE 'item.%' AND type NOT IN ('site.defined', 'staff.saved', 'standards.loaded', 'store.demo') ORDER BY seq"
        )
        while let row = try cursor.next() { try Store.project(db, try Store.decodeEvent(row)) }
    }

    static func firstDifference(_ a: Item, _ b: Item) -> String {
        let ma = Mirror(reflecting: a).children
        let mb = Array(Mirror(reflecting: b).children)
        for (i, c) in ma.enumerated() where String(describing: c.value) != String(describing: mb[i].value) {
            return "\(c.label ?? "?"): row \(c.value), journal \(mb[i].value)"
        }
        return "?"
    }

    /// Writes a consistent copy of the live store to `file` (SQLite's online backup); the
    /// copy is a store of its own and can be opened with `--home` on its folder. It is
    /// written under a work name and renamed when complete, so an interrupted backup never
    /// leaves a file that looks like one (the next backup removes what it left).
    public func backup(to file: String) throws(WuyeError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: file) {
            throw .refused("\(file) exists already; choose a new file name so that no backup is overwritten")
        }
        let work = LeftOvers.workName(for: file)
        LeftOvers.cleanBackups(in: work.folder)
        try? fm.removeItem(atPath: work.path)
        do {
            let target = try DatabaseQueue(path: work.path)
            try db.backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
            guard rename(work.path, file) == 0 else {
                throw WuyeError.storeUnusable("cannot name the backup \(file): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fm.removeItem(atPath: work.path)
            try? fm.removeItem(atPath: work.path + "-journal")
            throw Store.mapError(error, path: file)
        }
    }
}
