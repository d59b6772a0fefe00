import Foundation
import WuyeCore
import WuyeStore

#if PostgreSQL
    import WuyePostgres
#endif

/// The two stores the store suite runs against: the data folder's own file, and a shared
/// journal on PostgreSQL with this machine's working copy. PostgreSQL is tested when the
/// tests are built with it (`--traits PostgreSQL`) and `WUYE_TEST_POSTGRES` gives a server
/// (`postgres://USER@HOST:PORT/postgres`; `.ci/run` starts one of its own).
enum Backend: String, CustomStringConvertible, Sendable {
    case file
    case postgres

    var description: String { rawValue }

    static let server: String? = {
        #if PostgreSQL
            if let url = ProcessInfo.processInfo.environment["WUYE_TEST_POSTGRES"], !url.isEmpty { return url }
        #endif
        return nil
    }()

    static let available: [Backend] = [.file] + (server != nil ? [.postgres] : [])
    /// PostgreSQL alone, when it is there (its own tests: restarts, machines, listeners).
    static let sharedOnly: [Backend] = server != nil ? [.postgres] : []
}

/// One test's store on one backend: a data folder and, for PostgreSQL, a database of its
/// own; both are removed when the test ends. `open` opens another connection to it, as
/// another terminal on this machine would; `open(machine:)` as a terminal on another
/// machine (a working copy of its own).
final class TestStore: @unchecked Sendable {
    let backend: Backend
    let home = TempHome()
    /// The shared store's address (PostgreSQL), nil for the file.
    let url: String?
    private let database: String?

    init(_ backend: Backend) throws {
        self.backend = backend
        switch backend {
        case .file:
            url = nil
            database = nil
        case .postgres:
            #if PostgreSQL
                let name = "wuye_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
                url = try PostgresAdmin.createDatabase(String(name), like: Backend.server!)
                database = String(name)
            #else
                throw WuyeError.storeUnusable("built without PostgreSQL")
            #endif
        }
    }

    deinit {
        #if PostgreSQL
            if let database, let server = Backend.server { PostgresAdmin.dropDatabase(database, like: server) }
        #endif
    }

    /// The data folder of a machine: this test's own, or another's beside it.
    func folder(_ machine: String?) -> String {
        guard let machine else { return home.path }
        return home.path + "/machine-" + machine
    }

    func journal() throws -> (any SharedJournal)? {
        #if PostgreSQL
            if let url { return try PostgresJournal(url: url) }
        #endif
        return nil
    }

    func open(machine: String? = nil, create: Bool = false) throws -> Store {
        if let journal = try journal() { return try Store.open(journal: journal, home: folder(machine), create: create) }
        return try Store.open(home: folder(machine), create: create)
    }

    /// The demo property in this store.
    func demo(now: Instant = realNow) throws -> Store {
        guard let journal = try journal() else { return try demoStore(home, now: now) }
        let scratch = TempHome()
        try Demo.create(home: scratch.path, now: now)
        _ = try Store.open(home: scratch.path).copy(to: journal)
        return try open()
    }

    /// What `wuye-bench writer` needs to write into this store from `machine`.
    func writerArguments(machine: String? = nil) -> [String] {
        ["--home", folder(machine)] + (url.map { ["--store", $0] } ?? [])
    }
}
