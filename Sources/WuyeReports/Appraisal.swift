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

    public var figures: [Figure] { [satisfaction, timeliness, training] }

    /// Met when every indicator with data meets its target; nil when none has data.
    public var met: Bool? {
        let decided = figures.compactMap(\.met)
        return decided.isEmpty ? nil : !decided.contains(false)
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

        // Per site, in its own time zone: clocks and ratings by assignee, and the
        // site's own satisfaction scores.
        var timeliness: [String: [Store.ClockOutcome]] = [:]
        var ownScores: [String: [Double]] = [:]
        var ownFlags: [String: (backdated: Int, imported: Int)] = [:]
        var siteScores: [String: [Double]] = [:]
        for s in setting.sites {
            let from = period.from(in: s.zone)
            let to = period.to(in: s.zone)
            for (who, c) in try store.assignedClocks(site: s.id, kinds: [.result, .progress], deadlineFrom: from, to: to) {
                if let who { timeliness[who, default: []].append(c) }
            }
            let ratings = try store.assignedCallbackRatings(site: s.id, from: from, to: to)
            for (who, c) in ratings {
                guard let r = c.rating else { continue }
                if let who {
                    ownScores[who, default: []].append(score(r))
                    var f = ownFlags[who] ?? (0, 0)
                    if c.backdated { f.backdated += 1 }
                    if c.imported { f.imported += 1 }
                    ownFlags[who] = f
                }
            }
            siteScores[s.id] =
                try store.surveys(site: s.id, from: from, to: to).map(\.score) + ratings.compactMap { $0.clock.rating.map(score) }
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
            var timely = Figures.achievement("complaint_timeliness", timeliness[m.id] ?? [], target: t.complaintTimeliness, now: now)
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
                staff: m, period: period, satisfaction: satisfaction, satisfactionBasis: basis, timeliness: timely, training: training)
        }
    }
}
