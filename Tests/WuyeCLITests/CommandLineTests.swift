import Foundation
import Testing

@Suite("The wuye command line (real binary)", .serialized)
struct CommandLineTests {
    let now = "2026-11-29T10:00:00+08:00"

    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = now
        let r = try cli.run(["init", "--demo"])
        #expect(r.status == 0)
        return cli
    }

    @Test func firstRunBuildsTheDemoAndSaysSo() throws {
        let cli = CLI()
        let r = try cli.run([])
        #expect(r.status == 0)
        #expect(r.out.contains("built the demo property"))
        #expect(r.out.contains("DEMO"))
        #expect(r.out.contains("楼上漏水到客厅"))
        let again = try cli.run([])
        #expect(!again.out.contains("built the demo property"))
    }

    @Test func openPrintsTheIdAloneAndListShowsItWithClocks() throws {
        let cli = try demo()
        let r = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "噪音",
            "--text", "电梯晚上异响", "--at", "09:50",
        ])
        #expect(r.status == 0)
        #expect(r.out == "C-9\n")
        let list = try cli.json(["complaint", "list", "--open", "--json"]) as! [[String: Any]]
        let c = list.first { $0["id"] as? String == "C-9" }!
        #expect(c["site"] as? String == "jinxiu")
        #expect(c["status"] as? String == "received")
        #expect(c["paused"] as? Bool == false)
        #expect(c["cycle"] as? Int == 1)
        #expect(c["breached"] as? Bool == false)
        let clocks = c["clocks"] as! [[String: Any]]
        #expect(clocks.map { $0["kind"] as! String } == ["response", "result"])
        #expect(clocks[0]["state"] as? String == "running")  // 10 of 30 minutes gone
        #expect(clocks[0]["deadline"] as? String == "2026-11-29T10:20:00+08:00")
        #expect(clocks[0]["remaining_seconds"] as? Int == 1200)
    }

    /// `--limit N` and `--after ID` page through a list in its own order, in text and
    /// JSON alike; pages joined are the whole list; a wrong `--after` says what to do.
    @Test func listsArePagedWithLimitAndAfter() throws {
        let cli = try demo()
        for extra in [["--open"], ["--all"]] {
            let whole = (try cli.json(["complaint", "list", "--json"] + extra) as! [[String: Any]]).map { $0["id"] as! String }
            #expect(whole.count > 4)
            var paged: [String] = []
            var after: [String] = []
            while true {
                let page = (try cli.json(["complaint", "list", "--json", "--limit", "2"] + extra + after) as! [[String: Any]])
                    .map { $0["id"] as! String }
                #expect(page.count <= 2)
                if page.isEmpty { break }
                paged += page
                after = ["--after", page.last!]
            }
            #expect(paged == whole)
            // Text pages hold the same rows, the header once per page.
            let text = try cli.run(["complaint", "list", "--limit", "2", "--after", whole[1]] + extra)
            let rows = text.out.split(separator: "\n").dropFirst().map { String($0.split(separator: " ").first!) }
            #expect(rows == Array(whole[2..<4]))
        }
        let closed = try cli.run(["complaint", "list", "--after", "C-6"])
        #expect(closed.status == 2)
        #expect(closed.err.contains("C-6 is no longer open"))
        let other = try cli.run(["repair", "list", "--after", "C-1"])
        #expect(other.status == 2)
        #expect(other.err.contains("not in this list"))
        #expect(try cli.run(["complaint", "list", "--limit", "0"]).status == 2)
        #expect(try cli.run(["complaint", "list", "--after", "C-999"]).status == 3)
    }

    /// A list spelled plainly is read without Argument Parser (`FastPath`); the same list
    /// with `--name=value` goes through it. Both print the same, refuse the same, and in
    /// Chinese too; what the fast reading does not know is left to the full parser.
    @Test func aPlainListReadsTheSameWithoutTheFullParser() throws {
        let cli = try demo()
        #expect(try cli.run(["complaint", "respond", "C-2"]).status == 0)
        let cases: [([String], [String])] = [
            (["complaint", "list"], ["complaint", "list", "--home=\(cli.home)"]),
            (["complaint", "list", "--json"], ["complaint", "list", "--json", "--home=\(cli.home)"]),
            (["repair", "list", "--all", "--json"], ["repair", "list", "--all", "--json", "--home=\(cli.home)"]),
            (["enquiry", "list", "--breached"], ["enquiry", "list", "--breached", "--home=\(cli.home)"]),
            (["complaint", "list", "--overdue", "--json"], ["complaint", "list", "--overdue", "--json", "--home=\(cli.home)"]),
            (["complaint", "list", "--limit", "2", "--json"], ["complaint", "list", "--limit=2", "--json"]),
            (["complaint", "list", "--after", "C-2", "--limit", "1"], ["complaint", "list", "--after=C-2", "--limit", "1"]),
            (["complaint", "list", "--site", "jinxiu", "--json"], ["complaint", "list", "--site=jinxiu", "--json"]),
            (["complaint", "list", "--site", "nowhere"], ["complaint", "list", "--site=nowhere"]),
            (["complaint", "list", "--after", "C-999"], ["complaint", "list", "--after=C-999"]),
            (["complaint", "list", "--as", "sup-huang"], ["complaint", "list", "--as=sup-huang"]),
        ]
        for (plain, full) in cases {
            for lang in ["C.UTF-8", "zh_CN.UTF-8"] {
                let a = try cli.run(plain, env: ["LANG": lang])
                let b = try cli.run(full, env: ["LANG": lang])
                #expect(a.status == b.status, "\(plain)")
                #expect(a.out == b.out, "\(plain)")
                #expect(a.err == b.err, "\(plain)")
            }
        }
        // What the plain reading does not take is still read, or refused, by the full parser.
        #expect(try cli.run(["complaint", "list", "--limit", "0"]).status == 2)
        #expect(try cli.run(["complaint", "list", "--open", "--all"]).status == 2)
        #expect(try cli.run(["complaint", "list", "--json", "--json"]).out == cli.run(["complaint", "list", "--json"]).out)
        #expect(try cli.run(["complaint", "list", "--sight", "jinxiu"]).err.contains("--sight"))
        #expect(try cli.run(["complaint", "list", "--help"]).out.contains("--limit"))
    }

    /// A step that takes only a note, spelled plainly, is read without Argument Parser
    /// too: on two stores alike, the plain and the `--name=value` spellings print, refuse
    /// and record the same.
    @Test func aPlainStepReadsTheSameWithoutTheFullParser() throws {
        let plain = try demo()
        let full = try demo()
        let steps: [([String], [String])] = [
            (["complaint", "respond", "C-1", "--note", "已到现场"], ["complaint", "respond", "C-1", "--note=已到现场"]),
            (["complaint", "respond", "C-1"], ["complaint", "respond", "C-1", "--home=\(full.home)"]),
            (["complaint", "resolve", "C-1", "--json"], ["complaint", "resolve", "C-1", "--json", "--home=\(full.home)"]),
            (["complaint", "close", "C-404"], ["complaint", "close", "C-404", "--home=\(full.home)"]),
            (["complaint", "progress", "C-2", "--at", "09:00"], ["complaint", "progress", "C-2", "--at=09:00"]),
            (["repair", "ack", "R-1", "--as", "tech-zhang"], ["repair", "ack", "R-1", "--as=tech-zhang"]),
            (["repair", "respond", "--note", "关阀", "R-1"], ["repair", "respond", "--note=关阀", "R-1"]),
            (["repair", "resolve", "R-1"], ["repair", "resolve", "R-1", "--home=\(full.home)"]),
            (["repair", "resume", "R-1"], ["repair", "resume", "R-1", "--home=\(full.home)"]),
            (["enquiry", "answer", "E-1", "--json"], ["enquiry", "answer", "E-1", "--json", "--home=\(full.home)"]),
            (["enquiry", "close", "E-1"], ["enquiry", "close", "E-1", "--home=\(full.home)"]),
            (["complaint", "respond", "R-1"], ["complaint", "respond", "R-1", "--home=\(full.home)"]),
        ]
        for (a, b) in steps {
            for lang in ["C.UTF-8", "zh_CN.UTF-8"] {
                let x = try plain.run(a, env: ["LANG": lang])
                let y = try full.run(b, env: ["LANG": lang])
                #expect(x.status == y.status, "\(a)")
                #expect(x.out == y.out, "\(a)")
                #expect(x.err == y.err, "\(a)")
            }
        }
        for id in ["C-1", "C-2", "R-1", "E-1"] {
            let kind = ["C": "complaint", "R": "repair", "E": "enquiry"][String(id.prefix(1))]!
            #expect(try plain.run([kind, "show", id, "--json"]).out == full.run([kind, "show", id, "--json"]).out)
        }
        #expect(try plain.run(["log", "--json"]).out == full.run(["log", "--json"]).out)
        // Not a note-only step, or not plainly spelled: the full parser reads or refuses it.
        #expect(try plain.run(["enquiry", "respond", "E-2"]).status == 2)
        #expect(try plain.run(["complaint", "respond"]).status == 2)
        #expect(try plain.run(["complaint", "respond", "C-3", "C-4"]).status == 2)
        #expect(try plain.run(["repair", "resolve", "R-2", "--cost", "abc"]).status == 2)
        #expect(try plain.run(["complaint", "respond", "--help"]).out.contains("--note"))
    }

    @Test func workingAComplaintThroughItsLife() throws {
        let cli = try demo()
        #expect(try cli.run(["complaint", "respond", "C-1"]).status == 0)
        #expect(try cli.run(["complaint", "resolve", "C-1", "--note", "已更换导轨"]).status == 0)
        let r = try cli.run(["complaint", "callback", "C-1", "--rating", "5"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("saved: C-1 is called_back"))
        #expect(try cli.run(["complaint", "close", "C-1"]).status == 0)
        let show = try cli.json(["complaint", "show", "C-1", "--json"]) as! [String: Any]
        let item = show["item"] as! [String: Any]
        #expect(item["status"] as? String == "closed")
        #expect(item["rating"] as? Int == 5)
        let timeline = show["timeline"] as! [[String: Any]]
        #expect(
            timeline.map { $0["type"] as! String } == ["item.opened", "item.responded", "item.resolved", "item.called_back", "item.closed"])
        // Reopen starts cycle 2 and keeps cycle 1 in the history.
        #expect(try cli.run(["complaint", "reopen", "C-1", "--reason", "又响了"]).status == 0)
        let again = (try cli.json(["complaint", "show", "C-1", "--json"]) as! [String: Any])["item"] as! [String: Any]
        #expect(again["cycle"] as? Int == 2)
        #expect(again["status"] as? String == "received")
        #expect((again["clocks"] as! [[String: Any]]).contains { $0["cycle"] as? Int == 1 })
    }

    @Test func badInputGetsOneLineAndExitTwo() throws {
        let cli = try demo()
        let before = try cli.eventCount()
        try cli.run(["complaint", "resolve", "C-1"])
        let r = try cli.run(["complaint", "callback", "C-1", "--rating", "9"])
        #expect(r.status == 2)
        #expect(r.firstErrorLine == "wuye: rating must be 1–5, got 9")
        let u = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "fax", "--category", "x", "--text", "y",
        ])
        #expect(u.status == 2)
        #expect(u.firstErrorLine.contains("fax"))
        #expect(u.err.contains("--help"))
        let unknownOption = try cli.run(["complaint", "list", "--colour"])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.err.split(separator: "\n").count <= 2)
        let t = try cli.run(["complaint", "respond", "C-2", "--at", "yesterday-ish"])
        #expect(t.status == 2)
        #expect(t.firstErrorLine.contains("is not a time"))
        #expect(try cli.eventCount() == before + 1)  // only the resolve
    }

    @Test func exitStatusesFollowTheContract() throws {
        let cli = try demo()
        let before = try cli.eventCount()
        // 3: not found.
        #expect(try cli.run(["complaint", "show", "C-999"]).status == 3)
        #expect(try cli.run(["complaint", "respond", "C-1"], as: "nobody").status == 3)
        #expect(try cli.run(["complaint", "list", "--site", "atlantis"]).status == 3)
        // 1: refused by a rule (role, state, time).
        let role = try cli.run(["complaint", "resolve", "C-1"], as: "guard-wang")
        #expect(role.status == 1)
        #expect(
            role.firstErrorLine
                == "wuye: a guard cannot resolve a complaint; the desk, a supervisor or the technician it is assigned to can")
        #expect(try cli.run(["complaint", "callback", "C-1", "--rating", "4"]).status == 1)
        let future = try cli.run(["complaint", "respond", "C-1", "--at", "2026-11-29T10:30:00+08:00"])
        #expect(future.status == 1)
        #expect(future.firstErrorLine.contains("in the future"))
        let early = try cli.run(["complaint", "respond", "C-1", "--at", "2026-11-28T10:30:00+08:00"])
        #expect(early.status == 1)
        #expect(early.firstErrorLine.contains("cannot be dated before it"))
        // 2: no actor.
        #expect(try cli.run(["complaint", "respond", "C-1"], as: nil).status == 2)
        #expect(try cli.eventCount() == before)
        // 4: the store cannot be used.
        let empty = CLI()
        let r = try empty.run(["complaint", "list"])
        #expect(r.status == 4)
        #expect(r.firstErrorLine.contains("wuye init"))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: empty.home + "/wuye.sqlite"))
        #expect(try empty.run(["complaint", "list"]).status == 4)
    }

    @Test func backdatedStepIsMarkedInTheTimeline() throws {
        let cli = try demo()
        // The phone was answered at 09:40 but typed in at 10:00.
        #expect(try cli.run(["complaint", "respond", "C-1", "--at", "09:40"]).status == 0)
        let show = try cli.run(["complaint", "show", "C-1"])
        #expect(show.out.contains("back-dated"))
        let json = try cli.json(["complaint", "show", "C-1", "--json"]) as! [String: Any]
        let timeline = json["timeline"] as! [[String: Any]]
        #expect(timeline.last?["backdated"] as? Bool == true)
    }

    @Test func controlCharactersInArgumentsAreRefusedAndWriteNothing() throws {
        let cli = try demo()
        let before = try cli.eventCount()
        let evil = "漏水\u{1B}]0;pwned\u{07}\u{1B}[2J\r\u{202E}gpj.exe"
        let r = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "wechat", "--category", "漏水", "--text", evil,
        ])
        #expect(r.status == 2)
        #expect(r.err == "wuye: the value of --text contains ESC (U+001B); remove it (control characters cannot be stored)\n")
        #expect(try cli.eventCount() == before)
        // A line break is text: an owner's message may run over lines, and is shown inert.
        let id = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "wechat", "--category", "漏水", "--text",
            "第一行\n第二行 \u{202E}gpj.exe",
        ]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let show = try cli.run(["complaint", "show", id])
        #expect(show.out.contains("第一行^J第二行 <U+202E>gpj.exe"))
        let json = try cli.run(["complaint", "show", id, "--json"])
        #expect(json.out.contains(#"第一行\n第二行 \u202egpj.exe"#))
    }

    @Test func enquiriesAndRepairs() throws {
        let cli = try demo()
        let e = try cli.run(["enquiry", "open", "--site", "jinxiu", "--unit", "2-801", "--text", "停车卡怎么办理？"]).out
        #expect(e == "E-3\n")
        #expect(try cli.run(["enquiry", "answer", "E-3"]).status == 0)
        #expect(try cli.run(["enquiry", "close", "E-3"]).status == 0)
        let r = try cli.run(
            ["repair", "open", "--site", "jinxiu", "--location", "lifts", "--text", "电梯按钮失灵", "--emergency"], as: "guard-wang")
        // R-6 is the demo's repair found on yesterday's cleaning round.
        #expect(r.out == "R-7\n")
        #expect(try cli.run(["repair", "ack", "R-7"], as: "tech-zhang").status == 0)
        #expect(try cli.run(["repair", "respond", "R-7"], as: "tech-zhang").status == 0)
        #expect(try cli.run(["repair", "resolve", "R-7"], as: "tech-zhang").status == 0)
        let overdue = try cli.json(["repair", "list", "--overdue", "--json"]) as! [[String: Any]]
        #expect(Set(overdue.map { $0["id"] as! String }) == ["R-1", "R-2", "R-3", "R-5", "R-6"])
        #expect(overdue.allSatisfy { $0["breached"] as? Bool == true })
        // A repair id is not a complaint.
        #expect(try cli.run(["complaint", "respond", "R-1"]).status == 3)
    }

    @Test func voidEditAndPauseNeedReasonsAndAreAudited() throws {
        let cli = try demo()
        #expect(try cli.run(["complaint", "void", "C-1"]).status == 2)
        #expect(try cli.run(["complaint", "void", "C-1", "--reason", "重复录入"]).status == 0)
        #expect(try cli.run(["complaint", "edit", "C-2", "--unit", "2-1504", "--reason", "房号记错"]).status == 0)
        #expect(try cli.run(["complaint", "edit", "C-7", "--complex", "--reason", "涉及施工方"]).status == 0)
        #expect(try cli.run(["complaint", "pause", "C-7", "--reason", "等待施工方答复"]).status == 0)
        let log = try cli.json(["log", "--json", "--subject", "C-7"]) as! [[String: Any]]
        #expect(log.map { $0["type"] as! String }.suffix(2) == ["item.reclassified", "item.paused"])
        #expect(log.last?["actor"] as? String == "desk-li")
        let c7 = try cli.json(["complaint", "list", "--json"]) as! [[String: Any]]
        let item = c7.first { $0["id"] as? String == "C-7" }!
        #expect(item["paused"] as? Bool == true)
        #expect(
            (item["clocks"] as! [[String: Any]]).contains {
                $0["kind"] as? String == "progress" && $0["state"] as? String == "paused" && $0["deadline"] is NSNull
            })
    }

    @Test func staffStandardsAndSites() throws {
        let cli = try demo()
        let sites = try cli.json(["site", "list", "--json"]) as! [[String: Any]]
        #expect(sites.map { $0["id"] as! String } == ["jinxiu", "xinghe"])
        #expect(sites[0]["units"] as? Int == 252)
        let staff = try cli.json(["staff", "list", "--json"]) as! [[String: Any]]
        #expect(staff.first { $0["id"] as? String == "guard-wang" }?["role"] as? String == "guard")
        #expect(try cli.run(["staff", "add", "desk-new", "--name", "新人", "--role", "desk"]).status == 1)
        #expect(try cli.run(["staff", "add", "desk-new", "--name", "新人", "--role", "desk"], as: "sup-huang").status == 0)
        let file = cli.home + "/std.toml"
        try "[clocks.complaint]\nresponse_minutes = 20\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["standards", "load", file]).status == 1)
        #expect(try cli.run(["standards", "load", file], as: "sup-huang").status == 0)
        #expect(try cli.run(["standards", "show"]).out.contains("response_minutes = 20"))
        // New items get the new limit; C-1, already running, keeps 30 minutes.
        let id = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "x", "--text", "y",
        ]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let list = try cli.json(["complaint", "list", "--json"]) as! [[String: Any]]
        func responseLimit(_ id: String) -> Int? {
            ((list.first { $0["id"] as? String == id }?["clocks"] as? [[String: Any]])?.first)?["limit_seconds"] as? Int
        }
        #expect(responseLimit(id) == 1200)
        #expect(responseLimit("C-1") == 1800)
        let bad = cli.home + "/bad.toml"
        try "[clocks]\ndue_soon_share = 3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try cli.run(["standards", "load", bad], as: "sup-huang")
        #expect(r.status == 2)
        #expect(r.firstErrorLine.contains("line 2"))
    }

    @Test func checkAndBackup() throws {
        let cli = try demo()
        let c = try cli.run(["check"])
        #expect(c.status == 0)
        #expect(c.out.hasPrefix("ok:"))
        let b = try cli.run(["backup", cli.home + "/copy.sqlite"])
        #expect(b.status == 0)
        #expect(try cli.run(["backup", cli.home + "/copy.sqlite"]).status == 1)
    }

    @Test func asOfShowsTheBoardAsItStood() throws {
        let cli = try demo()
        try cli.run(["complaint", "respond", "C-1"])
        let past = try cli.json(["complaint", "list", "--json", "--as-of", "09:55"]) as! [[String: Any]]
        #expect(past.first { $0["id"] as? String == "C-1" }?["status"] as? String == "received")
        #expect(past.first { $0["id"] as? String == "C-8" } != nil)
    }
}
