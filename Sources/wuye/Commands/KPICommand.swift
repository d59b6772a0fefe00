import ArgumentParser
import Foundation
import WuyeCore
import WuyeReports
import WuyeStore

struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi", abstract: "The figures for a site or the company: a month (default this one), quarter or year.")
    @OptionGroup var g: GlobalOptions
    @Option var site: String?
    @Option(help: ArgumentHelp("A month (default this one).", valueName: "YYYY-MM")) var month: String?
    @Option(help: ArgumentHelp("A quarter, e.g. 2026Q4.", valueName: "YYYYQn")) var quarter: String?
    @Option(help: ArgumentHelp("A year.", valueName: "YYYY")) var year: String?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The figures as they stood at that time (replays the journal; read-only).", valueName: "TIME"))
    var asOf: String?
    @Flag var json = false
    @Flag(help: "CSV that Excel opens (UTF-8 with BOM).") var csv = false
    @Flag(help: "One HTML page with a chart of each figure's months (redirect it to a file).") var html = false

    func run() throws {
        let env = try Env(g)
        let given = [month, quarter, year].compactMap { $0 }
        if given.count > 1 { throw WuyeError.badInput("give one of --month, --quarter or --year") }
        try Env.oneFormat(json, csv, html)
        let live = try env.store()
        if let site { _ = try live.site(site) }
        let reading = try env.reading(asOf, of: live, site: site)
        let store = reading.store
        let now = reading.now
        let period: Period
        if given.isEmpty {
            period = try reading.thisMonth()
        } else {
            guard let p = Period.parse(month: month, quarter: quarter, year: year) else {
                throw WuyeError.badInput("'\(given[0])' is not a period; write --month 2026-11, --quarter 2026Q4 or --year 2026")
            }
            period = p
        }
        let set = try Figures.compute(store: store, site: site, period: period, now: now)
        if json {
            var w = JSONWriter()
            FigureReport.json(set, into: &w)
            Output.json(w)
        } else if csv {
            Output.writeAll(Array(FigureReport.csv(set).utf8))
        } else if html {
            // A month is shown with the five before it; a quarter or a year month by month.
            let setting = try Figures.Setting(store: store, site: site)
            var trend: [FigureSet] = []
            for m in period.kind == .month ? period.lastMonths(6) : period.months {
                trend.append(try Figures.compute(store: store, site: site, period: m, now: now, setting: setting))
            }
            var name = "全部项目 · all sites"
            if let site { name = "\(try store.site(site).name) (\(site))" }
            Output.writeAll(Array(HTMLReport.figures(set, trend: trend, siteName: name).utf8))
        } else {
            if let line = try reading.pastLine() { Output.line(line) }
            for l in FigureReport.text(set) { Output.line(l) }
        }
    }
}
