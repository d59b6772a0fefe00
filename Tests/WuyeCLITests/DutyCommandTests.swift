import Foundation
import Testing

@Suite("Duties, patrol, figures and import from the command line", .serialized)
struct DutyCommandTests {
    /// 14:25 local: the 14:00 round is under way, the afternoon cleaning window open.
    let now = "2026-11-30T14:25:00+08:00"

    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = now
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    @Test func checklistShowsTodayWithWindowsAndAMissedOneYesterday() throws {
        let cli = try demo()
        let today = try cli.json(["checklist", "--site", "jinxiu", "--json"]) as! [[String: Any]]
        let cleaning = today.filter { $0["kind"] as? String == "cleaning" }
        #expect(cleaning.count == 6)
        #expect(cleaning.allSatisfy { $0["window_start"] is String && $0["window_end"] is String && $0["location"] is String })
        let round = today.first { $0["id"] as? String == "jinxiu/patrol/north-route/2026-11-30T14" }!
        let cps = round["checkpoints"] as! [[String: Any]]
        #expect(cps.map { $0["code"] as! String } == ["CP-N-01", "CP-N-02", "CP-N-03", "CP-N-04"])
        #expect(cps.map { $0["state"] as! String } == ["done", "done", "pending", "pending"])
        let yesterday =
            try cli.json(["checklist", "--site", "jinxiu", "--date", "2026-11-29", "--kind", "garbage", "--json"]) as! [[String: Any]]
        #expect(
            yesterday.filter { $0["state"] as? String == "missed" }.map { $0["id"] as! String } == [
                "jinxiu/garbage/garbage-south/2026-11-29/2"
            ])
    }

    @Test func tickingADutyAndTheCommandLineSeesIt() throws {
        let cli = try demo()
        let id = "jinxiu/cleaning/clubhouse/2026-11-30/2"
        let list = try cli.json(["checklist", "--site", "jinxiu", "--kind", "cleaning", "--json"]) as! [[String: Any]]
        #expect(list.first { $0["id"] as? String == id }?["state"] as? String == "due")
        // A desk clerk may not tick cleaning; the cleaner may, once.
        #expect(try cli.run(["checklist", "tick", id]).status == 1)
        let r = try cli.run(["checklist", "tick", id, "--problem", "大堂地砖松动"], as: "clean-liu")
        #expect(r.status == 0)
        #expect(r.out.contains("repair R-"))
        #expect(try cli.run(["checklist", "tick", id], as: "clean-liu").status == 1)
        // Duties are done on the spot: staff of one site neither tick nor scan another's.
        let elsewhere = try cli.run(["checklist", "tick", "xinghe/cleaning/office-lobby/2026-11-30/2"], as: "clean-liu")
        #expect(elsewhere.status == 1)
        #expect(elsewhere.err.contains("clean-liu works at jinxiu"))
        #expect(try cli.run(["patrol", "scan", "CP-N-01"], as: "guard-zhou").status == 1)
        let after = try cli.json(["checklist", "--site", "jinxiu", "--kind", "cleaning", "--json"]) as! [[String: Any]]
        let done = after.first { $0["id"] as? String == id }!
        #expect(done["state"] as? String == "done")
        #expect(done["done_by"] as? String == "clean-liu")
        let repairID = done["repair"] as! String
        let repair = (try cli.json(["repair", "show", repairID, "--json"]) as! [String: Any])["item"] as! [String: Any]
        #expect(repair["source"] as? String == id)
        #expect(repair["location"] as? String == "clubhouse")
        // Yesterday's missed duty is closed for good; a window not open yet refuses.
        #expect(try cli.run(["checklist", "tick", "jinxiu/garbage/garbage-south/2026-11-29/2"], as: "clean-liu").status == 1)
        #expect(try cli.run(["checklist", "tick", "jinxiu/garbage/garbage-south/2026-11-30/3"], as: "clean-liu").status == 1)
        #expect(try cli.run(["checklist", "tick", "jinxiu/cleaning/moon/2026-11-30/1"], as: "clean-liu").status == 3)
    }

    @Test func aTickGivenByAccidentIsTakenBackWithAReason() throws {
        let cli = try demo()
        let id = "jinxiu/cleaning/clubhouse/2026-11-30/2"
        #expect(try cli.run(["checklist", "tick", id], as: "clean-liu").status == 0)
        // Twice by accident is refused, saying who did it and when.
        let twice = try cli.run(["checklist", "tick", id], as: "clean-liu")
        #expect(twice.status == 1)
        #expect(twice.firstErrorLine.contains("was done already by clean-liu at"))
        // Somebody else may not take it back; without a reason nobody may.
        #expect(try cli.run(["checklist", "untick", id, "--reason", "点错了"], as: "desk-li").status == 1)
        #expect(try cli.run(["checklist", "untick", id, "--reason", " "], as: "clean-liu").status == 2)
        let r = try cli.run(["checklist", "untick", id, "--reason", "点错了，还没打扫"], as: "clean-liu")
        #expect(r.status == 0, "\(r.err)")
        let list = try cli.json(["checklist", "--site", "jinxiu", "--kind", "cleaning", "--json"]) as! [[String: Any]]
        #expect(list.first { $0["id"] as? String == id }?["state"] as? String == "due")
        let log = try cli.json(["log", "--subject", id, "--json"]) as! [[String: Any]]
        #expect(log.last?["text"] as? String == "tick of \(id) taken back: 点错了，还没打扫")
        #expect(log.last?["type"] as? String == "checklist.unticked")
        // Done again, properly; the next day only a supervisor may take it back.
        #expect(try cli.run(["checklist", "tick", id], as: "clean-liu").status == 0)
        cli.now = "2026-12-01T09:00:00+08:00"
        #expect(try cli.run(["checklist", "untick", id, "--reason", "late"], as: "clean-liu").status == 1)
        #expect(try cli.run(["checklist", "untick", id, "--reason", "复核未打扫"], as: "sup-huang").status == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func patrolScanning() throws {
        let cli = try demo()
        let r = try cli.run(["patrol", "scan", "CP-N-04"], as: "guard-wang")
        #expect(r.status == 0)
        #expect(r.out.contains("out of order"))
        #expect(try cli.run(["patrol", "scan", "CP-N-04"], as: "guard-wang").status == 1)  // twice
        let other = try cli.run(["patrol", "scan", "CP-G-01"], as: "guard-wang")
        #expect(other.status == 1)  // another route while this round is unfinished
        #expect(other.firstErrorLine.contains("finish it first"))
        #expect(try cli.run(["patrol", "scan", "CP-Z-99"], as: "guard-wang").status == 3)
        #expect(try cli.run(["patrol", "scan", "CP-N-03"], as: "desk-li").status == 1)
        #expect(try cli.run(["patrol", "scan", "CP-N-03", "--problem", "垃圾站门锁坏了"], as: "guard-wang").status == 0)
        let rounds = try cli.json(["patrol", "rounds", "--site", "jinxiu", "--json"]) as! [[String: Any]]
        let cur = rounds.first { $0["id"] as? String == "jinxiu/patrol/north-route/2026-11-30T14" }!
        let states = (cur["checkpoints"] as! [[String: Any]]).map { $0["state"] as! String }
        #expect(states == ["done", "done", "done", "done_out_of_order"])
        // Complete the moment its last checkpoint is scanned, not when its hour ends.
        #expect(cur["state"] as? String == "complete")
        let prev = rounds.first { $0["id"] as? String == "jinxiu/patrol/north-route/2026-11-30T12" }!
        #expect(prev["state"] as? String == "incomplete")
        let late = rounds.first { $0["id"] as? String == "jinxiu/patrol/north-route/2026-11-30T13" }!
        #expect(late["late"] as? Bool == true)
        #expect(late["state"] as? String == "complete")
    }

    /// A patrol wand's read-out: each scan at its own time, marked imported, the round
    /// complete; all or nothing, naming the row refused (a second scan, a wrong code, a
    /// time to come); a guard imports only their own.
    @Test func aPatrolWandsReadOutIsImported() throws {
        let cli = try demo()  // 14:25: the 12:00 round has two checkpoints left
        func rounds() throws -> [String: String] {
            let all = try cli.json(["patrol", "rounds", "--site", "jinxiu", "--json"]) as! [[String: Any]]
            return Dictionary(uniqueKeysWithValues: all.map { ($0["id"] as! String, $0["state"] as! String) })
        }
        let round = "jinxiu/patrol/north-route/2026-11-30T12"
        #expect(try rounds()[round] == "incomplete")
        let file = cli.home + "/wand.csv"
        try "\u{FEFF}code,time\r\nCP-N-03,2026-11-30 12:15\r\ncp-n-04,2026-11-30 12:21\r\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let r = try cli.run(["patrol", "import", file], as: "guard-wang")
        #expect(r.status == 0)
        #expect(r.out == "saved: 2 scans imported in 1 round\n")
        #expect(try rounds()[round] == "complete")
        let again = try cli.run(["patrol", "import", file], as: "guard-wang")
        #expect(again.status == 1)
        #expect(again.firstErrorLine.contains("wand.csv: row 2: CP-N-03 was already scanned"))
        for (body, status, says) in [
            ("code,time\nCP-N-01,2026-11-30 11:40\nCP-ZZ,2026-11-30 11:41\n", 2, "row 3, column code"),
            ("code,time\nCP-N-01,2026-11-30 16:40\n", 2, "it is in the future"),
            ("code,when\nCP-N-01,2026-11-30 11:40\n", 2, "no column 'time'"),
            ("code,time,guard\nCP-N-01,2026-11-30 09:40,guard-zhou\n", 1, "supervisor"),
        ] {
            try body.write(toFile: file, atomically: true, encoding: .utf8)
            let bad = try cli.run(["patrol", "import", file], as: "guard-wang")
            #expect(bad.status == Int32(status), "\(body)")
            #expect(bad.firstErrorLine.contains(says), "\(bad.firstErrorLine)")
        }
        let log = try cli.run(["log"]).out
        #expect(log.components(separatedBy: "checkpoint").count >= 3)
        #expect(try cli.run(["check"]).status == 0)
    }

    /// `breach list`: every breached and due-soon clock of the open items, breached first
    /// (the longest overdue first), with who holds it; each among the lists' breached items.
    @Test func breachListShowsBreachedAndDueSoonClocksWithTheirHolders() throws {
        let cli = try demo()
        let all = try cli.json(["breach", "list", "--json"]) as! [[String: Any]]
        #expect(!all.isEmpty)
        let states = all.map { $0["state"] as! String }
        #expect(Set(states).isSubset(of: ["breached", "due_soon"]))
        if let firstSoon = states.firstIndex(of: "due_soon") {  // breached ones first
            #expect(!states[firstSoon...].contains("breached"))
        }
        let breached = all.filter { $0["state"] as? String == "breached" }.map { $0["remaining_seconds"] as! Int }
        #expect(breached == breached.sorted())  // the longest overdue first
        for key in ["item", "kind", "site", "clock", "deadline", "assignee", "department", "emergency", "text"] {
            #expect(all[0].keys.contains(key), "\(key)")
        }
        var listed = Set<String>()
        for kind in ["complaint", "enquiry", "repair"] {
            for it in try cli.json([kind, "list", "--breached", "--json"]) as! [[String: Any]] { listed.insert(it["id"] as! String) }
        }
        let board = Set(all.filter { $0["state"] as? String == "breached" }.map { $0["item"] as! String })
        #expect(!board.isEmpty && board.isSubset(of: listed))
        let one = try cli.json(["breach", "list", "--site", "xinghe", "--json"]) as! [[String: Any]]
        #expect(one.allSatisfy { $0["site"] as? String == "xinghe" })
        #expect(try cli.run(["breach", "list", "--site", "atlantis"]).status == 3)
        #expect(try cli.run(["breach", "list"]).out.hasPrefix("ID "))
        // What the breaches do to this month's figures, as `kpi` counts them.
        let kpi = try cli.json(["kpi", "--site", "jinxiu", "--json"]) as! [String: Any]
        let figures = Dictionary(
            uniqueKeysWithValues: (kpi["figures"] as! [[String: Any]]).map { ($0["name"] as! String, $0) })
        var checked = 0
        for b in all where b["site"] as? String == "jinxiu" {
            guard let impact = b["impact"] as? [String: Any] else { continue }
            let f = try #require(figures[impact["figure"] as! String])
            #expect(impact["value"] as? Double == f["value"] as? Double)
            let met = f["numerator"] as! Double
            let decided = f["denominator"] as! Double
            let pending = Double(f["pending"] as! Int)
            let breaches = Double(impact["breaches"] as! Int)
            let without = impact["value_without_breaches"] as! Double
            #expect(abs(without - min(1, (met + breaches) / decided)) < 0.0001)
            let target = impact["target"] as! Double
            let lose = impact["misses_to_lose_target"] as! Int
            // One miss fewer keeps the target within reach; that many puts it out of reach.
            if lose > 0 {
                #expect((met + pending - Double(lose - 1)) / (decided + pending) >= target)
                #expect((met + pending - Double(lose)) / (decided + pending) < target)
            } else {
                #expect((met + pending) / (decided + pending) < target)
            }
            checked += 1
        }
        #expect(checked > 0)
        #expect(
            try cli.run(["breach", "list"]).out.contains("more miss")
                || (try cli.run(["breach", "list"]).out.contains("can no longer reach")))
    }

    /// A supervisor answers a breach: acknowledged with a comment, escalated to a person
    /// with a note; each in the item's timeline and the audit trail; nobody else may, and
    /// an item without a breach has nothing to answer.
    @Test func aSupervisorAcknowledgesAndEscalatesABreach() throws {
        let cli = try demo()
        let breached = (try cli.json(["breach", "list", "--json"]) as! [[String: Any]])
            .first { $0["state"] as? String == "breached" && ($0["item"] as! String).hasPrefix("C-") }
        let id = try #require(breached?["item"] as? String)
        #expect(try cli.run(["breach", "ack", id, "--note", "已派人上门"], as: "sup-huang").out == "saved: \(id) breach acknowledged\n")
        #expect(
            try cli.run(["breach", "escalate", id, "--to", "tech-zhang", "--note", "请立即处理"], as: "sup-huang").out
                == "saved: \(id) escalated to tech-zhang\n")
        let desk = try cli.run(["breach", "ack", id, "--note", "x"], as: "desk-li")
        #expect(desk.status == 1)
        #expect(desk.firstErrorLine.contains("a supervisor can"))
        #expect(try cli.run(["breach", "ack", id, "--note", " "], as: "sup-huang").status == 2)
        #expect(try cli.run(["breach", "escalate", id, "--to", "nobody", "--note", "x"], as: "sup-huang").status == 3)
        let calm = (try cli.json(["complaint", "list", "--json"]) as! [[String: Any]])
            .first { ($0["breached"] as? Bool) == false && ($0["status"] as? String) != "closed" }
        if let calm = calm?["id"] as? String {
            #expect(try cli.run(["breach", "ack", calm, "--note", "x"], as: "sup-huang").firstErrorLine.contains("no breached clock"))
        }
        let show = try cli.run(["complaint", "show", id]).out
        #expect(show.contains("breach acknowledged: 已派人上门"))
        #expect(show.contains("escalated to tech-zhang: 请立即处理"))
        let log = try cli.run(["log"]).out
        #expect(log.contains("breach acknowledged"))
        #expect(try cli.run(["check"]).status == 0)
    }

    /// `handover`: since the start of this shift (08:00 by default), what was breached,
    /// done and missed, and what is still open.
    @Test func handoverSinceTheShiftBegan() throws {
        let cli = try demo()  // 14:25
        let h = try cli.json(["handover", "--json", "--as", "guard-wang"]) as! [String: Any]
        #expect(h["since"] as? String == "2026-11-30T08:00:00+08:00")
        #expect(h["until"] as? String == "2026-11-30T14:25:00+08:00")
        let open = Set(h["open"] as! [String])
        let listed = Set((try cli.json(["complaint", "list", "--json"]) as! [[String: Any]]).map { $0["id"] as! String })
        #expect(listed.isSubset(of: open))
        for b in h["breached"] as! [[String: Any]] {
            let deadline = b["deadline"] as! String
            #expect(deadline >= "2026-11-30T08:00:00+08:00" && deadline < "2026-11-30T14:25:00+08:00")
        }
        let noon = try cli.json(["handover", "--since", "2026-11-30 12:00", "--site", "jinxiu", "--json"]) as! [String: Any]
        #expect((noon["rounds_incomplete"] as! [String]).contains("jinxiu/patrol/north-route/2026-11-30T12"))
        #expect(try cli.run(["handover", "--since", "2026-11-30 18:00"]).status == 2)
        #expect(try cli.run(["handover"]).out.hasPrefix("Handover all sites: 2026-11-30 08:00 → 2026-11-30 14:25"))
    }

    @Test func figuresAsJSON() throws {
        let cli = try demo()
        let k = try cli.json(["kpi", "--site", "jinxiu", "--month", "2026-11", "--json"]) as! [String: Any]
        #expect(k["period"] as? String == "2026-11")
        let figures = k["figures"] as! [[String: Any]]
        let names = Set(figures.map { $0["name"] as! String })
        for n in [
            "satisfaction", "complaint_rate", "complaint_timeliness", "response_achievement", "enquiry_achievement", "repair_achievement",
            "checklist_completion", "checklist_cleaning", "patrol_completion", "training_pass_rate",
        ] {
            #expect(names.contains(n))
        }
        #expect(figures.allSatisfy { $0.keys.contains("value") && $0.keys.contains("target") && $0.keys.contains("met") })
        let training = figures.first { $0["name"] as? String == "training_pass_rate" }!
        #expect(training["value"] as? Double == 0.75)  // guard-wang failed T-2
        #expect(try cli.run(["kpi", "--month", "2026-13"]).status == 2)
        #expect(try cli.run(["kpi", "--month", "2026-11", "--year", "2026"]).status == 2)
        let csv = try cli.run(["kpi", "--csv"])
        #expect(csv.out.hasPrefix("\u{FEFF}figure,"))
        let html = try cli.run(["kpi", "--quarter", "2026Q4", "--site", "jinxiu", "--html"])
        #expect(html.status == 0)
        #expect(html.out.hasPrefix("<!DOCTYPE html>"))
        #expect(html.out.contains("锦绣花园 (jinxiu)"))
        #expect(try cli.run(["kpi", "--html", "--csv"]).status == 2)
        let retrain = try cli.json(["training", "retrain", "--json"]) as! [[String: Any]]
        #expect(retrain.map { $0["staff"] as! String } == ["guard-wang"])
    }

    @Test func appraisalIsPerStaffAndReadOnlyByThoseAllowed() throws {
        let cli = try demo()
        let all = try cli.run(["appraisal", "--month", "2026-11", "--json"], as: "sup-huang")
        #expect(all.status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as! [[String: Any]]
        #expect(list.contains { $0["staff"] as? String == "desk-li" })
        let wang = list.first { $0["staff"] as? String == "guard-wang" }!
        #expect(wang["met"] as? Bool == false)  // failed T-2
        let indicators = (wang["indicators"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(indicators == ["satisfaction", "complaint_timeliness", "training_pass_rate"])
        // Anyone else sees only their own, and is told so.
        let own = try cli.run(["appraisal", "--month", "2026-11", "--json"], as: "guard-wang")
        #expect((try JSONSerialization.jsonObject(with: Data(own.out.utf8)) as! [[String: Any]]).count == 1)
        let other = try cli.run(["appraisal", "--staff", "desk-li"], as: "guard-wang")
        #expect(other.status == 1)
        #expect(other.err.contains("only their own appraisal"))
        #expect(try cli.run(["appraisal"], as: nil).status == 2)
        #expect(try cli.run(["appraisal", "--month", "2026-13"], as: "sup-huang").status == 2)
        #expect(try cli.run(["appraisal", "--staff", "nobody"], as: "sup-huang").status == 3)
        #expect(try cli.run(["appraisal", "--csv"], as: "sup-huang").out.hasPrefix("\u{FEFF}staff,"))
        #expect(try cli.run(["appraisal", "--html"], as: "sup-huang").out.contains("guard-wang"))
        #expect(try cli.run(["appraisal", "--as-of", "2027-01-01T00:00:00+08:00"], as: "sup-huang").status == 2)
    }

    @Test func kpiAsOfShowsTheFiguresAsTheyStood() throws {
        let cli = try demo()
        let asOf = now  // the demo was recorded at this instant
        let before = try cli.json(["kpi", "--site", "jinxiu", "--month", "2026-11", "--as-of", asOf, "--json"]) as! [String: Any]
        // guard-wang passes a retraining afterwards: the live figures move, the past ones do not.
        let t = cli.now
        cli.now = "2026-11-30T16:00:00+08:00"
        defer { cli.now = t }
        let id = try cli.run(
            ["training", "plan", "--kind", "monthly", "--topic", "补训", "--date", "2026-11-30", "--trainer", "sup-huang"], as: "sup-huang"
        ).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try cli.run(["training", "score", id, "guard-wang", "--score", "88"], as: "sup-huang").status == 0)
        func training(_ k: [String: Any]) -> Double? {
            (k["figures"] as! [[String: Any]]).first { $0["name"] as? String == "training_pass_rate" }?["value"] as? Double
        }
        let live = try cli.json(["kpi", "--site", "jinxiu", "--month", "2026-11", "--json"]) as! [String: Any]
        let past = try cli.json(["kpi", "--site", "jinxiu", "--month", "2026-11", "--as-of", asOf, "--json"]) as! [String: Any]
        #expect(training(before) == 0.75)
        #expect(training(past) == 0.75)
        #expect(training(live) == 0.8)
        #expect(try cli.run(["kpi", "--as-of", "2026-12-01T00:00:00+08:00"]).status == 2)
        #expect(try cli.run(["kpi", "--as-of", "yesterday"]).status == 2)
    }

    @Test func importIsAllOrNothing() throws {
        let cli = try demo()
        let header = "kind,opened_at,site,unit,location,channel,category,text,emergency,complex,resolved_at\n"
        let bad = cli.home + "/bad.csv"
        try
            (header + "complaint,2026-03-02 09:15,jinxiu,3-1802,,hotline,噪音,好的一行,no,no,2026-03-02 12:00\n"
            + "complaint,2026-03-02 09:15,jinxiu,3-1802,,fax,噪音,坏的一行,no,no,\n").write(toFile: bad, atomically: true, encoding: .utf8)
        let before = try cli.eventCount()
        let r = try cli.run(["import", bad], as: "sup-huang")
        #expect(r.status == 2)
        #expect(r.firstErrorLine.contains("row 3, column channel"))
        #expect(try cli.eventCount() == before)
        let good = cli.home + "/good.csv"
        var text = "\u{FEFF}" + header
        for i in 0..<50 {
            text +=
                "complaint,2026-03-\(String(format: "%02d", i % 28 + 1)) 09:15,jinxiu,3-1802,,hotline,噪音,历史投诉\(i),no,no,2026-03-\(String(format: "%02d", i % 28 + 1)) 15:00\n"
        }
        text += "repair,2026-03-05 08:00,jinxiu,,garage,,,车库灯坏,yes,,\n"
        try text.write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", good]).status == 1)  // desk: supervisors import
        let ok = try cli.run(["import", good], as: "sup-huang")
        #expect(ok.status == 0)
        #expect(ok.out.contains("51 items imported"))
        let march = try cli.json(["kpi", "--month", "2026-03", "--site", "jinxiu", "--json"]) as! [String: Any]
        let timely = (march["figures"] as! [[String: Any]]).first { $0["name"] as? String == "complaint_timeliness" }!
        #expect(timely["value"] as? Double == 1)
        #expect(timely["imported"] as? Int == 50)
        #expect(try cli.run(["check"]).status == 0)
        // The imported rows are found by search (their entries are written after the rows).
        #expect(try cli.run(["item", "search", "车库灯坏"]).out.contains("garage"))
        #expect(try cli.run(["item", "search", "历史投诉49"]).out.contains("3-1802"))
        // The import numbered its rows on from the store's last ids, and the counters it
        // wrote once at its end hand out the next ones.
        let numbers = try (cli.json(["complaint", "list", "--all", "--json"]) as! [[String: Any]]).map {
            Int(($0["id"] as! String).dropFirst(2))!
        }
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers.max()! - numbers.min()! + 1 == numbers.count)
        let next = try cli.run([
            "complaint", "open", "--site", "jinxiu", "--unit", "3-1802", "--channel", "hotline", "--category", "噪音", "--text", "导入之后",
        ])
        #expect(next.out == "C-\(numbers.max()! + 1)\n")
        let repairs = try cli.json(["repair", "list", "--all", "--json"]) as! [[String: Any]]
        #expect(repairs.contains { $0["text"] as? String == "车库灯坏" })
    }

    @Test func surveysAndTraining() throws {
        let cli = try demo()
        #expect(try cli.run(["survey", "add", "--site", "jinxiu", "--score", "101"]).status == 2)
        #expect(try cli.run(["survey", "add", "--site", "jinxiu", "--score", "88", "--household", "3-1802"]).out == "S-9\n")
        let t = try cli.run(["training", "plan", "--kind", "monthly", "--topic", "消防演练", "--date", "2026-11-30"], as: "sup-huang")
        #expect(t.out == "T-3\n")
        #expect(try cli.run(["training", "score", "T-3", "guard-wang", "--score", "72"], as: "sup-huang").status == 0)
        let retrain = try cli.json(["training", "retrain", "--json"]) as! [[String: Any]]
        #expect(retrain.isEmpty)  // passed a later session
    }
}
