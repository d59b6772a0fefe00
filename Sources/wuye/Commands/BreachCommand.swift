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
            var rows: [(item: Item, clock: ItemClock, state: ClockState)] = []
            try store.forEachItem(kind: nil, filter: .open, site: site) { it in
                guard zones[it.site] != nil else { return }
                for c in it.clocks where c.cycle == it.cycle && c.stoppedAt == nil {
                    let st = c.state(at: now)
                    if st == .breached || st == .dueSoon { rows.append((it, c, st)) }
                }
            }
            let impacts = try BreachImpact.thisMonth(
                store: store, sites: Array(zones.keys), breaches: rows.filter { $0.state == .breached }, now: now)
            // Breached first, the longest overdue first; then due soon, the nearest first.
            rows.sort { a, b in
                if (a.state == .breached) != (b.state == .breached) { return a.state == .breached }
                return a.clock.nominalDeadline != b.clock.nominalDeadline
                    ? a.clock.nominalDeadline < b.clock.nominalDeadline : a.item.id < b.item.id
            }
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
            if rows.isEmpty { return Output.line("no breached or due-soon clocks\(site.map { " at \($0)" } ?? "")") }
            Output.table(
                ["ID", "SITE", "CLOCK", "STATE", "LEFT", "SINCE", "HOLDER", "TEXT"],
                rows.map { r in
                    let zone = zones[r.item.site] ?? .utc
                    return [
                        r.item.id, r.item.site, r.clock.kind.rawValue, Countdown.symbol(r.state) + " " + r.state.rawValue,
                        Countdown.format(r.clock.remaining(at: now)),
                        r.state == .breached ? ISOFormat.short(r.clock.nominalDeadline, in: zone) : "",
                        r.item.assignee ?? r.item.department.map { "(\($0))" } ?? "nobody", (r.item.emergency ? "‼ " : "") + r.item.text,
                    ]
                })
            // What the breaches do to this month's figures.
            let lines = impacts.values.filter { $0.breaches > 0 }.sorted { ($0.site, $0.figure) < ($1.site, $1.figure) }
            if !lines.isEmpty { Output.line("") }
            for i in lines { Output.line(i.sentence) }
        }
    }
}

/// What the breaches on the board do to this month's achievement figure they count in: the
/// figure now, the figure had they been met, and how many more misses the month can take
/// before its target is out of reach (every clock still pending met).
struct BreachImpact {
    var site: String
    var figure: String
    var from: Instant
    var target: Double
    var value: Double?
    var valueWithout: Double?
    var breaches: Int
    /// Further misses that put the target out of reach (0: already out of reach).
    var missesToLose: Int

    static let figures: [(String, [ClockKind])] = [
        ("complaint_timeliness", [.result, .progress]), ("response_achievement", [.response, .acknowledge]),
        ("enquiry_achievement", [.answer]), ("repair_achievement", [.onSite, .resolution]),
    ]

    static func key(_ site: String, _ kind: ClockKind) -> String {
        "\(site) \(figures.first { $0.1.contains(kind) }?.0 ?? "")"
    }

    static func thisMonth(store: Store, sites: [String], breaches: [(item: Item, clock: ItemClock, state: ClockState)], now: Instant)
        throws(WuyeError) -> [String: BreachImpact]
    {
        var out: [String: BreachImpact] = [:]
        for s in try store.sites() where sites.contains(s.id) {
            let today = s.zone.date(of: now)
            let period = Period.month(today.year, today.month)
            let set = try Figures.compute(store: store, site: s.id, period: period, now: now)
            let from = period.from(in: s.zone)
            for (name, kinds) in figures {
                guard let f = set.figure(name) else { continue }
                let b = breaches.filter { $0.item.site == s.id && kinds.contains($0.clock.kind) && $0.clock.nominalDeadline >= from }.count
                let met = f.numerator
                let decided = f.denominator
                let pending = Double(f.pending)
                // Allowed further misses: the largest k with (met + pending − k) ÷ (decided + pending) ≥ target.
                let allowed = (met + pending - f.target * (decided + pending)).rounded(.down)
                out["\(s.id) \(name)"] = BreachImpact(
                    site: s.id, figure: name, from: from, target: f.target, value: f.value,
                    valueWithout: decided > 0 ? min(1, (met + Double(b)) / decided) : nil, breaches: b,
                    missesToLose: allowed < 0 ? 0 : Int(allowed) + 1)
            }
        }
        return out
    }

    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.key("figure")
        w.string(figure)
        w.key("target")
        w.double(target)
        w.key("value")
        w.double(value)
        w.key("value_without_breaches")
        w.double(valueWithout)
        w.key("breaches")
        w.int(breaches)
        w.key("misses_to_lose_target")
        w.int(missesToLose)
        w.endObject()
    }

    var sentence: String {
        let name = figure.replacingOccurrences(of: "_", with: " ")
        let now = FigureReport.percent(value)
        let without = FigureReport.percent(valueWithout)
        let reach =
            missesToLose == 0
            ? "the month can no longer reach \(FigureReport.percent(target))"
            : "\(missesToLose) more miss\(missesToLose == 1 ? "" : "es") and the month cannot reach \(FigureReport.percent(target))"
        return "\(site) \(name) \(without) → \(now) (\(breaches) breach\(breaches == 1 ? "" : "es")); \(reach)"
    }
}
