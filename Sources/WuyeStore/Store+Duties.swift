import Foundation
import GRDB
import WuyeCore

/// Duties ticked, patrol checkpoints scanned, trainings and surveys: decided and written
/// like item commands, inside one immediate transaction each.
extension Store {
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try json.decode(T.self, from: Data(text.utf8))
    }

    static func encodeJSON<T: Encodable>(_ v: T) throws -> String {
        String(decoding: try encoder.encode(v), as: UTF8.self)
    }

    static func allSites(_ db: Database) throws -> [Site] {
        try String.fetchAll(db, sql: "SELECT data FROM sites ORDER BY id").map(Store.decodeSite)
    }

    /// Each site's zone, by the site's id.
    static func zones(_ db: Database) throws -> [String: Zone] {
        try allSites(db).reduce(into: [:]) { $0[$1.id] = $1.zone }
    }

    // MARK: checklist

    /// Ticks a duty occurrence; a problem found opens a repair linked to it.
    @discardableResult
    public func tick(_ occurrenceID: String, note: String?, problem: String?, actor actorID: String, at: Instant?, now: Instant)
        throws(WuyeError) -> Tick
    {
        try batch { (b: inout Batch) throws(WuyeError) in
            try b.tick(occurrenceID, note: note, problem: problem, actor: actorID, at: at, now: now)
        }
    }

    /// Takes back a tick given by accident (`TickRules`), with the reason in the journal.
    public func untick(_ occurrenceID: String, reason: String, actor actorID: String, now: Instant) throws(WuyeError) {
        try write { db in
            guard let tick = try Store.tick(db, occurrenceID) else {
                throw WuyeError.notFound("\(occurrenceID) has no tick to take back")
            }
            guard let actor = try Store.staff(db, actorID) else { throw WuyeError.notFound("unknown staff member \(actorID)") }
            let zone = try Store.site(db, tick.site)?.zone ?? .utc
            try TickRules.decideUntick(tick, actor: actor, reason: reason, now: now, zone: zone)
            try Store.apply(
                db,
                Event(
                    at: now, recorded: now, actor: actor.id, subject: occurrenceID,
                    body: .checklistUnticked(occurrence: occurrenceID, reason: reason)))
        }
    }

    static func tick(_ db: Database, _ occurrence: String) throws -> Tick? {
        try String.fetchOne(db, sql: "SELECT data FROM ticks WHERE occurrence = ?", arguments: [occurrence]).map {
            try decode(Tick.self, $0)
        }
    }

    /// Ticks of a site (or all) for days in `days`.
    public func ticks(site: String?, days: ClosedRange<CivilDate>) throws(WuyeError) -> [Tick] {
        try read { db in
            var sql = "SELECT data FROM ticks WHERE day >= ? AND day <= ?"
            var args: [any DatabaseValueConvertible] = [days.lowerBound.description, days.upperBound.description]
            if let site {
                sql += " AND site = ?"
                args.append(site)
            }
            return try String.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { try Store.decode(Tick.self, $0) }
        }
    }

    // MARK: patrol

    /// Scans a checkpoint code into the round of its route that `at` falls in.
    @discardableResult
    public func scan(_ code: String, note: String?, problem: String?, actor actorID: String, at: Instant?, now: Instant)
        throws(WuyeError) -> Scan
    {
        try batch { (b: inout Batch) throws(WuyeError) in try b.scan(code, note: note, problem: problem, actor: actorID, at: at, now: now) }
    }

    static func scans(_ db: Database, round: String) throws -> [Scan] {
        try String.fetchAll(db, sql: "SELECT data FROM scans WHERE round = ? ORDER BY at", arguments: [round]).map {
            try decode(Scan.self, $0)
        }
    }

    /// Scans of a site (or all) on days in `days`.
    public func scans(site: String?, days: ClosedRange<CivilDate>) throws(WuyeError) -> [Scan] {
        try read { db in
            var sql = "SELECT data FROM scans WHERE day >= ? AND day <= ?"
            var args: [any DatabaseValueConvertible] = [days.lowerBound.description, days.upperBound.description]
            if let site {
                sql += " AND site = ?"
                args.append(site)
            }
            return try String.fetchAll(db, sql: sql + " ORDER BY at", arguments: StatementArguments(args)).map {
                try Store.decode(Scan.self, $0)
            }
        }
    }

    // MARK: training

    public func planTraining(
        kind: TrainingSession.Kind, topic: String, date: CivilDate, trainer: String?, site: String?, actor actorID: String, now: Instant
    ) throws(WuyeError) -> TrainingSession {
        try write { db in
            var batch = Batch(db: db, path: self.path)
            let actor = try batch.staff(actorID)
            try Permissions.requireSupervisor(actor, "plan trainings")
            if topic.trimmingSpaces.isEmpty { throw WuyeError.badInput("--topic cannot be empty") }
            if let trainer { _ = try batch.staff(trainer) }
            if let site { _ = try batch.site(site) }
            let id = try Store.nextID(db, counter: "training", letter: "T")
            let s = TrainingSession(
                id: id, kind: kind, topic: topic, date: date, trainer: trainer, site: site,
                passMark: try batch.standardsInForce().trainingPassMark)
            try Store.apply(db, Event(at: now, recorded: now, actor: actor.id, subject: id, body: .training(.planned(s))))
            return s
        }
    }

    /// Records attendance or a score; the supervisor or the session's trainer may.
    public func recordTraining(_ id: String, _ event: TrainingEvent, actor actorID: String, now: Instant) throws(WuyeError)
        -> TrainingSession
    {
        try write { db in
            var batch = Batch(db: db, path: self.path)
            let actor = try batch.staff(actorID)
            guard var s = try Store.training(db, id) else { throw WuyeError.notFound("no training \(id); see wuye training list") }
            guard actor.role == .supervisor || actor.id == s.trainer else {
                throw WuyeError.refused("only a supervisor or the trainer (\(s.trainer ?? "none")) can record \(id)")
            }
            switch event {
            case .planned: throw WuyeError.refused("\(id) is planned already")
            case .attended(let staff):
                if staff.isEmpty { throw WuyeError.badInput("name at least one staff member who attended") }
                for st in staff { _ = try batch.staff(st) }
            case .scored(let staff, let score):
                _ = try batch.staff(staff)
                guard (0...100).contains(score) else { throw WuyeError.badInput("score must be 0–100, got \(score)") }
            }
            s = TrainingRules.apply(s, event)!
            try Store.apply(db, Event(at: now, recorded: now, actor: actor.id, subject: id, body: .training(event)))
            return s
        }
    }

    static func training(_ db: Database, _ id: String) throws -> TrainingSession? {
        try String.fetchOne(db, sql: "SELECT data FROM trainings WHERE id = ?", arguments: [id]).map {
            try decode(TrainingSession.self, $0)
        }
    }

    public func trainings() throws(WuyeError) -> [TrainingSession] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT data FROM trainings ORDER BY date, id").map { try Store.decode(TrainingSession.self, $0) }
        }
    }

    // MARK: surveys

    public func addSurvey(site siteID: String, score: Double, household: String?, actor actorID: String, at: Instant?, now: Instant)
        throws(WuyeError) -> Survey
    {
        try write { db in
            var batch = Batch(db: db, path: self.path)
            let actor = try batch.staff(actorID)
            guard actor.role == .desk || actor.role == .supervisor else {
                throw WuyeError.refused("a \(actor.role.label) cannot record surveys; the desk or a supervisor can")
            }
            let site = try batch.site(siteID)
            guard (0...100).contains(score) else { throw WuyeError.badInput("score must be 0–100, got \(score)") }
            if let h = household, !site.hasUnit(h) { throw WuyeError.notFound("unit \(h) is not a unit of \(site.id)") }
            let when = at ?? now
            if when > now { throw WuyeError.refused("the time given is in the future") }
            let v = Survey(
                id: try Store.nextID(db, counter: "survey", letter: "S"), site: site.id, household: household, score: score, at: when)
            try Store.apply(db, Event(at: when, recorded: now, actor: actor.id, subject: v.id, body: .surveyRecorded(v)))
            return v
        }
    }

    public func surveys(site: String?, from: Instant, to: Instant) throws(WuyeError) -> [Survey] {
        try read { db in
            var sql = "SELECT data FROM surveys WHERE at >= ? AND at < ?"
            var args: [any DatabaseValueConvertible] = [from.seconds, to.seconds]
            if let site {
                sql += " AND site = ?"
                args.append(site)
            }
            return try String.fetchAll(db, sql: sql + " ORDER BY at", arguments: StatementArguments(args)).map {
                try Store.decode(Survey.self, $0)
            }
        }
    }

    static func nextID(_ db: Database, counter: String, letter: String) throws -> String {
        let last = try Int64.fetchOne(db, sql: "SELECT last FROM counters WHERE kind = ?", arguments: [counter]) ?? 0
        try db.execute(sql: "INSERT OR REPLACE INTO counters (kind, last) VALUES (?, ?)", arguments: [counter, last + 1])
        return "\(letter)-\(last + 1)"
    }
}

extension Store {
    /// Brings in history from a spreadsheet, all or nothing, in one transaction. Items
    /// with a resolution time are resolved and closed at that time.
    public func importItems(_ rows: [ImportRow], actor actorID: String, now: Instant) throws(WuyeError) -> [String] {
        try batch { (b: inout Batch) throws(WuyeError) -> [String] in
            let actor = try b.staff(actorID)
            try Permissions.requireSupervisor(actor, "import history")
            b.deferWrites = true
            // Each row writes a dozen B-trees in turn (events, items, clocks, their indexes,
            // the search index): with SQLite's usual 2 MB of cache they do not stay in
            // memory, and pages are spilled and read back every few rows.
            try b.run { db in try db.execute(sql: "PRAGMA cache_size = -131072") }
            defer { try? b.run { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
            var ids: [String] = []
            for r in rows {
                do throws(WuyeError) {
                    // The row's whole history in one update of its item: opened, then
                    // resolved and closed at the resolution time.
                    var steps: [(ItemCommand, Instant?)] = [(.open(r.opened), r.openedAt)]
                    if let t = r.resolvedAt {
                        steps.append((r.opened.kind == .enquiry ? .answer(note: "imported") : .resolve(note: "imported"), t))
                        steps.append((.close(note: "imported"), t))
                    }
                    ids.append(try b.perform(steps, on: nil, site: r.opened.site, actor: actor.id, now: now).id)
                } catch {
                    throw WuyeError(error.kind, "row \(r.row): \(error.message); nothing was imported")
                }
            }
            try b.writeDeferred()
            return ids
        }
    }
}

extension Store {
    /// Records a patrol wand's read-out, all or nothing, each scan at the time the wand
    /// kept, marked imported. A guard imports their own scans; a supervisor anyone's.
    public func importScans(_ rows: [WandScan], file: String, actor actorID: String, now: Instant) throws(WuyeError) -> [Scan] {
        try batch { (b: inout Batch) throws(WuyeError) -> [Scan] in
            let actor = try b.staff(actorID)
            var out: [Scan] = []
            for r in rows {
                do throws(WuyeError) {
                    let who = r.guardID ?? actor.id
                    if who != actor.id { try Permissions.requireSupervisor(actor, "import another person's patrol scans") }
                    out.append(try b.scan(r.code, note: nil, problem: nil, actor: who, at: r.at, now: now, imported: true))
                } catch {
                    throw WuyeError(error.kind, "\(file): row \(r.row): \(error.message); nothing was imported")
                }
            }
            return out
        }
    }
}

extension Store.Batch {
    /// Ticks a duty inside this transaction (see `Store.tick`).
    @discardableResult
    public mutating func tick(_ occurrenceID: String, note: String?, problem: String?, actor actorID: String, at: Instant?, now: Instant)
        throws(WuyeError) -> Tick
    {
        let actor = try staff(actorID)
        let standards = try standardsInForce()
        let sites = try allSites()
        let o = try Duties.occurrence(occurrenceID, sites: sites, standards: standards)
        let zone = sites.first { $0.id == o.site }!.zone
        let when = at ?? now
        guard o.kind.allows(actor.role) else {
            throw .refused("a \(actor.role.label) cannot tick \(o.kind.rawValue) duties")
        }
        try Permissions.checkDutySite(actor, site: o.site)
        if when > now { throw .refused("the time given is in the future; a duty is ticked when it is done or after") }
        if let done = try run({ db in try Store.tick(db, occurrenceID) }) {
            throw .refused("\(occurrenceID) was done already by \(done.actor) at \(ISOFormat.short(done.at, in: zone))")
        }
        if when < o.windowStart {
            throw .refused("\(occurrenceID) is not open yet; its window opens at \(ISOFormat.short(o.windowStart, in: zone))")
        }
        if when >= o.closesAt || now >= o.closesAt {
            throw .refused(
                "\(occurrenceID) was missed: its day ended at \(ISOFormat.short(o.closesAt, in: zone)) and it is closed for good")
        }
        var tick = Tick(
            occurrence: o.id, site: o.site, kind: o.kind, location: o.location, day: o.day, at: when, actor: actor.id, note: note,
            problem: problem)
        if let problem, !problem.trimmingSpaces.isEmpty {
            let opened = ItemOpened(
                kind: .repair, site: o.site, location: o.location, category: o.kind.rawValue, text: problem, source: o.id,
                limits: standards.clocks)
            tick.repair = try perform([.open(opened)], on: nil, site: o.site, actor: actor.id, at: when, now: now).id
        }
        let event = Event(at: when, recorded: now, actor: actor.id, subject: o.id, body: .checklistTicked(tick))
        try run { db in try Store.apply(db, event) }
        return tick
    }

    /// Scans a checkpoint inside this transaction (see `Store.scan`).
    @discardableResult
    public mutating func scan(
        _ rawCode: String, note: String?, problem: String?, actor actorID: String, at: Instant?, now: Instant, imported: Bool = false
    )
        throws(WuyeError) -> Scan
    {
        let code = rawCode.trimmingCharacters(in: .whitespacesAndNewlines)
        let actor = try staff(actorID)
        let standards = try standardsInForce()
        let sites = try allSites()
        var found: (Site, PatrolRoute, Int)?
        for s in sites {
            for r in s.routes {
                if let i = r.checkpoints.firstIndex(where: { $0.code.lowercased() == code.lowercased() }) { found = (s, r, i) }
            }
        }
        guard let (site, route, index) = found else {
            throw .notFound("no checkpoint has the code '\(code)'; scan the label at the checkpoint, or see wuye patrol rounds")
        }
        try Permissions.checkDutySite(actor, site: site.id)
        let when = at ?? now
        if when > now { throw .refused("the time given is in the future") }
        guard let round = Patrol.round(site: site, route: route, standards: standards, at: when) else {
            throw .notFound("\(route.id) has no round at that time (before the site's duties began)")
        }
        // A round closes at its end; a wand's read-out brings the scans of rounds gone by.
        if !imported, now >= round.end + standards.clocks.backdateGrace {
            throw .refused("the \(ISOFormat.clock(round.start, in: site.zone)) round of \(route.id) has ended; a round closes at its end")
        }
        let scans = try run { db in try Store.scans(db, round: round.id) }
        // The round this guard is walking: the one of their latest scan.
        let last = try run { db in
            try String.fetchOne(db, sql: "SELECT data FROM scans WHERE actor = ? ORDER BY at DESC LIMIT 1", arguments: [actor.id])
                .map { try Store.decode(Scan.self, $0) }
        }
        var current: (PatrolRound, [Scan])?
        if !imported, let last, last.round != round.id, let lastSite = sites.first(where: { $0.id == last.site }),
            let lastRoute = lastSite.route(last.route),
            let lastRound = Patrol.round(site: lastSite, route: lastRoute, standards: standards, at: last.at)
        {
            current = (lastRound, try run { db in try Store.scans(db, round: lastRound.id) })
        }
        var scan = try Patrol.decideScan(
            code: route.checkpoints[index].code, site: site, route: route, index: index, round: round, scans: scans, current: current,
            actor: actor, at: when,
            note: note, problem: problem)
        if imported { scan.imported = true }
        if let problem, !problem.trimmingSpaces.isEmpty {
            let cp = route.checkpoints[index]
            let opened = ItemOpened(
                kind: .repair, site: site.id, category: "patrol", text: "\(cp.code) \(cp.name): \(problem)", source: round.id,
                limits: standards.clocks)
            scan.repair = try perform([.open(opened)], on: nil, site: site.id, actor: actor.id, at: when, now: now).id
        }
        let event = Event(at: when, recorded: now, actor: actor.id, subject: round.id, body: .patrolScanned(scan))
        try run { db in try Store.apply(db, event) }
        return scan
    }

    mutating func allSites() throws(WuyeError) -> [Site] {
        try run { db in try Store.allSites(db) }
    }
}
