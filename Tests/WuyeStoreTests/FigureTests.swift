import Foundation
import Testing
import WuyeCore
import WuyeStore

@testable import WuyeReports

@Suite("Figures against a hand-computed fixture")
struct FigureTests {
    func t(_ s: String) -> Instant { TimeInput.parseISO(s + "+08:00")! }

    /// October–November at one site of 100 households (see each step's comment).
    func fixture() throws -> (TempHome, Store) {
        let home = TempHome()
        let store = try Store.open(home: home.path, create: true)
        let file = try SiteFile.parse(
            """
            [site]
            id = "lanting"
            name = "兰亭苑"
            time_zone = "Asia/Shanghai"
            households = 100
            units = ["101", "102", "201", "202"]
            [[staff]]
            id = "desk"
            role = "desk"
            [[staff]]
            id = "boss"
            role = "supervisor"
            """)
        try store.define(file, actor: nil, now: t("2026-10-01T00:00:00"))
        func open(_ at: String, unit: String = "101", assignedToDesk: Bool = false) throws -> String {
            let o = ItemOpened(
                kind: .complaint, site: "lanting", unit: unit, channel: .hotline, category: "噪音", text: "x", limits: ClockLimits())
            let id = try store.perform(.open(o), on: nil, site: "lanting", actor: "desk", at: t(at), now: t(at)).id
            if assignedToDesk {
                try store.perform(.assign(to: try store.staff("desk"), note: nil), on: id, actor: "boss", at: t(at), now: t(at))
            }
            return id
        }
        func step(_ id: String, _ c: ItemCommand, _ at: String, by: String = "desk") throws {
            try store.perform(c, on: id, actor: by, at: t(at), now: t(at))
        }
        // A: October, response met, result missed (deadline 31 Oct), resolved in November.
        let a = try open("2026-10-30T10:00:00")
        try step(a, .respond(note: nil), "2026-10-30T10:10:00")
        try step(a, .resolve(note: nil), "2026-11-01T09:00:00")
        // B: response missed (40 min), result met; callback rated 4. Assigned to the desk.
        let b = try open("2026-11-10T10:00:00", assignedToDesk: true)
        try step(b, .respond(note: nil), "2026-11-10T10:40:00")
        try step(b, .resolve(note: nil), "2026-11-10T18:00:00")
        try step(b, .callback(rating: 4, note: nil), "2026-11-11T10:00:00")
        // C: response met, result paused and still paused: pending.
        let c = try open("2026-11-20T10:00:00")
        try step(c, .respond(note: nil), "2026-11-20T10:05:00")
        try step(c, .pause(reason: "业主出差"), "2026-11-20T12:00:00")
        // D: two cycles, every clock met. Assigned to the desk.
        let d = try open("2026-11-25T09:00:00", assignedToDesk: true)
        try step(d, .respond(note: nil), "2026-11-25T09:10:00")
        try step(d, .resolve(note: nil), "2026-11-25T12:00:00")
        try step(d, .reopen(reason: "复发"), "2026-11-26T10:00:00")
        try step(d, .respond(note: nil), "2026-11-26T10:20:00")
        try step(d, .resolve(note: nil), "2026-11-27T09:00:00")
        // E: void, excluded everywhere.
        let e = try open("2026-11-05T10:00:00")
        try step(e, .void(reason: "重复录入"), "2026-11-05T10:01:00")
        _ = try store.addSurvey(
            site: "lanting", score: 80, household: "101", actor: "desk", at: t("2026-11-12T10:00:00"), now: t("2026-11-12T10:00:00"))
        _ = try store.addSurvey(
            site: "lanting", score: 90, household: "102", actor: "desk", at: t("2026-11-13T10:00:00"), now: t("2026-11-13T10:00:00"))
        _ = try store.addSurvey(
            site: "lanting", score: 10, household: "102", actor: "desk", at: t("2026-12-01T10:00:00"), now: t("2026-12-01T10:00:00"))
        return (home, store)
    }

    let now = TimeInput.parseISO("2026-12-05T12:00:00+08:00")!

    @Test func novemberFigures() throws {
        let (home, store) = try fixture()
        _ = home
        let set = try Figures.compute(store: store, site: "lanting", period: .month(2026, 11), now: now)
        let response = set.figure("response_achievement")!
        #expect(response.numerator == 3)  // C, D cycle 1, D cycle 2
        #expect(response.denominator == 4)  // + B missed; E void excluded
        #expect(response.value == 0.75)
        #expect(response.met == false)
        let timely = set.figure("complaint_timeliness")!
        #expect(timely.numerator == 3)  // B, D ×2
        #expect(timely.denominator == 3)
        #expect(timely.pending == 1)  // C paused
        #expect(timely.met == true)
        let rate = set.figure("complaint_rate")!
        #expect(abs(rate.value! - 3.0 / 100 * 365 / 30) < 1e-9)  // B, C, D received; annualised
        #expect(rate.met == false)
        let sat = set.figure("satisfaction")!
        #expect(sat.denominator == 3)  // two surveys and one callback rating (4 → 80)
        #expect(abs(sat.value! - (80 + 90 + 80) / 300) < 1e-9)
        #expect(sat.met == true)
        #expect(set.figure("checklist_completion")?.value == nil)
        #expect(set.figure("checklist_completion")?.met == nil)
        #expect(set.figure("training_pass_rate")?.value == nil)
        // Callbacks due in November: A (resolved 1 Nov, never called back), B (called back
        // the next day), D's first cycle (reopened before its callback), D's second (due
        // 30 Nov, not called back): one of four called back, and that one in time.
        let called = set.figure("callback_rate")!
        #expect(called.numerator == 1 && called.denominator == 4)
        let inTime = set.figure("callback_timeliness")!
        #expect(inTime.numerator == 1 && inTime.denominator == 4)
        #expect(inTime.met == false)
    }

    /// The plan's 以上 / 以下 include the number itself: 80 % meets "80%以上", 5 % meets
    /// "5%以下".
    @Test func aTargetIsMetAtItsValue() {
        let rate = Figure(
            name: "complaint_rate", value: 0.05, target: 0.05, ceiling: true, numerator: 5, denominator: 100, pending: 0, backdated: 0,
            imported: 0)
        #expect(rate.met == true)
        var over = rate
        over.value = 0.0501
        #expect(over.met == false)
        let sat = Figure(
            name: "satisfaction", value: 0.8, target: 0.8, ceiling: false, numerator: 0.8, denominator: 1, pending: 0, backdated: 0,
            imported: 0)
        #expect(sat.met == true)
    }

    /// A running month and a year the site joined part-way are a year's worth of the days
    /// they cover, not of the whole period's.
    @Test func theComplaintRateIsAnnualisedByTheDaysCovered() throws {
        let (home, store) = try fixture()
        _ = home
        // On 16 November at noon, November so far is 16 days (B, C and D count: E is void).
        let mid = t("2026-11-16T12:00:00")
        let month = try Figures.compute(store: store, site: "lanting", period: .month(2026, 11), now: mid).figure("complaint_rate")!
        #expect(month.count == 3 && month.base == 100 && month.daysCovered == 16)
        #expect(abs(month.value! - 3.0 / 100 * 365 / 16) < 1e-9)
        // Once the month is over, all of its 30 days.
        let whole = try Figures.compute(store: store, site: "lanting", period: .month(2026, 11), now: now).figure("complaint_rate")!
        #expect(whole.daysCovered == 30)
        // The year so far: the site was taken on 1 October; to 5 December, 66 days, with A–D.
        let year = try Figures.compute(store: store, site: "lanting", period: .year(2026), now: now).figure("complaint_rate")!
        #expect(year.count == 4 && year.daysCovered == 66)
        #expect(abs(year.value! - 4.0 / 100 * 365 / 66) < 1e-9)
        // The text shows the count beside the rate.
        let text = FigureReport.text(try Figures.compute(store: store, site: "lanting", period: .year(2026), now: now))
        #expect(text.contains { $0.contains("4 complaints / 100 households") && $0.contains("≤ 5%") })
    }

    /// Late rounds are counted with the outcome they had: "1 complete (1 started late),
    /// 1 incomplete (1 started late)".
    @Test func lateRoundsAreCountedPerOutcome() throws {
        let home = TempHome()
        let store = try Store.open(home: home.path, create: true)
        let file = try SiteFile.parse(
            """
            [site]
            id = "p"
            name = "P"
            time_zone = "Asia/Shanghai"
            households = 10
            [[routes]]
            id = "r"
            name = "R"
            checkpoints = [{ code = "P-1", name = "one" }, { code = "P-2", name = "two" }]
            [[staff]]
            id = "g"
            role = "guard"
            """)
        try store.define(file, actor: nil, now: t("2026-11-02T00:00:00"))
        // 10:00 round: both scanned, the first at 10:20 (late) — complete. 11:00: one scan
        // at 11:30 (late) — incomplete. 12:00: one at 12:05 (on time) — incomplete.
        for (code, at) in [("P-1", "10:20"), ("P-2", "10:30"), ("P-1", "11:30"), ("P-1", "12:05")] {
            let when = t("2026-11-02T\(at):00")
            try store.scan(code, note: nil, problem: nil, actor: "g", at: when, now: when)
        }
        let set = try Figures.compute(
            store: store, site: "p", period: .days(CivilDate(year: 2026, month: 11, day: 2), CivilDate(year: 2026, month: 11, day: 3)),
            now: t("2026-11-02T13:00:00"))
        #expect(set.patrol.late == 2)
        #expect(set.patrol.lateComplete == 1 && set.patrol.lateIncomplete == 1)
        #expect(set.patrol.complete == 1 && set.patrol.incomplete == 2)
        #expect(
            FigureReport.patrolLine(set.patrol).hasPrefix("Patrol rounds: 1 complete (1 started late), 2 incomplete (1 started late), "))
    }

    @Test func octoberCountsTheClockDueInOctober() throws {
        let (home, store) = try fixture()
        _ = home
        let set = try Figures.compute(store: store, site: "lanting", period: .month(2026, 10), now: now)
        #expect(set.figure("response_achievement")?.value == 1)
        let timely = set.figure("complaint_timeliness")!
        #expect(timely.value == 0)  // A's result was due 31 Oct and came on 1 Nov
        #expect(timely.denominator == 1)
        // Quarter and year add the months up.
        let q = try Figures.compute(store: store, site: "lanting", period: .quarter(2026, 4), now: now)
        #expect(q.figure("response_achievement")?.denominator == 5)
        #expect(q.figure("complaint_timeliness")?.numerator == 3)
        #expect(q.figure("complaint_timeliness")?.denominator == 4)
    }

    @Test func aPastPeriodGivesTheSameAnswerTwiceAndShowsBackdatedEntries() throws {
        let (home, store) = try fixture()
        _ = home
        let first = try Figures.compute(store: store, site: nil, period: .month(2026, 11), now: now)
        // New work in December does not move November.
        let later = TimeInput.parseISO("2026-12-10T10:00:00+08:00")!
        let o = ItemOpened(
            kind: .complaint, site: "lanting", unit: "201", channel: .wechat, category: "x", text: "y", limits: ClockLimits())
        try store.perform(.open(o), on: nil, site: "lanting", actor: "desk", at: later, now: later)
        let again = try Figures.compute(store: store, site: nil, period: .month(2026, 11), now: later + 86400)
        #expect(first.figures.map(\.value) == again.figures.map(\.value))
        // A back-dated entry into November does change it, and says so.
        let bd = TimeInput.parseISO("2026-11-28T09:00:00+08:00")!
        let id = try store.perform(.open(o), on: nil, site: "lanting", actor: "desk", at: bd, now: later).id
        try store.perform(.respond(note: nil), on: id, actor: "desk", at: bd + 600, now: later)
        let changed = try Figures.compute(store: store, site: nil, period: .month(2026, 11), now: later)
        #expect(changed.figure("response_achievement")?.denominator == 5)
        #expect(changed.figure("response_achievement")?.backdated == 1)
    }

    /// The monthly appraisal: each member's own callback ratings and assigned complaints,
    /// the site's satisfaction when they have no rating of their own, their assessments.
    @Test func novemberAppraisal() throws {
        let (home, store) = try fixture()
        _ = home
        let session = try store.planTraining(
            kind: .monthly, topic: "礼仪", date: CivilDate(year: 2026, month: 11, day: 15), trainer: nil, site: "lanting",
            actor: "boss", now: t("2026-11-01T09:00:00"))
        _ = try store.recordTraining(session.id, .scored(staff: "desk", score: 50), actor: "boss", now: t("2026-11-15T12:00:00"))
        _ = try store.recordTraining(session.id, .scored(staff: "boss", score: 95), actor: "boss", now: t("2026-11-15T12:00:00"))

        let list = try Appraisal.compute(store: store, period: .month(2026, 11), site: nil, staff: nil, now: now)
        #expect(list.map(\.staff.id) == ["boss", "desk"])
        let d = list[1]
        #expect(d.satisfactionBasis == .own)
        #expect(d.satisfaction.denominator == 1)  // B's callback, rated 4 → 80
        #expect(d.satisfaction.value == 0.8)
        #expect(d.satisfaction.met == true)
        #expect(d.timeliness.numerator == 3)  // B, D ×2; C is nobody's
        #expect(d.timeliness.denominator == 3)
        #expect(d.training.value == 0)  // 50, under the pass mark of 60
        #expect(d.met == false)
        let b = list[0]
        #expect(b.satisfactionBasis == .site)  // no rating of their own: surveys 80, 90 and the rating
        #expect(abs(b.satisfaction.value! - 250.0 / 300) < 1e-9)
        #expect(b.timeliness.value == nil)
        #expect(b.training.value == 1)
        #expect(b.met == true)
        // One member only; October has A, which nobody was assigned.
        let october = try Appraisal.compute(store: store, period: .month(2026, 10), site: "lanting", staff: "desk", now: now)
        #expect(october.count == 1)
        #expect(october[0].timeliness.value == nil)
        #expect(october[0].met == nil)
    }

    /// `--as-of`: a snapshot holds only what had been recorded by then, so a back-dated
    /// entry recorded later is not in it, and everything reads it as the live store. It
    /// holds the items open then (the past's closed items are listed by `items(asOf:)`).
    @Test func aSnapshotShowsTheStoreAsItStood() throws {
        let (home, store) = try fixture()
        _ = home
        let first = try Figures.compute(store: store, site: nil, period: .month(2026, 11), now: now)
        let later = TimeInput.parseISO("2026-12-10T10:00:00+08:00")!
        let bd = TimeInput.parseISO("2026-11-28T09:00:00+08:00")!
        let o = ItemOpened(
            kind: .complaint, site: "lanting", unit: "201", channel: .wechat, category: "x", text: "y", limits: ClockLimits())
        let id = try store.perform(.open(o), on: nil, site: "lanting", actor: "desk", at: bd, now: later).id
        try store.perform(.respond(note: nil), on: id, actor: "desk", at: bd + 600, now: later)

        let before = try store.snapshot(asOf: later - 60)
        #expect(try Figures.compute(store: before.store, site: nil, period: .month(2026, 11), now: now).figures == first.figures)
        #expect(
            try before.store.items(kind: nil, filter: .open).sorted { $0.id < $1.id }
                == store.items(asOf: later - 60).filter(\.isOpen).sorted { $0.id < $1.id })
        #expect(try before.store.staffList() == store.staffList())
        let after = try store.snapshot(asOf: later + 60)
        #expect(
            try Figures.compute(store: after.store, site: nil, period: .month(2026, 11), now: now).figure("response_achievement")?
                .denominator == 5)
        #expect(try after.store.items(kind: nil, filter: .open) == store.items(kind: nil, filter: .open))
        #expect(try after.store.items(kind: nil, filter: .open).contains { $0.id == id })
    }

    /// The HTML report: every figure with its chart of months, nothing of the data as markup.
    @Test func htmlReportChartsEachFigureAndEscapesTheData() throws {
        let (home, store) = try fixture()
        _ = home
        let set = try Figures.compute(store: store, site: "lanting", period: .month(2026, 11), now: now)
        let trend = try Period.month(2026, 11).lastMonths(6).map {
            try Figures.compute(store: store, site: "lanting", period: $0, now: now)
        }
        let html = HTMLReport.figures(set, trend: trend, siteName: "兰亭苑 <script>alert(1)</script>")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("兰亭苑 &lt;script&gt;"))
        #expect(html.components(separatedBy: "<svg").count - 1 == set.figures.count)
        #expect(html.contains("投诉处理及时率"))
        // Response achievement: October met (1/1), November not (3/4): one bar of each colour.
        let row = html.components(separatedBy: "<tr").first { $0.contains("Response in time") }!
        #expect(row.components(separatedBy: "class=\"bm\"").count - 1 == 1)
        #expect(row.components(separatedBy: "class=\"bx\"").count - 1 == 1)
        let appraisal = HTMLReport.appraisal(
            try Appraisal.compute(store: store, period: .month(2026, 11), site: nil, staff: nil, now: now), period: .month(2026, 11),
            scope: "all")
        #expect(appraisal.contains("<td>desk</td>"))
    }

    /// A past month is counted against the site and standards in force then: loading
    /// standards with a third cleaning a day in December does not move November.
    @Test func laterStandardsDoNotMoveAPastMonth() throws {
        let home = TempHome()
        let store = try Store.open(home: home.path, create: true)
        let file = try SiteFile.parse(
            """
            [site]
            id = "lanting"
            name = "兰亭苑"
            time_zone = "Asia/Shanghai"
            units = ["101"]
            [[locations]]
            id = "lobby"
            name = "大堂"
            kind = "public_area"
            [[staff]]
            id = "boss"
            role = "supervisor"
            """)
        try store.define(file, actor: nil, now: t("2026-10-01T00:00:00"))
        let december = t("2026-12-02T09:00:00")
        let november = try Figures.compute(store: store, site: "lanting", period: .month(2026, 11), now: december)
        #expect(november.figure("checklist_cleaning")?.denominator == 60)  // 30 days × 2, none done
        #expect(november.figure("checklist_cleaning")?.target == 0.95)
        let three = try Standards.parse(
            """
            [duties.cleaning]
            windows = ["07:00-09:00", "12:00-13:00", "16:00-18:00"]
            [targets]
            checklist_completion = 0.9
            """)
        try store.loadStandards(three, source: "test", actor: "boss", now: t("2026-12-01T08:00:00"))
        let again = try Figures.compute(store: store, site: "lanting", period: .month(2026, 11), now: december + 86400)
        #expect(again.figure("checklist_cleaning")?.denominator == 60)
        #expect(again.figure("checklist_cleaning")?.target == 0.95)
        let dec = try Figures.compute(store: store, site: "lanting", period: .month(2026, 12), now: december + 86400)
        #expect(dec.figure("checklist_cleaning")?.denominator == 6)  // 1 and 2 December, three a day
        #expect(dec.figure("checklist_cleaning")?.target == 0.9)
    }
}
