import Testing
import WuyeCore

@Suite("Roles and refusals")
struct RuleTests {
    let t0 = World.t0

    @Test func guardCannotResolveAComplaint() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        do {
            _ = try w.run(c, .resolve(note: nil), at: t0 + 60, by: "guard")
            Issue.record("a guard resolved a complaint")
        } catch {
            #expect(error.kind == .refused)
            #expect(error.message == "a guard cannot resolve a complaint; the desk, a supervisor or the technician it is assigned to can")
        }
    }

    @Test func technicianMayResolveOnlyWhatIsAssignedToThem() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        #expect(throws: WuyeError.self) { try w.run(c, .respond(note: nil), at: t0 + 1, by: "tech") }
        c = try w.run(c, .assign(to: w.staff["tech"]!, note: nil), at: t0 + 2)
        c = try w.run(c, .respond(note: nil), at: t0 + 3, by: "tech")
        #expect(c.status == .responded)
    }

    @Test func ratingOutOfRangeIsBadInput() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .resolve(note: nil), at: t0 + 60)
        #expect(throws: WuyeError.badInput("rating must be 1–5, got 9")) { try w.run(c, .callback(rating: 9, note: nil), at: t0 + 61) }
    }

    @Test func closeWithoutCallbackIsForSupervisors() throws {
        var w = World()
        var c = try w.run(nil, w.opened(), at: t0)
        c = try w.run(c, .resolve(note: nil), at: t0 + 60)
        #expect(throws: WuyeError.self) { try w.run(c, .close(note: nil), at: t0 + 61) }
        c = try w.run(c, .close(note: "业主联系不上"), at: t0 + 61, by: "sup")
        #expect(c.status == .closed)
        #expect(c.clock(.callback).state(at: t0 + 61) == .missed)
    }

    @Test func unknownUnitOrLocationIsNotFound() throws {
        var w = World()
        do {
            _ = try w.run(nil, w.opened(unit: "9-9999"), at: t0)
            Issue.record("unknown unit accepted")
        } catch { #expect(error.kind == .notFound) }
        do {
            _ = try w.run(nil, w.opened(unit: nil, location: "moon"), at: t0)
            Issue.record("unknown location accepted")
        } catch { #expect(error.kind == .notFound) }
    }

    @Test func editRecordsOldAndNewAndNeedsAReason() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        let e = try w.run(c, .edit(field: "unit", value: "2-1503", reason: "记错房号"), at: t0 + 60)
        #expect(e.unit == "2-1503")
        #expect(throws: WuyeError.badInput("edit needs a reason; give --reason TEXT")) {
            try w.run(e, .edit(field: "text", value: "x", reason: " "), at: t0 + 61)
        }
        #expect(throws: WuyeError.self) { try w.run(e, .edit(field: "status", value: "closed", reason: "x"), at: t0 + 61) }
    }

    @Test func stateRulesNameWhatIsAllowed() throws {
        var w = World()
        let c = try w.run(nil, w.opened(), at: t0)
        #expect(throws: WuyeError.refused("C-1 is received; callback is allowed only when it is resolved")) {
            try w.run(c, .callback(rating: 5, note: nil), at: t0 + 1)
        }
        #expect(throws: WuyeError.self) { try w.run(c, .progress(note: nil), at: t0 + 1) }
        #expect(throws: WuyeError.self) { try w.run(c, .reopen(reason: "x"), at: t0 + 1) }
    }
}
