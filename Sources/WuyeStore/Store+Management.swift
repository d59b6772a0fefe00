import Foundation
import GRDB
import WuyeCore

/// The plan's management records (meetings, corrective actions, evaluations, repair costs,
/// closed months) in one projection table, `records`, kept in the same transaction as the
/// events they follow. The rules are `ManagementRules`' (the domain); this only loads,
/// appends and projects.
enum RecordRows {
    /// Version 6 (December 2026).
    static let table = """
        CREATE TABLE IF NOT EXISTS records (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, site TEXT NOT NULL, key TEXT NOT NULL,
            open INTEGER NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS records_kind ON records(kind, site, key);
        """

    static func put(_ db: Database, id: String, kind: String, site: String, key: String, open: Bool, at: Instant, _ data: String)
        throws
    {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO records (id, kind, site, key, open, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [id, kind, site, key, open, at.seconds, data])
    }

    static func project(_ db: Database, _ e: Event, _ m: ManagementEvent) throws {
        switch m {
        case .meetingHeld(let v):
            try put(db, id: v.id, kind: "meeting", site: v.site, key: String(v.at.seconds), open: false, at: v.at, Store.encodeJSON(v))
        case .evaluationRecorded(let v):
            try put(db, id: v.id, kind: "evaluation", site: v.site, key: v.quarter, open: false, at: v.at, Store.encodeJSON(v))
        case .repairCosted(let c):
            try put(
                db, id: "cost:\(c.item)", kind: "cost", site: c.site, key: String(c.at.seconds), open: false, at: c.at, Store.encodeJSON(c))
        case .periodClosed(let p):
            try put(db, id: "period:\(p.month)", kind: "period", site: "", key: p.month, open: false, at: p.at, Store.encodeJSON(p))
        case .actionRaised, .actionDone, .actionVerified:
            let current = try Store.record(db, e.subject, as: CorrectiveAction.self)
            guard let a = ManagementRules.apply(current, m, at: e.at, actor: e.actor) else { return }
            try put(
                db, id: a.id, kind: "action", site: a.site, key: String(a.due.seconds), open: a.isOpen, at: a.raisedAt, Store.encodeJSON(a))
            // The meeting or evaluation it came from lists it.
            if case .actionRaised = m, let ref = a.sourceRef {
                if a.source == .meeting, var v = try Store.record(db, ref, as: Meeting.self), !v.actions.contains(a.id) {
                    v.actions.append(a.id)
                    try put(
                        db, id: v.id, kind: "meeting", site: v.site, key: String(v.at.seconds), open: false, at: v.at, Store.encodeJSON(v))
                }
                if a.source == .evaluation, var v = try Store.record(db, ref, as: Evaluation.self), !v.actions.contains(a.id) {
                    v.actions.append(a.id)
                    try put(db, id: v.id, kind: "evaluation", site: v.site, key: v.quarter, open: false, at: v.at, Store.encodeJSON(v))
                }
            }
        }
    }
}

extension Store {
    static func record<T: Decodable>(_ db: Database, _ id: String, as: T.Type) throws -> T? {
        try String.fetchOne(db, sql: "SELECT data FROM records WHERE id = ?", arguments: [id]).map { try decode(T.self, $0) }
    }

    static func records<T: Decodable>(_ db: Database, kind: String, site: String?, as: T.Type) throws -> [T] {
        var sql = "SELECT data FROM records WHERE kind = ?"
        var args: [any DatabaseValueConvertible] = [kind]
        if let site {
            sql += " AND site = ?"
            args.append(site)
        }
        return try String.fetchAll(db, sql: sql + " ORDER BY key, id", arguments: StatementArguments(args)).map { try decode(T.self, $0) }
    }

    public func meetings(site: String?) throws(WuyeError) -> [Meeting] {
        try read { db in try Store.records(db, kind: "meeting", site: site, as: Meeting.self) }
    }

    public func actions(site: String?) throws(WuyeError) -> [CorrectiveAction] {
        try read { db in try Store.records(db, kind: "action", site: site, as: CorrectiveAction.self) }
    }

    public func evaluations(site: String?) throws(WuyeError) -> [Evaluation] {
        try read { db in try Store.records(db, kind: "evaluation", site: site, as: Evaluation.self) }
    }

    public func repairCosts(site: String?) throws(WuyeError) -> [RepairCost] {
        try read { db in try Store.records(db, kind: "cost", site: site, as: RepairCost.self) }
    }

    public func closedMonths() throws(WuyeError) -> [PeriodClosing] {
        try read { db in try Store.records(db, kind: "period", site: nil, as: PeriodClosing.self) }
    }

    /// The id of a record as typed (`a-3` is `A-3`).
    static func recordID(_ raw: String) -> String {
        guard let dash = raw.firstIndex(of: "-") else { return raw }
        return raw[..<dash].uppercased() + raw[dash...]
    }

    // MARK: writing

    public func addMeeting(
        site siteID: String, at: Instant?, attendees: [String], notes: String, opinions: [String], actor actorID: String, now: Instant
    ) throws(WuyeError) -> Meeting {
        try write { db in
            var b = Batch(db: db, path: self.path)
            let actor = try b.staff(actorID)
            try Permissions.requireSupervisor(actor, "record owner-representative meetings")
            let site = try b.site(siteID)
            let when = at ?? now
            if when > now { throw WuyeError.refused("the meeting's time is still to come; record a meeting once it was held") }
            if attendees.allSatisfy({ $0.trimmingSpaces.isEmpty }) { throw WuyeError.badInput("name who attended (--attendees)") }
            let m = Meeting(
                id: try Store.nextID(db, counter: "meeting", letter: "M"), site: site.id, at: when,
                attendees: attendees.map(\.trimmingSpaces).filter { !$0.isEmpty }, notes: notes,
                opinions: opinions.map(\.trimmingSpaces).filter { !$0.isEmpty })
            try Store.apply(db, Event(at: when, recorded: now, actor: actor.id, subject: m.id, body: .management(.meetingHeld(m))))
            return m
        }
    }

    public func raiseAction(
        site siteID: String, title: String, owner ownerID: String, due: Instant, source: ActionSourceKind, sourceRef: String?,
        actor actorID: String, now: Instant
    ) throws(WuyeError) -> CorrectiveAction {
        try write { db in
            var b = Batch(db: db, path: self.path)
            let actor = try b.staff(actorID)
            let site = try b.site(siteID)
            let owner = try b.staff(ownerID)
            var ref = sourceRef.map { Store.recordID($0) }
            if let r = ref {
                switch source {
                case .meeting:
                    guard let m = try Store.record(db, r, as: Meeting.self) else {
                        throw WuyeError.notFound("no meeting \(r); see wuye meeting list")
                    }
                    if m.site != site.id { throw WuyeError.badInput("\(r) was held at \(m.site), not \(site.id)") }
                case .evaluation:
                    guard try Store.record(db, r, as: Evaluation.self) != nil else {
                        throw WuyeError.notFound("no evaluation \(r); see wuye evaluation list")
                    }
                case .complaint:
                    let id = ItemID.canonical(r)
                    guard try Store.item(db, id) != nil else { throw WuyeError.notFound("no item \(r)") }
                    ref = id
                case .inspection, .other: break
                }
            } else if source == .meeting || source == .evaluation {
                throw WuyeError.badInput("say which \(source.rawValue) it came from (--from-id)")
            }
            let a = try ManagementRules.raise(
                CorrectiveAction(
                    id: try Store.nextID(db, counter: "action", letter: "A"), site: site.id, title: title, owner: owner.id, raisedAt: now,
                    due: due, source: source, sourceRef: ref, dueSoonShare: try b.standardsInForce().clocks.dueSoonShare),
                owner: owner, actor: actor, now: now)
            try Store.apply(db, Event(at: now, recorded: now, actor: actor.id, subject: a.id, body: .management(.actionRaised(a))))
            return a
        }
    }

    /// Marks an action done (its owner or a supervisor) or verified (a supervisor).
    public func settleAction(_ rawID: String, verify: Bool, note: String?, actor actorID: String, now: Instant) throws(WuyeError)
        -> CorrectiveAction
    {
        try write { db in
            var b = Batch(db: db, path: self.path)
            let actor = try b.staff(actorID)
            let id = Store.recordID(rawID)
            guard let a = try Store.record(db, id, as: CorrectiveAction.self) else {
                throw WuyeError.notFound("no corrective action \(id); see wuye action list")
            }
            let event: ManagementEvent
            if verify {
                try ManagementRules.verify(a, actor: actor)
                event = .actionVerified(note: note)
            } else {
                _ = try ManagementRules.done(a, actor: actor, at: now)
                event = .actionDone(note: note)
            }
            try Store.apply(db, Event(at: now, recorded: now, actor: actor.id, subject: a.id, body: .management(event)))
            return ManagementRules.apply(a, event, at: now, actor: actor.id)!
        }
    }

    public func addEvaluation(site siteID: String, quarter: String, findings: [String], actor actorID: String, now: Instant)
        throws(WuyeError) -> Evaluation
    {
        try write { db in
            var b = Batch(db: db, path: self.path)
            let actor = try b.staff(actorID)
            try Permissions.requireSupervisor(actor, "record the quarterly evaluation")
            let site = try b.site(siteID)
            let name = try ManagementRules.quarter(quarter).description
            if findings.allSatisfy({ $0.trimmingSpaces.isEmpty }) {
                throw WuyeError.badInput("write the findings (--finding TEXT, once each)")
            }
            if let other = try Store.records(db, kind: "evaluation", site: site.id, as: Evaluation.self).first(where: { $0.quarter == name }
            ) {
                throw WuyeError.refused("\(site.id) has its \(name) evaluation already (\(other.id)); add corrective actions to it")
            }
            let v = Evaluation(
                id: try Store.nextID(db, counter: "evaluation", letter: "Q"), site: site.id, quarter: name, at: now,
                findings: findings.map(\.trimmingSpaces).filter { !$0.isEmpty })
            try Store.apply(db, Event(at: now, recorded: now, actor: actor.id, subject: v.id, body: .management(.evaluationRecorded(v))))
            return v
        }
    }

    /// Freezes a month that is over: nothing may be back-dated or imported into it after.
    public func closePeriod(_ month: String, actor actorID: String, now: Instant) throws(WuyeError) -> PeriodClosing {
        try write { db in
            var b = Batch(db: db, path: self.path)
            let actor = try b.staff(actorID)
            try Permissions.requireSupervisor(actor, "close a month")
            let period = try ManagementRules.month(month)
            let name = period.description
            let sites = try Store.allSites(db)
            let end = period.end
            // Over everywhere: the last site's month must have ended.
            if sites.contains(where: { $0.zone.date(of: now) < end }) {
                throw WuyeError.refused("\(name) is not over yet; a month is closed once it has ended at every site")
            }
            if let c = try Store.record(db, "period:\(name)", as: PeriodClosing.self) {
                throw WuyeError.refused("\(name) was closed on \(ISOFormat.string(c.at, in: sites.first?.zone ?? .utc)) by \(c.by)")
            }
            let until = sites.map { period.to(in: $0.zone) }.min() ?? period.to(in: .utc)
            let p = PeriodClosing(month: name, at: now, by: actor.id, until: until)
            try Store.apply(
                db, Event(at: now, recorded: now, actor: actor.id, subject: "period:\(name)", body: .management(.periodClosed(p))))
            return p
        }
    }

    /// The closing of the month `t` falls in (read in the first site's zone), if closed.
    static func closing(_ db: Database, of t: Instant) throws -> PeriodClosing? {
        let zone = try allSites(db).first?.zone ?? .utc
        let d = zone.date(of: t)
        return try record(db, "period:\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)", as: PeriodClosing.self)
    }

    /// The latest month closed: only what happened before its `until` can be in a closed month.
    static func latestClosing(_ db: Database) throws -> PeriodClosing? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM records WHERE kind = 'period' ORDER BY key DESC LIMIT 1")).map {
            try decode(PeriodClosing.self, $0)
        }
    }
}
