import Foundation
import Testing
import WuyeTestSupport

/// Two consoles on two machines (each its own data folder, so its own working copy) and a
/// third machine writing, all on one PostgreSQL server of the test's own; run when the
/// binary is built with PostgreSQL and `.ci/run` names PostgreSQL's programs.
@Suite("Consoles on a shared store (real binary, tmux, PostgreSQL)")
struct SharedConsoleTests {
    @Test(.timeLimit(.minutes(3)))
    func twoConsolesFollowAnotherMachineAndTheServerGoingAway() throws {
        guard Tmux.available, let server = try PostgresServer() else { return }
        let url = server.url
        let desk = CLI()
        let office = CLI()
        let writer = CLI()
        let made = try desk.run(["init", "--demo", "--store", url], as: nil)
        if made.err.contains("built without PostgreSQL") { return }
        #expect(made.status == 0, "\(made.err)")
        let screens = try [desk, office].map { try Tmux(cli: $0, extraEnv: ["WUYE_STORE": url]) }
        for s in screens { try s.waitFor("C-1", 20) }

        func open(_ text: String) throws -> String {
            let r = try writer.run(
                ["complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "噪音", "--text", text],
                env: ["WUYE_STORE": url])
            #expect(r.status == 0, "\(r.err)")
            return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // A commit on a third machine is on both screens within a second.
        let first = try open("共享测试一")
        let sent = Date()
        for s in screens { try s.waitFor(first, 5) }
        #expect(Date().timeIntervalSince(sent) < 1.5)

        // The server goes away: both consoles say so and keep what they show.
        #expect(try server.control("stop") == 0)
        for s in screens { try s.waitFor("NOT LIVE", 10) }
        let refused = try writer.run(["complaint", "respond", first], env: ["WUYE_STORE": url])
        #expect(refused.status == 4)
        #expect(refused.err.contains("cannot reach the shared store"))

        // It comes back: both catch up, with a commit made after it, and are live again.
        #expect(try server.control("start") == 0)
        let second = try open("共享测试二")
        for s in screens {
            try s.waitFor(second, 40)
            try s.waitFor(40) { !$0.contains("NOT LIVE") }
        }
        // A restart while a writer commits: nothing it acknowledged is lost, and both
        // consoles are back with a commit made after it.
        let bench = (CLI.binary! as NSString).deletingLastPathComponent + "/wuye-bench"
        let acknowledged = try server.restartWhileWriting(bench: bench, home: writer.home + "/bench", tag: "rs")
        #expect(!acknowledged.isEmpty)
        let restarted = Date()
        let third = try open("共享测试三")
        for s in screens {
            try s.waitFor(third, 40)
            try s.waitFor(40) { !$0.contains("NOT LIVE") }
        }
        // Back within seconds (the followers try again after 1, 2, 4 … s).
        #expect(Date().timeIntervalSince(restarted) < 15)
        let listed = try writer.run(["complaint", "list", "--all", "--json"], env: ["WUYE_STORE": url]).out
        #expect(acknowledged.filter { !listed.contains("\"\($0)\"") } == [])

        // Nothing missed or taken twice: each machine's copy holds the journal as the server does.
        for machine in [desk, office, writer] {
            let check = try machine.run(["check"], env: ["WUYE_STORE": url])
            #expect(check.status == 0, "\(check.out)\(check.err)")
        }
        for s in screens { try s.keys("q") }
    }

    /// An office's store file copied to the server and back: the three answer `kpi --json`,
    /// `log --json` and the item list alike, and a copy goes into an empty store only.
    @Test(.timeLimit(.minutes(2)))
    func aStoreCopiedToTheServerAndBackAnswersAlike() throws {
        guard let server = try PostgresServer() else { return }
        let url = server.url
        let office = CLI()
        let head = CLI()
        for c in [office, head] { c.now = "2026-12-07T10:00:00+08:00" }
        #expect(try office.run(["init", "--demo"], as: nil).status == 0)
        #expect(try office.run(["complaint", "respond", "C-1", "--note", "已联系"]).status == 0)
        let there = try office.run(["store", "copy", "--to", url])
        if there.err.contains("built without PostgreSQL") { return }
        #expect(there.status == 0, "\(there.err)")
        let back = head.home + "/back"
        let again = try head.run(["store", "copy", "--to", back], env: ["WUYE_STORE": url])
        #expect(again.status == 0, "\(again.err)")
        for args in [["kpi", "--json"], ["log", "--json"], ["complaint", "list", "--all", "--json"]] {
            let a = try office.run(args)
            let b = try head.run(args, env: ["WUYE_STORE": url])
            let c = try head.run(args + ["--home", back])
            #expect(a.status == 0 && !a.out.isEmpty)
            #expect(b.out == a.out, "\(args) on the server")
            #expect(c.out == a.out, "\(args) copied back")
        }
        // Into an empty store only: nothing is copied over a journal.
        let twice = try office.run(["store", "copy", "--to", url])
        #expect(twice.status != 0)
        #expect(twice.err.contains("holds a journal already"))
    }

    /// A store address on any build: one line and exit 4 when the server cannot be had
    /// (or this build has no PostgreSQL), exit 2 for what is not an address; nothing is
    /// made in the data folder's own store either way.
    @Test func aStoreAddressThatCannotBeOpenedSaysWhyAndChangesNothing() throws {
        let cli = CLI()
        let unreachable = try cli.run(["complaint", "list", "--store", "postgres://wuye@127.0.0.1:1/wuye"])
        #expect(unreachable.status == 4)
        #expect(
            unreachable.firstErrorLine.contains("built without PostgreSQL")
                || unreachable.firstErrorLine.contains("cannot reach the shared store at postgres://wuye@127.0.0.1:1/wuye"))
        let wrong = try cli.run(["complaint", "list"], env: ["WUYE_STORE": "mysql://wuye@db/wuye"])
        #expect(wrong.status == 2)
        #expect(wrong.firstErrorLine.contains("is not a store address"))
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/wuye.sqlite"))
    }
}
