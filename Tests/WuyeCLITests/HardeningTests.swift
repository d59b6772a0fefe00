import Foundation
import Testing
import WuyeCore
import WuyeTestSupport

/// The real binary against what a careful operator tries: hostile text already in a
/// store, full disks, bad arguments, backups, restores, read-only media, odd times.
@Suite("Hardening on the real binary")
struct HardeningTests {
    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T10:00:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    func sql(_ file: String, _ script: String, _ params: [String] = []) throws {
        let (status, _, err) = try Child.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2], json.loads(sys.argv[3])); c.commit()",
                file, script, String(decoding: try JSONSerialization.data(withJSONObject: params), as: UTF8.self),
            ])
        if status != 0 { throw WuyeError.badInput("python: \(err)") }
    }

    /// ESC, an OSC 52 clipboard write, a screen clear, a title change, C1 CSI, a bidi
    /// override, a zero-width joiner and a NUL.
    static let hostile = "锦绣\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{1B}]0;title\u{07}\u{9B}31m\u{202E}txe\u{200D}x\u{0}end"

    static func dangerous(_ s: String) -> [UInt32] {
        s.unicodeScalars.map(\.value).filter {
            $0 == 0x1B || $0 == 0x07 || $0 == 0x00 || (0x80...0x9F).contains($0) || $0 == 0x202E || $0 == 0x200D
        }
    }

    @Test func everyOutputPathShowsHostileStoredTextInert() throws {
        let cli = try demo()
        let file = cli.home + "/wuye.sqlite"
        // The site row holds JSON: the hostile name goes in escaped, as an encoder writes it.
        let jsonText = Self.hostile.unicodeScalars.map { c in
            c.value < 0x20 || (0x7F...0x9F).contains(c.value) || (0x2000...0x20FF).contains(c.value)
                ? "\\u" + String(String(c.value, radix: 16).reversed()).padding(toLength: 4, withPad: "0", startingAt: 0).reversed()
                : String(c)
        }.joined()
        // As an older or forged store might hold it: in a site name, a unit and an item's text.
        try sql(file, "UPDATE sites SET data = replace(data, '锦绣花园', ?)", [jsonText])
        try sql(file, "UPDATE items SET text = ?, unit = ? WHERE id = 'C-1'", [Self.hostile, Self.hostile])
        let paths: [[String]] = [
            ["complaint", "list"], ["complaint", "show", "C-1"], ["complaint", "list", "--open"], ["log"], ["site", "list"],
            ["kpi"], ["kpi", "--csv"], ["appraisal"], ["checklist", "show"], ["patrol", "rounds"], [], ["complaint", "show", "c-1"],
            ["complaint", "list", "--bogus", "锦绣\u{9B}x"], ["no-such-command-\u{202E}x"], ["breach", "list"],
            ["complaint", "list", "--limit", "3"], ["handover"], ["handover", "--json"],
        ]
        for args in paths {
            let r = try cli.run(args, as: "sup-huang")
            #expect(Self.dangerous(r.out) == [], "stdout of \(args)")
            #expect(Self.dangerous(r.err) == [], "stderr of \(args)")
            #expect(r.err.split(separator: "\n").count <= 1, "\(args): \(r.err)")
        }
        let shownRun = try cli.run(["complaint", "show", "C-1"])
        #expect(shownRun.status == 0, "\(shownRun.err)")
        let show = shownRun.out
        #expect(show.contains("␛]52;c;aGk=^G␛[2J"))
        #expect(show.contains("<U+202E>txe<U+200D>x"))
    }

    @Test func aNulOrAControlInAnImportedCellIsRefusedWithItsRowAndColumn() throws {
        let cli = try demo()
        let header = "kind,opened_at,site,unit,location,channel,category,text,emergency,complex,resolved_at\n"
        let before = try cli.eventCount()
        for (cell, what) in [
            ("楼上\u{0}漏水", "NUL (U+0000)"), ("楼上\u{1B}[2J漏水", "ESC (U+001B)"), ("a\u{85}b", "the control character U+0085"),
        ] {
            let file = cli.home + "/nul.csv"
            try
                (header + "complaint,2026-11-02 09:15,jinxiu,3-1802,,hotline,噪音,好的一行,no,no,\n"
                + "complaint,2026-11-02 09:15,jinxiu,3-1802,,hotline,噪音,\(cell),no,no,\n").write(
                    toFile: file, atomically: true, encoding: .utf8)
            let r = try cli.run(["import", file], as: "sup-huang")
            #expect(r.status == 2)
            #expect(r.firstErrorLine.contains("row 3, column text: it contains \(what)"), "\(r.err)")
        }
        #expect(try cli.eventCount() == before)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func spreadsheetCellsNeverRunAsFormulas() {
        #expect(SpreadsheetCell.make("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(SpreadsheetCell.make("+1+1") == "'+1+1")
        #expect(SpreadsheetCell.make("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetCell.make("-2+3") == "'-2+3")
        #expect(SpreadsheetCell.make("-0.5") == "-0.5")
        #expect(SpreadsheetCell.make("\tx") == "^Ix")
        #expect(SpreadsheetCell.make("漏水, 严重") == "\"漏水, 严重\"")
    }

    @Test func everyOutputChecksItsWrites() throws {
        let cli = try demo()
        for args in [["log"], ["complaint", "list", "--json"], ["kpi", "--html"], ["kpi", "--csv"], ["complaint", "show", "C-1"]] {
            guard let bin = CLI.binary else { return }
            let (status, _, err) = try Child.run(
                "/bin/sh", ["-c", "\"$0\" \"$@\" > /dev/full", bin] + args,
                env: ["WUYE_HOME": cli.home, "WUYE_NOW": cli.now!, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
            #expect(status == 4, "\(args)")
            #expect(err == "wuye: cannot write the output (No space left on device); what was printed is incomplete\n", "\(args)")
        }
    }

    @Test func argumentMistakesGetOneLineAndTheRightStatus() throws {
        let cli = try demo()
        let missing = try cli.run(["complaint", "open", "--site", "jinxiu"])
        #expect(missing.status == 2)
        #expect(missing.err == "wuye: Missing expected argument '--channel <channel>'; see 'wuye complaint open --help'\n")
        let empty = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "", "--channel", "hotline", "--category", "x", "--text", "y",
        ])
        #expect(empty.status == 2)
        #expect(empty.firstErrorLine == "wuye: --unit cannot be empty; give a unit such as 3-1802")
        // The same limits as the console's forms.
        let long = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "x", "--text",
            String(repeating: "漏", count: 501),
        ])
        #expect(long.status == 2)
        #expect(long.firstErrorLine == "wuye: --text is 501 characters long; at most 500")
        #expect(try cli.run(["complaint", "respond", "C-1", "--note", String(repeating: "a", count: 501)]).status == 2)
        let rating = try cli.run(["complaint", "callback", "C-5", "--rating", "-1"])
        #expect(rating.status == 2)
        #expect(rating.err == "wuye: rating must be 1–5, got -1\n")
    }

    @Test func backupAndDemoLeaveNoHalfFilesBehind() throws {
        let cli = try demo()
        let target = cli.home + "/nightly.sqlite"
        // What a killed backup leaves: its work file, under a process that is gone.
        let stale = cli.home + "/.monday.sqlite.partial-999999"
        FileManager.default.createFile(atPath: stale, contents: Data(count: 10))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try cli.run(["backup", target]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale))
        // A killed demo build leaves its folder; the next run clears it.
        let empty = CLI()
        let leftover = empty.home + "/.demo-999999"
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        #expect(try empty.run(["init", "--demo"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    @Test(.timeLimit(.minutes(1)))
    func aBackupKilledMidwayNeverLeavesAFileUnderTheBackupsName() throws {
        guard let bin = CLI.binary else { return }
        let cli = try demo()
        for (n, delay) in [0, 2_000, 5_000, 9_000, 14_000, 20_000, 27_000, 40_000].enumerated() {
            let target = cli.home + "/b\(n).sqlite"
            let c = try Child(bin, ["backup", target], env: ["WUYE_HOME": cli.home, "LANG": "C.UTF-8"])
            usleep(UInt32(delay))
            kill(c.pid, SIGKILL)
            _ = c.readAll()
            _ = c.wait()
            // Either the whole backup is there and checks out, or nothing is.
            if FileManager.default.fileExists(atPath: target) {
                let copy = CLI()
                try FileManager.default.copyItem(atPath: target, toPath: copy.home + "/wuye.sqlite")
                #expect(try copy.run(["check"]).status == 0)
            }
        }
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func restoreAndInitKilledAtAnyMomentLeaveAWholeStore() throws {
        guard let bin = CLI.binary else { return }
        let cli = try demo()
        let backup = cli.home + "/../" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: backup) }
        #expect(try cli.run(["backup", backup]).status == 0)
        let env = ["WUYE_HOME": cli.home, "LANG": "C.UTF-8", "WUYE_AS": "sup-huang", "WUYE_NOW": cli.now!]
        for delay in [0, 1_000, 3_000, 6_000, 10_000, 15_000, 22_000, 30_000, 45_000, 70_000] {
            let c = try Child(bin, ["restore", backup], env: env)
            usleep(UInt32(delay))
            kill(c.pid, SIGKILL)
            _ = c.readAll()
            _ = c.wait()
            // Whatever the moment, the folder holds a whole store that checks out.
            let check = try cli.run(["check"])
            #expect(check.status == 0, "killed after \(delay) µs: \(check.err)")
        }
        for delay in [0, 2_000, 8_000, 20_000, 50_000] {
            let fresh = CLI()
            let c = try Child(bin, ["init", "--demo"], env: ["WUYE_HOME": fresh.home, "LANG": "C.UTF-8"])
            usleep(UInt32(delay))
            kill(c.pid, SIGKILL)
            _ = c.readAll()
            _ = c.wait()
            // Either no store (and the next init builds one) or a whole one.
            if FileManager.default.fileExists(atPath: fresh.home + "/wuye.sqlite") {
                #expect(try fresh.run(["check"]).status == 0)
            } else {
                #expect(try fresh.run(["init", "--demo"]).status == 0)
                #expect(try FileManager.default.contentsOfDirectory(atPath: fresh.home).filter { $0.hasPrefix(".demo-") } == [])
            }
        }
    }

    @Test func restoreFromTheCommandLine() throws {
        let cli = try demo()
        let backup = cli.home + "/../" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: backup) }
        #expect(try cli.run(["backup", backup]).status == 0)
        #expect(try cli.run(["complaint", "respond", "C-1"]).status == 0)
        #expect(try cli.run(["restore", backup]).status == 1)  // desk-li is no supervisor
        let r = try cli.run(["restore", backup], as: "sup-huang")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("restored: "))
        #expect(r.out.contains("the store it replaced is kept as \(cli.home)/wuye.sqlite.before-restore-"))
        let shown = try cli.json(["complaint", "show", "C-1", "--json"]) as? [String: Any]
        #expect((shown?["item"] as? [String: Any])?["status"] as? String == "received")
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aReadOnlyStoreCanStillBeRead() throws {
        guard let bin = CLI.binary, getuid() == 0 else { return }  // needs another user to be read-only for
        let cli = try demo()
        let folder = NSTemporaryDirectory() + "wuye-ro-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try cli.run(["backup", folder + "/wuye.sqlite"]).status == 0)
        chmod(folder, 0o755)
        chmod(folder + "/wuye.sqlite", 0o644)
        let tool = folder + "-wuye"
        try? FileManager.default.removeItem(atPath: tool)
        // Copied by cp, in a process of its own: a file this process held open for writing
        // would leak into children other tests fork meanwhile, and exec would fail (ETXTBSY).
        #expect(try Child.run("/bin/cp", [bin, tool]).0 == 0)
        defer { try? FileManager.default.removeItem(atPath: tool) }
        func asNobody(_ args: [String]) throws -> (Int32, String, String) {
            try Child.run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", tool] + args,
                env: ["WUYE_HOME": folder, "LANG": "C.UTF-8", "WUYE_NOW": cli.now!, "HOME": "/nonexistent"])
        }
        for args in [
            ["complaint", "list"], ["complaint", "show", "C-1"], ["site", "list"], ["log"], ["kpi"], ["standards", "show"], ["check"],
        ] {
            let (status, out, err) = try asNobody(args)
            #expect(status == 0, "\(args): \(err)")
            #expect(!out.isEmpty)
        }
        let (status, _, err) = try asNobody(["complaint", "respond", "C-1", "--as", "desk-li"])
        #expect(status == 4)
        #expect(err.contains("is read-only"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/wuye.sqlite-wal"))
    }

    @Test func aPatrolHourThatDoesNotExistIsNoRound() throws {
        let cli = CLI()
        let site = cli.home + "/ny.toml"
        try """
        [site]
        id = "hudson"
        name = "Hudson Yards Tower"
        kind = "office"
        time_zone = "America/New_York"
        units = ["101"]

        [[routes]]
        id = "lobby"
        checkpoints = [{ code = "NY-1" }]

        [[staff]]
        id = "guard-joe"
        role = "guard"
        """.write(toFile: site, atomically: true, encoding: .utf8)
        cli.now = "2026-03-01T12:00:00-05:00"
        #expect(try cli.run(["init", "--site", site], as: nil).status == 0)
        cli.now = "2026-03-08T23:00:00-04:00"
        let rounds = try cli.run(["patrol", "rounds", "--date", "2026-03-08", "--json"], as: "guard-joe")
        #expect(rounds.status == 0, "\(rounds.err)")
        let list = try JSONSerialization.jsonObject(with: Data(rounds.out.utf8)) as? [[String: Any]] ?? []
        #expect(list.count == 23)
        #expect(!list.contains { ($0["id"] as? String)?.hasSuffix("T02") == true })
        #expect(list.allSatisfy { $0["window_start"] is String && $0["window_start"] as? String != $0["window_end"] as? String })
    }

    @Test func idsAndCodesAreReadWhateverTheirCase() throws {
        let cli = try demo()
        #expect(try cli.run(["complaint", "show", "c-1"]).out.hasPrefix("C-1  complaint"))
        #expect(try cli.run(["complaint", "respond", "c-1"]).out.hasPrefix("saved: C-1 is responded"))
        #expect(try cli.run(["log", "--subject", "c-1"]).out.contains("responded"))
        let scan = try cli.run(["patrol", "scan", "cp-n-01"], as: "guard-wang")
        #expect(scan.out.hasPrefix("saved: CP-N-01 in round"), "\(scan.err)")
        let found = try cli.json(["item", "search", "c-1", "--json"]) as? [[String: Any]]
        #expect(found?.first?["id"] as? String == "C-1")
        let words = try cli.run(["item", "search", "漏水"])
        #expect(words.out.hasPrefix("ID "))
        #expect(words.out.contains("C-2 "))
        #expect(try cli.run(["item", "search", "没有这回事"]).out == "nothing found for '没有这回事'\n")
        // The same checkpoint typed again in another case is the same checkpoint.
        #expect(try cli.run(["patrol", "scan", "CP-N-01"], as: "guard-wang").status == 1)
    }

    @Test func anItemGoesToADepartmentThenToAPersonOfIt() throws {
        let cli = try demo()
        #expect(try cli.run(["complaint", "assign", "c-1", "--to", "工程部"]).status == 0)
        func item() throws -> [String: Any] {
            ((try cli.json(["complaint", "show", "C-1", "--json"]) as? [String: Any])?["item"] as? [String: Any]) ?? [:]
        }
        #expect(try item()["department"] as? String == "engineering")
        #expect(try item()["assignee"] is NSNull)
        #expect(try item()["status"] as? String == "assigned")
        #expect(try cli.run(["complaint", "assign", "C-1", "--to", "engineering", "--person", "tech-zhang"]).status == 0)
        #expect(try item()["assignee"] as? String == "tech-zhang")
        let wrong = try cli.run(["complaint", "assign", "C-1", "--to", "security", "--person", "tech-zhang"])
        #expect(wrong.status == 1)
        #expect(wrong.firstErrorLine == "wuye: tech-zhang is not in 保安部 (security); choose someone of that department")
        let unknown = try cli.run(["complaint", "assign", "C-1", "--to", "财务部"])
        #expect(unknown.status == 3)
        #expect(unknown.firstErrorLine.hasPrefix("wuye: 财务部 is neither a department of jinxiu (customer_service 客服部"))
        // Straight to a person, as before.
        #expect(try cli.run(["complaint", "assign", "C-8", "--to", "desk-qian"]).status == 0)
        #expect(try cli.run(["log", "--subject", "C-1"]).out.contains("assigned to engineering / tech-zhang"))
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aStepBeforeTheSiteWasTakenOnIsRefused() throws {
        let cli = try demo()
        let r = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "x", "--text", "y",
            "--at", "2025-01-01 09:00",
        ])
        #expect(r.status == 1)
        #expect(r.firstErrorLine.contains("is before jinxiu was taken on"))
    }
}
