import ArgumentParser
import WuyeCore
import WuyeStore

/// `wuye item …`: what applies to items of every kind.
struct ItemGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item", abstract: "Complaints, enquiries and repairs together.", subcommands: [Search.self])

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "Find any item, open or closed, by id, unit, phone or words (Chinese too).",
            discussion: "Examples: wuye item search c-9 ; wuye item search 3-1802 ; wuye item search 漏水 ; wuye item search 1381234")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "What to look for.") var text: String
        @Option(help: "At most this many items (newest first).") var limit: Int = 50
        @Flag(help: "JSON output: an array of items as 'show --json' writes them.") var json = false

        func run() throws {
            guard (1...10_000).contains(limit) else { throw WuyeError.badInput("--limit must be 1–10000, got \(limit)") }
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0.zone) })
            let items = try store.search(text, limit: limit)
            if json {
                var w = JSONWriter()
                w.beginArray()
                for it in items { ItemJSON.write(it, zone: zones[it.site] ?? .utc, now: env.now, into: &w) }
                w.endArray()
                Output.json(w)
                return
            }
            if items.isEmpty {
                Output.said("nothing found for '\(text)'")
                return
            }
            Output.table(["ID", "SITE", "PLACE", "STATUS", "CLOCK", "LEFT", "TEXT"], items.map { ItemCLI.row($0, now: env.now) })
        }
    }
}
