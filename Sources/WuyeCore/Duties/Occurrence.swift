/// The recurring duties the standards set.
public enum DutyKind: String, Codable, Sendable, CaseIterable {
    case cleaning, garbage, watering, patrol, cctv, inspection

    /// The kind of location each duty is done at.
    public var locationKind: Location.Kind? {
        switch self {
        case .cleaning: .publicArea
        case .garbage: .garbagePoint
        case .watering: .greenArea
        case .cctv: .cameraGroup
        case .inspection: .facility
        case .patrol: nil
        }
    }

    /// Who may tick it (a supervisor may tick anything).
    public func allows(_ role: Staff.Role) -> Bool {
        switch self {
        case .cleaning, .garbage, .watering: role == .cleaner || role == .supervisor
        case .patrol: role == .guard_ || role == .supervisor
        case .cctv: role == .guard_ || role == .technician || role == .supervisor
        case .inspection: role == .technician || role == .supervisor
        }
    }
}

public enum OccurrenceState: String, Codable, Sendable, CaseIterable {
    case upcoming, due, done
    case doneLate = "done_late"
    case missed
}

/// One occurrence of a duty: a window in the site's zone, generated from the standards ×
/// the site's locations. Nothing is stored until it is ticked.
public struct Occurrence: Sendable, Equatable {
    public var id: String
    public var site: String
    public var kind: DutyKind
    public var location: String
    public var locationName: String
    /// The day it belongs to (its window's first day).
    public var day: CivilDate
    public var n: Int
    public var windowStart: Instant
    public var windowEnd: Instant
    /// The end of the local day its window ends in: after this it is missed.
    public var closesAt: Instant

    public func state(at now: Instant, tick: Tick?) -> OccurrenceState {
        if let tick { return tick.at <= windowEnd ? .done : .doneLate }
        if now < windowStart { return .upcoming }
        if now < windowEnd { return .due }
        if now < closesAt { return .due }
        return .missed
    }

    /// True once its window has ended with no tick (shown as late until the day is over).
    public func isLate(at now: Instant, tick: Tick?) -> Bool { tick == nil && now >= windowEnd && now < closesAt }
}

/// A duty ticked: by whom, when, with what note, and the repair opened for a problem.
public struct Tick: Codable, Sendable, Equatable {
    public var occurrence: String
    public var site: String
    public var kind: DutyKind
    public var location: String
    public var day: CivilDate
    public var at: Instant
    public var actor: String
    public var note: String?
    public var problem: String?
    public var repair: String?

    public init(
        occurrence: String, site: String, kind: DutyKind, location: String, day: CivilDate, at: Instant, actor: String,
        note: String? = nil, problem: String? = nil, repair: String? = nil
    ) {
        self.occurrence = occurrence
        self.site = site
        self.kind = kind
        self.location = location
        self.day = day
        self.at = at
        self.actor = actor
        self.note = note
        self.problem = problem
        self.repair = repair
    }
}

/// Generates occurrences from the standards and a site's locations.
public enum Duties {
    /// Every non-patrol occurrence whose window touches `day` (daily duties of that day;
    /// monthly and quarterly checks whose window includes it).
    public static func occurrences(site: Site, standards: Standards, day: CivilDate) -> [Occurrence] {
        var out: [Occurrence] = []
        if let first = site.firstDutyDay, day < first { return [] }
        let zone = site.zone
        let d = standards.duties
        func add(_ kind: DutyKind, _ windows: [DayWindow]) {
            for loc in site.locations where loc.kind == kind.locationKind {
                for (i, w) in windows.enumerated() {
                    let start = zone.instant(LocalTime(date: day, hour: w.start / 3600, minute: w.start % 3600 / 60, second: 0))
                    let end =
                        w.end >= 86400
                        ? zone.startOfDay(day.adding(days: 1))
                        : zone.instant(LocalTime(date: day, hour: w.end / 3600, minute: w.end % 3600 / 60, second: 0))
                    out.append(
                        Occurrence(
                            id: "\(site.id)/\(kind.rawValue)/\(loc.id)/\(day)/\(i + 1)", site: site.id, kind: kind, location: loc.id,
                            locationName: loc.name, day: day, n: i + 1, windowStart: start, windowEnd: end,
                            closesAt: zone.startOfDay(day.adding(days: 1))))
                }
            }
        }
        add(.cleaning, d.cleaningWindows)
        add(.garbage, d.garbageWindows)
        if d.wateringDays.contains(day.isoWeekday) { add(.watering, d.wateringWindows) }
        // Monthly CCTV checks: the first N days of the month.
        let monthStart = CivilDate(year: day.year, month: day.month, day: 1)
        if day.day <= d.cctvWindowDays {
            out += spanning(.cctv, site: site, from: monthStart, days: d.cctvWindowDays)
        }
        // Quarterly inspection: the first N days of the quarter.
        let quarterStart = CivilDate(year: day.year, month: (day.quarter - 1) * 3 + 1, day: 1)
        if day.daysSinceEpoch - quarterStart.daysSinceEpoch < Int64(d.inspectionWindowDays) {
            out += spanning(.inspection, site: site, from: quarterStart, days: d.inspectionWindowDays)
        }
        return out
    }

    /// A check whose window spans whole days, from `from` for `days` days.
    static func spanning(_ kind: DutyKind, site: Site, from: CivilDate, days: Int) -> [Occurrence] {
        let zone = site.zone
        if let first = site.firstDutyDay, from < first { return [] }
        let end = zone.startOfDay(from.adding(days: days))
        return site.locations.filter { $0.kind == kind.locationKind }.map { loc in
            Occurrence(
                id: "\(site.id)/\(kind.rawValue)/\(loc.id)/\(from)/1", site: site.id, kind: kind, location: loc.id, locationName: loc.name,
                day: from, n: 1, windowStart: zone.startOfDay(from), windowEnd: end, closesAt: end)
        }
    }

    /// Finds an occurrence by id, or says what is wrong with the id.
    public static func occurrence(_ id: String, sites: [Site], standards: Standards) throws(WuyeError) -> Occurrence {
        let p = id.split(separator: "/").map(String.init)
        guard p.count == 5, let kind = DutyKind(rawValue: p[1]), kind != .patrol, let day = CivilDate.parse(p[3]) else {
            throw .badInput("'\(id)' is not an occurrence id; they look like jinxiu/cleaning/bldg3-lobby/2026-11-29/1 (see wuye checklist)")
        }
        guard let site = sites.first(where: { $0.id == p[0] }) else { throw .notFound("unknown site \(p[0])") }
        guard let o = occurrences(site: site, standards: standards, day: day).first(where: { $0.id == id }) else {
            throw .notFound("there is no duty \(id): no such location, window or day for \(kind.rawValue) at \(site.id)")
        }
        return o
    }
}

/// Taking back a tick given by accident: the person who ticked it, within the duty's day,
/// or a supervisor; always with a reason, kept in the journal.
public enum TickRules {
    public static func decideUntick(_ tick: Tick, actor: Staff, reason: String, now: Instant, zone: Zone) throws(WuyeError) {
        if reason.trimmingSpaces.isEmpty { throw .badInput("say why the tick is taken back (a reason)") }
        if actor.role == .supervisor { return }
        guard actor.id == tick.actor else {
            throw .refused("only \(tick.actor), who ticked it, or a supervisor can take back the tick of \(tick.occurrence)")
        }
        guard zone.date(of: now) == tick.day else {
            throw .refused("the tick of \(tick.occurrence) can be taken back only on its day (\(tick.day)); a supervisor can later")
        }
    }
}
