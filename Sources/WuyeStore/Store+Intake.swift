import Foundation
import GRDB
import WuyeCore

/// The intake queue in the store: one row per message, its key (Message-ID) unique so
/// that a message delivered, read or retried twice is taken once.
enum IntakeRows {
    /// Version 7 (December 2026).
    static let table = """
        CREATE TABLE IF NOT EXISTS intake (
            id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, site TEXT NOT NULL, state TEXT NOT NULL,
            received INTEGER NOT NULL, item TEXT, data TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS intake_state ON intake(state, received);
        """

    static func project(_ db: Database, _ e: Event, _ v: IntakeEvent) throws {
        let current = try Store.intakeEntry(db, e.subject)
        guard let entry = IntakeRules.apply(current, v, actor: e.actor, at: e.at) else { return }
        try db.execute(
            sql: "INSERT OR REPLACE INTO intake (id, key, site, state, received, item, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                entry.id, entry.key, entry.site, entry.state.rawValue, entry.received.seconds, entry.item, try Store.encodeJSON(entry),
            ])
    }
}

extension Store {
    static func intakeEntry(_ db: Database, _ id: String) throws -> IntakeEntry? {
        try String.fetchOne(db, sql: "SELECT data FROM intake WHERE id = ?", arguments: [id]).map { try decode(IntakeEntry.self, $0) }
    }

    /// `in-3` is `IN-3`.
    static func intakeID(_ raw: String) -> String { raw.uppercased() }

    /// What taking a batch of messages in came to.
    public struct IntakeResult: Sendable {
        /// Entries made, in order.
        public var taken: [IntakeEntry] = []
        /// Keys that were in the queue already (taken before: by an earlier run, or
        /// another process).
        public var already: Set<String> = []
    }

    /// Takes messages into the queue in one transaction: each gets an id unless its key
    /// is there already. `actor` is who or what brought them (a gateway, a staff member).
    public func takeIn(_ entries: [IntakeEntry], actor: String, now: Instant) throws(WuyeError) -> IntakeResult {
        guard !entries.isEmpty else { return IntakeResult() }
        return try write { db in
            var result = IntakeResult()
            var sites: [String: Bool] = [:]
            for var v in entries {
                // Entries taken earlier in this transaction are in the table already.
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM intake WHERE key = ?", arguments: [v.key]) == true {
                    result.already.insert(v.key)
                    continue
                }
                if sites[v.site] == nil { sites[v.site] = try Store.site(db, v.site) != nil }
                if sites[v.site] != true { throw WuyeError.notFound("unknown site \(v.site); see 'wuye site list'") }
                v.id = try Store.nextID(db, counter: "intake", letter: "IN")
                v.received = now
                if v.text.count > IntakeEntry.textLimit { v.text = String(v.text.prefix(IntakeEntry.textLimit)) + "\n…" }
                try Store.apply(db, Event(at: now, recorded: now, actor: actor, subject: v.id, body: .intake(.received(v))))
                result.taken.append(v)
            }
            return result
        }
    }

    /// The queue, oldest first; `state` nil for every entry.
    public func intake(state: IntakeState?, site: String?, limit: Int? = nil, after: String? = nil) throws(WuyeError) -> [IntakeEntry] {
        try read { db in
            var sql = "SELECT data FROM intake WHERE 1"
            var args: [any DatabaseValueConvertible] = []
            if let state {
                sql += " AND state = ?"
                args.append(state.rawValue)
            }
            if let site {
                sql += " AND site = ?"
                args.append(site)
            }
            if let after {
                let id = Store.intakeID(after)
                guard id.hasPrefix("IN-"), let n = Int64(id.dropFirst(3)) else {
                    throw WuyeError.badInput("--after \(after) is not a message id; ids look like IN-3")
                }
                sql += " AND CAST(substr(id, 4) AS INTEGER) > ?"
                args.append(n)
            }
            sql += " ORDER BY CAST(substr(id, 4) AS INTEGER)"
            if let limit { sql += " LIMIT \(limit)" }
            return try String.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { try Store.decode(IntakeEntry.self, $0) }
        }
    }

    public func intakeEntry(_ id: String) throws(WuyeError) -> IntakeEntry {
        let key = Store.intakeID(id)
        guard let v = try read({ db in try Store.intakeEntry(db, key) }) else {
            throw .notFound("no message \(key) in the intake queue; see 'wuye intake list'")
        }
        return v
    }

    /// An item's timeline: its own events and, for an item opened from a message, the
    /// message's (taken in, opened) in journal order, with the message itself.
    public func timeline(_ id: String) throws(WuyeError) -> (events: [Event], original: IntakeEntry?) {
        var events = try self.events(subject: id)
        guard let src = try read({ db in try String.fetchOne(db, sql: "SELECT source FROM items WHERE id = ?", arguments: [id]) }),
            src.hasPrefix("IN-"), let original = try read({ db in try Store.intakeEntry(db, src) })
        else { return (events, nil) }
        events = (events + (try self.events(subject: original.id))).sorted { $0.seq < $1.seq }
        return (events, original)
    }

    static func pendingEntry(_ db: Database, _ id: String) throws -> IntakeEntry {
        let key = intakeID(id)
        guard let v = try intakeEntry(db, key) else {
            throw WuyeError.notFound("no message \(key) in the intake queue; see 'wuye intake list'")
        }
        switch v.state {
        case .new: return v
        case .opened: throw WuyeError.refused("\(key) was opened as \(v.item ?? "an item") already")
        case .discarded: throw WuyeError.refused("\(key) was discarded already (\(v.reason ?? "no reason given"))")
        }
    }

    /// Opens an item from a queued message and marks the message opened, in one
    /// transaction: the item's source is the message, so its timeline keeps the original.
    @discardableResult
    public func openFromIntake(_ id: String, _ open: ItemCommand, actor actorID: String, now: Instant) throws(WuyeError) -> Item {
        try write { db in
            let entry = try Store.pendingEntry(db, id)
            guard case .open(var spec) = open else { throw WuyeError.badInput("a message is opened as a new item") }
            spec.source = entry.id
            var batch = Batch(db: db, path: self.path)
            try Permissions.checkIntake(try batch.staff(actorID))
            let at = entry.receivedAt
            let it = try batch.perform([.open(spec)], on: nil, site: spec.site, actor: actorID, at: at, now: now)
            try Store.apply(db, Event(at: now, recorded: now, actor: actorID, subject: entry.id, body: .intake(.opened(item: it.id))))
            return it
        }
    }

    /// Sets a queued message aside with the reason (spam, a duplicate of an item, not for
    /// this company); it stays in the store.
    public func discardIntake(_ id: String, reason: String, actor actorID: String, now: Instant) throws(WuyeError) -> IntakeEntry {
        try write { db in
            let entry = try Store.pendingEntry(db, id)
            var batch = Batch(db: db, path: self.path)
            try Permissions.checkIntake(try batch.staff(actorID))
            let why = reason.trimmingSpaces
            if why.isEmpty { throw WuyeError.badInput("say why the message is discarded (--reason)") }
            try TextLimits.check(why, TextLimits.note, "--reason")
            let event = IntakeEvent.discarded(reason: why)
            try Store.apply(db, Event(at: now, recorded: now, actor: actorID, subject: entry.id, body: .intake(event)))
            return IntakeRules.apply(entry, event, actor: actorID, at: now) ?? entry
        }
    }
}
