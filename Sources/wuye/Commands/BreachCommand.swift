import ArgumentParser
import WuyeCore
import WuyeReports
import WuyeStore

/// `wuye breach`: the clocks past their deadline or close to it, across the sites — what
/// the supervisor's breach board shows.
struct BreachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breach", abstract: "Breached and due-soon clocks, with who holds each; answering a breach (supervisor).",
        subcommands: [List.self, Ack.self, Escalate.self])

    /// A breach's fields in JSON, as `breach list` and `handover` write them.
    static func fields(_ item: Item, _ clock: ItemClock, _ state: ClockState, zone: Zone, into w: inout JSONWriter) {
        w.key("item")
        w.string(item.id)
        w.key("clock")
        w.string(clock.kind.rawValue)
        w.key("state")
        w.string(state.rawValue)
        w.key("deadline")
        w.instant(clock.nominalDeadline, zone: zone)
        w.key("assignee")
        w.string(item.assignee)
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge an item's breach with a comment (kept in its timeline and the audit trail).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The item's id, e.g. C-12.") var item: String
        @Option(help: "What is being done about it (required).") var note: String
        @Flag(help: "Print the item as JSON after the change.") var json = false

        func run() throws {
            let env = try Env(g)
            let kind = try env.store().item(item).kind
            try ItemCLI.act(kind, item, g: g, at: nil, json: json, said: { "saved: \($0.id) breach acknowledged" }) { _, _ in
                [.acknowledgeBreach(note: note)]
            }
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escalate",
            abstract: "Hand an item's breach up to a person, with a note (kept in its timeline and the audit trail).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The item's id, e.g. C-12.") var item: String
        @Option(help: ArgumentHelp("Who it is handed to (a staff id).", valueName: "STAFF")) var to: String
        @Option(help: "Why (required).") var note: String
        @Flag(help: "Print the item as JSON after the change.") var json = false

        func run() throws {
            let env = try Env(g)
            let kind = try env.store().item(item).kind
            try ItemCLI.act(kind, item, g: g, at: nil, json: json, said: { "saved: \($0.id) escalated to \(to)" }) {
                _, store throws(WuyeError) in
                [.escalate(to: try store.staff(to), note: note)]
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Every breached and due-soon clock of the open items, the longest overdue first.")
        @OptionGroup var g: GlobalOptions
        @Option(help: "Only this site.") var site: String?
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try sites(store, site).map { ($0.id, $0.zone) })
            let now = env.now
            var open: [Item] = []
            try store.forEachItem(kind: nil, filter: .open, site: site) { it in
                if zones[it.site] != nil { open.append(it) }
            }
            let rows = Breaches.board(open, now: now)
            let impacts = try BreachImpact.thisMonth(
                store: store, sites: Array(zones.keys), breaches: rows.filter { $0.state == .breached }, now: now)
            if json {
                var w = JSONWriter()
                w.beginArray()
                for r in rows {
                    let zone = zones[r.item.site] ?? .utc
                    w.beginObject()
                    BreachCommand.fields(r.item, r.clock, r.state, zone: zone, into: &w)
                    w.key("kind")
                    w.string(r.item.kind.rawValue)
                    w.key("site")
                    w.string(r.item.site)
                    w.key("remaining_seconds")
                    w.int(r.clock.remaining(at: now))
                    w.key("department")
                    w.string(r.item.department)
                    w.key("emergency")
                    w.bool(r.item.emergency)
                    w.key("text")
                    w.string(r.item.text)
                    w.key("impact")
                    if r.state == .breached, let i = impacts[BreachImpact.key(r.item.site, r.clock.kind)],
                        r.clock.nominalDeadline >= i.from
                    {
                        i.write(into: &w)
                    } else {
                        w.null()
                    }
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
                return
            }
            if rows.isEmpty { return Output.said("no breached or due-soon clocks\(site.map { " at \($0)" } ?? "")") }
            Output.table(
                ["ID", "SITE", "CLOCK", "STATE", "LEFT", "SINCE", "HOLDER", "TEXT"],
                rows.map { r in
                    let zone = zones[r.item.site] ?? .utc
                    return [
                        r.item.id, r.item.site, r.clock.kind.rawValue, Countdown.symbol(r.state) + " " + r.state.rawValue,
                        Countdown.format(r.clock.remaining(at: now)),
                        r.state == .breached ? ISOFormat.short(r.clock.nominalDeadline, in: zone) : "",
                        r.holder, (r.item.emergency ? "‼ " : "") + r.item.text,
                    ]
                })
            // What the breaches do to this month's figures.
            let lines = impacts.values.filter { $0.breaches > 0 }.sorted { ($0.site, $0.figure) < ($1.site, $1.figure) }
            if !lines.isEmpty { Output.line("") }
            for i in lines { Output.line(i.sentence) }
        }
    }
}
