import WuyeCore
import WuyeStore

/// One staff member's monthly appraisal (the plan's 3.4): satisfaction, complaint
/// timeliness and training pass rate, each against its target.
public struct StaffAppraisal: Sendable {
    /// Where a satisfaction figure comes from.
    public enum Basis: String, Sendable {
        /// Callback ratings of the items assigned to the staff member.
        case own
        /// No rating of their own this month: their site's satisfaction (surveys and
        /// every callback rating), or the company's for company-wide staff.
        case site
    }

    public var staff: Staff
    public var period: Period
    public var satisfaction: Figure
    public var satisfactionBasis: Basis
    public var timeliness: Figure
    public var training: Figure
    public var weights = AppraisalWeights()

    public var figures: [Figure] { [satisfaction, timeliness, training] }

    /// Whether an indicator concerns this member: owners' satisfaction concerns those who
    /// answer owners (the desk, technicians, supervisors) always, and a guard or a cleaner
    /// only through items of their own — the site's satisfaction never fails them.
    public func applies(_ f: Figure) -> Bool {
        guard f.value != nil else { return false }
        if f.name == "satisfaction", satisfactionBasis == .site, staff.role == .guard_ || staff.role == .cleaner { return false }
        return true
    }

    /// The indicators that count for this member.
    public var counted: [Figure] { figures.filter(applies) }

    /// Met when every indicator that counts meets its target; nil when none counts.
    public var met: Bool? {
        let decided = counted.compactMap(\.met)
        return decided.isEmpty ? nil : !decided.contains(false)
    }

    /// The indicators that failed.
    public var failed: [Figure] { counted.filter { $0.met == false } }

    /// The score for the bonus sheet, of 100: each counted indicator's points (its value
    /// over its target, at most 100), weighted by the standards' appraisal weights over the
    /// indicators that count. Nil when none counts.
    public var score: Double? {
        var total = 0.0
        var weight = 0.0
        for f in counted {
            guard let v = f.value, f.target > 0 else { continue }
            let w = self.weight(f.name)
            total += w * min(100, v / f.target * 100)
            weight += w
        }
        return weight > 0 ? total / weight : nil
    }

    func weight(_ name: String) -> Double {
        switch name {
        case "satisfaction": weights.satisfaction
        case "complaint_timeliness": weights.complaintTimeliness
        default: weights.trainingPassRate
        }
    }
}

/// The monthly appraisal per staff member, computed from the projections like every
/// other figure. `docs/figures.md` defines each indicator.
public enum Appraisal {
    /// Active staff (and anyone named by `staff`), at one site or all, for a month.
    public static func compute(store: Store, period: Period, site: String?, staff only: String?, now: Instant) throws(WuyeError)
        -> [StaffAppraisal]
    {
        let setting = try Figures.Setting(store: store, site: nil)
        let standards = setting.standards(for: period, now: now)
        let t = standards.targets
        let staff = try store.staffList().filter { m in
            if let only { return m.id == only }
            return m.active && (site == nil || m.site == site)
        }
        func score(_ rating: Int) -> Double { standards.callbackRatingScores[max(0, min(4, rating - 1))] }

        // Per site, in its own time zone: the tallies by assignee (decided clocks and
        // ratings) and the live clocks, and the site's own satisfaction scores.
        var timeliness: [String: Store.ClockCounts] = [:]
        var ownScores: [String: [Double]] = [:]
        var ownFlags: [String: (backdated: Int, imported: Int)] = [:]
        var siteScores: [String: [Double]] = [:]
        for s in setting.sites {
            let range = Store.FigureRange(site: s.id, period: period, zone: s.zone)
            let tallies = try store.tallies(range, byAssignee: true)
            let live = try store.liveClocks(range, kinds: [.result, .progress])
            let people = Set(tallies.keys.map(\.assignee)).union(live.compactMap(\.assignee)).subtracting([""])
            var all: [Double] = []
            for who in people.union([""]) {
                let own = tallies.filter { $0.key.assignee == who }
                let ratings = Store.ratingCounts(own)
                let scores = ratings.byRating.sorted { $0.key < $1.key }.flatMap { Array(repeating: score($0.key), count: $0.value) }
                all += scores
                guard !who.isEmpty else { continue }
                let c = Store.clockCounts(
                    own, live: live.filter { $0.assignee == who }.map(\.clock), kinds: [.result, .progress], now: now)
                var t = timeliness[who] ?? Store.ClockCounts()
                t.met += c.met
                t.decided += c.decided
                t.pending += c.pending
                t.backdated += c.backdated
                t.imported += c.imported
                timeliness[who] = t
                ownScores[who, default: []] += scores
                var f = ownFlags[who] ?? (0, 0)
                f.backdated += ratings.backdated
                f.imported += ratings.imported
                ownFlags[who] = f
            }
            siteScores[s.id] = try store.surveys(site: s.id, from: range.from, to: range.to).map(\.score) + all
        }
        let companyScores = siteScores.values.flatMap { $0 }
        let sessions = setting.trainings.filter { $0.date >= period.first && $0.date < period.end }

        return staff.map { m in
            var basis = StaffAppraisal.Basis.own
            var scores = ownScores[m.id] ?? []
            if scores.isEmpty {
                basis = .site
                scores = m.site.map { siteScores[$0] ?? [] } ?? companyScores
            }
            let flags: (backdated: Int, imported: Int) = basis == .own ? ownFlags[m.id] ?? (0, 0) : (0, 0)
            var satisfaction = Figure(
                name: "satisfaction", value: nil, target: t.satisfaction / 100, ceiling: false, numerator: scores.reduce(0, +) / 100,
                denominator: Double(scores.count), pending: 0, backdated: flags.backdated, imported: flags.imported)
            let c = timeliness[m.id] ?? Store.ClockCounts()
            var timely = Figure(
                name: "complaint_timeliness", value: nil, target: t.complaintTimeliness, ceiling: false, numerator: Double(c.met),
                denominator: Double(c.decided), pending: c.pending, backdated: c.backdated, imported: c.imported)
            var passed = 0
            var assessed = 0
            for session in sessions {
                guard let p = session.passed(m.id) else { continue }
                assessed += 1
                if p { passed += 1 }
            }
            var training = Figure(
                name: "training_pass_rate", value: nil, target: t.trainingPassRate, ceiling: false, numerator: Double(passed),
                denominator: Double(assessed), pending: 0, backdated: 0, imported: 0)
            satisfaction.settle()
            timely.settle()
            training.settle()
            return StaffAppraisal(
                staff: m, period: period, satisfaction: satisfaction, satisfactionBasis: basis, timeliness: timely, training: training,
                weights: standards.appraisalWeights)
        }
    }
}
