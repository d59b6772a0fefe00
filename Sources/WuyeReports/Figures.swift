import WuyeCore
import WuyeStore

/// One figure: its value against its target.
public struct Figure: Sendable, Equatable {
    public var name: String
    /// A fraction (0.9 for 90 %); nil when there is no data.
    public var value: Double?
    public var target: Double
    /// True when the target is a ceiling (complaint rate): lower is better.
    public var ceiling: Bool
    public var numerator: Double
    public var denominator: Double
    /// Not decided yet (running, paused, upcoming): not counted.
    public var pending: Int
    /// Counted entries recorded well after they happened, or imported: they can change a
    /// past period's figure, and the figure says so.
    public var backdated: Int
    public var imported: Int
    /// For a rate over a base (the complaint rate): the count itself, the base (households)
    /// and the days of the period it covers (a running period, a site taken on part-way).
    public var count: Int?
    public var base: Int?
    public var daysCovered: Int?

    /// Met against the plan's words: 以上 and 以下 include the number itself (the Civil
    /// Code, art. 1259), so "80%以上" is met at 80 % and "5%以下" at 5 %.
    public var met: Bool? {
        guard let value else { return nil }
        return ceiling ? value <= target + 1e-12 : value >= target - 1e-12
    }

    /// Sets the value from the counts: nil without data.
    mutating func settle() { value = denominator > 0 ? numerator / denominator : nil }
}

/// Patrol rounds of a period, by outcome.
public struct PatrolCounts: Sendable, Equatable {
    public var complete = 0
    /// Rounds over and started late: of them, how many were complete and incomplete.
    public var late = 0
    public var lateComplete = 0
    public var lateIncomplete = 0
    public var incomplete = 0
    public var missed = 0
    public var pending = 0
}

/// The figures of a site, or of the company (sites added up), for a period.
public struct FigureSet: Sendable {
    public var site: String?
    public var period: Period
    public var figures: [Figure]
    public var patrol: PatrolCounts

    public func figure(_ name: String) -> Figure? { figures.first { $0.name == name } }
}

/// Computes figures from the projections: a period's clock outcomes, complaints, duties
/// ticked, rounds scanned, trainings and surveys. `docs/figures.md` defines each.
public enum Figures {
    /// What every period's figures need and does not depend on the period: read once
    /// when several periods are computed together.
    public struct Setting: Sendable {
        var sites: [Site]
        var staffSite: [String: String?]
        var trainings: [TrainingSession]

        /// Each site's definitions and the standards loads, oldest first.
        var siteHistory: [String: [(at: Instant, site: Site)]]
        var standardsHistory: [(at: Instant, standards: Standards)]

        public init(store: Store, site: String?) throws(WuyeError) {
            sites = try store.sites().filter { site == nil || $0.id == site }
            if let site, sites.isEmpty { throw .notFound("unknown site \(site)") }
            staffSite = Dictionary(uniqueKeysWithValues: try store.staffList().map { ($0.id, $0.site) })
            trainings = try store.trainings()
            let d = try store.definitions()
            siteHistory = Dictionary(grouping: d.sites, by: \.site.id)
            standardsHistory = d.standards
            var b: [String: CivilDate] = [:]
            for s in sites { b[s.id] = try Figures.recordBegins(store, s) }
            begins = b
        }

        /// The day each site's record begins: read once for all the periods computed.
        var begins: [String: CivilDate]

        /// The site as it was defined at `t` (its first definition before that).
        func site(_ s: Site, at t: Instant) -> Site {
            guard let h = siteHistory[s.id], let first = h.first else { return s }
            return h.last { $0.at <= t }?.site ?? first.site
        }

        /// The standards in force at `t`: the last loaded by then, else the built-in ones.
        func standards(at t: Instant) -> Standards { standardsHistory.last { $0.at <= t }?.standards ?? Standards() }

        /// What a period is measured against: the standards in force when it ended (or
        /// now, while it runs), so that loading new standards later does not move it.
        func standards(for period: Period, now: Instant) -> Standards {
            standards(at: min(now, period.to(in: sites.first?.zone ?? .utc)))
        }
    }

    /// The figures that count clocks met against clocks decided: each one's name, the
    /// clocks it counts and its target in the standards (the breach board's effect on
    /// the month counts the same).
    public static let clockFigures: [(name: String, kinds: [ClockKind], target: @Sendable (Targets) -> Double)] = [
        ("complaint_timeliness", [.result, .progress], { $0.complaintTimeliness }),
        ("response_achievement", [.response, .acknowledge], { $0.responseAchievement }),
        ("enquiry_achievement", [.answer], { $0.enquiryAchievement }),
        ("repair_achievement", [.onSite, .resolution], { $0.repairAchievement }),
    ]

    public static func compute(store: Store, site: String?, period: Period, now: Instant) throws(WuyeError) -> FigureSet {
        try compute(store: store, site: site, period: period, now: now, setting: Setting(store: store, site: site))
    }

    public static func compute(store: Store, site: String?, period: Period, now: Instant, setting: Setting) throws(WuyeError)
        -> FigureSet
    {
        let sites = setting.sites
        let standards = setting.standards(for: period, now: now)
        let t = standards.targets
        var acc: [String: Figure] = [:]
        var order: [String] = []
        func add(_ f: Figure) {
            if var a = acc[f.name] {
                a.numerator += f.numerator
                a.denominator += f.denominator
                a.pending += f.pending
                a.backdated += f.backdated
                a.imported += f.imported
                acc[f.name] = a
            } else {
                acc[f.name] = f
                order.append(f.name)
            }
        }
        var patrol = PatrolCounts()
        var households = 0
        var complaints = 0
        var complaintsImported = 0
        // The complaint rate is a yearly one: each site's count is annualised by the days of
        // the period it covers (up to today; from the day it was taken on).
        let yearDays = Double(
            CivilDate(year: period.first.year + 1, month: 1, day: 1).daysSinceEpoch
                - CivilDate(year: period.first.year, month: 1, day: 1).daysSinceEpoch)
        var annualised = 0.0
        var covered = 0
        // The earliest day any site's record begins.
        var beginsAt: CivilDate?
        for s in sites {
            let zone = s.zone
            let from = period.from(in: zone)
            let to = period.to(in: zone)
            // Satisfaction: surveys and callback ratings, as scores of 100.
            // The decided part from the tallies, the live clocks counted against now:
            // one read of each, whatever the period's length or the store's size.
            let range = Store.FigureRange(site: s.id, period: period, zone: zone)
            let tallies = try store.tallies(range)
            let live = try store.liveCounts(range, now: now)
            let surveys = try store.surveys(site: s.id, from: from, to: to)
            let ratings = Store.ratingCounts(tallies)
            var total = surveys.map(\.score).reduce(0, +)
            var count = surveys.count
            for (rating, n) in ratings.byRating {
                total += standards.callbackRatingScores[max(0, min(4, rating - 1))] * Double(n)
                count += n
            }
            add(
                Figure(
                    name: "satisfaction", value: nil, target: t.satisfaction / 100, ceiling: false, numerator: total / 100,
                    denominator: Double(count), pending: 0, backdated: ratings.backdated, imported: ratings.imported))
            let c = Store.complaintsReceived(tallies)
            let begins = setting.begins[s.id]
            beginsAt = [beginsAt, begins].compactMap { $0 }.min()
            let first = max(period.first, begins ?? period.first)
            let last = min(period.end.adding(days: -1), zone.date(of: now))
            let days = last >= first ? Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1 : 0
            if days > 0 {
                complaints += c.count
                complaintsImported += c.imported
                households += s.households
                annualised += Double(c.count) * yearDays / Double(days)
                covered = max(covered, days)
            }
            for (name, kinds, target) in clockFigures {
                let c = Store.clockCounts(tallies, live: live, kinds: kinds)
                add(
                    Figure(
                        name: name, value: nil, target: target(t), ceiling: false, numerator: Double(c.met), denominator: Double(c.decided),
                        pending: c.pending, backdated: c.backdated, imported: c.imported))
            }
            // Duties and rounds, day by day up to today.
            let lastDay = min(period.end.adding(days: -1), zone.date(of: now))
            if lastDay >= period.first {
                let ticks = Dictionary(
                    try store.ticks(site: s.id, days: period.first.adding(days: -15)...lastDay).map { ($0.occurrence, $0) },
                    uniquingKeysWith: { a, _ in a })
                var seen = Set<String>()
                var byKind: [DutyKind: (done: Int, decided: Int, pending: Int)] = [:]
                var day = period.first
                while day <= lastDay {
                    // Each day's duties as the site and standards stood at its end.
                    let dayEnd = zone.startOfDay(day.adding(days: 1))
                    for o in Duties.occurrences(site: setting.site(s, at: dayEnd), standards: setting.standards(at: dayEnd), day: day)
                    where o.day >= period.first && seen.insert(o.id).inserted {
                        let st = o.state(at: now, tick: ticks[o.id])
                        var k = byKind[o.kind] ?? (0, 0, 0)
                        switch st {
                        case .done, .doneLate: k.done += 1; k.decided += 1
                        case .missed: k.decided += 1
                        case .upcoming, .due: k.pending += 1
                        }
                        byKind[o.kind] = k
                    }
                    day = day.adding(days: 1)
                }
                var totalDone = 0
                var totalDecided = 0
                var totalPending = 0
                for kind in [DutyKind.cleaning, .garbage, .watering, .cctv, .inspection] {
                    let k = byKind[kind] ?? (0, 0, 0)
                    totalDone += k.done
                    totalDecided += k.decided
                    totalPending += k.pending
                    add(
                        Figure(
                            name: "checklist_\(kind.rawValue)", value: nil, target: t.checklistCompletion, ceiling: false,
                            numerator: Double(k.done), denominator: Double(k.decided), pending: k.pending, backdated: 0, imported: 0))
                }
                add(
                    Figure(
                        name: "checklist_completion", value: nil, target: t.checklistCompletion, ceiling: false,
                        numerator: Double(totalDone),
                        denominator: Double(totalDecided), pending: totalPending, backdated: 0, imported: 0))
                let scans = Dictionary(grouping: try store.scans(site: s.id, days: period.first...lastDay), by: \.round)
                var complete = 0
                var decided = 0
                var pendingRounds = 0
                day = period.first
                while day <= lastDay {
                    let dayEnd = zone.startOfDay(day.adding(days: 1))
                    for r in Patrol.rounds(site: setting.site(s, at: dayEnd), standards: setting.standards(at: dayEnd), day: day) {
                        let sc = scans[r.id] ?? []
                        switch r.state(at: now, scans: sc) {
                        case .complete:
                            patrol.complete += 1
                            complete += 1
                            decided += 1
                        case .incomplete:
                            patrol.incomplete += 1
                            decided += 1
                        case .missed:
                            patrol.missed += 1
                            decided += 1
                        case .upcoming, .due, .late:
                            patrol.pending += 1
                            pendingRounds += 1
                        }
                        if r.end <= now, !sc.isEmpty, r.isLate(at: now, scans: sc) {
                            patrol.late += 1
                            if r.isComplete(sc) { patrol.lateComplete += 1 } else { patrol.lateIncomplete += 1 }
                        }
                    }
                    day = day.adding(days: 1)
                }
                add(
                    Figure(
                        name: "patrol_completion", value: nil, target: t.patrolCompletion, ceiling: false, numerator: Double(complete),
                        denominator: Double(decided), pending: pendingRounds, backdated: 0, imported: 0))
            } else {
                for kind in [DutyKind.cleaning, .garbage, .watering, .cctv, .inspection] {
                    add(
                        Figure(
                            name: "checklist_\(kind.rawValue)", value: nil, target: t.checklistCompletion, ceiling: false, numerator: 0,
                            denominator: 0, pending: 0, backdated: 0, imported: 0))
                }
                add(
                    Figure(
                        name: "checklist_completion", value: nil, target: t.checklistCompletion, ceiling: false, numerator: 0,
                        denominator: 0, pending: 0, backdated: 0, imported: 0))
                add(
                    Figure(
                        name: "patrol_completion", value: nil, target: t.patrolCompletion, ceiling: false, numerator: 0, denominator: 0,
                        pending: 0, backdated: 0, imported: 0))
            }
            // Callbacks: of the callback clocks decided in the period (a resolved complaint
            // waiting for its callback past the clock's deadline counts as decided), the
            // share called back at all, and the share called back within the clock.
            let cb = Store.clockCounts(tallies, live: live, kinds: [.callback])
            var made = 0
            var madeBackdated = 0
            var madeImported = 0
            for (k, v) in tallies where k.what == Tallies.calledBack {
                made += v.n
                madeBackdated += v.backdated
                madeImported += v.imported
            }
            add(
                Figure(
                    name: "callback_rate", value: nil, target: t.callbackRate, ceiling: false, numerator: Double(made),
                    denominator: Double(cb.decided), pending: cb.pending, backdated: madeBackdated, imported: madeImported))
            add(
                Figure(
                    name: "callback_timeliness", value: nil, target: t.callbackTimeliness, ceiling: false, numerator: Double(cb.met),
                    denominator: Double(cb.decided), pending: cb.pending, backdated: cb.backdated, imported: cb.imported))
        }
        // Complaint rate: complaints ÷ households, a year's worth (see above).
        add(
            Figure(
                name: "complaint_rate", value: nil, target: t.complaintRateMax, ceiling: true, numerator: annualised,
                denominator: Double(households), pending: 0, backdated: 0, imported: complaintsImported, count: complaints,
                base: households, daysCovered: covered))
        // Training pass rate: assessments in sessions dated in the period.
        let staffSite = setting.staffSite
        var passed = 0
        var assessed = 0
        for session in setting.trainings where session.date >= period.first && session.date < period.end {
            for (staff, score) in session.scores where site == nil || staffSite[staff] == site {
                assessed += 1
                if score >= session.passMark { passed += 1 }
            }
        }
        add(
            Figure(
                name: "training_pass_rate", value: nil, target: t.trainingPassRate, ceiling: false, numerator: Double(passed),
                denominator: Double(assessed), pending: 0, backdated: 0, imported: 0))
        // Training held as planned: each month's short training and each quarter's
        // concentrated one that fell due in the period (every one, so the target is 100 %).
        let today = (sites.first?.zone ?? .utc).date(of: now)
        let due = TrainingCalendar.due(setting.trainings, site: site, period: period, standards: standards, today: today, from: beginsAt)
        add(
            Figure(
                name: "training_held", value: nil, target: 1, ceiling: false, numerator: Double(due.filter { $0.state == .held }.count),
                denominator: Double(due.filter { $0.state != .pending }.count), pending: due.filter { $0.state == .pending }.count,
                backdated: 0, imported: 0))
        let figures = order.map { name -> Figure in
            var f = acc[name]!
            f.settle()
            return f
        }
        return FigureSet(site: site, period: period, figures: figures, patrol: patrol)
    }

    /// A site's record begins when its duties were first kept or, for a history imported
    /// from before, at the first day anything of it counts.
    static func recordBegins(_ store: Store, _ s: Site) throws(WuyeError) -> CivilDate? {
        [s.firstDutyDay, try store.firstTalliedDay(site: s.id)].compactMap { $0 }.min()
    }

    /// A clock counts in the period its deadline falls in, once decided.
    public static func achievement(_ name: String, _ clocks: [Store.ClockOutcome], target: Double, now: Instant) -> Figure {
        var met = 0
        var decided = 0
        var pending = 0
        var backdated = 0
        var imported = 0
        for c in clocks {
            let outcome: ClockState?
            if let o = c.outcome {
                outcome = o
            } else if c.paused || c.deadline >= now {
                outcome = nil
            } else {
                outcome = .missed  // running past its deadline: missed, whenever it stops
            }
            guard let outcome else {
                pending += 1
                continue
            }
            decided += 1
            if outcome == .met { met += 1 }
            if c.backdated { backdated += 1 }
            if c.imported { imported += 1 }
        }
        return Figure(
            name: name, value: nil, target: target, ceiling: false, numerator: Double(met), denominator: Double(decided), pending: pending,
            backdated: backdated, imported: imported)
    }
}
