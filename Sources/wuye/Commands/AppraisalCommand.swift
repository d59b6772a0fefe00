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
    @Flag var json = false
    @Flag(help: "CSV that Excel opens (UTF-8 with BOM).") var csv = false

    func run() throws {
        let env = try Env(g)
        let store = try env.store()
        let actor = try store.staff(try env.requireActor())
        let only = staff ?? (actor.role == .supervisor ? nil : actor.id)
        try Permissions.checkAppraisal(actor, of: only)
        if let only { _ = try store.staff(only) }
        if let site { _ = try store.site(site) }
        let period: Period
        if let month {
            guard let p = Period.parse(month: month) else {
                throw WuyeError.badInput("'\(month)' is not a month; write --month 2026-11")
            }
            period = p
        } else {
            let zone = try store.sites().first?.zone ?? .utc
            let today = zone.date(of: env.now)
            period = .month(today.year, today.month)
        }
        let list = try Appraisal.compute(store: store, period: period, site: site, staff: only, now: env.now)
        if json {
            var w = JSONWriter()
            AppraisalReport.json(list, into: &w)
            Output.json(w)
        } else if csv {
            Output.writeAll(Array(AppraisalReport.csv(list).utf8))
        } else {
            Output.line("Monthly appraisal, \(period)\(site.map { " — \($0)" } ?? "")")
            Output.line()
            Output.table(AppraisalReport.header(), AppraisalReport.rows(list))
        }
    }
}
