import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeReports
import WuyeStore

@Suite("The console's keys, alerts and catching up", .serialized)
@MainActor
struct AppTests {
    let now = ScreenTests.now

    func app(actor: String? = "desk-li") throws -> (ConsoleApp, Store, String) {
        let (store, board, home) = try ScreenTests.demoBoard(actor: actor)
        return (
            ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now), store, home
        )
    }

    @Test func movingFocusingFilteringAndOverlays() throws {
        let (a, _, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(a.ui.focus == .items)
        _ = a.handle(.char("j"), now: now)
        _ = a.handle(.down, now: now)
        #expect(a.ui.selected(.items) == 2)
        _ = a.handle(.char("G"), now: now)
        #expect(a.ui.selected(.items) == Rows.items(a.board, a.ui, now: now).count - 1)
        _ = a.handle(.tab, now: now)
        #expect(a.ui.focus == .checklist)
        _ = a.handle(.backTab, now: now)
        _ = a.handle(.char("g"), now: now)
        _ = a.handle(.char("/"), now: now)
        #expect(a.ui.editingFilter)
        for c in "漏水" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.enter, now: now)
        #expect(Rows.items(a.board, a.ui, now: now).map(\.id) == ["C-2"])
        _ = a.handle(.enter, now: now)
        #expect(a.ui.overlay == .detail(id: "C-2", scroll: 0))
        #expect(!a.ui.detailEvents.isEmpty)
        _ = a.handle(.escape, now: now)
        #expect(a.ui.overlay == nil)
        _ = a.handle(.escape, now: now)  // clears the filter
        #expect(Rows.items(a.board, a.ui, now: now).count > 1)
        _ = a.handle(.function(1), now: now)
        #expect(a.ui.overlay == .help)
        _ = a.handle(.char("?"), now: now)
        #expect(a.ui.overlay == nil)
        _ = a.handle(.char("s"), now: now)
        #expect(a.ui.site == "jinxiu")
        #expect(Rows.items(a.board, a.ui, now: now).allSatisfy { $0.site == "jinxiu" })
        #expect(a.handle(.char("q"), now: now).contains(.quit))
        #expect(a.handle(.ctrl("l"), now: now) == .repaint)
    }

    @Test func aClockCrossingIsFlaggedOnceAndStaysUntilLookedAt() throws {
        let (a, _, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // C-1 has 6 minutes left: it breaches at 14:31:00.
        #expect(!a.second(now: now + 360).contains(.bell))
        #expect(!a.ui.alerts.contains("C-1"))
        #expect(a.second(now: now + 361).contains(.bell))
        #expect(a.ui.alerts.contains("C-1"))
        #expect(!a.second(now: now + 362).contains(.bell))  // once
        #expect(a.ui.alerts.contains("C-1"))
        // Marked on the board with », not !, which means emergency everywhere.
        var marked = CellGrid(width: 100, height: 30)
        a.view(now: now + 362).render(into: &marked)
        #expect(marked.lines.contains { $0.hasPrefix("»") && $0.contains("C-1") })
        // Someone looks at it: it is selected.
        let index = Rows.items(a.board, a.ui, now: now + 362).firstIndex { $0.id == "C-1" }!
        for _ in 0..<index { _ = a.handle(.char("j"), now: now + 362) }
        #expect(!a.ui.alerts.contains("C-1"))
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now + 362).render(into: &g)
        #expect(!g.lines.contains { $0.hasPrefix("»") && $0.contains("C-1") })
    }

    @Test func spaceTicksTheSelectedDutyAfterItIsSaved() throws {
        let (a, store, home) = try app(actor: "clean-liu")
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.tab, now: now)
        let lines = Rows.duties(a.board, a.ui, now: now)
        let index = lines.firstIndex {
            if case .duty(let r) = $0 { return r.id == "jinxiu/cleaning/clubhouse/2026-11-29/2" }
            return false
        }!
        for _ in 0..<index { _ = a.handle(.char("j"), now: now) }
        _ = a.handle(.char(" "), now: now)
        #expect(a.ui.message?.hasPrefix("saved") == true)
        let t = try store.ticks(site: "jinxiu", days: CivilDate(year: 2026, month: 11, day: 29)...CivilDate(year: 2026, month: 11, day: 29))
        #expect(t.contains { $0.occurrence == "jinxiu/cleaning/clubhouse/2026-11-29/2" && $0.actor == "clean-liu" })
        #expect(Rows.dutyCounts(a.board, a.ui, now: now).done == 10)
        // The same duty cannot be ticked twice; the selection has moved on to the next one.
        #expect(throws: WuyeError.self) {
            try store.tick("jinxiu/cleaning/clubhouse/2026-11-29/2", note: nil, problem: nil, actor: "clean-liu", at: nil, now: now)
        }
    }

    @Test func catchingUpWithAnotherProcess() throws {
        let (a, store, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let other = try Store.open(home: home)
        let o = ItemOpened(
            kind: .complaint, site: "jinxiu", unit: "1-101", channel: .hotline, category: "噪音", text: "另一个终端", limits: ClockLimits())
        let c = try other.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-zhao", at: nil, now: now + 1)
        #expect(a.board.items[c.id] == nil)
        a.second(now: now + 2)
        #expect(a.board.items[c.id]?.text == "另一个终端")
        try other.perform(.void(reason: "测试"), on: c.id, actor: "desk-zhao", at: nil, now: now + 3)
        a.second(now: now + 4)
        #expect(a.board.items[c.id] == nil)
        _ = store
    }

    /// With a worker, another process's commit is caught up and the figures computed off
    /// the key thread: keys are answered from the board on screen meanwhile, and the
    /// prepared board is swapped in only if the board on screen did not change since.
    @Test func theWorkerCatchesUpOffTheKeyThreadAndNeverSwapsInAStaleBoard() throws {
        let (a, store, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        a.worker = try BoardWorker(storeFile: store.path)
        func result() -> ConsoleApp.Effects? {
            var p = pollfd(fd: a.worker!.readFD, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 20_000) == 1 else { return nil }
            return a.received(now: now + 2)
        }
        // The first figures come from the worker.
        a.board.figures = nil
        a.board.figuresStale = true
        a.refreshFigures(now: now)
        #expect(a.board.figures == nil)
        #expect(result() != nil)
        #expect(a.board.figures != nil)
        #expect(!a.board.figuresStale)

        let other = try Store.open(home: home)
        let o = ItemOpened(
            kind: .complaint, site: "jinxiu", unit: "1-101", channel: .hotline, category: "噪音", text: "另一个终端", limits: ClockLimits())
        let c = try other.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-zhao", at: nil, now: now + 1)
        a.second(now: now + 2)
        // Asked for, not yet taken in: the board on screen is unchanged.
        #expect(a.board.items[c.id] == nil)
        #expect(result() != nil)
        #expect(a.board.items[c.id]?.text == "另一个终端")

        // A change on screen while the worker works (here, another site's figures asked
        // for): the prepared board is dropped and prepared again from the newer one.
        let d = try other.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-zhao", at: nil, now: now + 3)
        a.second(now: now + 4)
        a.ui.site = "jinxiu"
        a.board.figuresStale = true
        #expect(result() != nil)
        #expect(a.board.items[d.id] == nil)
        #expect(a.board.figuresStale)
        #expect(result() != nil)
        #expect(a.board.items[d.id] != nil)
        #expect(!a.board.figuresStale)
        #expect(a.board.figures?.site == "jinxiu")
        let direct = try Figures.compute(store: store, site: "jinxiu", period: a.board.figures!.period, now: now + 4)
        #expect(a.board.figures?.figures == direct.figures)
    }

    /// Another desk's new emergency goes to the top of the list: the clerk's selection
    /// stays on the item being worked, not on the row.
    @Test func theSelectionStaysOnItsItemWhenAnotherDeskReordersTheList() throws {
        let (a, _, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.down, now: now)
        _ = a.handle(.down, now: now)
        let before = try #require(a.selectedItem(now: now))
        let other = try Store.open(home: home)
        var o = ItemOpened(
            kind: .complaint, site: "jinxiu", unit: "1-101", channel: .hotline, category: "漏水", text: "水管爆裂", emergency: true,
            limits: ClockLimits())
        o.emergency = true
        let c = try other.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-zhao", at: nil, now: now + 1)
        a.second(now: now + 2)
        #expect(a.board.items[c.id] != nil)
        #expect(Rows.itemIDs(a.board, a.ui).firstIndex(of: c.id)! <= Rows.itemIDs(a.board, a.ui).firstIndex(of: before.id)!)
        #expect(a.selectedItem(now: now + 2)?.id == before.id)
    }
}
