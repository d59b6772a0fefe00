import WuyeCore
import WuyeStore

/// The monthly, quarterly and yearly reports (`wuye report`): per site and for the company,
/// every target of the plan against its figure with its counts, the period's breaches, the
/// appraisal; the quarter adds the trend by month, surveys, meetings, the evaluation and the
/// corrective actions; the year adds costs and the trend by quarter. Its figures are
/// `Figures.compute`'s, so they equal `wuye kpi --json` for the same period.
public struct PeriodReport: Sendable {
    public enum Kind: String, Sendable { case monthly, quarterly, yearly }

    /// A breach of the period: a clock due in it that was missed or is overdue.
    public struct BreachLine: Sendable {
        public var item: Item
        public var clock: ClockKind
        public var deadline: Instant
        /// When it stopped (late), or nil while still running past its deadline.
        public var stoppedAt: Instant?
    }

    /// One site, or the company (`site` nil).
    public struct Scope: Sendable {
        public var site: Site?
        public var figures: FigureSet
        /// Quarterly: each month's figures; yearly: each quarter's.
        public var trend: [FigureSet] = []
        public var breaches: [BreachLine] = []
        public var surveys: (count: Int, mean: Double?) = (0, nil)
        public var costs: [RepairCost] = []
    }

    public var kind: Kind
    public var period: Period
    /// The sites reported (one, or every site), then the company when there are several.
    public var scopes: [Scope] = []
    public var appraisal: [StaffAppraisal] = []
    public var meetings: [Meeting] = []
    public var evaluations: [Evaluation] = []
    public var actions: [CorrectiveAction] = []
    public var trainings: [TrainingCalendar.Due] = []
    /// When it was produced, by whom, and the moment the figures are as of.
    public var produced: Instant
    public var producedBy: String?
    public var asOf: Instant
    /// The months of the period closed for reporting, with when and by whom.
    public var closings: [PeriodClosing] = []
    /// The zone its instants are written in (the first site's).
    public var zone: Zone

    /// The figures a trend shows, period by period (text and HTML alike).
    public static let trendFigures = [
        "satisfaction", "complaint_timeliness", "response_achievement", "repair_achievement", "callback_rate", "checklist_completion",
        "patrol_completion", "complaint_rate",
    ]

    public var title: String {
        switch kind {
        case .monthly: "Monthly service-quality report 月度服务质量报告"
        case .quarterly: "Quarterly service-quality report 季度服务质量报告"
        case .yearly: "Yearly service-quality report 年度服务质量报告"
        }
    }

    /// Every month of the period closed: the report is final.
    public var isClosed: Bool { closings.count == period.months.count }

    public static func compute(
        store: Store, kind: Kind, period: Period, site: String?, now: Instant, producedAt: Instant, by: String?
    ) throws(WuyeError) -> PeriodReport {
        let sites = try store.sites().filter { site == nil || $0.id == site }
        if let site, sites.isEmpty { throw .notFound("unknown site \(site)") }
        guard let first = sites.first else { throw .notFound("this store has no site yet") }
        var r = PeriodReport(kind: kind, period: period, produced: producedAt, producedBy: by, asOf: now, zone: first.zone)
        let trendPeriods: [Period]
        switch kind {
        case .monthly: trendPeriods = []
        case .quarterly: trendPeriods = period.months
        case .yearly: trendPeriods = (1...4).map { Period.quarter(period.first.year, $0) }
        }
        let allCosts = kind == .yearly ? try store.repairCosts(site: site) : []
        for s in sites {
            let setting = try Figures.Setting(store: store, site: s.id)
            var scope = Scope(site: s, figures: try Figures.compute(store: store, site: s.id, period: period, now: now, setting: setting))
            scope.trend = try trendPeriods.map { p throws(WuyeError) in
                try Figures.compute(store: store, site: s.id, period: p, now: now, setting: setting)
            }
            let from = period.from(in: s.zone)
            let to = min(period.to(in: s.zone), now + 1)
            let missed = try store.missedClocks(site: s.id, from: from, to: to, now: now)
            let items = Dictionary(uniqueKeysWithValues: try store.items(ids: Array(Set(missed.map(\.item)))).map { ($0.id, $0) })
            scope.breaches = missed.compactMap { m in
                items[m.item].map { BreachLine(item: $0, clock: m.kind, deadline: m.deadline, stoppedAt: m.stoppedAt) }
            }
            if kind != .monthly {
                let v = try store.surveys(site: s.id, from: from, to: to)
                scope.surveys = (v.count, v.isEmpty ? nil : v.map(\.score).reduce(0, +) / Double(v.count))
            }
            scope.costs = allCosts.filter { $0.site == s.id && $0.at >= from && $0.at < to }
            r.scopes.append(scope)
        }
        if sites.count > 1 {
            let setting = try Figures.Setting(store: store, site: nil)
            var company = Scope(
                site: nil, figures: try Figures.compute(store: store, site: nil, period: period, now: now, setting: setting))
            company.trend = try trendPeriods.map { p throws(WuyeError) in
                try Figures.compute(store: store, site: nil, period: p, now: now, setting: setting)
            }
            company.breaches = r.scopes.flatMap(\.breaches).sorted { ($0.deadline, $0.item.id) < ($1.deadline, $1.item.id) }
            let counted = r.scopes.map(\.surveys).filter { $0.count > 0 }
            let n = counted.map(\.count).reduce(0, +)
            company.surveys = (n, n == 0 ? nil : counted.map { Double($0.count) * ($0.mean ?? 0) }.reduce(0, +) / Double(n))
            company.costs = r.scopes.flatMap(\.costs)
            r.scopes.append(company)
        }
        r.appraisal = try Appraisal.compute(store: store, period: period, site: site, staff: nil, now: now)
        let ids = Set(sites.map(\.id))
        func inPeriod(_ t: Instant) -> Bool { t >= period.from(in: first.zone) && t < period.to(in: first.zone) }
        if kind != .monthly {
            r.meetings = try store.meetings(site: site).filter { ids.contains($0.site) && inPeriod($0.at) }
            let quarters = Set(trendPeriods.filter { $0.kind == .quarter }.map(\.description) + [period.description])
            r.evaluations = try store.evaluations(site: site).filter { ids.contains($0.site) && quarters.contains($0.quarter) }
            // Open at some time in the period: raised before its end, not done before it began.
            let start = period.from(in: first.zone)
            let end = period.to(in: first.zone)
            r.actions = try store.actions(site: site).filter { a in
                ids.contains(a.site) && a.raisedAt < end && (a.doneAt.map { $0 >= start } ?? true)
            }
        }
        r.trainings = TrainingCalendar.due(
            try store.trainings(), site: site, period: period, standards: try store.standards(), today: first.zone.date(of: now))
        let months = Set(period.months.map(\.description))
        r.closings = try store.closedMonths().filter { months.contains($0.month) }
        return r
    }
}

extension PeriodReport {
    /// What the period's costs come to by site and category, materials and labour.
    public func costTable() -> [(site: String, category: String, count: Int, materials: Double, labour: Double)] {
        var acc: [String: (String, String, Int, Double, Double)] = [:]
        for s in scopes where s.site != nil {
            for c in s.costs {
                let k = c.site + "\u{1F}" + c.category
                var v = acc[k] ?? (c.site, c.category, 0, 0, 0)
                v.2 += 1
                v.3 += c.materials
                v.4 += c.labour
                acc[k] = v
            }
        }
        return acc.values.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { ($0.0, $0.1, $0.2, $0.3, $0.4) }
    }
}
