import Foundation
import Testing
import WuyeTestSupport

/// A guard and a supervisor at the real binary in a real terminal (tmux).
@Suite(
    "The guard and the supervisor in a real terminal", .serialized,
    .enabled(if: Tmux.available, "tmux is not installed: apt-get install -y tmux"))
struct RoleTerminalTests {
    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    /// Types a code the way a USB scanner does: the characters at once, then Enter.
    func scan(_ t: Tmux, _ code: String) throws {
        try Tmux.run(["send-keys", "-t", t.name, "-l", code, ";", "send-keys", "-t", t.name, "Enter"])
    }

    @Test(.timeLimit(.minutes(1)))
    func aGuardScansARoundFromTheConsole() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli, as: "guard-wang")
        try t.waitFor { $0.contains("scan ▸") && $0.contains("北区巡逻路线 14:00–15:00") }
        #expect(try t.screen().contains("2/4"))
        try scan(t, "cp-n-03")
        try t.waitFor("✓ CP-N-03 北区垃圾站")
        // A code beginning with q is typed into the field, not taken as quit.
        try scan(t, "q7")
        try t.waitFor("✗ q7: no checkpoint has the code 'q7'")
        try scan(t, "CP-N-03")
        try t.waitFor("already scanned in this round")
        try scan(t, "CP-N-04")
        let done = try t.waitFor("4/4 round complete")
        #expect(done.contains("北区巡逻路线 4/4 complete"))
        let rounds = try cli.json(["patrol", "rounds", "--site", "jinxiu", "--json"]) as! [[String: Any]]
        let north = rounds.first { $0["id"] as? String == "jinxiu/patrol/north-route/2026-11-29T14" }
        #expect(north?["state"] as? String == "complete")
        // A patrol wand's read-out of the garage round, imported elsewhere, shows at once.
        let wand = cli.home + "/wand.csv"
        try "code,time\nCP-G-01,2026-11-29 14:12\nCP-G-02,2026-11-29 14:15\n".write(toFile: wand, atomically: true, encoding: .utf8)
        #expect(try cli.run(["patrol", "import", wand], as: "guard-wang").status == 0)
        let imported = try t.waitFor { $0.contains("CP-G-02") && $0.contains("14:15 guard-wang ⇩") }
        #expect(imported.contains("2/3"))
        // Esc (the field empty) goes to the board, where q quits.
        try t.keys("Escape")
        try t.waitFor("Open complaints & enquiries")
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aSupervisorAnswersABreachFromTheConsole() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli, width: 120, height: 32, as: "sup-huang")
        let board = try t.waitFor { $0.contains("Breaches (8)") && $0.contains("What the breaches do to this month") }
        // What the board says the breaches do to the month is what `breach list` says (and
        // that is held to `kpi --json` in the command-line tests).
        let sentences = try cli.run(["breach", "list"], as: "sup-huang").out.split(separator: "\n").filter {
            $0.contains(" → ") && $0.contains("breach")
        }
        #expect(sentences.count == 4)
        for line in sentences { #expect(board.contains(line), "\(line)") }
        // The first row is R-6, the longest overdue: acknowledge it, then escalate it.
        try t.keys("A")
        try t.waitFor("R-6 · acknowledge the breach")
        try t.type("已电话催促工程部")
        try t.keys("C-s")
        try t.waitFor("saved: R-6 breach acknowledged")
        try t.keys("E")
        try t.waitFor("R-6 · escalate")
        try t.type("tech-sun")
        try t.keys("Tab")
        try t.type("请孙磊今天处理")
        try t.keys("C-s")
        try t.waitFor("saved: R-6 escalated to tech-sun")
        let log = try cli.run(["log", "--json"]).out
        let entries = try JSONSerialization.jsonObject(with: Data(log.utf8)) as! [[String: Any]]
        let r6 = entries.filter { $0["subject"] as? String == "R-6" }.map { $0["type"] as? String ?? "" }
        #expect(r6.suffix(2) == ["item.breach_acknowledged", "item.escalated"])
        #expect(log.contains("已电话催促工程部") && log.contains("请孙磊今天处理"))
        // The handover and a look back, then quit.
        try t.keys("H")
        try t.waitFor("Handover all sites: 2026-11-29 08:00")
        try t.keys("Escape")
        try t.keys("@")
        try t.waitFor("Look back")
        try t.type("2026-11-29 09:00")
        try t.keys("C-s")
        try t.waitFor { $0.contains("AS OF") && $0.contains("09:00:00") }
        try t.keys("Escape")
        try t.waitFor { !$0.contains("AS OF") }
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    /// A guard booth's text console (`TERM=linux`): only ASCII reaches the screen, and a
    /// clock's state is still a symbol.
    @Test(.timeLimit(.minutes(1)))
    func theLinuxConsoleGetsASCII() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli, as: "desk-li", extraEnv: ["TERM": "linux"])
        let screen = try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        let allASCII = screen.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII, "\(screen)")
        #expect(screen.contains("X C-2") && screen.contains("= C-4"))
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }
}
