import Foundation
import GRDB
import WuyeCore

/// Writing: every command is decided inside an immediate transaction against the rows as
/// they are now, its events appended and applied, its projection rows upserted, and only
/// then committed. Nothing is acknowledged before the commit returns.
extension Store {
    /// Performs an item command. For `.open` the new id is assigned here, at commit.
    @discardableResult
    public func perform(
        _ command: ItemCommand, on id: String?, site siteID: String? = nil, actor actorID: String, at: Instant?,
        now: Instant
    ) throws(WuyeError) -> Item {
        try perform([command], on: id, site: siteID, actor: actorID, at: at, now: now)
    }

    /// Performs several commands on one item as one change: all are committed or none.
    /// `cost` (materials, labour) is what resolving a repair cost, recorded with it.
    @discardableResult
    public func perform(
        _ commands: [ItemCommand], on id: String?, site siteID: String? = nil, actor actorID: String, at: Instant?,
        now: Instant, cost: (materials: Double, labour: Double)? = nil
    ) throws(WuyeError) -> Item {
        try write { db in
            var batch = Batch(db: db, path: self.path)
            let it = try batch.perform(commands, on: id.map(ItemID.canonical), site: siteID, actor: actorID, at: at, now: now)
            if let cost { try batch.recordCost(it, materials: cost.materials, labour: cost.labour, actor: actorID, at: at, now: now) }
            return it
        }
    }

    /// Runs many commands in one transaction: all are committed or none (imports, and
    /// building large data sets for benchmarks).
    public func batch<T>(_ body: (inout Batch) throws(WuyeError) -> T) throws(WuyeError) -> T {
        try write { db in
            var batch = Batch(db: db, path: self.path)
            do {
                return try body(&batch)
            } catch let e as WuyeError {
                throw e
            }
        }
    }

    /// Commands inside one open write transaction. Sites, staff and standards are read
    /// once per batch.
    public struct Batch {
        let db: Database
        /// The store's file, for error messages.
        let path: String
        var sites: [String: Site] = [:]
        var staff: [String: Staff] = [:]
        var standards: Standards?
        /// When set (an import), the figure tallies' change of every item written is kept
        /// here and written once by `writeDeferred()`: an import of 10 000 rows touches a few
        /// hundred tally rows, not 50 000. Otherwise each item's change is written with it.
        /// The same for the id counters: an import asks the store for the next number of a
        /// kind once, counts on from there, and writes each counter once at the end.
        var deferWrites = false
        var tallies: [Tallies.Key: Tallies.Count] = [:]
        var lastNumbers: [ItemKind: Int64] = [:]
        /// And the new items' search entries, written from their rows at the end.
        var unindexed: [String] = []

        /// Writes what an import kept back: the tallies' change and the id counters.
        mutating func writeDeferred() throws(WuyeError) {
            let change = tallies
            tallies = [:]
            let numbers = lastNumbers
            let ids = unindexed
            unindexed = []
            try run { db in
                try ItemSearch.indexRows(db, ids: ids)
                try TallyRows.add(db, change)
                for (kind, last) in numbers {
                    try db.cachedStatement(sql: "INSERT OR REPLACE INTO counters (kind, last) VALUES (?, ?)").execute(arguments: [
                        kind.rawValue, last,
                    ])
                }
            }
        }

        /// The id for a new item of `kind` (see `Store.nextID`).
        mutating func nextID(_ kind: ItemKind) throws -> String {
            guard deferWrites else { return try Store.nextID(db, kind) }
            let n: Int64
            if let last = lastNumbers[kind] {
                n = last + 1
            } else {
                n = try Store.nextNumber(db, kind)
            }
            lastNumbers[kind] = n
            return "\(kind.letter)-\(n)"
        }

        init(db: Database, path: String) {
            self.db = db
            self.path = path
        }

        /// What resolving a repair cost (plan 4.2): materials and labour, in the company's
        /// currency, recorded with the resolution.
        public mutating func recordCost(_ it: Item, materials: Double, labour: Double, actor: String, at: Instant?, now: Instant)
            throws(WuyeError)
        {
            guard it.kind == .repair else { throw .badInput("costs are recorded on repairs; \(it.id) is a \(it.kind.rawValue)") }
            guard it.resolvedAt != nil else { throw .refused("\(it.id) is not resolved; a cost is recorded when it is resolved") }
            for (name, v) in [("materials", materials), ("labour", labour)] where !v.isFinite || v < 0 || v > 1e9 {
                throw .badInput("the cost of \(name) must be a sum of 0 or more, got \(v)")
            }
            let c = RepairCost(
                item: it.id, site: it.site, category: it.category, at: it.resolvedAt ?? at ?? now, materials: materials, labour: labour)
            try run { db in
                try Store.apply(
                    db, Event(at: at ?? now, recorded: now, actor: actor, subject: "cost:\(it.id)", body: .management(.repairCosted(c))))
            }
        }

        /// Runs a database step of this batch, reporting failures as the store's errors.
        func run<T>(_ body: (Database) throws -> T) throws(WuyeError) -> T {
            do { return try body(db) } catch { throw Store.mapError(error, path: path) }
        }

        mutating func site(_ id: String) throws -> Site {
            if let s = sites[id] { return s }
            guard let s = try Store.site(db, id) else { throw WuyeError.notFound("unknown site \(id)") }
            sites[id] = s
            return s
        }

        public mutating func staff(_ id: String) throws(WuyeError) -> Staff {
            if let s = staff[id] { return s }
            guard let s = try run({ db in try Store.staff(db, id) }) else {
                throw .notFound("unknown staff member \(id); see 'wuye staff list'")
            }
            staff[id] = s
            return s
        }

        public mutating func standardsInForce() throws(WuyeError) -> Standards {
            if let s = standards { return s }
            let s = try run { db in try Store.standards(db) }
            standards = s
            return s
        }

        @discardableResult
        public mutating func perform(
            _ commands: [ItemCommand], on id: String?, site siteID: String? = nil, actor actorID: String, at: Instant?,
            now: Instant
        ) throws(WuyeError) -> Item {
            try perform(commands.map { ($0, at) }, on: id, site: siteID, actor: actorID, now: now)
        }

        /// Several steps on one item, each at its own time (an imported row: opened, then
        /// resolved and closed later), decided in turn and written as one row update.
        @discardableResult
        public mutating func perform(
            _ steps: [(ItemCommand, Instant?)], on id: String?, site siteID: String? = nil, actor actorID: String, now: Instant
        ) throws(WuyeError) -> Item {
            do {
                return try performInner(steps, on: id, site: siteID, actor: actorID, now: now)
            } catch {
                throw Store.mapError(error, path: path)
            }
        }

        private mutating func performInner(
            _ steps: [(ItemCommand, Instant?)], on id: String?, site siteID: String?, actor actorID: String, now: Instant
        ) throws -> Item {
            let actor = try staff(actorID)
            var item: Item?
            if let id {
                guard ItemID(id) != nil else { throw WuyeError.badInput("'\(id)' is not an item id; ids look like C-12, E-3 or R-40") }
                guard let found = try Verification.verifiedItem(db, id) else { throw WuyeError.notFound("no item \(id)") }
                item = found
            }
            let site = try site(item?.site ?? siteID ?? "")
            let standards = try standardsInForce()
            let previous = item
            var subject = id ?? ""
            var lastSeq: Int64 = 0
            for (command, at) in steps {
                let decision = Decision(actor: actor, now: now, at: at ?? now, standards: standards, site: site)
                let bodies = try ItemDecider.decide(item, command, decision)
                if case .open(let o) = command {
                    subject = try nextID(o.kind)
                }
                for body in bodies {
                    let e = try Store.append(
                        db, Event(at: decision.at, recorded: now, actor: actor.id, subject: subject, body: .item(body)))
                    lastSeq = e.seq
                    item = ItemProjector.apply(item, e, id: subject)
                }
            }
            guard let result = item else { throw WuyeError.storeUnusable("the item vanished while it was written") }
            let unindexed = deferWrites && previous == nil
            try ItemRow.upsert(
                db, result, zone: site.zone, seq: lastSeq, previous: previous, tallies: !deferWrites, fresh: previous == nil,
                search: !unindexed)
            if unindexed { self.unindexed.append(result.id) }
            if deferWrites { tallies.merge(ItemRow.tallyChange(result, previous: previous, zone: site.zone), uniquingKeysWith: +) }
            return result
        }
    }

    /// The next number of a kind: past the counter and past every item of that kind, so
    /// that a counter set back can never hand out an id twice.
    static func nextID(_ db: Database, _ kind: ItemKind) throws -> String {
        let next = try nextNumber(db, kind)
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO counters (kind, last) VALUES (?, ?)").execute(arguments: [
            kind.rawValue, next,
        ])
        return "\(kind.letter)-\(next)"
    }

    /// The next number of a kind, without taking it.
    static func nextNumber(_ db: Database, _ kind: ItemKind) throws -> Int64 {
        let counter =
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT last FROM counters WHERE kind = ?"), arguments: [kind.rawValue]) ?? 0
        let highest =
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(num) FROM items WHERE kind = ?"), arguments: [kind.rawValue]) ?? 0
        return max(counter, highest) + 1
    }

    /// Defines (or redefines) a site and saves its staff. The first site file of a store
    /// may be loaded by anyone; after that only a supervisor changes sites and staff.
    public func define(_ file: SiteFile, actor actorID: String?, now: Instant, since: Instant? = nil) throws(WuyeError) {
        try write { db in
            var site = file.site
            // A site keeps the day it was first taken on.
            site.since = try Store.site(db, site.id)?.since ?? since ?? now
            let staffCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff") ?? 0
            var actor = "init"
            if staffCount > 0 {
                guard let aid = actorID else {
                    throw WuyeError.badInput("this store has staff already; give --as SUPERVISOR to change its sites")
                }
                guard let a = try Store.staff(db, aid) else { throw WuyeError.notFound("unknown staff member \(aid)") }
                try Permissions.requireSupervisor(a, "change sites or staff")
                actor = a.id
            }
            try Store.checkCodes(db, site)
            try Store.apply(db, Event(at: now, recorded: now, actor: actor, subject: "site:\(site.id)", body: .siteDefined(site)))
            for s in file.staff {
                try Store.apply(db, Event(at: now, recorded: now, actor: actor, subject: "staff:\(s.id)", body: .staffSaved(s)))
            }
        }
    }

    /// Checkpoint codes are unique across the store: a scanner types them.
    static func checkCodes(_ db: Database, _ site: Site) throws {
        let codes = Set(site.routes.flatMap { $0.checkpoints.map(\.code) })
        for data in try String.fetchAll(db, sql: "SELECT data FROM sites WHERE id != ?", arguments: [site.id]) {
            let other = try Store.decodeSite(data)
            for r in other.routes {
                for c in r.checkpoints where codes.contains(c.code) {
                    throw WuyeError.badInput("checkpoint code \(c.code) is already used on site \(other.id); codes must be unique")
                }
            }
        }
    }

    public func saveStaff(_ staff: Staff, actor actorID: String, now: Instant) throws(WuyeError) {
        try write { db in
            guard let a = try Store.staff(db, actorID) else { throw WuyeError.notFound("unknown staff member \(actorID)") }
            try Permissions.requireSupervisor(a, "add or change staff")
            if let s = staff.site, try Store.site(db, s) == nil { throw WuyeError.notFound("unknown site \(s)") }
            try Store.apply(db, Event(at: now, recorded: now, actor: a.id, subject: "staff:\(staff.id)", body: .staffSaved(staff)))
        }
    }

    public func loadStandards(_ standards: Standards, source: String, actor actorID: String, now: Instant) throws(WuyeError) {
        try write { db in
            guard let a = try Store.staff(db, actorID) else { throw WuyeError.notFound("unknown staff member \(actorID)") }
            try Permissions.requireSupervisor(a, "load standards")
            try Store.apply(
                db, Event(at: now, recorded: now, actor: a.id, subject: "standards", body: .standardsLoaded(standards, source: source)))
        }
    }

    public func markDemo(now: Instant) throws(WuyeError) {
        try write { db in
            try Store.apply(db, Event(at: now, recorded: now, actor: "init", subject: "store", body: .demoMarked))
        }
    }

    /// Appends a non-item event and updates the projection it feeds.
    static func apply(_ db: Database, _ event: Event) throws {
        let e = try append(db, event)
        try project(db, e)
    }

    /// Updates the projection rows that a non-item event feeds.
    static func project(_ db: Database, _ e: Event) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        switch e.body {
        case .siteDefined(let site):
            let before = try Store.site(db, site.id)
            try db.execute(
                sql: "INSERT OR REPLACE INTO sites (id, data) VALUES (?, ?)",
                arguments: [site.id, String(decoding: try enc.encode(site), as: UTF8.self)])
            // The item rows keep renderings and tallies in the site's zone: a new zone
            // renders them again, in this same transaction.
            if let before, before.zone != site.zone { try ItemRow.rezone(db, site: site.id, zone: site.zone) }
        case .staffSaved(let s):
            try db.execute(
                sql: "INSERT OR REPLACE INTO staff (id, role, data) VALUES (?, ?, ?)",
                arguments: [s.id, s.role.rawValue, String(decoding: try enc.encode(s), as: UTF8.self)])
        case .standardsLoaded(let st, let source):
            try db.execute(
                sql: "INSERT OR REPLACE INTO standards (id, data, source) VALUES (1, ?, ?)",
                arguments: [String(decoding: try enc.encode(st), as: UTF8.self), source])
        case .demoMarked:
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')")
        case .item:
            break
        case .checklistTicked(let t):
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO ticks (occurrence, site, kind, location, day, at, actor, backdated, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    t.occurrence, t.site, t.kind.rawValue, t.location, t.day.description, t.at.seconds, t.actor,
                    e.isBackdated(grace: try standards(db).clocks.backdateGrace),
                    try encodeJSON(t),
                ])
        case .checklistUnticked(let occurrence, _):
            try db.execute(sql: "DELETE FROM ticks WHERE occurrence = ?", arguments: [occurrence])
        case .patrolScanned(let s):
            let day = String(s.round.split(separator: "/").last?.prefix(10) ?? "")
            try db.execute(
                sql:
                    "INSERT OR REPLACE INTO scans (round, code, site, route, day, at, actor, backdated, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    s.round, s.code, s.site, s.route, day, s.at.seconds, s.actor,
                    e.isBackdated(grace: try standards(db).clocks.backdateGrace),
                    try encodeJSON(s),
                ])
        case .training(let t):
            let current = try training(db, e.subject)
            if let s = TrainingRules.apply(current, t) {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO trainings (id, date, data) VALUES (?, ?, ?)",
                    arguments: [s.id, s.date.description, try encodeJSON(s)])
            }
        case .pin(let p):
            let id = String(e.subject.dropFirst("staff:".count))
            let state = PinRules.apply(try pinState(db, id), p, at: e.at)
            try db.execute(sql: "INSERT OR REPLACE INTO pins (staff, data) VALUES (?, ?)", arguments: [id, try encodeJSON(state)])
        case .management(let m):
            try RecordRows.project(db, e, m)
        case .notice(let n):
            try NoticeRows.project(db, e, n)
        case .intake(let v):
            try IntakeRows.project(db, e, v)
        case .surveyRecorded(let v):
            try db.execute(
                sql: "INSERT OR REPLACE INTO surveys (id, site, at, score, data) VALUES (?, ?, ?, ?, ?)",
                arguments: [v.id, v.site, v.at.seconds, v.score, try encodeJSON(v)])
        }
    }
}
