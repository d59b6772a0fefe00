import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeReports
import WuyeStore

/// The guard's patrol view, the supervisor's breach board, the handover and looking back:
/// rendered to a grid (golden screens) and driven key by key.
@Suite("The guard's and the supervisor's screens", .serialized)
@MainActor
struct RoleScreenTests {
    let now = ScreenTests.now

    func app(_ actor: String) throws -> (ConsoleApp, Store, String) {
        let (store, board, home) = try ScreenTests.demoBoard(actor: actor)
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        a.openRoleScreen()
        // As the loop does after the first frame: the figures (and the breaches' impact).
        a.refreshFigures(now: now)
        return (a, store, home)
    }

    func type(_ a: ConsoleApp, _ s: String, at t: Instant) -> ConsoleApp.Effects {
        var e: ConsoleApp.Effects = []
        for c in s { e.formUnion(a.handle(.char(c), now: t)) }
        return e
    }

    func screen(_ a: ConsoleApp, _ w: Int, _ h: Int, at t: Instant) -> CellGrid {
        var g = CellGrid(width: w, height: h)
        a.view(now: a.shown(t)).render(into: &g)
        return g
    }

    func events(_ store: Store) throws -> Int { Int(try store.lastSeq()) }

    @Test func aGuardOpensOnThePatrolView() throws {
        let (a, _, home) = try app("guard-wang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(a.ui.screen == .patrol)
        try ScreenTests().compare(screen(a, 100, 30, at: now), "patrol-100x30")
        try ScreenTests().compare(screen(a, 80, 24, at: now), "patrol-80x24")
        // Degenerate sizes say so instead of breaking.
        for (w, h) in [(0, 0), (1, 1), (79, 23)] { _ = screen(a, w, h, at: now) }
    }

    @Test func aScannerTypesCodesIntoTheScanField() throws {
        let (a, store, home) = try app("guard-wang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = now + 5
        // Lowercase, as a scanner set to lowercase sends it, then Enter.
        #expect(!type(a, "cp-n-03", at: t).contains(.quit))
        #expect(a.handle(.enter, now: t).contains(.bell))
        #expect(a.ui.scanResult?.ok == true)
        #expect(a.ui.scanResult?.text.contains("CP-N-03") == true)
        #expect(a.ui.lastScan?.code == "CP-N-03")
        #expect(screen(a, 100, 30, at: t).lines.contains { $0.contains("✓ CP-N-03") && $0.contains("guard-wang") })
        // A code beginning with q goes into the field: it does not quit.
        let before = try events(store)
        #expect(!type(a, "q7", at: t).contains(.quit))
        #expect(a.ui.scanField.value == "q7")
        _ = a.handle(.enter, now: t)
        #expect(a.ui.scanResult?.ok == false)
        #expect(a.ui.scanResult?.text.contains("no checkpoint has the code 'q7'") == true)
        // The same checkpoint twice: refused with when and by whom.
        _ = type(a, "CP-N-03", at: t)
        _ = a.handle(.enter, now: t)
        #expect(a.ui.scanResult?.text.contains("already scanned in this round at 14:25 by guard-wang") == true)
        // Another site's checkpoint: refused, with whose duties they are.
        _ = type(a, "CP-X-01", at: t)
        _ = a.handle(.enter, now: t)
        #expect(a.ui.scanResult?.ok == false)
        #expect(a.ui.scanResult?.text.contains("works at jinxiu") == true)
        #expect(try events(store) == before)
        // The last checkpoint: the round is complete at once.
        _ = a.handle(.paste("CP-N-04\n"), now: t)
        #expect(a.ui.scanResult?.text.contains("4/4 round complete") == true)
        let round = a.board.duties.first { $0.id == "jinxiu/patrol/north-route/2026-11-29T14" }!
        #expect(round.round!.state(at: t, scans: round.scans) == .complete)
        // The view moves on to the round still to walk.
        #expect(screen(a, 100, 30, at: t).lines[1].contains("地下车库巡逻路线"))
    }

    @Test func aLateOrUnfinishedRoundIsFlaggedToTheGuardOnce() throws {
        let (a, _, home) = try app("guard-wang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.second(now: now)
        // Up to 14:59:59 no round turns late or ends (items' clocks may cross meanwhile).
        _ = a.second(now: now + 2099)
        #expect(a.ui.message?.contains("checkpoints left") != true)
        // 15:00:00: the 14:00 rounds end with checkpoints left: flagged, with the bell.
        #expect(a.second(now: now + 2100).contains(.bell))
        #expect(a.ui.message?.contains("ended with checkpoints left") == true)
        #expect(a.ui.messageIsError)
        // Once: the next second says nothing new.
        a.ui.message = nil
        _ = a.second(now: now + 2101)
        #expect(a.ui.message == nil)
        // 15:10:00: the 15:00 rounds are not started ten minutes into their hour.
        _ = a.second(now: now + 2699)
        #expect(a.second(now: now + 2700).contains(.bell))
        #expect(a.ui.message?.contains("LATE") == true)
        a.ui.message = nil
        _ = a.second(now: now + 2701)
        #expect(a.ui.message == nil)
    }

    @Test func aProblemAtTheCheckpointJustScannedOpensALinkedRepair() throws {
        let (a, store, home) = try app("guard-wang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.ctrl("r"), now: now)
        #expect(a.ui.form == nil)
        #expect(a.ui.message?.contains("scan a checkpoint first") == true)
        _ = type(a, "CP-N-03", at: now)
        _ = a.handle(.enter, now: now)
        _ = a.handle(.ctrl("r"), now: now)
        #expect(a.ui.form?.title.contains("CP-N-03") == true)
        _ = type(a, "垃圾桶破损", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        let repair = try store.items(kind: .repair, filter: .open).first { $0.text.contains("垃圾桶破损") }
        #expect(repair?.text == "CP-N-03 北区垃圾站: 垃圾桶破损")
        #expect(repair?.source == "jinxiu/patrol/north-route/2026-11-29T14")
        #expect(repair?.category == "patrol")
        #expect(a.ui.scanResult?.text.contains(repair?.id ?? "?") == true)
    }

    @Test func aSupervisorOpensOnTheBreachBoard() throws {
        let (a, _, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(a.ui.screen == .breaches)
        #expect(!a.breachTable(now: now).impacts.isEmpty)
        let g = screen(a, 100, 30, at: now)
        try ScreenTests().compare(g, "breaches-100x30")
        try ScreenTests().compare(screen(a, 80, 24, at: now), "breaches-80x24")
        // What the board says the breaches do is what the figures say.
        let rows = Breaches.board(a.board.items.values, now: now)
        let impacts = try BreachImpact.thisMonth(
            store: a.store!, sites: ["jinxiu", "xinghe"], breaches: rows.filter { $0.state == .breached }, now: now)
        for i in impacts.values where i.breaches > 0 {
            #expect(g.lines.contains { $0.contains(i.sentence) }, "\(i.sentence)\n\(g.lines.joined(separator: "\n"))")
        }
        // b and Esc go to the board; b comes back.
        _ = a.handle(.escape, now: now)
        #expect(a.ui.screen == .board)
        _ = a.handle(.char("b"), now: now)
        #expect(a.ui.screen == .breaches)
    }

    /// The board is on screen before the figures are counted (the worker counts them
    /// after the first frame): once they are, the kept table shows their effect.
    @Test func theEffectShowsOnceTheFiguresAreCountedAfterTheFirstFrame() throws {
        let (store, board, home) = try ScreenTests.demoBoard(actor: "sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        a.openRoleScreen()
        let before = screen(a, 120, 30, at: now)
        #expect(!before.lines.contains { $0.contains("What the breaches do to this month") })
        a.refreshFigures(now: now)
        let after = screen(a, 120, 30, at: now)
        #expect(after.lines.contains { $0.contains("What the breaches do to this month") }, "\(after.lines.joined(separator: "\n"))")
    }

    @Test func aChineseDeskReadsAnItemsTimelineInChinese() throws {
        let (store, board, home) = try ScreenTests.demoBoard(actor: "desk-li")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.zh), keys: KeyMap(), now: now)
        _ = a.handle(.char("/"), now: now)
        for c in "漏水" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.enter, now: now)
        _ = a.handle(.enter, now: now)
        #expect(a.ui.overlay == .detail(id: "C-2", scroll: 0))
        let g = screen(a, 120, 40, at: now)
        let text = g.lines.joined(separator: "\n")
        #expect(text.contains("登记投诉（微信），紧急：楼上漏水到客厅"), "\(text)")
        #expect(!text.contains("opened complaint"), "\(text)")
        // Every step of an item in the reader's words: with Chinese notes, a line holds
        // no English word (names and ids aside).
        let zh = Strings(.zh)
        let opened = ItemOpened(
            kind: .repair, site: "金秀", unit: "3-1802", channel: .walkIn, category: "水电", text: "水管爆裂", emergency: true, complex: true,
            limits: ClockLimits())
        let steps: [ItemEvent] = [
            .opened(opened), .assigned(to: "张伟", note: "尽快"), .routed(department: "工程部", to: "张伟", note: "请处理"),
            .responded(note: "已派工"), .acknowledged(note: nil), .arrived(note: "到了"), .progressReported(note: "换管中"),
            .resolved(note: "已换管"), .answered(note: "可以"), .calledBack(rating: 5, note: "满意"), .closed(note: nil),
            .reopened(reason: "又漏了", limits: ClockLimits()), .paused(reason: "等配件"), .resumed(note: nil), .voided(reason: "重复"),
            .edited(field: "单元", from: "1", to: "2", reason: "写错"), .reclassified(emergency: false, complex: true, reason: "复查"),
            .breachAcknowledged(note: "在处理"), .escalated(to: "黄海", note: "请跟进"),
        ]
        for e in steps {
            let line = zh.timeline(.item(e))
            #expect(!line.unicodeScalars.contains { $0.properties.isAlphabetic && $0.isASCII }, "\(line)")
        }
        #expect(Strings(.en).timeline(.item(.opened(opened))) == EventText.describe(.item(.opened(opened))))
    }

    /// Chinese screens punctuate as Chinese does: 下一个：CP-N-03, （超时 3 件）；,
    /// 北区垃圾站、CP-N-04 — never a Latin colon, semicolon or comma after a Chinese word.
    @Test func chineseScreensUseChinesePunctuation() throws {
        for actor in ["guard-wang", "sup-huang", "desk-li"] {
            let (store, board, home) = try ScreenTests.demoBoard(actor: actor)
            defer { try? FileManager.default.removeItem(atPath: home) }
            let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.zh), keys: KeyMap(), now: now)
            a.openRoleScreen()
            a.refreshFigures(now: now)
            let text = screen(a, 130, 36, at: now).lines.joined(separator: "\n")
            let scalars = Array(text.unicodeScalars)
            for i in scalars.indices.dropLast(2) where scalars[i].value >= 0x4E00 && scalars[i].value <= 0x9FFF {
                let next = String(String.UnicodeScalarView(scalars[(i + 1)...(i + 2)]))
                let around = String(String.UnicodeScalarView(scalars[max(0, i - 8)...(i + 2)]))
                #expect(next != ": " && next != "; " && next != ", ", "\(actor): \(around)")
            }
            if actor == "guard-wang" {
                #expect(text.contains("下一个：CP-N-03"), "\(text)")
                #expect(text.contains("北区垃圾站、CP-N-04"), "\(text)")
            }
        }
    }

    @Test func aChineseSupervisorReadsWhatTheBreachesDoInChinese() throws {
        let (store, board, home) = try ScreenTests.demoBoard(actor: "sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.zh), keys: KeyMap(), now: now)
        a.openRoleScreen()
        a.refreshFigures(now: now)
        let g = screen(a, 120, 30, at: now)
        let impacts = a.breachTable(now: now).impacts.values.filter { $0.breaches > 0 }
        #expect(!impacts.isEmpty)
        for i in impacts {
            #expect(i.sentenceZH.contains("超时 \(i.breaches) 件"))
            #expect(g.lines.contains { $0.contains(i.sentenceZH) }, "\(i.sentenceZH)\n\(g.lines.joined(separator: "\n"))")
        }
        // A breached item nobody holds reads 未派单 on its row, not the English word.
        #expect(g.lines.contains { $0.contains("R-6") && $0.contains("未派单") }, "\(g.lines.joined(separator: "\n"))")
        #expect(!g.lines.contains { $0.contains("nobody") })
    }

    /// The breaches' effect as the month's figures give it, counted afresh from the store
    /// (`Figures.compute`, whole): what the board's in-memory count is held to.
    static func impactsCountedAfresh(_ store: Store, _ board: Board, site: String?, now: Instant) throws -> [String: String] {
        let breaches = Breaches.board(board.items.values, now: now).filter { $0.state == .breached }
        var out: [String: String] = [:]
        for s in try store.sites() where site == nil || s.id == site {
            let today = s.zone.date(of: now)
            let period = Period.month(today.year, today.month)
            let set = try Figures.compute(store: store, site: s.id, period: period, now: now)
            let from = period.from(in: s.zone)
            for (name, kinds) in BreachImpact.figures {
                let f = try #require(set.figure(name))
                let b = breaches.filter { $0.item.site == s.id && kinds.contains($0.clock.kind) && $0.clock.nominalDeadline >= from }.count
                let allowed = (f.numerator + Double(f.pending) - f.target * (f.denominator + Double(f.pending))).rounded(.down)
                let without = f.denominator > 0 ? min(1, (f.numerator + Double(b)) / f.denominator) : nil
                let value = f.value.map { "\($0)" } ?? "-"
                out["\(s.id) \(name)"] = "\(f.target) \(value) \(without.map { "\($0)" } ?? "-") \(b) \(allowed < 0 ? 0 : Int(allowed) + 1)"
            }
        }
        return out
    }

    static func said(_ impacts: [String: BreachImpact]) -> [String: String] {
        impacts.mapValues { i in
            "\(i.target) \(i.value.map { "\($0)" } ?? "-") \(i.valueWithout.map { "\($0)" } ?? "-") \(i.breaches) \(i.missesToLose)"
        }
    }

    @Test func everyCrossingCountsTheBreachesEffectAgainInMemory() throws {
        let (a, store, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(a.board.impactBasis != nil)
        #expect(Self.said(a.breachTable(now: now).impacts) == (try Self.impactsCountedAfresh(store, a.board, site: nil, now: now)))
        // Clock after clock crosses into breached (the month's pending clocks become
        // missed); each time, the effect on screen is the one the figures give, with no
        // read of the store in between.
        var t = now
        var crossings = 0
        while let n = a.board.nextCrossing(after: t), crossings < 12 {
            _ = a.second(now: n)
            #expect(!a.board.needsCounting, "time alone does not make the figures stale")
            let shown = Self.said(a.breachTable(now: n).impacts)
            #expect(shown == (try Self.impactsCountedAfresh(store, a.board, site: nil, now: n)), "at \(n - now) s")
            t = n
            crossings += 1
        }
        #expect(crossings > 0)
        // One site shown: its effect alone, the same as counted afresh for it.
        a.ui.site = "jinxiu"
        #expect(Self.said(a.breachTable(now: t).impacts) == (try Self.impactsCountedAfresh(store, a.board, site: "jinxiu", now: t)))
    }

    @Test func theBreachBoardIsKeptUntilAClockCrossesOrTheBoardChanges() throws {
        let (a, _, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        func fresh(_ t: Instant) -> [String] {
            Breaches.board(a.board.items.values, now: t).map { "\($0.item.id) \($0.clock.kind) \($0.state)" }
        }
        func kept(_ t: Instant) -> [String] { a.breachTable(now: t).rows.map { "\($0.item.id) \($0.clock.kind) \($0.state)" } }
        // The next crossings, a second before, at and after each, in time's order.
        var moments = Set<Instant>()
        var t = now
        for _ in 0..<4 {
            guard let c = a.board.nextCrossing(after: t) else { break }
            moments.formUnion([c - 1, c, c + 1].filter { $0 >= now })
            t = c
        }
        #expect(moments.count >= 6, "the demo has clocks still to cross")
        var changes = 0
        var before = kept(now)
        for m in moments.sorted() {
            let rows = kept(m)
            #expect(rows == fresh(m), "at \(m)")
            if rows != before { changes += 1 }
            before = rows
            let title = screen(a, 100, 30, at: m).lines.first { $0.contains("Breaches (") } ?? ""
            let n = rows.filter { $0.hasSuffix("breached") }.count
            #expect(title.contains("Breaches (\(n)) · due soon (\(rows.count - n))"), "\(title)")
        }
        #expect(changes >= 1, "a crossing changed the board")
        // A change to the board (a commit caught up) is on the board at once.
        let first = try #require(a.breachTable(now: t).rows.first?.item.id)
        a.board.items.removeValue(forKey: first)
        #expect(kept(t) == fresh(t))
        #expect(!kept(t).contains { $0.hasPrefix(first + " ") })
    }

    @Test func aSupervisorAcknowledgesAndEscalatesFromTheBoard() throws {
        let (a, store, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        // The first row: R-6, the longest overdue.
        #expect(ConsoleViewProbe.firstBreach(a, now: now) == "R-6")
        _ = a.handle(.char("A"), now: now)
        #expect(a.ui.form?.title.contains("R-6") == true)
        // The comment is required.
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form != nil)
        _ = type(a, "已催工程部", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        #expect(a.ui.message == "saved: R-6 breach acknowledged")
        _ = a.handle(.char("E"), now: now)
        _ = type(a, "tech-sun", at: now)
        _ = a.handle(.tab, now: now)
        _ = type(a, "请今天处理", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.message == "saved: R-6 escalated to tech-sun")
        let types = try store.events(subject: "R-6").map(\.body.typeName)
        #expect(types.suffix(2) == ["item.breach_acknowledged", "item.escalated"])
        // Reassigning is the desk's assign, from the board.
        _ = a.handle(.char("a"), now: now)
        #expect(a.ui.form?.title == "R-6 · assign")
    }

    @Test func openCorrectiveActionsAndTrainingsNotHeldAreOnTheBoard() throws {
        let (a, _, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let due = now + 3600
        // Raised at another terminal (a connection of its own).
        let other = try Store.open(home: home)
        _ = try other.raiseAction(
            site: "jinxiu", title: "地库排水整改", owner: "tech-zhang", due: due, source: .inspection, sourceRef: nil, actor: "sup-huang",
            now: now)
        _ = a.second(now: now + 1)
        _ = a.received(now: now + 1)
        a.refreshFigures(now: now + 1)
        // Without a worker the console catches up on its own thread, within the second.
        #expect(a.board.actions.map(\.title) == ["地库排水整改"])
        var text = screen(a, 100, 30, at: now + 1).lines.joined(separator: "\n")
        #expect(text.contains("● action A-1 00:59:59 tech-zhang 地库排水整改"))
        // Past its due date it shows breached.
        text = screen(a, 100, 30, at: due + 60).lines.joined(separator: "\n")
        #expect(text.contains("✗ action A-1 -00:01:00 tech-zhang"))
        // A month whose training was not held shows as missed.
        var board = a.board
        board.trainings = []
        a.board = board
        text = screen(a, 100, 30, at: now + 1).lines.joined(separator: "\n")
        #expect(text.contains("✗ training 2026-10 monthly (short): not held"))
    }

    @Test func aDeskClerkCannotAnswerABreach() throws {
        let (a, _, home) = try app("desk-li")
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(a.ui.screen == .board)
        _ = a.handle(.char("b"), now: now)
        _ = a.handle(.char("A"), now: now)
        #expect(a.ui.form == nil)
        #expect(a.ui.message?.contains("a supervisor can") == true)
    }

    @Test func theHandoverOnScreen() throws {
        let (a, _, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.char("H"), now: now)
        #expect(a.ui.screen == .handover)
        let text = screen(a, 100, 30, at: now).lines.joined(separator: "\n")
        #expect(text.contains("Shift handover"))
        #expect(text.contains("Handover all sites: 2026-11-29 08:00 → 2026-11-29 14:25"))
        #expect(text.contains("R-2  acknowledge breached at 14:00"))
        _ = a.handle(.escape, now: now)
        #expect(a.ui.screen == .board)
    }

    @Test func lookingBackShowsTheBoardAsItStoodReadOnly() throws {
        let (a, _, home) = try app("desk-li")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let liveCount = a.board.items.count
        _ = a.handle(.char("@"), now: now)
        #expect(a.ui.formPurpose == .asOf)
        _ = type(a, "tomorrow", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.asOf == nil)
        #expect(a.ui.message?.contains("is not a time") == true)
        _ = a.handle(.ctrl("c"), now: now)
        _ = a.handle(.char("@"), now: now)
        _ = type(a, "09:00", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.asOf == TimeInput.parseISO("2026-11-29T09:00:00+08:00"))
        #expect(a.board.items.count < liveCount)
        let g = screen(a, 100, 30, at: now)
        #expect(g.lines[0].contains("AS OF"))
        #expect(g.lines[0].contains("09:00:00"))
        // Nothing can be changed in the past.
        _ = a.handle(.char("n"), now: now)
        _ = a.handle(.char("c"), now: now)
        #expect(a.ui.form == nil)
        #expect(a.ui.message?.contains("looking at the past") == true)
        // Esc comes back to now, caught up.
        _ = a.handle(.escape, now: now)
        #expect(a.ui.asOf == nil)
        #expect(a.board.items.count == liveCount)
    }

    @Test func surveyAndTrainingFormsSave() throws {
        let (a, store, home) = try app("sup-huang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.char("S"), now: now)
        _ = a.handle(.tab, now: now)
        _ = type(a, "120", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form != nil)
        #expect(a.ui.message?.contains("score must be 0–100, got 120") == true)
        _ = a.handle(.ctrl("c"), now: now)
        _ = a.handle(.char("S"), now: now)
        _ = a.handle(.tab, now: now)
        _ = type(a, "92", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        #expect(a.ui.message?.hasPrefix("saved: S-") == true)
        let day = ScreenTests.now
        #expect(try store.surveys(site: "jinxiu", from: day - 60, to: day + 60).contains { $0.score == 92 })
        let before = try store.trainings().count
        _ = a.handle(.char("T"), now: now)
        _ = type(a, "消防器材使用", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil, "\(a.ui.message ?? "")")
        let planned = try store.trainings()
        #expect(planned.count == before + 1)
        let session = planned.first { $0.topic == "消防器材使用" }!
        #expect(session.date.description == "2026-11-29")
        #expect(a.board.trainings.contains { $0.id == session.id })
        _ = a.handle(.char("m"), now: now)
        #expect(a.ui.formPurpose == .recordTraining)
        // The newest session comes first; then who, and a score.
        _ = a.handle(.tab, now: now)
        _ = type(a, "guard-chen", at: now)
        _ = a.handle(.tab, now: now)
        _ = type(a, "55", at: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil, "\(a.ui.message ?? "")")
        #expect(try store.trainings().first { $0.id == session.id }?.scores["guard-chen"] == 55)
        // Failed: on the retraining list of the breach board.
        #expect(screen(a, 100, 30, at: now).lines.contains { $0.contains("Retrain:") && $0.contains("guard-chen 55<60 \(session.id)") })
    }
}

/// What the breach board's first row is.
@MainActor
enum ConsoleViewProbe {
    static func firstBreach(_ a: ConsoleApp, now: Instant) -> String? {
        Breaches.board(a.board.items.values, now: now).first?.item.id
    }
}
