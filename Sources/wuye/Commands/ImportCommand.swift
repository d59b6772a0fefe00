import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in complaints, enquiries and repairs from a spreadsheet (CSV), all or nothing (supervisor).",
        discussion:
            "Columns: kind, opened_at, site, unit, location, channel, category, text, emergency, complex, and optionally resolved_at.")
    @OptionGroup var g: GlobalOptions
    @Argument(help: "The CSV file (UTF-8, with or without BOM).") var file: String

    func run() throws {
        let env = try Env(g)
        let actor = try env.requireActor()
        let store = try env.store()
        let rows = try ImportRows.read(
            try readFile(file), file: (file as NSString).lastPathComponent, sites: try store.sites(), standards: try store.standards(),
            now: env.now)
        let ids = try store.importItems(rows, actor: actor, now: env.now)
        try store.checkpoint()
        Output.said("saved: \(ids.count) items imported (\(ids.first ?? "") … \(ids.last ?? ""))")
    }
}
