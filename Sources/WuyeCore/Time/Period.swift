/// A month, quarter or year: read in each site's own time zone.
public struct Period: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case month, quarter, year, days }

    public var kind: Kind
    public var first: CivilDate
    /// The first day after the period.
    public var end: CivilDate

    /// Any run of days, `first` up to (not including) `end`.
    public static func days(_ first: CivilDate, _ end: CivilDate) -> Period { Period(kind: .days, first: first, end: end) }

    public static func month(_ year: Int, _ month: Int) -> Period {
        let first = CivilDate(year: year, month: month, day: 1)
        let end = month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
        return Period(kind: .month, first: first, end: end)
    }

    public static func quarter(_ year: Int, _ q: Int) -> Period {
        let first = CivilDate(year: year, month: (q - 1) * 3 + 1, day: 1)
        let end = q == 4 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: q * 3 + 1, day: 1)
        return Period(kind: .quarter, first: first, end: end)
    }

    public static func year(_ year: Int) -> Period {
        Period(kind: .year, first: CivilDate(year: year, month: 1, day: 1), end: CivilDate(year: year + 1, month: 1, day: 1))
    }

    /// Reads `YYYY-MM`, `YYYYQn` or `YYYY`.
    public static func parse(month: String? = nil, quarter: String? = nil, year: String? = nil) -> Period? {
        if let m = month {
            let p = m.split(separator: "-")
            guard p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let mo = Int(p[1]), (1...12).contains(mo) else {
                return nil
            }
            return .month(y, mo)
        }
        if let q = quarter {
            let u = q.uppercased()
            let p = u.split(separator: "Q")
            guard p.count == 2, p[0].count == 4, let y = Int(p[0]), let n = Int(p[1]), (1...4).contains(n) else { return nil }
            return .quarter(y, n)
        }
        if let y = year, y.count == 4, let n = Int(y) { return .year(n) }
        return nil
    }

    public var days: Int { Int(end.daysSinceEpoch - first.daysSinceEpoch) }

    public var description: String {
        switch kind {
        case .month: "\(first.year)-\(pad(first.month, 2))"
        case .quarter: "\(first.year)Q\(first.quarter)"
        case .year: "\(first.year)"
        case .days: "\(first)…\(end.adding(days: -1))"
        }
    }

    /// The calendar months the period begins in and runs through, in order.
    public var months: [Period] {
        var out: [Period] = []
        var m = Period.month(first.year, first.month)
        while m.first < end {
            out.append(m)
            m = Period(kind: .month, first: m.end, end: Period.month(m.end.year, m.end.month).end)
        }
        return out
    }

    /// The `n` months that end with the month this period begins in.
    public func lastMonths(_ n: Int) -> [Period] {
        var out = [Period.month(first.year, first.month)]
        while out.count < n {
            let f = out[0].first
            out.insert(f.month == 1 ? .month(f.year - 1, 12) : .month(f.year, f.month - 1), at: 0)
        }
        return out
    }

    public func from(in zone: Zone) -> Instant { zone.startOfDay(first) }
    public func to(in zone: Zone) -> Instant { zone.startOfDay(end) }
}
