import Foundation
import WuyeCore
import WuyeStore

/// The reports of a company of 20 sites with a year of history (about 200 000 events): the
/// monthly report as a whole process, in each format, and the quarter and the year.
enum ReportBench {
    static let sites = 20
    /// Complaints per site and month: with 5 events each, 20 × 12 × 170 × 5 ≈ 204 000 events.
    static let perSiteMonth = 170

    static func siteFile(_ n: Int) -> String {
        let units = (1...60).map { "\"\(n)-\($0)\"" }.joined(separator: ", ")
        return """
            [site]
            id = "site\(n)"
            name = "第\(n)物业项目"
            time_zone = "Asia/Shanghai"
            households = 600
            units = [\(units)]
            [[locations]]
            id = "lobby\(n)"
            name = "大堂"
            kind = "public_area"
            [[routes]]
            id = "route\(n)"
            name = "巡逻路线"
            checkpoints = [{ code = "P\(n)-1", name = "大门" }, { code = "P\(n)-2", name = "车库" }]
            [[staff]]
            id = "desk\(n)"
            name = "前台\(n)"
            role = "desk"
            [[staff]]
            id = "tech\(n)"
            name = "维修\(n)"
            role = "technician"
            """
    }

    /// Builds the company: 20 sites taken on a year ago, each month's complaints answered,
    /// most in time, resolved, called back and closed.
    static func company(_ home: String, now: Instant) throws -> Int {
        let start = now - 86400 * 366
        let store = try Store.open(home: home, create: true)
        let boss = try SiteFile.parse(
            """
            [site]
            id = "hq"
            name = "总部"
            time_zone = "Asia/Shanghai"
            households = 1
            [[staff]]
            id = "boss"
            name = "主管"
            role = "supervisor"
            """)
        try store.define(boss, actor: nil, now: start)
        for n in 1...sites { try store.define(try SiteFile.parse(siteFile(n)), actor: "boss", now: start) }
        var events = 0
        for month in 0..<12 {
            try store.batch { (b: inout Store.Batch) throws(WuyeError) in
                for n in 1...sites {
                    for i in 0..<perSiteMonth {
                        let t = start + Int64(month) * 30 * 86400 + Int64(i) * 14_400 + Int64(n * 60)
                        let o = ItemOpened(
                            kind: .complaint, site: "site\(n)", unit: "\(n)-\(i % 60 + 1)", channel: .hotline, category: "噪音",
                            text: "第\(n)项目投诉 \(month)-\(i)", limits: ClockLimits())
                        let it = try b.perform([.open(o)], on: nil, site: "site\(n)", actor: "desk\(n)", at: t, now: t)
                        // One in ten answered late.
                        let answer = t + (i % 10 == 0 ? 3000 : 600)
                        try b.perform([.respond(note: nil), .resolve(note: "已处理")], on: it.id, actor: "desk\(n)", at: answer, now: answer)
                        try b.perform(
                            [.callback(rating: 4 + i % 2, note: nil), .close(note: nil)], on: it.id, actor: "desk\(n)", at: t + 7200,
                            now: t + 7200)
                        events += 5
                    }
                }
            }
        }
        try store.checkpoint()
        try store.close()
        return events
    }

    static func run(_ scratch: String) throws {
        guard let wuye = Bench.siblingBinary("wuye") else {
            print("(wuye is not built beside wuye-bench: run swift build -c release first; report figures skipped)")
            return
        }
        let home = scratch + "/company"
        let now = realNow()
        var events = 0
        if !FileManager.default.fileExists(atPath: home + "/wuye.sqlite") {
            let built = try Bench.ms { events = try ReportBench.company(home, now: now) }
            Bench.report("building the company", "\(events) events", built / 1000, "s")
        }
        let zone = Zone("Asia/Shanghai") ?? .utc
        let today = zone.date(of: now)
        let last = today.month == 1 ? "\(today.year - 1)-12" : "\(today.year)-\(today.month - 1 < 10 ? "0" : "")\(today.month - 1)"
        let quarter = "\(today.year)Q\(today.quarter)"
        let size = "\(sites) sites, a year"
        let env = ["WUYE_AS": "boss"]
        let out = scratch + "/report-out"
        for (label, args) in [
            ("process: report monthly, text", ["report", "monthly", "--month", last]),
            (
                "process: report monthly, html",
                ["report", "monthly", "--month", last, "--format", "html", "--output", out + ".html"]
            ),
            ("process: report monthly, csv", ["report", "monthly", "--month", last, "--format", "csv", "--output", out]),
            ("process: report quarterly, text", ["report", "quarterly", "--quarter", quarter]),
            ("process: report yearly, text", ["report", "yearly", "--year", String(today.year)]),
            ("process: kpi --month", ["kpi", "--month", last]),
        ] {
            let (t, rss) = try Bench.timeProcess(wuye, args, home: home, runs: 3, env: env)
            Bench.report(label, size, t, "ms")
            if label == "process: report monthly, text" { Bench.report("peak memory of the monthly report", size, rss, "MB") }
        }
    }
}
