#if PostgreSQL
    import Foundation
    import Logging
    import PostgresNIO
    import WuyeCore
    import WuyeStore

    /// The shared journal in a PostgreSQL database: the events with their hash chain, the
    /// id counters, and Wuye's mark and version. One writer at a time holds the events
    /// table's lock (every machine waits its turn, at most `lockWait`); every commit tells
    /// listeners on channel `wuye` its last event's number.
    public final class PostgresJournal: SharedJournal, @unchecked Sendable {
        public let location: String
        let configuration: PostgresConnection.Configuration
        let lock = NSLock()
        var connection: PostgresConnection?
        /// Connections given up on while they close (kept until they have).
        var abandoned: [PostgresConnection] = []
        static let logger = Logger(label: "wuye.postgres")

        /// The journal's mark ("WUYE") and the version of its tables this program writes.
        static let applicationID = "1465210181"
        static let version = 1
        /// How long a writer waits for another's lock, and a command for the server.
        static let lockWait = "5s"
        /// How long connecting may take (`connect_timeout`), and a statement's answer.
        let connectWait: Int
        static let answerWait = 30

        /// Opens the journal at a `postgres://user[:password]@host[:port]/database` address
        /// (`?sslmode=require` for TLS, `verify-full` to check the server's certificate and
        /// name against the machine's trusted certificates, as libpq reads them; the password
        /// may come from `PGPASSWORD`).
        public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(WuyeError) {
            let parsed = try PostgresAddress(url, environment: environment)
            location = parsed.display
            var c = PostgresConnection.Configuration(
                host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password, database: parsed.database,
                tls: .disable)
            if parsed.tls {
                do {
                    var tls = TLSConfiguration.makeClientConfiguration()
                    if !parsed.verify { tls.certificateVerification = .none }
                    c.tls = .require(try NIOSSLContext(configuration: tls))
                } catch {
                    throw .storeUnusable("cannot set up TLS for \(parsed.display): \(error)")
                }
            }
            c.options.connectTimeout = .seconds(parsed.connectTimeout)
            connectWait = Int(parsed.connectTimeout)
            // Set as the session starts, without a round trip of its own.
            c.options.additionalStartupParameters = [("lock_timeout", PostgresJournal.lockWait)]
            configuration = c
        }

        deinit {
            if let connection { try? Blocking.run(within: 2) { try await connection.close() } }
        }

        /// Runs `body` holding this journal's lock (one statement sequence at a time on its connection).
        func locked<T>(_ body: () throws(WuyeError) -> T) throws(WuyeError) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body()
        }

        // MARK: the connection

        /// The open connection, connecting first if there is none (or it was lost).
        func open() throws(WuyeError) -> PostgresConnection {
            if let c = connection, !c.isClosed { return c }
            drop()
            let configuration = configuration
            do {
                let c = try Blocking.run(within: connectWait + 1) {
                    try await PostgresConnection.connect(configuration: configuration, id: 1, logger: PostgresJournal.logger)
                }
                connection = c
                return c
            } catch {
                throw describe(error)
            }
        }

        /// Lets go of the connection (closed first: a connection is never left half open).
        func drop() {
            guard let c = connection else { return }
            connection = nil
            if !c.isClosed {
                // Not waited for: a server that stopped answering would hold this up too.
                abandoned = abandoned.filter { !$0.isClosed } + [c]
                let closing: EventLoopFuture<Void> = c.close()
                _ = closing
            }
        }

        /// A failure of the server or the connection, as a message that says what to do.
        func describe(_ error: any Error) -> WuyeError {
            if let e = error as? WuyeError { return e }
            if error is Blocking.TimedOut {
                drop()
                return .storeUnusable(
                    "the shared store at \(location) did not answer in time; check the server and the network. A step sent just before may have been saved: look before doing it again"
                )
            }
            if let p = error as? PSQLError {
                let state = p.serverInfo?[.sqlState] ?? ""
                let message = p.serverInfo?[.message] ?? ""
                switch state {
                case "55P03", "40P01":
                    return .storeUnusable(
                        "the shared store at \(location) is busy: another terminal has held it for more than \(PostgresJournal.lockWait); try again"
                    )
                case "28P01":
                    return .storeUnusable("the shared store at \(location) refused the login: \(message); check the user and password")
                case "28000":
                    return .storeUnusable(
                        "the shared store at \(location) refused the connection: \(message); check the user, and sslmode (a server that takes TLS only needs sslmode=verify-full)"
                    )
                case "3D000":
                    return .storeUnusable("there is no database at \(location): \(message); create it first (see docs/deploying.md)")
                case "":
                    drop()
                    if let tls = p.underlying as? NIOSSLError {
                        return .storeUnusable(
                            "cannot open a TLS connection to the shared store at \(location) (\(tls)): the server's certificate is not one this machine trusts, or does not name the server; install the company's certificate authority (see docs/deploying.md)"
                        )
                    }
                    let why = p.underlying.map { String(describing: $0) } ?? "\(p.code)"
                    return .storeUnusable(
                        "cannot reach the shared store at \(location) (\(why)); check that the server is running and the address is right"
                    )
                default:
                    return .storeUnusable("the shared store at \(location) failed: \(message) (\(state))")
                }
            }
            drop()
            return .storeUnusable(
                "cannot reach the shared store at \(location) (\(error)); check that the server is running and the address is right")
        }

        /// Runs `query` on the connection and returns its rows.
        func rows(_ query: PostgresQuery) throws(WuyeError) -> [PostgresRow] {
            let c = try open()
            do {
                return try Blocking.run(within: PostgresJournal.answerWait) {
                    try await c.query(query, logger: PostgresJournal.logger).collect()
                }
            } catch {
                throw describe(error)
            }
        }

        func run(_ query: PostgresQuery) throws(WuyeError) { _ = try rows(query) }

        /// The one number a query answers.
        func number(_ query: PostgresQuery) throws(WuyeError) -> Int64 {
            guard let row = try rows(query).first else { return 0 }
            do { return try row.decode(Int64.self) } catch { throw describe(error) }
        }

        // MARK: SharedJournal

        public func prepare(create: Bool) throws(WuyeError) {
            try locked { () throws(WuyeError) in
                // Every command asks this first: one query when the journal is there.
                let found = try? rows("SELECT key, value FROM wuye_meta")
                let names: Set<String>
                if found != nil {
                    names = ["wuye_meta"]
                } else {
                    let tables = try rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
                    names = Set(tables.compactMap { try? $0.decode(String.self) })
                }
                if let found, names.contains("wuye_meta") {
                    var meta: [String: String] = [:]
                    for r in found {
                        if let (k, v) = try? r.decode((String, String).self) { meta[k] = v }
                    }
                    guard meta["application_id"] == PostgresJournal.applicationID else {
                        throw .storeUnusable("\(location) holds another program's tables, not a Wuye store; use another database")
                    }
                    let version = Int(meta["schema_version"] ?? "") ?? 0
                    if version > PostgresJournal.version {
                        throw .storeUnusable(
                            "the shared store at \(location) was written by a newer Wuye (version \(version), this one reads \(PostgresJournal.version)); upgrade wuye"
                        )
                    }
                    return
                }
                if !names.isEmpty {
                    throw .storeUnusable(
                        "\(location) holds another program's tables, not a Wuye store; give Wuye a database of its own (see docs/deploying.md)"
                    )
                }
                guard create else {
                    throw .storeUnusable(
                        "there is no Wuye store at \(location); run 'wuye init --demo --store URL' or 'wuye init --site FILE --store URL'")
                }
                try run("BEGIN")
                do throws(WuyeError) {
                    try run(
                        """
                        CREATE TABLE wuye_meta (key text PRIMARY KEY, value text NOT NULL);
                        """)
                    try run(
                        """
                        CREATE TABLE wuye_events (
                            seq bigint PRIMARY KEY, at bigint NOT NULL, recorded bigint NOT NULL, actor text NOT NULL,
                            type text NOT NULL, subject text NOT NULL, payload text NOT NULL, hash text NOT NULL)
                        """)
                    try run("CREATE UNIQUE INDEX wuye_events_opened_once ON wuye_events(subject) WHERE type = 'item.opened'")
                    try run("CREATE TABLE wuye_counters (kind text PRIMARY KEY, last bigint NOT NULL)")
                    try run(
                        "INSERT INTO wuye_meta (key, value) VALUES ('application_id', \(PostgresJournal.applicationID)), ('schema_version', \(String(PostgresJournal.version)))"
                    )
                    try run("COMMIT")
                } catch {
                    if connection != nil { try? run("ROLLBACK") }
                    // Another terminal may have created it at the same moment.
                    if (try? rows("SELECT 1 FROM wuye_meta LIMIT 1")) != nil { return }
                    throw error
                }
            }
        }

        public func head() throws(WuyeError) -> Int64 {
            try locked { () throws(WuyeError) in try number("SELECT coalesce(max(seq), 0)::bigint FROM wuye_events") }
        }

        public func entry(_ seq: Int64) throws(WuyeError) -> JournalEntry? {
            try locked { () throws(WuyeError) in
                try decode(rows("SELECT \(unescaped: Self.columns) FROM wuye_events WHERE seq = \(seq)")).first
            }
        }

        public func entries(after seq: Int64, limit: Int) throws(WuyeError) -> [JournalEntry] {
            try locked { () throws(WuyeError) in
                try decode(rows("SELECT \(unescaped: Self.columns) FROM wuye_events WHERE seq > \(seq) ORDER BY seq LIMIT \(limit)"))
            }
        }

        public func counters() throws(WuyeError) -> [String: Int64] {
            try locked { () throws(WuyeError) in try readCounters() }
        }

        func readCounters() throws(WuyeError) -> [String: Int64] {
            var out: [String: Int64] = [:]
            for r in try rows("SELECT kind, last FROM wuye_counters") {
                do {
                    let (k, v) = try r.decode((String, Int64).self)
                    out[k] = v
                } catch { throw describe(error) }
            }
            return out
        }

        static let columns = "seq, at, recorded, actor, type, subject, payload, hash"

        func decode(_ rows: [PostgresRow]) throws(WuyeError) -> [JournalEntry] {
            do {
                return try rows.map { r in
                    let (seq, at, recorded, actor, type, subject, payload, hash) = try r.decode(
                        (Int64, Int64, Int64, String, String, String, String, String).self)
                    return JournalEntry(
                        seq: seq, at: at, recorded: recorded, actor: actor, type: type, subject: subject, payload: payload, hash: hash)
                }
            } catch {
                throw .storeUnusable("an event of the shared store at \(location) cannot be read (\(error)); run 'wuye check'")
            }
        }

        public func write<T>(after localHead: Int64, _ body: (JournalState) throws -> (T, [JournalEntry], [String: Int64])) throws -> T {
            lock.lock()
            defer { lock.unlock() }
            try run("BEGIN")
            do {
                // One writer at a time on every machine; readers are not held up.
                try run("LOCK TABLE wuye_events IN EXCLUSIVE MODE")
                let head = try number("SELECT coalesce(max(seq), 0)::bigint FROM wuye_events")
                let missed =
                    head > localHead
                    ? try decode(rows("SELECT \(unescaped: Self.columns) FROM wuye_events WHERE seq > \(localHead) ORDER BY seq")) : []
                let (result, appended, moved) = try body(JournalState(head: head, missed: missed, counters: try readCounters()))
                try insert(appended)
                try upsert(moved)
                if let last = appended.last { try run("SELECT pg_notify('wuye', \(String(last.seq)))") }
                try run("COMMIT")
                return result
            } catch {
                if connection != nil { try? run("ROLLBACK") }
                if let e = error as? WuyeError { throw e }
                if error is PSQLError { throw describe(error) }
                throw error
            }
        }

        /// Appends entries in statements of a few hundred rows each.
        func insert(_ entries: [JournalEntry]) throws(WuyeError) {
            var start = 0
            while start < entries.count {
                let chunk = entries[start..<min(start + 500, entries.count)]
                var binds = PostgresBindings(capacity: chunk.count * 8)
                var values: [String] = []
                for (i, e) in chunk.enumerated() {
                    let b = i * 8
                    values.append("($\(b + 1), $\(b + 2), $\(b + 3), $\(b + 4), $\(b + 5), $\(b + 6), $\(b + 7), $\(b + 8))")
                    binds.append(e.seq)
                    binds.append(e.at)
                    binds.append(e.recorded)
                    binds.append(e.actor)
                    binds.append(e.type)
                    binds.append(e.subject)
                    binds.append(e.payload)
                    binds.append(e.hash)
                }
                do {
                    try run(
                        PostgresQuery(
                            unsafeSQL: "INSERT INTO wuye_events (\(Self.columns)) VALUES " + values.joined(separator: ", "), binds: binds))
                } catch {
                    if error.message.contains("23505") || error.message.contains("duplicate key") {
                        throw .storeUnusable(
                            "the shared store at \(location) holds these events already (another writer's, or an id opened twice); nothing was written. Run 'wuye check'"
                        )
                    }
                    throw error
                }
                start += chunk.count
            }
        }

        func upsert(_ counters: [String: Int64]) throws(WuyeError) {
            for (kind, last) in counters {
                try run(
                    "INSERT INTO wuye_counters (kind, last) VALUES (\(kind), \(last)) ON CONFLICT (kind) DO UPDATE SET last = greatest(wuye_counters.last, excluded.last)"
                )
            }
        }

        public func load(_ entries: [JournalEntry], counters: [String: Int64]) throws(WuyeError) {
            try locked { () throws(WuyeError) in
                try run("BEGIN")
                do throws(WuyeError) {
                    try run("LOCK TABLE wuye_events IN EXCLUSIVE MODE")
                    if try number("SELECT count(*)::bigint FROM wuye_events") > 0 {
                        throw WuyeError.refused("\(location) holds a journal already; a store is copied into an empty database only")
                    }
                    try insert(entries)
                    try upsert(counters)
                    if let last = entries.last { try run("SELECT pg_notify('wuye', \(String(last.seq)))") }
                    try run("COMMIT")
                } catch {
                    if connection != nil { try? run("ROLLBACK") }
                    throw error
                }
            }
        }

        public func follow(changed: @escaping @Sendable () -> Void, connected: @escaping @Sendable (Bool) -> Void) -> any JournalFollower {
            PostgresFollower(configuration: configuration, changed: changed, connected: connected)
        }
    }

    /// A connection of its own that listens on channel `wuye`: every commit anywhere wakes
    /// `changed`. When the connection drops, `connected(false)` is called and it tries
    /// again after 1, 2, 4 … up to 30 seconds; once back, `connected(true)` and `changed`
    /// (commits made while it was away are caught up from the journal).
    final class PostgresFollower: JournalFollower, @unchecked Sendable {
        let configuration: PostgresConnection.Configuration
        let changed: @Sendable () -> Void
        let connected: @Sendable (Bool) -> Void
        let lock = NSLock()
        var stopped = false
        var task: Task<Void, Never>?

        init(
            configuration: PostgresConnection.Configuration, changed: @escaping @Sendable () -> Void,
            connected: @escaping @Sendable (Bool) -> Void
        ) {
            self.configuration = configuration
            self.changed = changed
            self.connected = connected
            task = Task(executorPreference: Blocking.executor) { [self] in await self.loop() }
        }

        var isStopped: Bool { lock.withLock { stopped } }

        func loop() async {
            var wait: UInt64 = 1
            var wasConnected = true
            while !isStopped {
                do {
                    let c = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: PostgresJournal.logger)
                    wait = 1
                    if !wasConnected { connected(true) }
                    wasConnected = true
                    // Commits made while this connection was being made are caught up too.
                    changed()
                    do {
                        try await c.listen(on: "wuye") { notifications in
                            for try await _ in notifications {
                                if self.isStopped { break }
                                self.changed()
                            }
                        }
                    } catch {
                        try? await c.close()
                        throw error
                    }
                    try? await c.close()
                } catch {
                    if isStopped { return }
                    if wasConnected { connected(false) }
                    wasConnected = false
                    try? await Task.sleep(nanoseconds: wait * 1_000_000_000)
                    wait = min(wait * 2, 30)
                }
            }
        }

        func stop() {
            lock.withLock { stopped = true }
            task?.cancel()
        }
    }

    /// Runs async work from synchronous code and waits for it. The work runs on a queue
    /// of its own, never on Swift's cooperative pool: the thread that waits may itself be
    /// one of the pool's (a test), and with every pool thread waiting, work scheduled on
    /// the pool would never run.
    enum Blocking {
        final class Box<T>: @unchecked Sendable { var result: Result<T, any Error>? }

        /// A serial queue as the preferred executor of the bridged tasks.
        final class Executor: TaskExecutor, @unchecked Sendable {
            let queue = DispatchQueue(label: "wuye.postgres")

            func enqueue(_ job: consuming ExecutorJob) {
                let job = UnownedJob(job)
                queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
            }
        }

        static let executor = Executor()

        /// The work did not finish within the time given (it goes on, unwaited for).
        struct TimedOut: Error {}

        static func run<T>(within seconds: Int? = nil, _ work: @escaping @Sendable () async throws -> T) throws -> T {
            let box = Box<T>()
            let done = DispatchSemaphore(value: 0)
            Task(executorPreference: executor) {
                do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
                done.signal()
            }
            if let seconds {
                if done.wait(timeout: .now() + .seconds(seconds)) == .timedOut { throw TimedOut() }
            } else {
                done.wait()
            }
            return try box.result!.get()
        }
    }

    /// Databases made and removed on a server (the tests' and the benchmark's own, each
    /// in a database of its own), through the address of one that exists.
    public enum PostgresAdmin {
        /// Creates database `name` on the server of `url`; returns its address.
        public static func createDatabase(_ name: String, like url: String) throws(WuyeError) -> String {
            let admin = try PostgresJournal(url: url)
            try admin.locked { () throws(WuyeError) in try admin.run("CREATE DATABASE \(unescaped: name)") }
            return address(of: name, like: url)
        }

        public static func dropDatabase(_ name: String, like url: String) {
            guard let admin = try? PostgresJournal(url: url) else { return }
            try? admin.locked { () throws(WuyeError) in try admin.run("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)") }
        }

        /// Runs statements on the database at `url` (tests that alter a journal behind Wuye's back).
        public static func execute(_ sql: String, on url: String) throws(WuyeError) {
            let db = try PostgresJournal(url: url)
            try db.locked { () throws(WuyeError) in try db.run(PostgresQuery(unsafeSQL: sql)) }
        }

        /// `url` with its database replaced by `name`.
        public static func address(of name: String, like url: String) -> String {
            guard var c = URLComponents(string: url) else { return url }
            c.path = "/" + name
            return c.string ?? url
        }
    }

    /// The parts of a `postgres://` address.
    struct PostgresAddress {
        var host: String
        var port: Int
        var user: String
        var password: String?
        var database: String
        /// How long connecting may take, in seconds (`connect_timeout`, as libpq names it; 5).
        var connectTimeout: Int64
        var tls: Bool
        /// Whether the server's certificate and name are checked (`verify-full`).
        var verify: Bool
        /// The address without its password, for messages.
        var display: String

        init(_ url: String, environment: [String: String]) throws(WuyeError) {
            guard let c = URLComponents(string: url), ["postgres", "postgresql"].contains(c.scheme ?? ""), let host = c.host,
                !host.isEmpty
            else {
                throw .badInput("'\(url)' is not a PostgreSQL address; give postgres://USER@HOST[:PORT]/DATABASE")
            }
            self.host = host
            port = c.port ?? 5432
            user = c.user ?? environment["PGUSER"] ?? environment["USER"] ?? "wuye"
            password = c.password ?? environment["PGPASSWORD"]
            let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
            database = path.isEmpty ? user : path
            let mode = c.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
            guard ["disable", "require", "verify-full"].contains(mode) else {
                throw .badInput("sslmode '\(mode)' is not known; give sslmode=verify-full or require (TLS), or sslmode=disable")
            }
            tls = mode != "disable"
            verify = mode == "verify-full"
            let timeout = c.queryItems?.first { $0.name == "connect_timeout" }?.value
            guard let seconds = Int64(timeout ?? "5"), seconds >= 1 else {
                throw .badInput("connect_timeout '\(timeout ?? "")' is not a number of seconds; give connect_timeout=5, for example")
            }
            connectTimeout = seconds
            display = "postgres://\(user)@\(host):\(port)/\(database)"
        }
    }
#endif
