import ArgumentParser
import WuyeCore
import WuyeReports
import WuyeStore

/// `wuye handover`: what this shift hands to the next.
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "What was breached, done and missed since a time, and what is still open (a shift's handover).",
        discussion: "Without --since: since the start of the current shift (the site file's shifts, else 08:00 and 20:00).")
    @OptionGroup var g: GlobalOptions
    @Option(help: ArgumentHelp("From when (default the start of this shift).", valueName: "TIME")) var since: String?
    @Option(help: "Only this site.") var site: String?
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let env = try Env(g)
        let store = try env.store()
        let sites = try sites(store, site)
        // The shift of the signed-in person's site, else of the site asked for, else the first.
        let own = try env.actor.flatMap { try store.staff($0).site }.flatMap { id in sites.first { $0.id == id } }
        guard let home = own ?? sites.first else { throw WuyeError.notFound("this store has no site yet") }
        let from = try env.time(since, zone: home.zone, option: "--since") ?? home.shiftStart(at: env.now)
        if from > env.now { throw WuyeError.badInput("--since \(since ?? "") is still to come; a handover looks back") }
        let h = try Handover.compute(store: store, site: site, since: from, now: env.now)
        let zone = home.zone
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.key("since")
            w.instant(h.since, zone: zone)
            w.key("until")
            w.instant(h.until, zone: zone)
            w.key("site")
            w.string(site)
            w.key("breached")
            w.beginArray()
            for b in h.breached {
                w.beginObject()
                BreachCommand.fields(b.item, b.clock, b.state, zone: zone, into: &w)
                w.endObject()
            }
            w.endArray()
            func ids(_ key: StaticString, _ list: [String]) {
                w.key(key)
                w.beginArray()
                for id in list { w.string(id) }
                w.endArray()
            }
            ids("done", h.done.map(\.id))
            ids("duties_done", h.dutiesDone.map(\.occurrence))
            ids("duties_missed", h.dutiesMissed.map(\.id))
            ids("rounds_complete", h.roundsComplete.map(\.id))
            ids("rounds_incomplete", h.roundsIncomplete.map(\.id))
            ids("rounds_missed", h.roundsMissed.map(\.id))
            ids("open", h.open.map(\.id))
            w.endObject()
            Output.json(w)
            return
        }
        for line in h.lines(zone: zone) { Output.line(line) }
    }
}
