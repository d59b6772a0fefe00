import Foundation
import Testing
import WuyeTestSupport

/// The plan's management loop from the command line: meetings, corrective actions with a
/// clock, the quarterly evaluation, repair costs, closing a month, and the appraisal's score.
@Suite("The management loop")
struct ManagementTests {
    func demo() throws -> CLI {
        let cli = CLI()
        cli.now = "2026-11-29T14:25:00+08:00"
        #expect(try cli.run(["init", "--demo"]).status == 0)
        return cli
    }

    @Test func meetingsActionsAndTheEvaluation() throws {
        let cli = try demo()
        let m = try cli.run(
            [
                "meeting", "add", "--site", "jinxiu", "--at", "2026-11-28 19:00", "--attendees", "业主代表张先生, 业主代表李女士,sup-huang",
                "--notes", "第四季度业主代表会议", "--opinion", "电梯夜间噪音", "--opinion", "地库积水",
            ], as: "sup-huang")
        #expect(m.status == 0, "\(m.err)")
        let meeting = m.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(meeting == "M-1")
        // Only a supervisor records one; a meeting still to come is refused.
        #expect(try cli.run(["meeting", "add", "--site", "jinxiu", "--attendees", "x"], as: "desk-li").status == 1)
        #expect(
            try cli.run(["meeting", "add", "--site", "jinxiu", "--attendees", "x", "--at", "2026-11-30 10:00"], as: "sup-huang").status == 1
        )
        let a = try cli.run(
            [
                "action", "add", "--site", "jinxiu", "--title", "电梯减振整改", "--owner", "tech-zhang", "--due", "2026-11-30", "--from",
                "meeting", "--from-id", "m-1",
            ],
            as: "sup-huang")
        #expect(a.status == 0, "\(a.err)")
        #expect(a.out == "A-1\n")
        // Bad input changes nothing: a past due date, an unknown owner, a meeting that is not.
        let before = try cli.eventCount()
        let past = try cli.run(
            ["action", "add", "--site", "jinxiu", "--title", "x", "--owner", "tech-zhang", "--due", "2026-11-01"], as: "sup-huang")
        #expect(past.status == 2 && past.firstErrorLine.contains("still to come"))
        #expect(
            try cli.run(["action", "add", "--site", "jinxiu", "--title", "x", "--owner", "nobody", "--due", "2026-12-01"], as: "sup-huang")
                .status == 3)
        #expect(
            try cli.run(
                [
                    "action", "add", "--site", "jinxiu", "--title", "x", "--owner", "tech-zhang", "--due", "2026-12-01", "--from",
                    "meeting", "--from-id", "M-9",
                ],
                as: "sup-huang"
            ).status == 3)
        #expect(try cli.eventCount() == before)
        let meetings = try cli.json(["meeting", "list", "--json"]) as! [[String: Any]]
        #expect(meetings.first?["actions"] as? [String] == ["A-1"])
        #expect(meetings.first?["opinions"] as? [String] == ["电梯夜间噪音", "地库积水"])
        // The action's clock: running now, due soon at 75 % of its time, breached past its due date.
        func state(_ now: String) throws -> [String: Any] {
            cli.now = now
            return (try cli.json(["action", "list", "--json"]) as! [[String: Any]])[0]
        }
        #expect(try state("2026-11-29T15:00:00+08:00")["state"] as? String == "running")
        #expect(try state("2026-11-30T20:00:00+08:00")["state"] as? String == "due_soon")
        let breached = try state("2026-12-01T08:00:00+08:00")
        #expect(breached["state"] as? String == "breached")
        #expect((breached["remaining_seconds"] as? Int ?? 0) < 0)
        // The supervisor's board lists it; done late by its owner, then verified.
        #expect(try cli.run(["action", "verify", "A-1"], as: "sup-huang").firstErrorLine.contains("not done yet"))
        #expect(try cli.run(["action", "done", "A-1"], as: "desk-li").status == 1)
        let done = try cli.run(["action", "done", "a-1", "--note", "已更换减振垫"], as: "tech-zhang")
        #expect(done.out.contains("saved: A-1 done (after its due date)"))
        #expect(try cli.run(["action", "verify", "A-1", "--note", "复查合格"], as: "sup-huang").status == 0)
        let settled = try state("2026-12-01T09:00:00+08:00")
        #expect(settled["status"] as? String == "verified" && settled["state"] as? String == "missed")
        // The quarter's evaluation, once per site and quarter, with its actions.
        let q = try cli.run(["evaluation", "add", "--quarter", "2026q4", "--site", "jinxiu", "--finding", "响应及时率未达标"], as: "sup-huang")
        #expect(q.out == "Q-1\n")
        #expect(
            try cli.run(["evaluation", "add", "--quarter", "2026Q4", "--site", "jinxiu", "--finding", "x"], as: "sup-huang").status == 1)
        #expect(
            try cli.run(["evaluation", "add", "--quarter", "2026Q5", "--site", "jinxiu", "--finding", "x"], as: "sup-huang").status == 2)
        _ = try cli.run(
            [
                "action", "add", "--site", "jinxiu", "--title", "响应培训", "--owner", "desk-li", "--due", "2026-12-20", "--from", "evaluation",
                "--from-id", "Q-1",
            ],
            as: "sup-huang")
        let evaluations = try cli.json(["evaluation", "list", "--json"]) as! [[String: Any]]
        #expect(evaluations.first?["actions"] as? [String] == ["A-2"])
        #expect(try cli.run(["check"]).status == 0)
        let texts = (try cli.json(["log", "--json"]) as! [[String: Any]]).compactMap { $0["text"] as? String }
        #expect(
            texts.contains { $0.hasPrefix("owners' meeting at jinxiu") } && texts.contains { $0.hasPrefix("corrective action verified") })
    }

    @Test func aClosedMonthTakesNothingMore() throws {
        let cli = try demo()
        cli.now = "2026-12-02T10:00:00+08:00"
        #expect(try cli.run(["period", "close", "2026-12"], as: "sup-huang").firstErrorLine.contains("not over yet"))
        #expect(try cli.run(["period", "close", "2026-11"], as: "desk-li").status == 1)
        let closed = try cli.run(["period", "close", "2026-11"], as: "sup-huang")
        #expect(closed.out == "saved: 2026-11 closed on 2026-12-02T10:00:00+08:00 by sup-huang\n")
        #expect(try cli.run(["period", "close", "2026-11"], as: "sup-huang").firstErrorLine.contains("was closed on"))
        let before = try cli.eventCount()
        // A back-dated step into November is refused, naming the closed month.
        let step = try cli.run(["complaint", "respond", "C-1", "--at", "2026-11-29 14:30"])
        #expect(step.status == 1)
        #expect(step.firstErrorLine.contains("2026-11 is closed for reporting"))
        // So is an import of November's history; October's still goes in.
        let file = cli.home + "/history.csv"
        let header = "kind,opened_at,site,unit,location,channel,category,text,emergency,complex,resolved_at\n"
        try (header + "complaint,2026-11-10 09:15,jinxiu,3-1802,,hotline,噪音,十一月的,no,no,2026-11-10 12:00\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", file], as: "sup-huang")
        #expect(imported.status == 1 && imported.firstErrorLine.contains("2026-11 is closed"))
        #expect(try cli.eventCount() == before)
        try (header + "complaint,2026-10-10 09:15,jinxiu,3-1802,,hotline,噪音,十月的,no,no,2026-10-10 12:00\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", file], as: "sup-huang").status == 0)
        // What happens now is recorded as usual.
        #expect(try cli.run(["complaint", "respond", "C-1"]).status == 0)
        let list = try cli.json(["period", "list", "--json"]) as! [[String: Any]]
        #expect(list.first?["month"] as? String == "2026-11" && list.first?["closed_by"] as? String == "sup-huang")
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aRepairsCostIsRecordedWhenItIsResolved() throws {
        let cli = try demo()
        #expect(try cli.run(["repair", "resolve", "R-3", "--cost", "12x"], as: "tech-zhang").status == 2)
        #expect(try cli.run(["repair", "resolve", "R-3", "--cost", "-5,1"], as: "tech-zhang").status == 2)
        #expect(try cli.run(["complaint", "resolve", "C-1", "--cost", "10"]).status == 2)
        let r = try cli.run(["repair", "resolve", "R-3", "--cost", "120.5,80"], as: "tech-zhang")
        #expect(r.status == 0, "\(r.err)")
        let log = try cli.json(["log", "--json"]) as! [[String: Any]]
        let cost = log.first { $0["type"] as? String == "repair.costed" }
        #expect(cost?["subject"] as? String == "cost:R-3")
        #expect(try cli.run(["check"]).status == 0)
    }

    /// A guard or a cleaner is not measured by the site's satisfaction; the score weighs
    /// the indicators that count by the standards' weights.
    @Test func theAppraisalCountsWhatConcernsEachRole() throws {
        let cli = try demo()
        let list = try cli.json(["appraisal", "--json", "--as", "sup-huang"]) as! [[String: Any]]
        func member(_ id: String) -> [String: Any] { list.first { $0["staff"] as? String == id }! }
        let cleaner = member("clean-liu")
        let sat = (cleaner["indicators"] as! [[String: Any]]).first { $0["name"] as? String == "satisfaction" }!
        #expect(sat["basis"] as? String == "site" && sat["counted"] as? Bool == false)
        #expect(cleaner["met"] is NSNull && cleaner["score"] is NSNull)
        // guard-wang failed training (0/1): not met, the failed indicator named, score 0.
        let guardWang = member("guard-wang")
        #expect(guardWang["met"] as? Bool == false)
        #expect(guardWang["failed"] as? [String] == ["training_pass_rate"])
        #expect(guardWang["score"] as? Double == 0)
        // tech-zhang: site satisfaction 85 % (of 80 → 100 points) and training 100 %: 100.
        #expect(member("tech-zhang")["score"] as? Double == 100)
        let text = try cli.run(["appraisal"], as: "sup-huang").out
        #expect(text.contains("SCORE") && text.contains("(85% site)"))
    }
}
