import ArgumentParser
import Foundation
import WuyeCore
import WuyeReports
import WuyeStore

/// `wuye report monthly|quarterly|yearly`: the plan's targets against their figures, per site
/// and for the company, with the period's breaches, the appraisal and the management records.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Monthly, quarterly and yearly service-quality reports (supervisor): text, CSV or HTML.",
        subcommands: [Monthly.self, Quarterly.self, Yearly.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, html }

    struct Options: ParsableArguments {
        @Option(help: "One site (default: every site, then the company).") var site: String?
        @Option(help: "text (fits 80 columns), csv (a folder of files) or html (one page).") var format: Format = .text
        @Option(help: ArgumentHelp("Where to write: a file (text, html) or a folder (csv, required).", valueName: "PATH"))
        var output: String?
    }

    static func run(_ kind: PeriodReport.Kind, _ period: Period, _ o: Options, _ g: GlobalOptions) throws(WuyeError) {
        let env = try Env(g)
        let store = try env.store()
        let actor = try store.staff(try env.requireActor())
        // A report carries everyone's appraisal: a supervisor's.
        try Permissions.requireSupervisor(actor, "produce reports (they carry everyone's appraisal)")
        if let s = o.site { _ = try store.site(s) }
        if o.format == .csv, o.output == nil { throw .badInput("--format csv writes one file per table: give --output FOLDER") }
        let r = try PeriodReport.compute(
            store: store, kind: kind, period: period, site: o.site, now: env.now, producedAt: env.now, by: actor.id)
        switch o.format {
        case .text:
            let lines = ReportText.render(r)
            if let path = o.output {
                try Output.writeFile(path, Array((lines.map { InertText.make($0) }.joined(separator: "\n") + "\n").utf8))
                Output.said("saved: \(kind.rawValue) report \(period) in \(path)")
            } else {
                for l in lines { Output.line(l) }
            }
        case .html:
            let page = ReportHTML.render(r)
            if let path = o.output {
                try Output.writeFile(path, Array(page.utf8))
                Output.said("saved: \(kind.rawValue) report \(period) in \(path)")
            } else {
                Output.writeAll(Array(page.utf8))
            }
        case .csv:
            let folder = o.output!
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .badInput("cannot make the folder \(folder): \(error.localizedDescription)")
            }
            let files = ReportCSV.files(r)
            for f in files { try Output.writeFile((folder as NSString).appendingPathComponent(f.name), Array(f.text.utf8)) }
            Output.said(
                "saved: \(files.count) tables of the \(kind.rawValue) report \(period) in \(folder): \(files.map(\.name).joined(separator: ", "))"
            )
        }
    }

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monthly", abstract: "A month's report (default: the month just ended).")
        @OptionGroup var g: GlobalOptions
        @Option(help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String?
        @OptionGroup var o: Options

        func run() throws {
            let period: Period
            if let month {
                guard let p = Period.parse(month: month) else {
                    throw WuyeError.badInput("'\(month)' is not a month; write --month 2026-11")
                }
                period = p
            } else {
                let env = try Env(g)
                let today = (try env.store().sites().first?.zone ?? .utc).date(of: env.now)
                period = today.month == 1 ? .month(today.year - 1, 12) : .month(today.year, today.month - 1)
            }
            try ReportCommand.run(.monthly, period, o, g)
        }
    }

    struct Quarterly: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "quarterly", abstract: "A quarter's report, with its months' trend.")
        @OptionGroup var g: GlobalOptions
        @Option(help: ArgumentHelp("The quarter.", valueName: "YYYYQn")) var quarter: String
        @OptionGroup var o: Options

        func run() throws {
            guard let p = Period.parse(quarter: quarter) else {
                throw WuyeError.badInput("'\(quarter)' is not a quarter; write --quarter 2026Q4")
            }
            try ReportCommand.run(.quarterly, p, o, g)
        }
    }

    struct Yearly: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "yearly", abstract: "A year's report, with its quarters, costs and the complaint rate.")
        @OptionGroup var g: GlobalOptions
        @Option(help: ArgumentHelp("The year.", valueName: "YYYY")) var year: String
        @OptionGroup var o: Options

        func run() throws {
            guard let p = Period.parse(year: year) else { throw WuyeError.badInput("'\(year)' is not a year; write --year 2026") }
            try ReportCommand.run(.yearly, p, o, g)
        }
    }
}
