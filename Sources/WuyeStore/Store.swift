import CSQLiteShim
import Foundation
import GRDB
import WuyeCore

/// The durable store: one SQLite file holding the journal of events and, beside it, the
/// projection rows that are the always-current snapshot of state. Several processes share
/// one file; every command is decided and written inside one immediate transaction.
public final class Store: Sendable {
    let db: DatabaseQueue
    public let path: String

    /// Opens the store in `home`. With `create`, a missing or empty file becomes a new
    /// store; otherwise a missing store is reported with what to do. A `scratch` store
    /// (a snapshot's, thrown away after use) is written without journal or sync.
    public static func open(home: String, create: Bool = false, scratch: Bool = false) throws(WuyeError) -> Store {
        try open(home: home, create: create, scratch: scratch, journal: nil)
    }

    /// Opens a store file; with a shared `journal`, the file is this machine's working copy of it.
    static func open(home: String, create: Bool, scratch: Bool, journal: (any SharedJournal)?) throws(WuyeError) -> Store {
        _ = Store.uriEnabled
        let path = (home as NSString).appendingPathComponent(Schema.fileName)
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path)
        if !exists {
            guard create else {
                throw .storeUnusable("there is no Wuye store in \(home); run 'wuye init --demo' or 'wuye init --site FILE'")
            }
            do {
                try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
            } catch {
                throw .storeUnusable("cannot create the data folder \(home): \(error.localizedDescription)")
            }
        } else {
            try checkHeader(path)
        }
        // A store on read-only media, or in a folder this user cannot write, is opened for
        // reading: every command that only reads works, and a write is refused with why.
        let readOnly = exists && !scratch && (access(home, W_OK) != 0 || access(path, W_OK) != 0)
        if readOnly && create { throw .storeUnusable("cannot write \(path): the folder or the file is read-only") }
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.readonly = readOnly
        config.label = "wuye"
        config.prepareDatabase { db in
            if scratch {
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                return
            }
            guard !readOnly else { return }
            // WAL first, then FULL: setting the journal mode must not leave a weaker
            // synchronous in force (a commit that said "saved" survives a power cut).
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            _ = wuye_sqlite_no_checkpoint_on_close(db.sqliteConnection)
        }
        // SQLite reads a WAL store on read-only media only when its companion files exist
        // or can be made; a store with neither (a backup, a checkpointed store) is read as
        // immutable, which is what read-only media is.
        var location = path
        if readOnly && !fm.fileExists(atPath: path + "-wal") && !fm.fileExists(atPath: path + "-shm") {
            location = uri(path) + "?immutable=1"
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: location, configuration: config)
        } catch {
            throw mapError(error, path: path)
        }
        let store = Store(db: queue, path: path, readOnly: readOnly, journal: journal)
        try store.prepare(create: create)
        return store
    }

    /// File names may be URIs from the first connection on.
    static let uriEnabled: Int32 = wuye_sqlite_enable_uri()

    static func uri(_ path: String) -> String {
        "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
    }

    /// The store at `path` opened for reading only (attached to read it beside another).
    static func readOnlyURI(_ path: String) -> String { uri(path) + "?mode=ro" }

    /// Opened for reading only (read-only media or folder).
    public let readOnly: Bool
    /// The file this store was opened on: another file put at its path (a restore, a copy)
    /// is another store.
    private let identity: (dev: UInt64, ino: UInt64)?

    /// The shared journal this store is the working copy of (PostgreSQL), or nil for a
    /// store file that is its own record of truth.
    public let journal: (any SharedJournal)?

    private init(db: DatabaseQueue, path: String, readOnly: Bool, journal: (any SharedJournal)?) {
        self.db = db
        self.path = path
        self.readOnly = readOnly
        self.journal = journal
        identity = Store.identity(of: path)
    }

    deinit {
        // The first process to open the file after every other has closed it reads the
        // whole WAL again to rebuild its index, and its own automatic checkpoint cannot
        // then start the WAL over: used only by short commands, the WAL would grow with
        // every command, and so would each command's cost. Past `walFoldSize`, a closing
        // store folds the WAL into the main file and empties it, so no command reads more
        // than that much WAL. It does not wait for that: while another process writes
        // (an import), the fold copies what it can and leaves the rest for a later close.
        guard !readOnly, Store.walSize(path) >= Store.walFoldSize else { return }
        try? db.writeWithoutTransaction { db in _ = sqlite3_busy_timeout(db.sqliteConnection, 0) }
        try? checkpoint()
    }

    /// How much WAL a closing command leaves for the next one before folding it in.
    static let walFoldSize: Int64 = 1 << 20

    /// The size of the store's WAL file, or 0 when there is none.
    static func walSize(_ path: String) -> Int64 {
        var st = stat()
        guard stat(path + "-wal", &st) == 0 else { return 0 }
        return Int64(st.st_size)
    }

    private static func identity(of path: String) -> (dev: UInt64, ino: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// Why this open store can no longer be trusted by a long-running reader, or nil:
    /// its file was replaced or removed, or a newer Wuye changed its schema. Cheap enough
    /// to ask every second (a `stat`, and one pragma when `schema` is asked for).
    public func problem(schema: Bool) -> WuyeError? {
        guard let identity else { return nil }
        guard let now = Store.identity(of: path) else {
            return .storeUnusable("the store file \(path) has been removed; what is on screen is no longer live")
        }
        if now != identity {
            return .storeUnusable("the store file \(path) has been replaced (a restore or a copy); restart wuye to see it")
        }
        if schema, let v = try? read({ db in try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }), v > Schema.version {
            return .storeUnusable("a newer Wuye has changed the store (schema \(v), this one reads \(Schema.version)); upgrade wuye")
        }
        return nil
    }

    /// A file that is not SQLite at all is refused before SQLite sees it.
    private static func checkHeader(_ path: String) throws(WuyeError) {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw .storeUnusable("cannot read \(path); check its permissions")
        }
        defer { try? h.close() }
        let head = [UInt8]((try? h.read(upToCount: 100)) ?? Data())
        if head.isEmpty { return }
        if head.count < 100 || Data(head[0..<16]) != Data("SQLite format 3\0".utf8) {
            throw .storeUnusable("\(path) is not a Wuye store (not an SQLite database, or damaged); restore a backup or use another --home")
        }
        // A main file in WAL mode that holds no schema at all: everything was in its
        // companion file (wuye.sqlite-wal), which is gone or is another store's. Opening
        // it would show an empty store and invite 'wuye init' over the loss.
        func int(_ at: Int) -> UInt32 { head[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        let walMode = head[18] == 2
        let schemaCookie = int(40), appID = int(68)
        if walMode && schemaCookie == 0 && appID == 0 {
            let wal = path + "-wal"
            let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if walSize == 0 {
                throw .storeUnusable(
                    "the store's companion file \(wal) is missing, and \(path) alone holds nothing; nothing has been changed. Put the companion file back beside it, or restore a backup ('wuye restore FILE')"
                )
            }
        }
    }

    /// What a file's header says: Wuye's mark, its schema version, whether it is empty.
    private struct Header {
        var app: Int32
        var version: Int32
        var tables: Int

        init(_ db: Database) throws {
            app = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            version = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        }

        var isEmpty: Bool { app == 0 && tables == 0 }
    }

    private func prepare(create: Bool) throws(WuyeError) {
        // Most opens only read the header; a write lock is taken only to create.
        let header = try read { db in try Header(db) }
        if header.isEmpty {
            guard create else {
                throw .storeUnusable("the store at \(path) is empty; run 'wuye init --demo' or 'wuye init --site FILE'")
            }
            try write(verifying: false) { db in
                // Another process may have created it meanwhile.
                guard try Header(db).isEmpty else { return }
                try Schema.create(db)
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
            }
            // The main file holds the schema and Wuye's mark from the first moment.
            try checkpoint()
            return
        }
        if header.app != Schema.applicationID {
            throw .storeUnusable("\(path) is an SQLite database of another program, not a Wuye store; use another --home")
        }
        if header.version > Schema.version {
            throw .storeUnusable(
                "the store at \(path) was written by a newer Wuye (schema \(header.version), this one reads \(Schema.version)); upgrade wuye"
            )
        }
        if header.version < Schema.version && !readOnly {
            try write(verifying: false) { db in
                // Another process may have brought it up to date meanwhile.
                let now = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard now < Schema.version else { return }
                try Schema.migrate(db, from: now)
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
            }
            try checkpoint()
        }
    }

    /// Folds the WAL into the main file and closes it, so that the file alone holds
    /// everything (before it is moved or copied as a whole).
    public func close() throws(WuyeError) {
        do {
            try checkpoint()
            try db.close()
        } catch {
            throw Store.mapError(error, path: path)
        }
    }

    /// Copies what the WAL holds into the main file and empties the WAL, so that the main
    /// file alone is the whole store (a lost or foreign companion file then loses nothing).
    /// Done after `init`, `import` and other large writes, when a console quits and
    /// regularly while it runs. While another process is reading, the WAL is copied but
    /// not emptied; that is enough.
    public func checkpoint() throws(WuyeError) {
        if readOnly { return }
        let verified = Verification.stampMatches(path)
        defer { if verified { Verification.record(path) } }
        do {
            try db.writeWithoutTransaction { db in
                do {
                    try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY {
                    try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)")
                }
            }
        } catch {
            throw Store.mapError(error, path: path)
        }
    }

    /// The pragmas in force on this store's connection (for tests and `wuye check`).
    public func pragma(_ name: String) throws(WuyeError) -> String? {
        try read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    // MARK: transactions

    /// Runs `body` in an immediate write transaction: it sees every committed event of
    /// every process, and either all of its writes are committed or none.
    /// Without `verifying` (`wuye check`, creating and migrating), nothing is verified first
    /// and no stamp is left.
    /// With a shared journal, a verified write goes through it (see `Store+Shared`); with
    /// `shared` false, or unverified (checking, creating, migrating), only this machine's
    /// copy is written.
    func write<T>(verifying: Bool = true, shared: Bool? = nil, _ body: (Database) throws -> T) throws(WuyeError) -> T {
        if readOnly {
            throw .storeUnusable(
                "the store at \(path) is read-only (read-only media, or a folder this user cannot write): it can be read, not changed; nothing was changed"
            )
        }
        do {
            let result = try db.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    JournalMemo.begin(db)
                    defer { JournalMemo.end(db) }
                    // Files changed by anything but a Wuye writer are verified whole first.
                    if verifying && !Verification.stampMatches(path) { try Verification.verifyWhole(db) }
                    if shared ?? verifying, let journal {
                        result = try Store.write(db, through: journal, snapshot: verifying, body)
                        return .commit
                    }
                    // The state before this write, when a snapshot is due (a new day, or many events).
                    if verifying { try Snapshots.takeIfDue(db, now: Instant(seconds: Int64(Date().timeIntervalSince1970))) }
                    result = try body(db)
                    return .commit
                }
                return result!
            }
            if verifying { Verification.record(path) }
            return result
        } catch {
            throw Store.mapError(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(WuyeError) -> T {
        do {
            return try db.read { db in try body(db) }
        } catch {
            throw Store.mapError(error, path: path)
        }
    }

    static func mapError(_ error: any Error, path: String) -> WuyeError {
        if let e = error as? WuyeError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode.primaryResultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .storeUnusable("the store is busy: another program has held it for more than 5 s; try again")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .storeUnusable("\(path) is damaged (\(e.message ?? "corrupt")); restore a backup (see docs/data-format.md)")
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
                return .storeUnusable("cannot write \(path) (\(e.message ?? "read-only")); check the folder's permissions")
            case .SQLITE_FULL, .SQLITE_IOERR:
                return .storeUnusable("cannot write \(path): \(e.message ?? "disk error"); free disk space and try again")
            default:
                return .storeUnusable("the store at \(path) failed: \(e.message ?? e.description)")
            }
        }
        if error is DecodingError {
            return .storeUnusable(
                "a stored row of \(path) cannot be read: the store is damaged. Run 'wuye check', or restore a backup ('wuye restore FILE')")
        }
        return .storeUnusable("the store at \(path) failed: \(error)")
    }

    // MARK: journal

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// An event's payload: an item's step by `ItemEventJSON`, anything else by `Codable`
    /// (the same JSON either way).
    static func encode(_ body: EventBody) throws -> String {
        if case .item(let e) = body { return ItemEventJSON.encode(e) }
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    static func decodeBody(_ payload: String) throws -> EventBody {
        if let e = ItemEventJSON.decode(payload) { return .item(e) }
        return try JSONDecoder().decode(EventBody.self, from: Data(payload.utf8))
    }

    /// Appends one event and returns it with its sequence number.
    @discardableResult
    static func append(_ db: Database, _ e: Event) throws -> Event {
        // A closed month takes nothing more: no back-dated step, tick, scan or import.
        let memo = JournalMemo.of(db)
        let latest: PeriodClosing?
        if let m = memo, let known = m.latestClosing {
            latest = known
        } else {
            latest = try latestClosing(db)
            memo?.latestClosing = .some(latest)
        }
        if case .management = e.body { memo?.latestClosing = nil }
        if let latest, e.at < latest.until, let c = try closing(db, of: e.at) {
            if case .management(.periodClosed) = e.body {
            } else {
                throw WuyeError.refused(
                    "\(c.month) is closed for reporting (closed \(ISOFormat.utc(c.at)) by \(c.by)); nothing can be back-dated or imported into it"
                )
            }
        }
        let (previous, seq) = try memo?.tail(db) ?? HashChain.tail(db)
        let fields = HashChain.Fields(
            seq: seq, at: e.at.seconds, recorded: e.recorded.seconds, actor: e.actor, type: e.body.typeName, subject: e.subject,
            payload: try encode(e.body))
        let hash = HashChain.hash(previous: previous, fields)
        do {
            try db.run("INSERT INTO events (seq, at, recorded, actor, type, subject, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") { b in
                b.add(seq); b.add(fields.at); b.add(fields.recorded); b.add(fields.actor); b.add(fields.type)
                b.add(fields.subject); b.add(fields.payload); b.add(hash)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            // The journal opens an item once: an id is never reused, whatever the counters say.
            throw WuyeError.storeUnusable(
                "\(e.subject) is already in the journal, so it cannot be opened again; the store's id counter is damaged. Nothing was written; run 'wuye check'"
            )
        }
        memo?.chained = (hash, seq + 1)
        var out = e
        out.seq = seq
        return out
    }

    static func decodeEvent(_ row: Row) throws -> Event {
        // Damage can leave a row without its values, or with values of another kind: such
        // a row is refused with what to do, never crashed on.
        func value<T: DatabaseValueConvertible>(_ i: Int) -> T? { T.fromDatabaseValue(row[i] as DatabaseValue) }
        let unreadable = WuyeError.storeUnusable(
            "event \((row[0] as DatabaseValue).description) of the journal cannot be read: the store is damaged. Restore a backup ('wuye restore FILE'; see docs/data-format.md)"
        )
        guard let seq: Int64 = value(0), let at: Int64 = value(1), let recorded: Int64 = value(2), let actor: String = value(3),
            let subject: String = value(5), let payload: String = value(6)
        else { throw unreadable }
        let body: EventBody
        do {
            body = try decodeBody(payload)
        } catch {
            throw unreadable
        }
        return Event(seq: seq, at: Instant(seconds: at), recorded: Instant(seconds: recorded), actor: actor, subject: subject, body: body)
    }

    static let eventColumns = "seq, at, recorded, actor, type, subject, payload"

    /// The events after `seq`, in order (how another process catches up).
    public func events(after seq: Int64, limit: Int = 100_000) throws(WuyeError) -> [Event] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Store.eventColumns) FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [seq, limit]
            ).map(Store.decodeEvent)
        }
    }

    public func events(subject typed: String) throws(WuyeError) -> [Event] {
        let subject = ItemID.canonical(typed)
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Store.eventColumns) FROM events WHERE subject = ? ORDER BY seq", arguments: [subject]
            ).map(Store.decodeEvent)
        }
    }

    public func events(recordedSince since: Instant) throws(WuyeError) -> [Event] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Store.eventColumns) FROM events WHERE recorded >= ? ORDER BY seq",
                arguments: [since.seconds]
            ).map(Store.decodeEvent)
        }
    }

    public func lastSeq() throws(WuyeError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM events") ?? 0 }
    }

    /// Changes whenever another connection commits (`PRAGMA data_version`): the cheap
    /// question asked every second before catching up.
    public func dataVersion() throws(WuyeError) -> Int64 {
        do {
            return try db.writeWithoutTransaction { db in try db.int64("PRAGMA data_version") ?? 0 }
        } catch {
            throw Store.mapError(error, path: path)
        }
    }
}
