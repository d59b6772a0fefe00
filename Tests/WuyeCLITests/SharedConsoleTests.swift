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
        // Nothing missed or taken twice: each machine's copy holds the journal as the server does.
        for machine in [desk, office, writer] {
            let check = try machine.run(["check"], env: ["WUYE_STORE": url])
            #expect(check.status == 0, "\(check.out)\(check.err)")
        }
        for s in screens { try s.keys("q") }
    }
}
