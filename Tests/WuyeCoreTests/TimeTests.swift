import Foundation
import Testing
import WuyeCore

@Suite("Times in the site's zone")
struct TimeTests {
    let zone = World.zone

    @Test func isoWithOffsetAndZ() {
        #expect(TimeInput.parseISO("2026-11-29T14:05:00+08:00") == Instant(seconds: 1_795_932_300))
        #expect(TimeInput.parseISO("2026-11-29T06:05:00Z") == Instant(seconds: 1_795_932_300))
        #expect(TimeInput.parseISO("2026-11-29T06:05Z") == Instant(seconds: 1_795_932_300))
        #expect(TimeInput.parseISO("2026-11-29T14:05:00+0800") == Instant(seconds: 1_795_932_300))
        #expect(TimeInput.parseISO("2026-02-30T14:05:00+08:00") == nil)
        #expect(TimeInput.parseISO("2026-11-29T25:05:00+08:00") == nil)
    }

    /// The forms Wuye writes are read from their bytes (an import reads tens of thousands):
    /// the same instants as the general reading, which a fraction of a second sends them to.
    @Test func theCanonicalFormsReadAsTheGeneralReadingDoes() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let t = Instant(seconds: Int64.random(in: 0...4_102_444_800, using: &rng))
            let minutes = [0, 480, -300, 345, -570, 840][Int.random(in: 0..<6, using: &rng)]
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: minutes * 60)!
            let c = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(t.seconds)))
            func p2(_ n: Int?) -> String { n! < 10 ? "0\(n!)" : "\(n!)" }
            let body = "\(c.year!)-\(p2(c.month))-\(p2(c.day))T\(p2(c.hour)):\(p2(c.minute)):\(p2(c.second))"
            let sign = minutes < 0 ? "-" : "+"
            let off = minutes == 0 ? "Z" : "\(sign)\(p2(abs(minutes) / 60)):\(p2(abs(minutes) % 60))"
            #expect(TimeInput.parseISO(body + off) == t, "\(body + off)")
            #expect(TimeInput.parseISO(body + ".5" + off) == t, "\(body).5\(off)")
        }
        for bad in [
            "2026-02-29T10:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T10:60:00Z", "2026-11-29T10:00:60+08:00",
            "2026-11-29T10:00:00+24:00", "2026-11-29T10:00:00+08-00", "2026-11-29 10:00:00+08:00", "2026-1a-29T10:00:00Z",
            "2026-11-29T10:00:00X",
        ] {
            #expect(TimeInput.parseISO(bad) == nil, "\(bad)")
        }
    }

    @Test func localFormsReadInTheSiteZone() {
        let now = World.t0  // 09:00 local
        #expect(TimeInput.parse("2026-11-29 14:05", zone: zone, now: now) == Instant(seconds: 1_795_932_300))
        #expect(TimeInput.parse("08:10", zone: zone, now: now) == now - 50 * 60)
        // HH:MM later than now is yesterday's.
        #expect(TimeInput.parse("09:01", zone: zone, now: now) == now - 86400 + 60)
        #expect(TimeInput.parse("9:01", zone: zone, now: now) == nil)
        #expect(TimeInput.parse("tomorrow", zone: zone, now: now) == nil)
    }

    @Test func hhmmAcrossMidnight() {
        // 00:10 local on the 30th; "23:50" is 20 minutes ago, on the 29th.
        let now = TimeInput.parseISO("2026-11-30T00:10:00+08:00")!
        #expect(TimeInput.parse("23:50", zone: zone, now: now) == now - 1200)
        #expect(zone.date(of: now) == CivilDate(year: 2026, month: 11, day: 30))
        #expect(zone.date(of: now - 1200) == CivilDate(year: 2026, month: 11, day: 29))
        // Midnight in Shanghai is 16:00 UTC the day before.
        #expect(ISOFormat.utc(zone.startOfDay(CivilDate(year: 2026, month: 11, day: 30))) == "2026-11-29T16:00:00+00:00")
    }

    @Test func outputUsesTheSiteOffset() {
        #expect(ISOFormat.string(World.t0, in: zone) == "2026-11-29T09:00:00+08:00")
        #expect(ISOFormat.string(World.t0, in: .utc) == "2026-11-29T01:00:00+00:00")
        let ny = Zone("America/New_York")!
        #expect(ISOFormat.string(World.t0, in: ny) == "2026-11-28T20:00:00-05:00")
    }

    @Test func daylightSavingZonesUseTheRightOffset() {
        let ny = Zone("America/New_York")!
        let summer = TimeInput.parseISO("2026-07-01T12:00:00Z")!
        #expect(ny.offset(at: summer) == -4 * 3600)
        #expect(ny.offset(at: World.t0) == -5 * 3600)
        // A local wall time in summer maps back to the right instant.
        let local = ny.local(summer)
        #expect(ny.instant(local) == summer)
    }

    @Test func civilDateArithmetic() {
        let d = CivilDate(year: 2024, month: 2, day: 28)
        #expect(d.adding(days: 1) == CivilDate(year: 2024, month: 2, day: 29))
        #expect(d.adding(days: 2) == CivilDate(year: 2024, month: 3, day: 1))
        #expect(CivilDate(year: 2026, month: 11, day: 29).isoWeekday == 7)
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(daysSinceEpoch: -1) == CivilDate(year: 1969, month: 12, day: 31))
        #expect(CivilDate.daysIn(year: 2026, month: 2) == 28)
    }

    @Test func countdownFormats() {
        #expect(Countdown.format(86398) == "23:59:58")
        #expect(Countdown.format(2 * 86400 + 3 * 3600 + 10 * 60 + 5) == "2d 03:10")
        #expect(Countdown.format(-(12 * 60 + 40)) == "-00:12:40")
        #expect(Countdown.format(0) == "00:00:00")
    }
}
