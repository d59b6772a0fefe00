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
        let path = (home as NSString).appendingPathComponent(Schema.fileName)
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
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
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.journalMode = scratch ? .default : .wal
        config.label = "wuye"
        config.prepareDatabase { db in
            if scratch {
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                return
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            _ = wuye_sqlite_no_checkpoint_on_close(db.sqliteConnection)
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw mapError(error, path: path)
        }
        let store = Store(db: queue, path: path)
        try store.prepare(create: create)
        return store
    }

    private init(db: DatabaseQueue, path: String) {
        self.db = db
        self.path = path
    }

    /// A file that is not SQLite at all is refused before SQLite sees it.
    private static func checkHeader(_ path: String) throws(WuyeError) {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw .storeUnusable("cannot read \(path); check its permissions")
        }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }
        if head != Data("SQLite format 3\0".utf8) {
            throw .storeUnusable("\(path) is not a Wuye store (not an SQLite database, or damaged); restore a backup or use another --home")
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
            try write { db in
                // Another process may have created it meanwhile.
                guard try Header(db).isEmpty else { return }
                try Schema.create(db)
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
            }
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
        if header.version < Schema.version {
            try write { db in
                // Another process may have brought it up to date meanwhile.
                let now = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard now < Schema.version else { return }
                try Schema.migrate(db, from: now)
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
            }
        }
    }

    /// Folds the WAL into the main file and closes it, so that the file alone holds
    /// everything (before it is moved or copied as a whole).
    public func close() throws(WuyeError) {
        do {
            try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try db.close()
        } catch {
            throw Store.mapError(error, path: path)
        }
    }

    // MARK: transactions

    /// Runs `body` in an immediate write transaction: it sees every committed event of
    /// every process, and either all of its writes are committed or none.
    func write<T>(_ body: (Database) throws -> T) throws(WuyeError) -> T {
        do {
            return try db.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
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
        return .storeUnusable("the store at \(path) failed: \(error)")
    }

    // MARK: journal

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func encode(_ body: EventBody) throws -> String {
        String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    static func decodeBody(_ payload: String) throws -> EventBody {
        try JSONDecoder().decode(EventBody.self, from: Data(payload.utf8))
    }

    /// Appends one event and returns it with its sequence number.
    @discardableResult
    static func append(_ db: Database, _ e: Event) throws -> Event {
        try db.cachedStatement(
            sql: "INSERT INTO events (at, recorded, actor, type, subject, payload) VALUES (?, ?, ?, ?, ?, ?)",
        ).execute(arguments: [e.at.seconds, e.recorded.seconds, e.actor, e.body.typeName, e.subject, try encode(e.body)])
        var out = e
        out.seq = db.lastInsertedRowID
        return out
    }

    static func decodeEvent(_ row: Row) throws -> Event {
        Event(
            seq: row[0], at: Instant(seconds: row[1]), recorded: Instant(seconds: row[2]), actor: row[3],
            subject: row[5], body: try decodeBody(row[6]))
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

    public func events(subject: String) throws(WuyeError) -> [Event] {
        try read { db in
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
            return try db.writeWithoutTransaction { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw Store.mapError(error, path: path)
        }
    }
}
