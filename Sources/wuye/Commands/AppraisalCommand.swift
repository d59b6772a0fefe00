import ArgumentParser
import WuyeCore
import WuyeReports
import WuyeStore

struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "The monthly appraisal per staff member: satisfaction, complaint timeliness, training pass rate.",
        discussion: """
            A supervisor reads everyone's; anyone else only their own. The month defaults to this one (so far): \
            give --month for the month just ended.
            """)
    @OptionGroup var g: GlobalOptions
    @Option(help: ArgumentHelp("A month (default this one).", valueName: "YYYY-MM")) var month: String?
    @Option(help: "Only the staff of this site.") var site: String?
    @Option(help: "Only this staff member.") var staff: String?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The appraisal as it stood at that time (replays the journal; read-only).", valueName: "TIME"))
    var asOf: String?
    @Flag var json = false
    @Flag(help: "CSV that Excel opens (UTF-8 with BOM).") var csv = false
    @Flag(help: "One HTML page (redirect it to a file).") var html = false

    func run() throws {
        try Env.oneFormat(json, csv, html)
        let env = try Env(g)
        let live = try env.store()
        let actor = try live.staff(try env.requireActor())
        let only = staff ?? (actor.role == .supervisor ? nil : actor.id)
        try Permissions.checkAppraisal(actor, of: only)
        if let only { _ = try live.staff(only) }
        if let site { _ = try live.site(site) }
        let reading = try env.reading(asOf, of: live, site: site)
        let period: Period
        if let month {
            guard let p = Period.parse(month: month) else {
                throw WuyeError.badInput("'\(month)' is not a month; write --month 2026-11")
            }
            period = p
        } else {
            period = try reading.thisMonth()
        }
        let list = try Appraisal.compute(store: reading.store, period: period, site: site, staff: only, now: reading.now)
        if json {
            var w = JSONWriter()
            AppraisalReport.json(list, into: &w)
            Output.json(w)
        } else if csv {
            Output.writeAll(Array(AppraisalReport.csv(list).utf8))
        } else if html {
            Output.writeAll(Array(HTMLReport.appraisal(list, period: period, scope: site ?? "all sites 全部项目").utf8))
        } else {
            Output.line("Monthly appraisal, \(period)\(site.map { " — \($0)" } ?? "")")
            if let line = try reading.pastLine() { Output.line(line) }
            Output.line()
            Output.table(AppraisalReport.header(), AppraisalReport.rows(list))
        }
    }
}
