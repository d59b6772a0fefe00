import Foundation
import Testing
import WuyeTestSupport

/// The real binary in a real terminal (tmux). Skipped, saying so, where tmux is absent.
@Suite("The console in a real terminal", .serialized, .enabled(if: Tmux.available, "tmux is not installed: apt-get install -y tmux"))
struct TerminalTests {
    func demo() throws -> CLI {
        let cli = CLI()
        // The console's clock starts here and runs on: the afternoon windows are open.
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    @Test(.timeLimit(.minutes(1)))
    func opensOnTheDemoAndTheCountdownsTick() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        // The first frame may be captured while it is still being written: wait for its last pane.
        let first = try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        #expect(first.contains("DEMO"))
        #expect(first.contains("楼上漏水到客厅"))
        #expect(first.contains("Today's checklist"))
        #expect(first.contains("Overdue repairs"))
        #expect(first.contains("This month"))
        #expect(first.contains("q quit"))
        let header = first.split(separator: "\n").first.map(String.init) ?? ""
        // Within three seconds the header clock has moved on.
        try t.waitFor(3) { ($0.split(separator: "\n").first.map(String.init) ?? "") != header }
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aComplaintOpenedOnTheCommandLineAppears() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor("Open complaints & enquiries")
        let id = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "1-101", "--channel", "wechat", "--category", "噪音", "--text", "夜间施工噪音扰民",
        ]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let screen = try t.waitFor("夜间施工噪音扰民")
        #expect(screen.contains(id))
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    @Test(.timeLimit(.minutes(1)))
    func spaceTicksADutyAndTheCommandLineSeesIt() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli, as: "clean-liu")
        try t.waitFor("Today's checklist")
        // Filter the checklist to the clubhouse and tick its first due duty.
        try t.keys("Tab")
        try t.keys("/")
        try t.keys("-l", "clubhouse")
        try t.keys("Enter")
        let before = try t.waitFor("[/clubh")
        #expect(before.contains("due"))
        try t.keys("Space")
        try t.waitFor("saved:")
        let json = try cli.json(["checklist", "--site", "jinxiu", "--kind", "cleaning", "--json"]) as! [[String: Any]]
        #expect(
            json.contains {
                ($0["id"] as! String).contains("clubhouse") && $0["done_by"] as? String == "clean-liu" && $0["state"] as? String == "done"
            })
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    @Test(.timeLimit(.minutes(1)))
    func asOfShowsThePastFrozenAndReadOnly() throws {
        let cli = try demo()
        cli.now = "2026-11-29T15:00:00+08:00"
        let later = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "1-101", "--channel", "hotline", "--category", "噪音", "--text", "半小时后才登记的投诉",
        ])
        #expect(later.status == 0)
        let t = try Tmux(cli: cli, args: ["--as-of", "2026-11-29T14:30:00+08:00"], as: "clean-liu")
        let screen = try t.waitFor("Open complaints & enquiries")
        let header = screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("AS OF"))
        #expect(header.contains("14:30:00"))
        #expect(screen.contains("楼上漏水到客厅"))
        #expect(!screen.contains("半小时后才登记的投诉"))
        // The picture keeps its instant, and nothing can be ticked in it.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try t.screen().split(separator: "\n").first.map(String.init) == header)
        try t.keys("Tab")
        try t.keys("Space")
        try t.waitFor("looking at the past")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        // A time still to come is refused.
        #expect(try cli.run(["console", "--as-of", "2026-11-30T09:00:00+08:00"]).status == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func resizingBelowTheMinimumAndBack() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor("Open complaints & enquiries")
        try t.resize(60, 20)
        try t.waitFor("terminal too small (needs 80×24)")
        try t.resize(100, 30)
        let back = try t.waitFor("Open complaints & enquiries")
        #expect(!back.contains("too small"))
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermEndsCleanlyAndRestoresTheTerminal() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor("Open complaints & enquiries")
        let pid = try #require(t.pid)
        kill(pid, SIGTERM)
        let after = try t.waitFor { $0.contains("EXIT=") && $0.contains("echo") }
        #expect(after.contains("EXIT=0"))
        // The shell's screen is back (no console left over) and echo is on again.
        #expect(!after.contains("Open complaints & enquiries"))
        #expect(after.contains("echo"))
        #expect(!after.contains("-echo"))
    }

    @Test(.timeLimit(.minutes(1)))
    func helpDetailAndChinese() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli, args: ["--lang", "zh"])
        try t.waitFor("待办投诉与咨询")
        try t.keys("?")
        try t.waitFor("按键")
        try t.keys("Escape")
        try t.keys("Enter")
        let detail = try t.waitFor("处理记录")
        #expect(detail.contains("C-2"))
        try t.keys("Escape")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    @Test(.timeLimit(.minutes(1)))
    func aStoreReplacedUnderTheConsoleIsShownAsNotLive() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        // Another store file put in place of the open one (a copy, a restore by hand).
        let store = cli.home + "/wuye.sqlite"
        try FileManager.default.copyItem(atPath: store, toPath: store + ".copy")
        #expect(rename(store + ".copy", store) == 0)
        let screen = try t.waitFor("NOT LIVE")
        #expect(screen.contains("has been replaced"))
        // Frozen: the header clock no longer moves.
        let header = screen.split(separator: "\n").first.map(String.init) ?? ""
        usleep(1_500_000)
        #expect((try t.screen().split(separator: "\n").first.map(String.init) ?? "") == header)
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aComplaintIsLoggedThroughTheFormWithChineseText() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        try t.keys("n")
        try t.waitFor("c complaint")
        try t.keys("c")
        try t.waitFor("New complaint")
        try t.type("3-1802")
        try t.keys("Tab")
        try t.type("噪音")
        try t.keys("Tab")
        try t.type("楼上凌晨两点还在装修")
        // Ctrl-C in the form would cancel only the form; here the form is saved.
        try t.keys("C-s")
        let screen = try t.waitFor("saved: C-9")
        #expect(screen.contains("楼上凌晨两点还在装修"))
        let list = try cli.json(["complaint", "list", "--json"]) as! [[String: Any]]
        let item = list.first { $0["id"] as? String == "C-9" }
        #expect(item?["text"] as? String == "楼上凌晨两点还在装修")
        #expect(item?["unit"] as? String == "3-1802")
        #expect(item?["category"] as? String == "噪音")
        // Ctrl-C cancels a form, never the console.
        try t.keys("n")
        try t.keys("e")
        try t.waitFor("New enquiry")
        try t.keys("C-c")
        try t.waitFor { !$0.contains("New enquiry") && $0.contains("q quit") }
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aComplaintIsAssignedRespondedResolvedAndCalledBackFromTheConsole() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        try t.keys("j")  // C-1
        try t.keys("Enter")
        try t.waitFor("a assign")
        try t.keys("a")
        try t.waitFor("C-1 · assign")
        try t.type("工程部")
        try t.keys("Tab")
        try t.type("tech-zhang")
        try t.keys("C-s")
        try t.waitFor("assigned to engineering / tech-zhang")
        try t.keys("r")
        try t.waitFor("C-1 · respond")
        try t.keys("C-s")
        try t.waitFor("saved: C-1 responded")
        try t.keys("d")
        try t.type("已更换导轨")
        try t.keys("C-s")
        try t.waitFor("saved: C-1 resolved")
        try t.keys("c")
        try t.type("5")
        try t.keys("C-s")
        try t.waitFor("called back, rating 5/5")
        let shown = try cli.json(["complaint", "show", "C-1", "--json"]) as? [String: Any]
        let item = shown?["item"] as? [String: Any]
        #expect(item?["status"] as? String == "called_back")
        #expect(item?["rating"] as? Int == 5)
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aGuardIsNotOfferedResolve() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli, as: "guard-wang")
        // A guard opens on the patrol view; Esc (with the scan field empty) goes to the board.
        try t.waitFor("scan ▸")
        try t.keys("Escape")
        try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        try t.keys("Enter")
        let detail = try t.waitFor("Clocks")
        #expect(!detail.contains("d resolve"))
        try t.keys("d")
        try t.waitFor("a guard cannot resolve")
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aPinIsRefusedThenAccepted() throws {
        let cli = try demo()
        guard let bin = CLI.binary else { return }
        let (status, _, err) = try Child.run(
            "/bin/sh", ["-c", "printf '2468\\n' | \"$0\" staff pin desk-li --as sup-huang", bin],
            env: ["WUYE_HOME": cli.home, "LANG": "C.UTF-8", "WUYE_NOW": cli.now!, "PATH": "/usr/bin:/bin"])
        #expect(status == 0, "\(err)")
        let t = try Tmux(cli: cli)  // started as desk-li, who now has a PIN
        try t.waitFor("Who is at this desk?")
        try t.type("1111")
        try t.keys("Enter")
        let refused = try t.waitFor("wrong PIN for desk-li")
        #expect(!refused.contains("楼上漏水"))
        try t.type("2468")
        try t.keys("Enter")
        try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("李静 desk") }
        try t.keys("C-x")
        try t.waitFor("Who is at this desk?")
        try t.keys("Escape")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }

    @Test(.timeLimit(.minutes(1)))
    func theSelectionStaysOnItsItemWhileAnotherProcessOpensAnEmergency() throws {
        let cli = try demo()
        let t = try Tmux(cli: cli)
        try t.waitFor { $0.contains("Open complaints & enquiries") && $0.contains("q quit") }
        try t.keys("j")  // C-1, second row
        // Another desk opens an emergency: it goes to the top and pushes every row down.
        let r = try cli.run(
            [
                "complaint", "open", "--site", "jinxiu", "--unit", "2-801", "--channel", "hotline", "--category", "漏水", "--text", "水管爆裂",
                "--emergency",
            ], as: "desk-zhao")
        #expect(r.status == 0)
        try t.waitFor("水管爆裂")
        try t.keys("Enter")
        let detail = try t.waitFor("Clocks")
        #expect(detail.contains("C-1  complaint"))
        try t.keys("Escape")
        try t.keys("q")
        #expect(try t.waitFor("EXIT=0").contains("EXIT=0"))
    }
}
