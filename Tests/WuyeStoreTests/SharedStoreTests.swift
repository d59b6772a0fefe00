import Foundation
import Testing
import WuyeCore
import WuyeReports
import WuyeStore
import WuyeTestSupport

#if PostgreSQL
    import WuyePostgres
#endif

/// The shared journal (PostgreSQL) and the working copies that follow it: what only a
/// shared store has. The suite's other tests run against it and the file alike.
@Suite("A shared store across machines")
struct SharedStoreTests {
    /// Every item, the journal and this month's figures of a store, as `kpi --json` and
    /// `log --json` would read them.
    func answers(_ store: Store) throws -> ([Item], [Event], [Figure]) {
        let zone = try store.site("jinxiu").zone
        let day = zone.date(of: realNow)
        let figures = try Figures.compute(store: store, site: nil, period: .month(day.year, day.month), now: realNow).figures
        return (try store.items(kind: nil, filter: .all), try store.events(after: 0), figures)
    }

    #if PostgreSQL
        func sql(_ store: TestStore, _ statement: String) throws {
            try PostgresAdmin.execute(statement, on: store.url!)
        }
    #endif

    @Test(arguments: Backend.sharedOnly)
    func aStoreCopiedThereAndBackAnswersAlike(_ backend: Backend) throws {
        let original = TempHome()
        let store = try demoStore(original)
        _ = try randomHistory(store, seed: 41)
        let shared = try TestStore(backend)
        let n = try store.copy(to: try #require(try shared.journal()))
        #expect(n == Int(try store.lastSeq()))
        let there = try shared.open(machine: "head-office")
        let back = TempHome()
        _ = try there.copy(toHome: back.path + "/again")
        let again = try Store.open(home: back.path + "/again")
        let a = try answers(store)
        #expect(try answers(there) == a)
        #expect(try answers(again) == a)
        #expect(try there.check().differences == [])
        #expect(try there.sharedDifferences() == [])
        #expect(try again.check().differences == [])
        // A store is copied into an empty one only.
        #expect(throws: WuyeError.self) { try store.copy(to: try shared.journal()!) }
        #expect(throws: WuyeError.self) { try store.copy(toHome: back.path + "/again") }
    }

    @Test(arguments: Backend.sharedOnly)
    func eachMachineDecidesAgainstEveryOthersCommits(_ backend: Backend) throws {
        let shared = try TestStore(backend)
        let desk = try shared.demo()
        let office = try shared.open(machine: "office")
        let c = try desk.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        // The other machine's copy takes the commit in before deciding: the step is on C-9
        // as it is now, and its own open gets the next id.
        try office.perform(.respond(note: "已联系"), on: c.id, actor: "desk-zhao", at: nil, now: realNow + 60)
        #expect(try office.perform(opened(), on: nil, site: "jinxiu", actor: "desk-zhao", at: nil, now: realNow + 70).id == "C-10")
        // A second step that is no longer allowed is refused on the first machine too.
        #expect(throws: WuyeError.self) {
            try desk.perform(.respond(note: nil), on: c.id, actor: "desk-li", at: nil, now: realNow + 80)
        }
        try desk.catchUp()
        #expect(try desk.item(c.id).status == .responded)
        #expect(try answers(desk) == answers(office))
        #expect(try desk.check().differences == [])
        #expect(try office.sharedDifferences() == [])
    }

    #if PostgreSQL
        @Test(arguments: Backend.sharedOnly)
        func anEventAlteredOnTheServerIsRefusedOnArrival(_ backend: Backend) throws {
            let shared = try TestStore(backend)
            let desk = try shared.demo()
            let last = try desk.lastSeq()
            try sql(shared, "UPDATE wuye_events SET payload = payload || ' ' WHERE seq = 20")
            // A machine that takes the journal in afresh meets the altered event and stops there.
            #expect {
                _ = try shared.open(machine: "new")
            } throws: { e in
                (e as? WuyeError)?.message.contains("event 20 of the shared journal does not match its hash") == true
            }
            // A machine that has it already finds it with 'check'.
            #expect(try desk.sharedDifferences().contains { $0.hasPrefix("shared journal: event 20") })
            #expect(try desk.lastSeq() == last)
        }

        @Test(arguments: Backend.sharedOnly)
        func aCopyAheadOfARestoredServerIsTakenAfresh(_ backend: Backend) throws {
            let shared = try TestStore(backend)
            let desk = try shared.demo()
            let before = try desk.lastSeq()
            _ = try desk.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            try desk.close()
            // The server goes back to a backup taken before that commit.
            try sql(shared, "DELETE FROM wuye_events WHERE seq > \(before)")
            try sql(shared, "UPDATE wuye_counters SET last = 8 WHERE kind = 'complaint'")
            let again = try shared.open()
            #expect(try again.lastSeq() == before)
            #expect(throws: WuyeError.self) { try again.item("C-9") }
            #expect(try again.check().differences == [])
            // The copy that went further is kept aside, not thrown away.
            let folder = (again.path as NSString).deletingLastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.contains(".superseded-") })
        }

        @Test(.timeLimit(.minutes(1)), arguments: Backend.sharedOnly)
        func aWriterHeldUpSaysTheStoreIsBusyAndWritesNothing(_ backend: Backend) throws {
            let shared = try TestStore(backend)
            let desk = try shared.demo()
            let before = try desk.lastSeq()
            // Another program holds the journal's write lock for 8 s.
            let holder = try Child(
                "/usr/bin/env",
                ["psql", shared.url!, "-q", "-c", "BEGIN; LOCK TABLE wuye_events IN EXCLUSIVE MODE; SELECT pg_sleep(8); COMMIT;"])
            usleep(1_000_000)
            let started = Date()
            #expect {
                try desk.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            } throws: { e in
                (e as? WuyeError)?.message.contains("is busy") == true
            }
            let waited = Date().timeIntervalSince(started)
            #expect(waited > 4 && waited < 7.5)
            _ = holder.wait()
            #expect(try desk.lastSeq() == before)
            #expect(try shared.journal()!.head() == before)
        }

        @Test(.timeLimit(.minutes(1)), arguments: Backend.sharedOnly)
        func aFollowerTakesInCommitsAsTheyAreMade(_ backend: Backend) throws {
            let shared = try TestStore(backend)
            let desk = try shared.demo()
            let office = try shared.open(machine: "office")
            let follower = try SharedFollower(journal: try shared.journal()!, home: shared.folder("office"))
            defer { follower.stop() }
            var lags: [Double] = []
            for i in 0..<5 {
                let c = try desk.perform(opened("第\(i)件"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
                let sent = Date()
                while (try? office.item(c.id)) == nil, Date().timeIntervalSince(sent) < 5 { usleep(2_000) }
                lags.append(Date().timeIntervalSince(sent))
            }
            #expect(follower.isConnected)
            #expect(lags.max()! < 1, "commit → the other machine's copy: \(lags)")
        }

        /// The server restarts while two machines follow it and a third writes: every
        /// acknowledged commit is kept, and both followers are back and caught up within
        /// seconds, with nothing missed or taken twice.
        @Test(.timeLimit(.minutes(2)))
        func aServerRestartLosesNothingAndTheFollowersComeBack() throws {
            guard let server = try PostgresServer() else { return }
            let journal = try PostgresJournal(url: server.url)
            let origin = TempHome()
            _ = try demoStore(origin).copy(to: journal)
            let root = TempHome()
            let followers = try ["a", "b"].map { m in
                try SharedFollower(journal: try PostgresJournal(url: server.url), home: root.path + "/" + m)
            }
            let bench = try #require(Binaries.path("wuye-bench"))
            let acknowledged = try server.restartWhileWriting(bench: bench, home: root.path + "/w", tag: "r")
            #expect(acknowledged.count > 0)
            // Both followers hear of the restart, come back, and take in a commit made after it.
            let after = try Store.open(journal: try PostgresJournal(url: server.url), home: root.path + "/after")
            let last = try after.perform(opened("重启之后"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            let head = try journal.head()
            let started = Date()
            let copies = try ["a", "b"].map { try Store.open(home: root.path + "/" + $0 + "/") }
            while Date().timeIntervalSince(started) < 20,
                try copies.contains(where: { try $0.lastSeq() < head }) || followers.contains(where: { !$0.isConnected })
            {
                usleep(50_000)
            }
            let back = Date().timeIntervalSince(started)
            #expect(back < 10, "followers back after \(back) s")
            // Both heard the server go away.
            #expect(followers.map(\.drops) == [1, 1])
            for copy in copies {
                #expect(try copy.lastSeq() == head)
                let ids = Set(try copy.items(kind: .complaint, filter: .all).map(\.id))
                #expect(acknowledged.filter { !ids.contains($0) } == [])
                #expect(ids.contains(last.id))
                #expect(try copy.check().differences == [])
            }
            for f in followers { f.stop() }
        }

        /// A server that takes TLS only: `sslmode=require` opens the store over TLS, a plain
        /// connection is refused with what to do, and `verify-full` refuses a certificate
        /// the machine does not trust.
        @Test(.timeLimit(.minutes(1)))
        func aServerThatTakesTLSOnly() throws {
            guard let server = try PostgresServer(tls: true) else { return }
            let home = TempHome()
            let secure = try PostgresJournal(url: server.url + "?sslmode=require")
            _ = try demoStore(home).copy(to: secure)
            let store = try Store.open(journal: try PostgresJournal(url: server.url + "?sslmode=require"), home: home.path + "/m")
            #expect(try store.item("C-1").id == "C-1")
            for (address, says) in [
                (server.url, "sslmode"), (server.url + "?sslmode=verify-full", "cannot open a TLS connection"),
            ] {
                #expect {
                    _ = try Store.open(journal: try PostgresJournal(url: address), home: home.path + "/n")
                } throws: { e in
                    guard let e = e as? WuyeError else { return false }
                    return e.kind == .storeUnusable && e.message.contains(says)
                }
            }
        }

        /// A server that takes the connection and never answers: the command gives up after
        /// `connect_timeout` with what to do, instead of waiting for ever. (A statement the
        /// server stops answering later is given up on after 30 s.)
        @Test(.timeLimit(.minutes(1)))
        func aServerThatNeverAnswersIsGivenUpOnInTime() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            #expect(listen(fd, 8) == 0)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            let port = UInt16(bigEndian: address.sin_port)
            let home = TempHome()
            let started = Date()
            #expect {
                _ = try Store.open(
                    journal: try PostgresJournal(url: "postgres://wuye@127.0.0.1:\(port)/wuye?connect_timeout=2"), home: home.path)
            } throws: { e in
                guard let e = e as? WuyeError, e.kind == .storeUnusable else { return false }
                return e.message.contains("shared store at postgres://wuye@127.0.0.1:\(port)/wuye")
                    && (e.message.contains("Connect timeout (2 s)") || e.message.contains("did not answer in time"))
            }
            #expect(Date().timeIntervalSince(started) < 6)
        }
    #endif
}
