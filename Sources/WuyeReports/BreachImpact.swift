import WuyeCore
import WuyeStore

/// What the breaches on the board do to this month's achievement figure they count in: the
/// figure now, the figure had they been met, and how many more misses the month can take
/// before its target is out of reach (every clock still pending met).
public struct BreachImpact: Sendable {
    public var site: String
    public var figure: String
    public var from: Instant
    public var target: Double
    public var value: Double?
    public var valueWithout: Double?
    public var breaches: Int
    /// Further misses that put the target out of reach (0: already out of reach).
    public var missesToLose: Int

    /// The month's clock figures a breach counts against: the figures' own table.
    public static let figures: [(String, [ClockKind])] = Figures.clockFigures.map { ($0.name, $0.kinds) }

    /// Which of `figures` a clock counts in.
    static let figureIndex: [ClockKind: Int] = {
        var out: [ClockKind: Int] = [:]
        for (i, f) in figures.enumerated() { for k in f.1 { out[k] = i } }
        return out
    }()

    public static func key(_ site: String, _ kind: ClockKind) -> String {
        "\(site) \(figureIndex[kind].map { figures[$0].0 } ?? "")"
    }

    /// The breaches' effect on this month's figures now, read from the store.
    public static func thisMonth(store: Store, sites: [String], breaches: [Breach], now: Instant)
        throws(WuyeError) -> [String: BreachImpact]
    {
        try Basis(store: store, sites: sites, now: now).impacts(breaches: breaches[...], now: now)
    }

    /// What this month's clock figures rest on at each site: the decided clocks' tallies
    /// and the clocks still running, read once per change of the store. Between changes
    /// only time moves, turning running clocks past their deadline from pending into
    /// missed; `impacts(breaches:now:)` counts that in memory, so a clock crossing on the
    /// breach board costs microseconds instead of a read of the month (about 40 ms on
    /// 2 000 open items, every few seconds on a busy board).
    public struct Basis: Sendable {
        struct SiteBasis: Sendable {
            var site: String
            var from: Instant
            /// Per figure (in the order of `BreachImpact.figures`): the decided clocks
            /// counted from the tallies, and the running clocks, which time decides.
            var decided: [Store.ClockCounts]
            var live: [[Store.ClockOutcome]]
        }
        var sites: [SiteBasis]
        var targets: Targets

        public init(store: Store, sites wanted: [String], now: Instant) throws(WuyeError) {
            // The standards in force now are those this month is measured against while it runs.
            targets = try store.standards().targets
            var out: [SiteBasis] = []
            let kinds = BreachImpact.figures.flatMap(\.1)
            for s in try store.sites() where wanted.contains(s.id) {
                let today = s.zone.date(of: now)
                let period = Period.month(today.year, today.month)
                let range = Store.FigureRange(site: s.id, period: period, zone: s.zone)
                let tallies = try store.tallies(range)
                let live = try store.liveClocks(range, kinds: kinds).map(\.clock)
                out.append(
                    SiteBasis(
                        site: s.id, from: range.from,
                        decided: BreachImpact.figures.map { Store.clockCounts(tallies, kinds: $0.1) },
                        live: BreachImpact.figures.map { f in live.filter { f.1.contains($0.kind) } }))
            }
            sites = out
        }

        /// The effect of `breaches` (the breached rows of the board) at `now`.
        public func impacts(breaches: ArraySlice<Breach>, now: Instant) -> [String: BreachImpact] {
            // The breaches counted in one pass, by site and figure, reading each row in
            // place (a copy of a row retains every string of its item).
            var counts: [String: [Int]] = [:]
            for s in sites { counts[s.site] = Array(repeating: 0, count: BreachImpact.figures.count) }
            let from = Dictionary(uniqueKeysWithValues: sites.map { ($0.site, $0.from) })
            for i in breaches.indices {
                guard let f = BreachImpact.figureIndex[breaches[i].clock.kind], let start = from[breaches[i].item.site],
                    breaches[i].clock.nominalDeadline >= start
                else { continue }
                counts[breaches[i].item.site]?[f] += 1
            }
            var out: [String: BreachImpact] = [:]
            for s in sites {
                for (f, (name, _)) in BreachImpact.figures.enumerated() {
                    // As `Store.clockCounts`: a running clock past its deadline is missed.
                    var c = s.decided[f]
                    for l in s.live[f] {
                        if !l.paused && l.deadline < now { c.decided += 1 } else { c.pending += 1 }
                    }
                    let target = Figures.clockFigures[f].target(targets)
                    let b = counts[s.site]?[f] ?? 0
                    let met = Double(c.met)
                    let decided = Double(c.decided)
                    let pending = Double(c.pending)
                    // Allowed further misses: the largest k with (met + pending − k) ÷ (decided + pending) ≥ target.
                    let allowed = (met + pending - target * (decided + pending)).rounded(.down)
                    out["\(s.site) \(name)"] = BreachImpact(
                        site: s.site, figure: name, from: s.from, target: target, value: decided > 0 ? met / decided : nil,
                        valueWithout: decided > 0 ? min(1, (met + Double(b)) / decided) : nil, breaches: b,
                        missesToLose: allowed < 0 ? 0 : Int(allowed) + 1)
                }
            }
            return out
        }
    }

    public func write(into w: inout JSONWriter) {
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

    public var sentence: String {
        let name = String(figure.map { $0 == "_" ? " " : $0 })
        let now = FigureReport.percent(value)
        let without = FigureReport.percent(valueWithout)
        let reach =
            missesToLose == 0
            ? "the month can no longer reach \(FigureReport.percent(target))"
            : "\(missesToLose) more miss\(missesToLose == 1 ? "" : "es") and the month cannot reach \(FigureReport.percent(target))"
        return "\(site) \(name) \(without) → \(now) (\(breaches) breach\(breaches == 1 ? "" : "es")); \(reach)"
    }

    /// The same in Chinese, the figure by the plan's own name.
    public var sentenceZH: String {
        let name = FigureReport.labels[figure]?.zh ?? figure
        let now = FigureReport.percent(value)
        let without = FigureReport.percent(valueWithout)
        let target = FigureReport.percent(target)
        let reach = missesToLose == 0 ? "本月已无法达到 \(target)" : "再超时 \(missesToLose) 件，本月将无法达到 \(target)"
        return "\(site) \(name) \(without) → \(now)（超时 \(breaches) 件）；\(reach)"
    }
}
