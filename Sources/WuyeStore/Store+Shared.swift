import Foundation
import GRDB
import WuyeCore

/// A store whose record of truth is a shared journal (PostgreSQL): this machine keeps a
/// working copy, an ordinary store file, that takes in the journal's events in order and
/// writes through it. See `SharedJournal` and `docs/architecture.md`.
extension Store {
    /// Opens this machine's working copy of `journal` in `home` (a folder of its own) and
    /// brings it up to the journal's last event. With `create`, an empty database is given
    /// the journal's tables (`wuye init`); otherwise a database without them is refused.
    public static func open(journal: any SharedJournal, home: String, create: Bool = false) throws(WuyeError) -> Store {
        try journal.prepare(create: create)
        var store = try Store.open(home: home, create: true, scratch: false, journal: journal)
        // A copy ahead of the journal, or on another branch of it, is of another journal
        // (the database was restored from a backup, or replaced): it is put aside and
        // taken afresh. The journal is the record; the copy only follows it.
        if try !store.follows(journal) {
            try store.close()
            try setAside(store.path)
            store = try Store.open(home: home, create: true, scratch: false, journal: journal)
        }
        try store.catchUp()
        return store
    }

    /// Whether this copy's last event is the journal's event of that number.
    func follows(_ journal: any SharedJournal) throws(WuyeError) -> Bool {
        let local = try read { db in try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") }
        guard let local else { return true }
        let seq: Int64 = local[0]
        let hash: String? = local[1]
        return try journal.entry(seq)?.hash == hash
    }

    /// Moves a working copy and its companion files aside under a dated name.
    static func setAside(_ path: String) throws(WuyeError) {
        let stamp = String(ISOFormat.string(Instant(seconds: Int64(Date().timeIntervalSince1970)), in: .utc).prefix(19))
            .replacingOccurrences(of: ":", with: "")
        let aside = "\(path).superseded-\(stamp)Z"
        guard rename(path, aside) == 0 else {
            throw .storeUnusable("cannot put the old working copy \(path) aside: \(String(cString: strerror(errno)))")
        }
        for suffix in ["-wal", "-shm"] { _ = rename(path + suffix, aside + suffix) }
    }

    /// Takes in the shared journal's events that this copy has not yet; returns whether
    /// there were any. Each event's hash is verified against the one before it.
    @discardableResult
    public func catchUp() throws(WuyeError) -> Bool {
        guard let journal, !readOnly else { return false }
        let head = try journal.head()
        var local = try lastSeq()
        if head < local {
            throw .storeUnusable(
                "the shared store at \(journal.location) holds fewer events (\(head)) than this machine's copy (\(local)): it was restored or replaced. Restart wuye to take a fresh copy"
            )
        }
        guard head > local else { return false }
        while local < head {
            let batch = try journal.entries(after: local, limit: 5000)
            guard let last = batch.last else { break }
            try write(verifying: true, shared: false) { db in
                // Another process on this machine may have taken some in meanwhile.
                let now = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 0
                try Store.absorb(db, batch.filter { $0.seq > now })
            }
            local = last.seq
        }
        let counters = try journal.counters()
        try write(verifying: true, shared: false) { db in try Store.mergeCounters(db, counters) }
        return true
    }

    /// A write through the shared journal, inside this copy's open transaction: the
    /// journal's lock is taken, the events this copy missed are taken in, `body` decides
    /// and writes against the copy, and its events go to the journal, which commits before
    /// the copy does. If the journal cannot commit, the copy's transaction is rolled back;
    /// if the copy cannot commit after the journal did, the copy takes the events in later.
    static func write<T>(_ db: Database, through journal: any SharedJournal, snapshot: Bool, _ body: (Database) throws -> T) throws
        -> T
    {
        let localHead = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 0
        return try journal.write(after: localHead) { state in
            if state.head < localHead {
                throw WuyeError.storeUnusable(
                    "the shared store at \(journal.location) holds fewer events (\(state.head)) than this machine's copy (\(localHead)): it was restored or replaced. Restart wuye to take a fresh copy; nothing was written"
                )
            }
            try absorb(db, state.missed)
            try mergeCounters(db, state.counters)
            let before = try counters(db)
            if snapshot { try Snapshots.takeIfDue(db, now: Instant(seconds: Int64(Date().timeIntervalSince1970))) }
            let result = try body(db)
            let moved = try counters(db).filter { before[$0.key] != $0.value }
            return (result, try entries(db, after: state.head), moved)
        }
    }

    static func counters(_ db: Database) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT kind, last FROM counters") { out[row[0]] = row[1] }
        return out
    }

    /// Counters only ever move on: each takes the higher of the two.
    static func mergeCounters(_ db: Database, _ counters: [String: Int64]) throws {
        for (kind, last) in counters {
            try db.execute(
                sql: "INSERT INTO counters (kind, last) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET last = max(last, excluded.last)",
                arguments: [kind, last])
        }
    }

    /// The copy's events after `seq`, as the journal keeps them.
    static func entries(_ db: Database, after seq: Int64, limit: Int = -1) throws -> [JournalEntry] {
        try Row.fetchAll(
            db, sql: "SELECT \(eventColumns), hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit]
        ).map { r in
            let fields = try HashChain.Fields(r)
            guard let hash: String = r[7] else {
                throw WuyeError.storeUnusable("event \(fields.seq) has no hash; run 'wuye check'")
            }
            return JournalEntry(
                seq: fields.seq, at: fields.at, recorded: fields.recorded, actor: fields.actor, type: fields.type,
                subject: fields.subject, payload: fields.payload, hash: hash)
        }
    }

    /// Appends events written elsewhere to this copy's journal, each verified against the
    /// hash chain, and brings every projection along, as the writer's own commands did.
    static func absorb(_ db: Database, _ entries: [JournalEntry]) throws {
        guard !entries.isEmpty else { return }
        var (previous, next) = try HashChain.tail(db)
        var zones: [String: Zone] = [:]
        for entry in entries {
            guard entry.seq == next else {
                throw WuyeError.storeUnusable(
                    "the shared journal goes from event \(next - 1) to \(entry.seq): events are missing. Nothing was taken in; run 'wuye check'"
                )
            }
            guard HashChain.hash(previous: previous, entry.fields) == entry.hash else {
                throw HashChain.damaged("event \(entry.seq) of the shared journal does not match its hash")
            }
            // The same statement, bound the same way, as `Store.append`'s.
            try db.run("INSERT INTO events (seq, at, recorded, actor, type, subject, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") { b in
                b.add(entry.seq); b.add(entry.at); b.add(entry.recorded); b.add(entry.actor); b.add(entry.type)
                b.add(entry.subject); b.add(entry.payload); b.add(entry.hash)
            }
            let event = Event(
                seq: entry.seq, at: Instant(seconds: entry.at), recorded: Instant(seconds: entry.recorded), actor: entry.actor,
                subject: entry.subject, body: try decodeBody(entry.payload))
            if case .item(let step) = event.body {
                let before = try item(db, entry.subject)
                guard let after = ItemProjector.apply(before, event, id: entry.subject) else {
                    throw WuyeError.storeUnusable("event \(entry.seq) of the shared journal names no item it can apply to")
                }
                if zones[after.site] == nil { zones[after.site] = try site(db, after.site)?.zone ?? .utc }
                try ItemRow.upsert(db, after, zone: zones[after.site]!, seq: entry.seq, previous: before, fresh: before == nil)
                if case .opened = step, let id = ItemID(after.id) {
                    try mergeCounters(db, [id.kind.rawValue: id.number])
                }
            } else {
                if case .siteDefined(let s) = event.body { zones[s.id] = nil }
                try project(db, event)
            }
            previous = entry.hash
            next += 1
        }
    }

    /// Where the shared journal and this copy's differ: every event compared by number
    /// and hash, and the journal's own chain verified (`wuye check` on a shared store).
    public func sharedDifferences() throws(WuyeError) -> [String] {
        guard let journal else { return [] }
        var out: [String] = []
        var previous = HashChain.genesis
        var seq: Int64 = 0
        while true {
            let batch = try journal.entries(after: seq, limit: 5000)
            guard let last = batch.last else { break }
            let local = try read { db in try Store.entries(db, after: seq, limit: batch.count) }
            for (i, e) in batch.enumerated() {
                if HashChain.hash(previous: previous, e.fields) != e.hash {
                    out.append("shared journal: event \(e.seq) does not match its hash")
                }
                previous = e.hash
                if i >= local.count || local[i] != e {
                    out.append("event \(e.seq): this machine's copy differs from the shared journal")
                }
            }
            seq = last.seq
        }
        return out
    }

    /// Every event of this store and its id counters, the chain verified whole (what a
    /// copy to another store carries).
    func wholeJournal() throws(WuyeError) -> ([JournalEntry], [String: Int64]) {
        _ = try catchUp()
        return try read { db in
            let all = try Store.entries(db, after: 0)
            var previous = HashChain.genesis
            for e in all {
                guard HashChain.hash(previous: previous, e.fields) == e.hash else {
                    throw HashChain.damaged("event \(e.seq) does not match its hash")
                }
                previous = e.hash
            }
            return (all, try Store.counters(db))
        }
    }

    /// Copies this store's journal into an empty shared journal (`wuye store copy --to
    /// postgres://…`). The copy is then taken by a fresh working copy, which verifies every
    /// hash on arrival and rebuilds every projection.
    public func copy(to target: any SharedJournal) throws(WuyeError) -> Int {
        let (all, counters) = try wholeJournal()
        try target.prepare(create: true)
        if try target.head() > 0 {
            throw .refused("\(target.location) holds a journal already; a store is copied into an empty database only. Nothing was copied")
        }
        try target.load(all, counters: counters)
        return all.count
    }

    /// Copies this store's journal into a new store file in the data folder `home`, every
    /// hash verified on arrival and every projection rebuilt from the events.
    public func copy(toHome home: String) throws(WuyeError) -> Int {
        let path = (home as NSString).appendingPathComponent(Schema.fileName)
        if FileManager.default.fileExists(atPath: path) {
            throw .refused("\(home) holds a store already; copy into an empty data folder. Nothing was copied")
        }
        let (all, counters) = try wholeJournal()
        let target = try Store.open(home: home, create: true)
        try target.write(verifying: true) { db in
            try Store.absorb(db, all)
            try Store.mergeCounters(db, counters)
        }
        try target.close()
        return all.count
    }
}

/// Keeps this machine's working copy up with a shared journal while a console runs: a
/// connection of its own listens for other terminals' commits and takes them in at once,
/// through a store connection of its own (so the console notices them as it notices any
/// other process's commit). When the connection drops it says so (`isConnected`) and
/// tries again with growing pauses; once back, it catches up from the journal, by
/// number, so that nothing is missed or taken twice.
public final class SharedFollower: @unchecked Sendable {
    let store: Store
    let queue = DispatchQueue(label: "wuye.shared-follower")
    let lock = NSLock()
    var follower: (any JournalFollower)?
    var connected = true
    var failure: String?
    var lost = 0

    public init(journal: any SharedJournal, home: String) throws(WuyeError) {
        store = try Store.open(journal: journal, home: home)
        follower = journal.follow(
            changed: { [weak self] in
                guard let self else { return }
                self.queue.async { self.pull() }
            },
            connected: { [weak self] up in
                guard let self else { return }
                self.lock.withLock {
                    if !up && self.connected { self.lost += 1 }
                    self.connected = up
                }
            })
    }

    deinit { follower?.stop() }

    func pull() {
        do throws(WuyeError) {
            try store.catchUp()
            lock.withLock { failure = nil }
        } catch {
            lock.withLock { failure = error.message }
        }
    }

    /// Whether the shared store can be heard from (its connection is up and the last
    /// catch-up worked).
    public var isConnected: Bool { lock.withLock { connected && failure == nil } }

    /// How many times the connection was lost since the follower started.
    public var drops: Int { lock.withLock { lost } }

    public func stop() { follower?.stop() }
}
