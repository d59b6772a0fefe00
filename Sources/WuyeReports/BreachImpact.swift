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

    public static let figures: [(String, [ClockKind])] = [
        ("complaint_timeliness", [.result, .progress]), ("response_achievement", [.response, .acknowledge]),
        ("enquiry_achievement", [.answer]), ("repair_achievement", [.onSite, .resolution]),
    ]

    public static func key(_ site: String, _ kind: ClockKind) -> String {
        "\(site) \(figures.first { $0.1.contains(kind) }?.0 ?? "")"
    }

    public static func thisMonth(store: Store, sites: [String], breaches: [Breach], now: Instant)
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
        let name = figure.replacingOccurrences(of: "_", with: " ")
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
        let reach = missesToLose == 0 ? "本月已无法达到 \(target)" : "再超时 \(missesToLose) 件, 本月将无法达到 \(target)"
        return "\(site) \(name) \(without) → \(now) (超时 \(breaches) 件); \(reach)"
    }
}
