import Foundation
import Testing
import WuyeCore
import WuyeTestSupport

/// The reports against a small quarter whose answers were worked out by hand: an item
/// opened in one month and resolved in the next, a paused clock, a reopened item, missed
/// rounds, a month without its training, a corrective action breached.
@Suite("Reports against a hand-computed quarter", .serialized)
struct ReportTests {
    static let site = """
        [site]
        id = "lanting"
        name = "兰亭苑"
        time_zone = "Asia/Shanghai"
        households = 100
        units = ["101", "102", "201", "202"]

        [[routes]]
        id = "gate"
        name = "大门巡逻"
        checkpoints = [{ code = "LT-1", name = "大门" }]

        [[staff]]
        id = "desk"
        name = "前台"
        role = "desk"

        [[staff]]
        id = "tech"
        name = "维修工"
        role = "technician"

        [[staff]]
        id = "guard"
        name = "保安"
        role = "guard"

        [[staff]]
        id = "boss"
        name = "主管"
        role = "supervisor"
        """

    /// Builds the quarter; `now` ends at 5 December, noon.
    static func fixture() throws -> CLI {
        let cli = CLI()
        let file = cli.home + "/site.toml"
        try site.write(toFile: file, atomically: true, encoding: .utf8)
        cli.now = "2026-10-01T00:00:00+08:00"
        let i = try cli.run(["init", "--site", file], as: nil)
        #expect(i.status == 0, "\(i.err)")
        func at(_ t: String, _ args: [String], as who: String = "desk") throws -> String {
            cli.now = t + "+08:00"
            let r = try cli.run(args, as: who)
            #expect(r.status == 0, "\(args): \(r.err)")
            return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func open(_ t: String, _ unit: String) throws -> String {
            try at(
                t,
                [
                    "complaint", "open", "--site", "lanting", "--unit", unit, "--channel", "hotline", "--category", "噪音", "--text",
                    "投诉\(unit)",
                ])
        }
        // A: opened 30 Oct, responded in 10 min; resolved 1 Nov (its result was due 31 Oct).
        let a = try open("2026-10-30T10:00:00", "101")
        _ = try at("2026-10-30T10:10:00", ["complaint", "respond", a])
        _ = try at("2026-11-01T09:00:00", ["complaint", "resolve", a])
        // B: response late (40 min), result in time, called back the next day (4 of 5).
        let b = try open("2026-11-10T10:00:00", "102")
        _ = try at("2026-11-10T10:40:00", ["complaint", "respond", b])
        _ = try at("2026-11-10T18:00:00", ["complaint", "resolve", b])
        _ = try at("2026-11-11T10:00:00", ["complaint", "callback", b, "--rating", "4"])
        // C: responded in time, then paused and still paused.
        let c = try open("2026-11-20T10:00:00", "201")
        _ = try at("2026-11-20T10:05:00", ["complaint", "respond", c])
        _ = try at("2026-11-20T12:00:00", ["complaint", "pause", c, "--reason", "业主出差"])
        // D: two cycles, every clock in time; never called back.
        let d = try open("2026-11-25T09:00:00", "202")
        _ = try at("2026-11-25T09:10:00", ["complaint", "respond", d])
        _ = try at("2026-11-25T12:00:00", ["complaint", "resolve", d])
        _ = try at("2026-11-26T10:00:00", ["complaint", "reopen", d, "--reason", "复发"])
        _ = try at("2026-11-26T10:20:00", ["complaint", "respond", d])
        _ = try at("2026-11-27T09:00:00", ["complaint", "resolve", d])
        // R: a repair, in time throughout, costing 100 + 50.
        let r = try at("2026-11-03T09:00:00", ["repair", "open", "--site", "lanting", "--unit", "101", "--text", "水龙头漏水"])
        _ = try at("2026-11-03T09:10:00", ["repair", "ack", r], as: "tech")
        _ = try at("2026-11-03T11:00:00", ["repair", "respond", r], as: "tech")
        _ = try at("2026-11-04T09:00:00", ["repair", "resolve", r, "--cost", "100,50"], as: "tech")
        // Surveys 80 and 90; November's short training held, October's not.
        _ = try at("2026-11-12T10:00:00", ["survey", "add", "--site", "lanting", "--score", "80", "--household", "101"])
        _ = try at("2026-11-13T10:00:00", ["survey", "add", "--site", "lanting", "--score", "90", "--household", "102"])
        let t = try at(
            "2026-11-14T10:00:00",
            ["training", "plan", "--kind", "monthly", "--topic", "投诉处理", "--date", "2026-11-15", "--site", "lanting"], as: "boss")
        let session = t.split(separator: " ").first { $0.hasPrefix("T-") }.map(String.init) ?? "T-1"
        _ = try at("2026-11-15T16:00:00", ["training", "attend", session, "desk"], as: "boss")
        _ = try at("2026-11-15T16:00:00", ["training", "score", session, "desk", "--score", "95"], as: "boss")
        // One round walked in full (10 November, 10:00); every other round of November missed.
        _ = try at("2026-11-10T10:05:00", ["patrol", "scan", "LT-1"], as: "guard")
        // A meeting, an action from it left undone past its due date, the quarter's evaluation.
        _ = try at(
            "2026-11-05T20:00:00", ["meeting", "add", "--site", "lanting", "--attendees", "业主代表王先生", "--opinion", "夜间噪音"], as: "boss")
        _ = try at(
            "2026-11-06T09:00:00",
            [
                "action", "add", "--site", "lanting", "--title", "噪音整改", "--owner", "desk", "--due", "2026-11-20", "--from", "meeting",
                "--from-id", "M-1",
            ],
            as: "boss")
        _ = try at(
            "2026-12-01T09:00:00", ["evaluation", "add", "--quarter", "2026Q4", "--site", "lanting", "--finding", "响应超时一次"], as: "boss")
        cli.now = "2026-12-05T12:00:00+08:00"
        return cli
    }

    static func csv(_ text: String) -> [[String: String]] {
        var lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard !lines.isEmpty else { return [] }
        let header = fields(lines.removeFirst())
        return lines.map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    /// One CSV line's fields (quoted fields may hold commas and doubled quotes).
    static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quoted = false
        var it = Array(line)
        var i = 0
        while i < it.count {
            let ch = it[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < it.count, it[i + 1] == "\"" {
                        cur.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    cur.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                out.append(cur)
                cur = ""
            } else {
                cur.append(ch)
            }
            i += 1
        }
        out.append(cur)
        it = []
        return out
    }

    @Test func theMonthlyReportEqualsTheFiguresAndTheHandCount() throws {
        let cli = try Self.fixture()
        let folder = cli.home + "/nov"
        let r = try cli.run(["report", "monthly", "--month", "2026-11", "--format", "csv", "--output", folder], as: "boss")
        #expect(r.status == 0, "\(r.err)")
        let figures = Self.csv(try String(contentsOfFile: folder + "/figures.csv", encoding: .utf8))
        let kpi = try cli.json(["kpi", "--month", "2026-11", "--site", "lanting", "--json"]) as! [String: Any]
        // Every figure of the report is kpi's.
        for f in kpi["figures"] as! [[String: Any]] {
            let row = try #require(figures.first { $0["figure"] == f["name"] as? String })
            #expect(row["site"] == "lanting" && row["period"] == "2026-11")
            #expect(row["value"].flatMap(Double.init) == f["value"] as? Double, "\(f["name"]!)")
            #expect(row["denominator"].flatMap(Double.init) == f["denominator"] as? Double)
        }
        func row(_ name: String) -> [String: String] { figures.first { $0["figure"] == name } ?? [:] }
        func expect(_ name: String, _ v: Double, _ n: Double, _ d: Double) {
            let f = row(name)
            let value: Double = Double(f["value"] ?? "") ?? -1
            let numerator: Double = Double(f["numerator"] ?? "") ?? -1
            let denominator: Double = Double(f["denominator"] ?? "") ?? -1
            #expect(abs(value - v) < 0.00005, "\(name) value \(value)")  // four decimals, as kpi --json
            #expect(numerator == n && denominator == d, "\(name) \(numerator)/\(denominator)")
        }
        // By hand: responses C, D, D, R in time and B late.
        expect("response_achievement", 0.8, 4, 5)
        expect("complaint_timeliness", 1, 3, 3)  // B, D, D; C paused
        expect("repair_achievement", 1, 2, 2)
        expect("callback_rate", 0.25, 1, 4)  // A, B, D twice: B called back
        expect("satisfaction", 250.0 / 300, 2.5, 3)  // 80, 90 and a rating of 4 (80)
        expect("complaint_rate", 3.0 / 100 * 365 / 30, 3.0 * 365 / 30, 100)
        expect("training_held", 1, 1, 1)
        expect("patrol_completion", 1.0 / 720, 1, 720)
        let breaches = Self.csv(try String(contentsOfFile: folder + "/breaches.csv", encoding: .utf8))
        #expect(Set(breaches.map { "\($0["item"]!) \($0["clock"]!)" }) == ["C-2 response", "C-1 callback", "C-4 callback"])
        #expect(breaches.filter { $0["item"] == "C-4" }.count == 2)  // both cycles' callbacks
        let appraisal = Self.csv(try String(contentsOfFile: folder + "/appraisal.csv", encoding: .utf8))
        let desk = try #require(appraisal.first { $0["staff"] == "desk" })
        #expect(desk["training_counts"] == "1/1" && desk["period"] == "2026-11")
        // October: A's result was due in October and came late; no training was held.
        let oct = cli.home + "/oct"
        _ = try cli.run(["report", "monthly", "--month", "2026-10", "--format", "csv", "--output", oct], as: "boss")
        let october = Self.csv(try String(contentsOfFile: oct + "/figures.csv", encoding: .utf8))
        #expect(october.first { $0["figure"] == "complaint_timeliness" }?["value"] == "0")
        #expect(october.first { $0["figure"] == "training_held" }?["denominator"] == "1")
        #expect(october.first { $0["figure"] == "training_held" }?["value"] == "0")
        // The text fits 80 columns and keeps every id whole.
        let text = try cli.run(["report", "monthly", "--month", "2026-11"], as: "boss").out
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80, "\(line)") }
        for id in ["C-1", "C-2", "C-4"] { #expect(text.contains(id)) }
        // A report for a past period is the same whenever it is produced (once closed).
        #expect(try cli.run(["period", "close", "2026-11"], as: "boss").status == 0)
        let first = try String(contentsOfFile: folder + "/figures.csv", encoding: .utf8)
        cli.now = "2026-12-20T12:00:00+08:00"
        _ = try cli.run([
            "complaint", "open", "--site", "lanting", "--unit", "101", "--channel", "hotline", "--category", "x", "--text", "十二月",
        ])
        let later = cli.home + "/nov-later"
        _ = try cli.run(["report", "monthly", "--month", "2026-11", "--format", "csv", "--output", later], as: "boss")
        #expect(try String(contentsOfFile: later + "/figures.csv", encoding: .utf8) == first)
        #expect(try cli.run(["report", "monthly", "--month", "2026-11"], as: "boss").out.contains("2026-11 closed for reporting on"))
        // Only a supervisor produces one; bad input says what to give.
        #expect(try cli.run(["report", "monthly", "--month", "2026-11"], as: "desk").status == 1)
        #expect(try cli.run(["report", "monthly", "--month", "2026-13"], as: "boss").status == 2)
        #expect(try cli.run(["report", "monthly", "--format", "csv"], as: "boss").firstErrorLine.contains("--output FOLDER"))
    }

    @Test func theQuarterAndTheYearAddTheirRecords() throws {
        let cli = try Self.fixture()
        let q = cli.home + "/q4"
        #expect(try cli.run(["report", "quarterly", "--quarter", "2026Q4", "--format", "csv", "--output", q], as: "boss").status == 0)
        let trend = Self.csv(try String(contentsOfFile: q + "/trend.csv", encoding: .utf8))
        #expect(Set(trend.map { $0["period"]! }) == ["2026-10", "2026-11", "2026-12"])
        #expect(Self.csv(try String(contentsOfFile: q + "/meetings.csv", encoding: .utf8)).first?["opinions"] == "夜间噪音")
        #expect(Self.csv(try String(contentsOfFile: q + "/evaluations.csv", encoding: .utf8)).first?["evaluation"] == "Q-1")
        let actions = Self.csv(try String(contentsOfFile: q + "/actions.csv", encoding: .utf8))
        #expect(actions.first?["action"] == "A-1" && actions.first?["state"] == "breached")
        #expect(Self.csv(try String(contentsOfFile: q + "/surveys.csv", encoding: .utf8)).first?["surveys"] == "2")
        let y = cli.home + "/y"
        #expect(try cli.run(["report", "yearly", "--year", "2026", "--format", "csv", "--output", y], as: "boss").status == 0)
        let costs = Self.csv(try String(contentsOfFile: y + "/costs.csv", encoding: .utf8))
        #expect(costs.count == 1 && costs.first?["total"] == "150" && costs.first?["item"] == "R-1" && costs.first?["month"] == "2026-11")
        let year = Self.csv(try String(contentsOfFile: y + "/figures.csv", encoding: .utf8))
        // Four complaints in the 66 days from 1 October to 5 December, as a year's worth.
        let rate = try #require(year.first { $0["figure"] == "complaint_rate" })
        let yearly: Double = Double(rate["value"] ?? "") ?? -1
        let expected: Double = 4.0 / 100 * 365 / 66
        #expect(abs(yearly - expected) < 0.00005)
        #expect(rate["count"] == "4" && rate["base"] == "100")
        let text = try cli.run(["report", "yearly", "--year", "2026"], as: "boss").out
        #expect(text.contains("Repair costs: 1 repairs costed, 150.00 in all"))
        #expect(text.contains("Figures against cost"))
        #expect(text.contains("11月 150.00"))
    }

    /// `wuye export`: the raw rows of a span of days, the same in CSV and JSON.
    @Test func theRawRowsAreExported() throws {
        let cli = try Self.fixture()
        let csv = Self.csv(try cli.run(["export", "--what", "complaints", "--from", "2026-11-01", "--to", "2026-11-30"]).out)
        #expect(csv.map { $0["id"]! } == ["C-2", "C-3", "C-4"])  // A was opened in October
        #expect(csv.first?["site"] == "lanting" && csv.first?["text"] == "投诉102")
        let training =
            try cli.json(["export", "--what", "training", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"])
            as! [[String: Any]]
        #expect(training.count == 1)
        #expect(training.first?["staff"] as? String == "desk" && training.first?["score"] as? Double == 95)
        #expect(training.first?["attended"] as? Bool == true && training.first?["passed"] as? Bool == true)
        let trainingCSV = Self.csv(try cli.run(["export", "--what", "training", "--from", "2026-11-01", "--to", "2026-11-30"]).out)
        #expect(trainingCSV.first?["score"] == "95" && trainingCSV.first?["passed"] == "yes")
        let scans = Self.csv(try cli.run(["export", "--what", "patrols", "--from", "2026-11-10", "--to", "2026-11-10"]).out)
        #expect(scans.count == 1 && scans.first?["code"] == "LT-1" && scans.first?["guard"] == "guard")
        let actions =
            try cli.json(["export", "--what", "actions", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"])
            as! [[String: Any]]
        #expect(actions.first?["id"] as? String == "A-1" && actions.first?["state"] as? String == "breached")
        let bad = try cli.run(["export", "--what", "complaints", "--from", "2026-11-30", "--to", "2026-11-01"])
        #expect(bad.status == 2 && bad.firstErrorLine.contains("is before --from"))
    }

    @Test func theHTMLIsOneWellFormedPageThatPrintsOnA4() throws {
        let cli = try Self.fixture()
        let file = cli.home + "/q4.html"
        #expect(try cli.run(["report", "quarterly", "--quarter", "2026Q4", "--format", "html", "--output", file], as: "boss").status == 0)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        // Nothing is fetched: no script, no stylesheet or picture from elsewhere (SVG's xmlns
        // is a name, not an address).
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("url("))
        #expect(html.contains("@page { size: A4") && html.contains("<svg") && html.contains("Prepared by 编制"))
        #expect(html.contains("As it stood at 2026-12-05T12:00:00+08:00"))
        for t in ["Trend 趋势", "Breaches 超时", "Appraisal 绩效考核", "Owner-representative meetings", "Corrective actions 整改"] {
            #expect(html.contains(t), "\(t)")
        }
        // Every element that opens is closed, in order (Python's HTML parser walks it).
        let check = """
            import html.parser, sys
            void = {'meta', 'br', 'line', 'rect', 'path', 'polyline', 'img', 'hr'}
            class P(html.parser.HTMLParser):
                def __init__(s): super().__init__(); s.stack = []; s.bad = []
                def handle_starttag(s, t, a):
                    if t not in void: s.stack.append(t)
                def handle_endtag(s, t):
                    if t in void: return
                    if s.stack and s.stack[-1] == t: s.stack.pop()
                    else: s.bad.append(t)
            p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
            print(len(p.bad), len(p.stack), p.bad[:3], p.stack[:3])
            """
        let (status, out, _) = try Child.run("/usr/bin/env", ["python3", "-c", check, file])
        #expect(status == 0)
        #expect(out.hasPrefix("0 0 "), "\(out)")
        // Rendered by a real browser, where one is installed: a picture, and A4 pages.
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else {
            print("chromium is not installed (apt-get install -y chromium fonts-wqy-microhei): the HTML was not rendered")
            return
        }
        let png = cli.home + "/q4.png"
        let pdf = cli.home + "/q4.pdf"
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(cli.home)/chromium"]
        _ = try Child.run(chromium, flags + ["--window-size=1240,1754", "--screenshot=\(png)", "file://\(file)"])
        _ = try Child.run(chromium, flags + ["--print-to-pdf=\(pdf)", "file://\(file)"])
        let picture = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(picture.starts(with: [0x89, 0x50, 0x4E, 0x47]) && picture.count > 20_000)
        let document = try Data(contentsOf: URL(fileURLWithPath: pdf))
        // Sections start new sheets: the site, the appraisal, and the owners' records.
        let pages = String(decoding: document, as: UTF8.self).components(separatedBy: "/Type /Page\n").count - 1
        let counted = pages > 0 ? pages : String(decoding: document, as: UTF8.self).components(separatedBy: "/Type/Page").count - 1
        #expect(document.starts(with: Array("%PDF".utf8)))
        #expect(counted >= 3, "\(counted) pages")
    }
}
