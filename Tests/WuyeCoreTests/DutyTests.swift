import Testing
import WuyeCore

@Suite("Duties, windows and patrol rounds")
struct DutyTests {
    let zone = World.zone
    var site: Site {
        Site(
            id: "jinxiu", name: "锦绣花园", kind: .residential, households: 100, timeZone: "Asia/Shanghai",
            locations: [
                Location(id: "lobby", name: "大堂", kind: .publicArea), Location(id: "gp", name: "垃圾站", kind: .garbagePoint),
                Location(id: "garden", name: "花园", kind: .greenArea), Location(id: "cams", name: "监控", kind: .cameraGroup),
                Location(id: "lifts", name: "电梯", kind: .facility),
            ],
            routes: [
                PatrolRoute(
                    id: "north", name: "北区",
                    checkpoints: [Checkpoint(code: "N1", name: "a"), Checkpoint(code: "N2", name: "b"), Checkpoint(code: "N3", name: "c")]),
                PatrolRoute(id: "south", name: "南区", checkpoints: [Checkpoint(code: "S1", name: "a"), Checkpoint(code: "S2", name: "b")]),
            ])
    }
    func t(_ s: String) -> Instant { TimeInput.parseISO(s)! }
    let guardStaff = Staff(id: "g", name: "王强", role: .guard_, department: .security)

    @Test func dailyWindowsInTheSiteZone() {
        let d = CivilDate(year: 2026, month: 11, day: 30)  // a Monday: watering day
        let list = Duties.occurrences(site: site, standards: Standards(), day: d)
        let cleaning = list.filter { $0.kind == .cleaning }
        #expect(cleaning.map(\.id) == ["jinxiu/cleaning/lobby/2026-11-30/1", "jinxiu/cleaning/lobby/2026-11-30/2"])
        #expect(cleaning[0].windowStart == t("2026-11-30T07:00:00+08:00"))
        #expect(cleaning[0].windowEnd == t("2026-11-30T09:00:00+08:00"))
        #expect(list.filter { $0.kind == .garbage }.count == 3)
        #expect(list.filter { $0.kind == .watering }.count == 1)
        #expect(Duties.occurrences(site: site, standards: Standards(), day: d.adding(days: 1)).filter { $0.kind == .watering }.isEmpty)
    }

    @Test func statesAcrossTheDayAndMidnight() {
        let o = Duties.occurrences(site: site, standards: Standards(), day: CivilDate(year: 2026, month: 11, day: 30)).first {
            $0.kind == .cleaning
        }!
        #expect(o.state(at: t("2026-11-30T06:59:59+08:00"), tick: nil) == .upcoming)
        #expect(o.state(at: t("2026-11-30T07:00:00+08:00"), tick: nil) == .due)
        #expect(o.state(at: t("2026-11-30T09:00:01+08:00"), tick: nil) == .due)
        #expect(o.isLate(at: t("2026-11-30T09:00:01+08:00"), tick: nil))
        #expect(o.state(at: t("2026-11-30T23:59:59+08:00"), tick: nil) == .due)
        // Midnight in Shanghai (16:00 UTC) closes it for good.
        #expect(o.state(at: t("2026-11-30T16:00:00Z"), tick: nil) == .missed)
        let onTime = Tick(
            occurrence: o.id, site: "jinxiu", kind: .cleaning, location: "lobby", day: o.day, at: t("2026-11-30T09:00:00+08:00"), actor: "c"
        )
        #expect(o.state(at: t("2026-12-01T12:00:00+08:00"), tick: onTime) == .done)
        var late = onTime
        late.at = t("2026-11-30T09:00:01+08:00")
        #expect(o.state(at: t("2026-12-01T12:00:00+08:00"), tick: late) == .doneLate)
    }

    @Test func monthlyAndQuarterlyWindows() {
        let s = Standards()
        let nov1 = CivilDate(year: 2026, month: 11, day: 1)
        let cctv = Duties.occurrences(site: site, standards: s, day: nov1).filter { $0.kind == .cctv }
        #expect(cctv.map(\.id) == ["jinxiu/cctv/cams/2026-11-01/1"])
        #expect(cctv[0].windowEnd == t("2026-11-08T00:00:00+08:00"))
        #expect(Duties.occurrences(site: site, standards: s, day: CivilDate(year: 2026, month: 11, day: 7)).contains { $0.kind == .cctv })
        #expect(!Duties.occurrences(site: site, standards: s, day: CivilDate(year: 2026, month: 11, day: 8)).contains { $0.kind == .cctv })
        // The quarter starts in October: the inspection window is 1–15 October.
        let insp = Duties.occurrences(site: site, standards: s, day: CivilDate(year: 2026, month: 10, day: 15)).filter {
            $0.kind == .inspection
        }
        #expect(insp.map(\.id) == ["jinxiu/inspection/lifts/2026-10-01/1"])
        #expect(
            !Duties.occurrences(site: site, standards: s, day: CivilDate(year: 2026, month: 11, day: 1)).contains { $0.kind == .inspection }
        )
        // Missed once the window is over (end of its last day).
        #expect(cctv[0].state(at: t("2026-11-08T00:00:00+08:00"), tick: nil) == .missed)
    }

    @Test func nothingIsDueBeforeTheSiteWasTakenOn() {
        var s = site
        s.since = t("2026-11-29T10:00:00+08:00")
        #expect(Duties.occurrences(site: s, standards: Standards(), day: CivilDate(year: 2026, month: 11, day: 28)).isEmpty)
        #expect(Patrol.rounds(site: s, standards: Standards(), day: CivilDate(year: 2026, month: 11, day: 28)).isEmpty)
        #expect(!Duties.occurrences(site: s, standards: Standards(), day: CivilDate(year: 2026, month: 11, day: 29)).isEmpty)
    }

    @Test func occurrenceIdsAreCheckedAndFound() throws {
        let o = try Duties.occurrence("jinxiu/garbage/gp/2026-11-30/3", sites: [site], standards: Standards())
        #expect(o.windowStart == t("2026-11-30T18:00:00+08:00"))
        #expect(throws: WuyeError.self) { try Duties.occurrence("jinxiu/garbage/gp/2026-11-30/4", sites: [site], standards: Standards()) }
        #expect(throws: WuyeError.self) { try Duties.occurrence("nonsense", sites: [site], standards: Standards()) }
    }

    func round(_ at: String, _ route: String = "north") -> PatrolRound {
        Patrol.round(site: site, route: site.route(route)!, standards: Standards(), at: t(at))!
    }

    func scan(_ code: String, _ at: String, _ scans: [Scan], current: (PatrolRound, [Scan])? = nil) throws(WuyeError) -> Scan {
        let route = site.routes.first { $0.checkpoints.contains { $0.code == code } }!
        let index = route.checkpoints.firstIndex { $0.code == code }!
        let r = Patrol.round(site: site, route: route, standards: Standards(), at: t(at))!
        return try Patrol.decideScan(
            code: code, site: site, route: route, index: index, round: r, scans: scans, current: current, actor: guardStaff, at: t(at),
            note: nil, problem: nil)
    }

    @Test func roundsEveryHourWithIds() {
        let r = round("2026-11-29T14:05:00+08:00")
        #expect(r.id == "jinxiu/patrol/north/2026-11-29T14")
        #expect(r.start == t("2026-11-29T14:00:00+08:00"))
        #expect(r.end == t("2026-11-29T15:00:00+08:00"))
        #expect(Patrol.rounds(site: site, standards: Standards(), day: CivilDate(year: 2026, month: 11, day: 29)).count == 48)
    }

    @Test func scanningInOrderOutOfOrderAndTwice() throws {
        var scans: [Scan] = []
        scans.append(try scan("N1", "2026-11-29T14:02:00+08:00", scans))
        #expect(!scans[0].outOfOrder)
        scans.append(try scan("N3", "2026-11-29T14:06:00+08:00", scans))
        #expect(scans[1].outOfOrder)
        #expect(throws: WuyeError.self) { try scan("N1", "2026-11-29T14:08:00+08:00", scans) }
        let r = round("2026-11-29T14:00:00+08:00")
        #expect(r.checkpointState("N3", scans: scans) == .doneOutOfOrder)
        #expect(r.checkpointState("N2", scans: scans) == .pending)
        #expect(r.next(scans: scans)?.code == "N2")
        #expect(r.state(at: t("2026-11-29T14:30:00+08:00"), scans: scans) == .due)
        #expect(r.state(at: t("2026-11-29T15:00:00+08:00"), scans: scans) == .incomplete)
        scans.append(try scan("N2", "2026-11-29T14:20:00+08:00", scans))
        // Complete at once, within its hour, and after it.
        #expect(r.state(at: t("2026-11-29T14:20:00+08:00"), scans: scans) == .complete)
        #expect(r.state(at: t("2026-11-29T15:00:00+08:00"), scans: scans) == .complete)
    }

    @Test func aCodeOfAnotherRouteIsRefusedWhileARoundIsUnfinished() throws {
        var north: [Scan] = []
        north.append(try scan("N1", "2026-11-29T14:02:00+08:00", north))
        let current = (round("2026-11-29T14:02:00+08:00"), north)
        do {
            _ = try scan("S1", "2026-11-29T14:10:00+08:00", [], current: current)
            Issue.record("a code of another route was accepted mid-round")
        } catch {
            #expect(error.kind == .refused)
            #expect(error.message.contains("finish it first"))
        }
        // Once the round's hour is over, the other route may be walked.
        _ = try scan("S1", "2026-11-29T15:01:00+08:00", [], current: current)
    }

    @Test func lateIncompleteAndMissedRounds() throws {
        let r = round("2026-11-29T14:00:00+08:00")
        #expect(r.state(at: t("2026-11-29T13:59:59+08:00"), scans: []) == .upcoming)
        #expect(r.state(at: t("2026-11-29T14:10:00+08:00"), scans: []) == .due)
        #expect(r.state(at: t("2026-11-29T14:10:01+08:00"), scans: []) == .late)
        #expect(r.state(at: t("2026-11-29T15:00:00+08:00"), scans: []) == .missed)
        let lateScan = try scan("N1", "2026-11-29T14:12:00+08:00", [])
        #expect(r.state(at: t("2026-11-29T14:20:00+08:00"), scans: [lateScan]) == .late)
        #expect(r.isLate(at: t("2026-11-29T15:00:00+08:00"), scans: [lateScan]))
    }

    @Test func retrainingUntilPassed() {
        var a = TrainingSession(
            id: "T-1", kind: .quarterly, topic: "礼仪", date: CivilDate(year: 2026, month: 10, day: 1), trainer: nil, site: nil, passMark: 60)
        a.scores = ["wang": 55, "li": 90]
        var b = TrainingSession(
            id: "T-2", kind: .monthly, topic: "安全", date: CivilDate(year: 2026, month: 11, day: 1), trainer: nil, site: nil, passMark: 60)
        b.scores = ["wang": 58]
        #expect(TrainingRules.retrain([a, b]).map(\.staff) == ["wang"])
        #expect(TrainingRules.retrain([a, b]).first?.session.id == "T-2")
        b.scores["wang"] = 75
        #expect(TrainingRules.retrain([a, b]).isEmpty)
        b.scores["li"] = 40
        #expect(TrainingRules.retrain([b, a]).map(\.staff) == ["li"])
    }

    @Test func periods() {
        #expect(Period.parse(month: "2026-11") == .month(2026, 11))
        #expect(Period.parse(quarter: "2026Q4")?.first == CivilDate(year: 2026, month: 10, day: 1))
        #expect(Period.parse(quarter: "2026Q4")?.end == CivilDate(year: 2027, month: 1, day: 1))
        #expect(Period.parse(year: "2026")?.days == 365)
        #expect(Period.parse(month: "2026-13") == nil)
        #expect(Period.month(2026, 12).from(in: zone) == t("2026-12-01T00:00:00+08:00"))
        #expect(Period.quarter(2026, 4).months == [.month(2026, 10), .month(2026, 11), .month(2026, 12)])
        #expect(Period.year(2026).months.count == 12)
        #expect(Period.year(2026).months.last == .month(2026, 12))
        #expect(Period.month(2026, 2).months == [.month(2026, 2)])
        #expect(Period.month(2026, 2).lastMonths(3) == [.month(2025, 12), .month(2026, 1), .month(2026, 2)])
    }
}

@Suite("Spreadsheet import")
struct ImportTests {
    let sites = [
        Site(
            id: "jinxiu", name: "锦绣花园", kind: .residential, households: 10, timeZone: "Asia/Shanghai", units: ["3-1802"],
            locations: [Location(id: "garage", name: "车库", kind: .facility)])
    ]
    let now = TimeInput.parseISO("2026-11-29T12:00:00+08:00")!

    @Test func csvQuotesBomAndCRLF() throws {
        let rows = try CSV.parse("\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,2,3")
        #expect(rows.count == 3)
        #expect(rows[0].fields == ["a", "b", "c"])
        #expect(rows[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(rows[2].line == 5)
        #expect(throws: WuyeError.self) { try CSV.parse("a\n\"open") }
    }

    let header = "kind,opened_at,site,unit,location,channel,category,text,emergency,complex,resolved_at\n"

    @Test func goodRowsAreRead() throws {
        let rows = try ImportRows.read(
            header + "complaint,2026-03-02 09:15,jinxiu,3-1802,,hotline,噪音,楼上装修,no,yes,2026-03-03 10:00\n"
                + "repair,2026-03-05T08:00:00+08:00,jinxiu,,garage,,,车库灯坏,是,,\n",
            file: "old.csv", sites: sites, standards: Standards(), now: now)
        #expect(rows.count == 2)
        #expect(rows[0].opened.complex)
        #expect(rows[0].openedAt == TimeInput.parseISO("2026-03-02T09:15:00+08:00"))
        #expect(rows[0].resolvedAt == TimeInput.parseISO("2026-03-03T10:00:00+08:00"))
        #expect(rows[0].opened.source == "import:old.csv:2")
        #expect(rows[1].opened.emergency)
        #expect(rows[1].opened.location == "garage")
    }

    @Test func aBadRowNamesRowAndColumn() {
        let text =
            header + "complaint,2026-03-02 09:15,jinxiu,3-1802,,hotline,噪音,ok,no,no,\n"
            + "complaint,2026-03-40 09:15,jinxiu,3-1802,,hotline,噪音,bad,no,no,\n"
        #expect(
            throws: WuyeError.badInput(
                "old.csv: row 3, column opened_at: '2026-03-40 09:15' is not a time (\(TimeInput.help)); nothing was imported")
        ) {
            try ImportRows.read(text, file: "old.csv", sites: sites, standards: Standards(), now: now)
        }
        #expect(throws: WuyeError.self) {
            try ImportRows.read(
                header + "complaint,2026-03-02 09:15,jinxiu,9-9999,,hotline,x,y,no,no,\n", file: "f", sites: sites, standards: Standards(),
                now: now)
        }
        #expect(throws: WuyeError.self) {
            try ImportRows.read("kind,opened_at\ncomplaint,2026-03-02 09:15\n", file: "f", sites: sites, standards: Standards(), now: now)
        }
        #expect(throws: WuyeError.self) {
            try ImportRows.read(
                header + "complaint,2026-03-02 09:15,jinxiu,3-1802,,hotline,x,y,maybe,no,\n", file: "f", sites: sites,
                standards: Standards(), now: now)
        }
    }
}
