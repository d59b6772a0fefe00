import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Open the console (the default): the live board of open items.")
    @OptionGroup var g: GlobalOptions
    @Option(help: "Only this site.") var site: String?

    func run() throws {
        let env = try Env(g)
        let store = try openOrBuildDemo(env)
        try Board.print(store: store, site: site, now: env.now)
    }
}

/// The first run on an empty data folder builds the demo property and says so.
func openOrBuildDemo(_ env: Env) throws(WuyeError) -> Store {
    let exists = FileManager.default.fileExists(atPath: (env.home as NSString).appendingPathComponent("wuye.sqlite"))
    if exists { return try env.store() }
    try Demo.create(home: env.home, now: env.now)
    let store = try env.store()
    Output.line("No data yet: built the demo property in \(env.home) (use 'wuye init --site FILE' for your own).")
    return store
}

/// The live board as text: every open item, nearest deadline first.
enum Board {
    static func print(store: Store, site: String?, now: Instant) throws(WuyeError) {
        let sites = try store.sites()
        let items = try store.items(kind: nil, filter: .open, site: site)
        let zone = sites.first?.zone ?? .utc
        Output.line("Wuye — \(site ?? "all sites")  \(ISOFormat.short(now, in: zone))\(try store.isDemo() ? "  DEMO" : "")")
        Output.line("")
        if items.isEmpty {
            Output.line("no open items")
            return
        }
        Output.table(["ID", "SITE", "PLACE", "STATUS", "CLOCK", "LEFT", "TEXT"], items.map { ItemCLI.row($0, now: now) })
    }
}
