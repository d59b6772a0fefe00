/// Reads a TIME as the contract defines it:
/// ISO 8601 with an offset or `Z`; `YYYY-MM-DD HH:MM[:SS]` or `HH:MM[:SS]` in the site's
/// zone (`HH:MM` is the latest such moment that is not in the future).
public enum TimeInput {
    public static func parse(_ raw: String, zone: Zone, now: Instant) -> Instant? {
        let s = raw.trimmingSpaces
        if let i = parseISO(s) { return i }
        // Local forms.
        let parts = s.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 2, let date = CivilDate.parse(String(parts[0])), let t = parseTimeOfDay(String(parts[1])) {
            return zone.instant(LocalTime(date: date, hour: t.0, minute: t.1, second: t.2))
        }
        if parts.count == 1, let t = parseTimeOfDay(s) {
            let today = zone.date(of: now)
            let candidate = zone.instant(LocalTime(date: today, hour: t.0, minute: t.1, second: t.2))
            if candidate <= now { return candidate }
            return zone.instant(LocalTime(date: today.adding(days: -1), hour: t.0, minute: t.1, second: t.2))
        }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM|±HHMM)`.
    public static func parseISO(_ s: String) -> Instant? {
        if let t = canonicalISO(s) { return t }
        guard let tIndex = s.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return nil }
        guard let date = CivilDate.parse(String(s[..<tIndex])) else { return nil }
        var rest = String(s[s.index(after: tIndex)...])
        var offset: Int64
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest.removeLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let o = rest[rest.index(after: signIndex)...].replacingColons
            guard o.count == 4, let hh = Int(o.prefix(2)), let mm = Int(o.suffix(2)), hh < 24, mm < 60 else { return nil }
            offset = Int64(hh * 3600 + mm * 60)
            if rest[signIndex] == "-" { offset = -offset }
            rest = String(rest[..<signIndex])
        } else {
            return nil
        }
        // Fractions of a second are dropped: Wuye keeps whole seconds.
        if let dot = rest.firstIndex(of: ".") { rest = String(rest[..<dot]) }
        guard let t = parseTimeOfDay(rest) else { return nil }
        let l = LocalTime(date: date, hour: t.0, minute: t.1, second: t.2)
        return Instant(seconds: l.utcSeconds - offset)
    }

    /// `2026-11-29T14:05:00Z` and `2026-11-29T14:05:00+08:00`, the forms Wuye itself
    /// writes (exports, a spreadsheet made from them), read from the bytes; anything else
    /// (`t`, fractions, no seconds, `+0800`) is left to the general reading above, which
    /// gives the same instant for these.
    static func canonicalISO(_ s: String) -> Instant? {
        var s = s
        return s.withUTF8 { b -> Instant? in
            guard b.count == 20 || b.count == 25 else { return nil }
            func digits(_ at: Int, _ n: Int) -> Int? {
                var v = 0
                for i in at..<(at + n) {
                    let d = Int(b[i]) - 48
                    guard d >= 0, d <= 9 else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            guard b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58,
                let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
                let h = digits(11, 2), let mi = digits(14, 2), let sec = digits(17, 2), h < 24, mi < 60, sec < 60
            else { return nil }
            var offset: Int64 = 0
            if b.count == 20 {
                guard b[19] == 90 else { return nil }
            } else {
                guard b[19] == 43 || b[19] == 45, b[22] == 58, let oh = digits(20, 2), let om = digits(23, 2), oh < 24, om < 60
                else { return nil }
                offset = Int64(oh * 3600 + om * 60) * (b[19] == 45 ? -1 : 1)
            }
            let date = CivilDate(year: y, month: mo, day: d)
            guard date.isValid else { return nil }
            return Instant(seconds: LocalTime(date: date, hour: h, minute: mi, second: sec).utcSeconds - offset)
        }
    }

    static func parseTimeOfDay(_ s: String) -> (Int, Int, Int)? {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, p.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        let h = Int(p[0])!, m = Int(p[1])!, sec = p.count == 3 ? Int(p[2])! : 0
        guard h < 24, m < 60, sec < 60 else { return nil }
        return (h, m, sec)
    }

    public static let help = "use 2026-11-29T14:05:00+08:00, 2026-11-29 14:05 or 14:05 (site time)"
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
    var replacingColons: String { String(filter { $0 != ":" }) }
}
