import Testing
import WuyeCore

@Suite("Clock rules, to the second")
struct ClockRuleTests {
    let t0 = World.t0

    @Test func responseClockEdgesAtTheLimit() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        let r = c.clock(.response)
        #expect(r.limit == 1800)
        #expect(r.deadline == t0 + 1800)
        // One second before, at, and one second after the deadline.
        #expect(r.state(at: t0 + 1799) == .dueSoon)
        #expect(r.remaining(at: t0 + 1799) == 1)
        #expect(r.state(at: t0 + 1800) == .dueSoon)
        #expect(r.remaining(at: t0 + 1800) == 0)
        #expect(r.state(at: t0 + 1801) == .breached)
        #expect(r.remaining(at: t0 + 1801) == -1)
        #expect(c.isBreached(at: t0 + 1800) == false)
        #expect(c.isBreached(at: t0 + 1801) == true)
    }

    @Test func dueSoonStartsAtTheShare() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        let r = c.clock(.response)
        #expect(r.state(at: t0 + 1349) == .running)  // 74.9 %
        #expect(r.state(at: t0 + 1350) == .dueSoon)  // 75 %
    }

    @Test func stoppedAtTheDeadlineIsMetOneSecondLaterMissed() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        let met = try w.run(c, .respond(note: nil), at: t0 + 1800)
        #expect(met.clock(.response).state(at: t0 + 99999) == .met)
        #expect(met.status == .responded)
        var w2 = World()
        let c2 = try w2.run(nil, w2.opened(), at: t0)
        let missed = try w2.run(c2, .respond(note: nil), at: t0 + 1801)
        #expect(missed.clock(.response).state(at: t0 + 1801) == .missed)
        #expect(missed.isBreached(at: t0 + 1801))
    }

    @Test func emergencyHasFifteenMinutes() throws {
        var w = World()
        let c = try w.run(nil, w.opened(emergency: true), at: t0)
        #expect(c.clock(.response).deadline == t0 + 900)
        let r = try w.run(nil, w.opened(.repair, unit: nil, location: "garage", emergency: true), at: t0, id: "R-1")
        #expect(r.clock(.acknowledge).deadline == t0 + 900)
        #expect(r.clock(.onSite).deadline == t0 + 86400)
        #expect(r.clock(.resolution).deadline == t0 + 172_800)
    }

    @Test func simpleComplaintHasResultClockComplexHasProgress() throws {
        var w = World()
        let simple = try w.run(nil, w.opened(), at: t0)
        #expect(simple.clocks.map(\.kind) == [.response, .result])
        #expect(simple.clock(.result).deadline == t0 + 86400)
        let complex = try w.run(nil, w.opened(complex: true), at: t0)
        #expect(complex.clocks.map(\.kind) == [.response, .progress])
        #expect(complex.clock(.progress).deadline == t0 + 72 * 3600)
    }

    @Test func progressReportRestartsTheProgressClock() throws {
        var w = World()
        var c = try w.run(nil, w.opened(complex: true), at: t0)
        c = try w.run(c, .progress(note: "配件已订"), at: t0 + 600)
        #expect(c.status == .responded)
        #expect(c.clock(.response).state(at: t0 + 600) == .met)
        let progress = c.clocks.filter { $0.kind == .progress }
        #expect(progress.count == 2)
        #expect(progress[0].state(at: t0 + 600) == .met)
        #expect(progress[1].deadline == t0 + 600 + 72 * 3600)
        // The second report is due 72 h after the first: 80 h after receipt it is missed.
        #expect(progress[1].state(at: t0 + 600 + 72 * 3600 + 1) == .breached)
        c = try w.run(c, .resolve(note: nil), at: t0 + 70 * 3600)
        #expect(c.clocks.filter { $0.kind == .progress }.last!.state(at: t0 + 70 * 3600) == .met)
    }

    @Test func pauseAcrossTheLimitFreezesTheRemainder() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .respond(note: nil), at: t0 + 600)
        // The result clock (24 h) is paused 23 h in, with 1 h left.
        c = try w.run(c, .pause(reason: "等待业主回复"), at: t0 + 23 * 3600)
        let paused = c.clock(.result)
        #expect(c.paused)
        #expect(paused.state(at: t0 + 30 * 3600) == .paused)
        #expect(paused.deadline == nil)
        #expect(paused.remaining(at: t0 + 30 * 3600) == 3600)
        #expect(c.isBreached(at: t0 + 30 * 3600) == false)
        // Resumed 10 h later: the deadline moves 10 h.
        c = try w.run(c, .resume(note: nil), at: t0 + 33 * 3600)
        let resumed = c.clock(.result)
        #expect(resumed.deadline == t0 + 34 * 3600)
        #expect(resumed.pausedTotal == 10 * 3600)
        #expect(resumed.state(at: t0 + 34 * 3600) == .dueSoon)
        #expect(resumed.state(at: t0 + 34 * 3600 + 1) == .breached)
        #expect(c.pauseCount == 1)
    }

    @Test func responseClockNeverPauses() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .pause(reason: "业主出差"), at: t0 + 60)
        #expect(c.clock(.response).state(at: t0 + 1801) == .breached)
        #expect(c.clock(.result).state(at: t0 + 1801) == .paused)
        var e = World()
        let enquiry = try e.run(nil, e.opened(.enquiry), at: t0, id: "E-1")
        #expect(throws: WuyeError.self) { try e.run(enquiry, .pause(reason: "x"), at: t0 + 1) }
    }

    @Test func resolveStartsTheCallbackClockAndCallbackStopsIt() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .respond(note: nil), at: t0 + 60)
        c = try w.run(c, .resolve(note: nil), at: t0 + 7200)
        #expect(c.clock(.result).state(at: t0 + 7200) == .met)
        #expect(c.clock(.callback).deadline == t0 + 7200 + 72 * 3600)
        c = try w.run(c, .callback(rating: 4, note: nil), at: t0 + 86400)
        #expect(c.status == .calledBack)
        #expect(c.rating == 4)
        #expect(c.clock(.callback).state(at: t0 + 86400) == .met)
        c = try w.run(c, .close(note: nil), at: t0 + 86401)
        #expect(c.status == .closed)
        #expect(!c.isOpen)
    }

    @Test func reopenStartsANewCycleAndKeepsTheOld() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .respond(note: nil), at: t0 + 3000)  // missed: 50 min
        c = try w.run(c, .resolve(note: nil), at: t0 + 3600)
        #expect(c.isBreached(at: t0 + 3600))
        c = try w.run(c, .reopen(reason: "问题复发"), at: t0 + 7200)
        #expect(c.cycle == 2)
        #expect(c.status == .received)
        #expect(c.currentClocks.map(\.kind) == [.response, .result])
        #expect(c.clock(.response).deadline == t0 + 7200 + 1800)
        // The old cycle's missed response stays in history but no longer marks the item.
        #expect(c.clock(.response, cycle: 1).state(at: t0) == .missed)
        #expect(c.isBreached(at: t0 + 7300) == false)
        // The callback clock that was running when it reopened is closed, not left running.
        let oldCycleStopped = c.clocks.filter { $0.cycle == 1 }.allSatisfy { $0.isStopped }
        #expect(oldCycleStopped)
    }

    @Test func backdatedStepIsAcceptedAndMarked() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        // Answered the phone at 09:20, typed it in at 09:45.
        let r = try w.run(c, .respond(note: nil), at: t0 + 1200, now: t0 + 2700)
        #expect(r.clock(.response).state(at: t0 + 2700) == .met)
        #expect(r.clock(.response).backdated)
        // Within the grace (5 min) it is not marked.
        var w2 = World()
        let c2 = try w2.run(nil, w2.opened(), at: t0)
        let r2 = try w2.run(c2, .respond(note: nil), at: t0 + 1200, now: t0 + 1400)
        #expect(!r2.clock(.response).backdated)
    }

    @Test func stepsOutOfOrderOrInTheFutureAreRefused() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0 + 600)
        #expect(throws: WuyeError.refused("C-1's previous step was at 2026-11-29T09:10:00+08:00; a step cannot be dated before it")) {
            try w.run(c, .respond(note: nil), at: t0 + 599, now: t0 + 900)
        }
        do {
            _ = try w.run(c, .respond(note: nil), at: t0 + 1000, now: t0 + 900)
            Issue.record("a time in the future was accepted")
        } catch {
            #expect(error.kind == .refused)
            #expect(error.message.contains("in the future"))
        }
    }

    @Test func reclassifyToEmergencyShortensTheRunningResponseClock() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .reclassify(emergency: true, complex: nil, reason: "漏水扩大"), at: t0 + 60)
        #expect(c.emergency)
        #expect(c.clock(.response).deadline == t0 + 900)
        c = try w.run(c, .reclassify(emergency: nil, complex: true, reason: "涉及多个部门"), at: t0 + 120)
        #expect(c.currentClocks.map(\.kind) == [.response, .progress])
        #expect(c.clock(.progress).deadline == t0 + 72 * 3600)
    }

    @Test func clockKeepsTheLimitsInForceWhenItStarted() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        w.standards.clocks.complaintResponse = 600
        let r = try w.run(c, .assign(to: w.staff["tech"]!, note: nil), at: t0 + 10)
        #expect(r.clock(.response).deadline == t0 + 1800)
    }

    @Test func voidStopsEverythingAndIsNeverBreached() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .void(reason: "重复录入"), at: t0 + 60)
        #expect(c.status == .void)
        #expect(!c.isOpen)
        #expect(!c.isBreached(at: t0 + 99999))
        #expect(throws: WuyeError.self) { try w.run(c, .void(reason: "again"), at: t0 + 61) }
    }

    @Test func repairLifecycle() throws {
        var w = World()
        var r = try w.run(nil, w.opened(.repair, unit: nil, location: "garage"), at: t0, id: "R-1")
        r = try w.run(r, .acknowledge(note: nil), at: t0 + 600, by: "tech")
        #expect(r.status == .acknowledged)
        r = try w.run(r, .pause(reason: "等待配件"), at: t0 + 3600, by: "tech")
        r = try w.run(r, .resume(note: nil), at: t0 + 7200, by: "tech")
        #expect(r.clock(.onSite).deadline == t0 + 86400 + 3600)
        r = try w.run(r, .respond(note: nil), at: t0 + 8000, by: "tech")
        #expect(r.status == .onSite)
        r = try w.run(r, .resolve(note: nil), at: t0 + 50 * 3600, by: "tech")
        #expect(r.clock(.resolution).state(at: t0 + 50 * 3600) == .missed)
        #expect(r.clock(.onSite).state(at: t0) == .met)
    }
}
