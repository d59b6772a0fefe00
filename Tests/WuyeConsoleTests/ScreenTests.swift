import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeStore

/// Screens rendered to an in-memory grid and compared line by line with golden files.
/// Regenerate deliberately with `WUYE_UPDATE_GOLDEN=1 swift test --filter ScreenTests`
/// and review the diff.
@Suite("Screens", .serialized)
struct ScreenTests {
    /// 2026-11-29 14:25:00 in Shanghai: the 14:00 patrol round is under way.
    static let now = TimeInput.parseISO("2026-11-29T14:25:00+08:00")!
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func demoBoard(actor: String? = "desk-li") throws -> (Store, Board, String) {
        let home = NSTemporaryDirectory() + "wuye-screen-" + UUID().uuidString
        try Demo.create(home: home, now: now)
        let store = try Store.open(home: home)
        var board = try Board.load(store: store, actor: actor, now: now)
        // As the running console does once its first screen is up.
        try board.loadFigures(store: store, site: nil, now: now)
        return (store, board, home)
    }

    static func render(
        _ board: Board, ui: UIState = UIState(), width: Int, height: Int, theme: Theme = .builtinDefault, lang: Strings.Lang = .en,
        now: Instant = now
    ) -> CellGrid {
        var g = CellGrid(width: width, height: height)
        ConsoleView(board: board, ui: ui, theme: theme, strings: Strings(lang), keys: KeyMap(), now: now).render(into: &g)
        return g
    }

    func compare(_ g: CellGrid, _ name: String) throws {
        let text = g.lines.joined(separator: "\n") + "\n"
        let file = ScreenTests.golden.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["WUYE_UPDATE_GOLDEN"] != nil {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count, "\(name): line count")
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            Issue.record("\(name) line \(i + 1):\n expected: \(x)\n      got: \(y)")
        }
    }

    @Test func demoAt80x24() throws {
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try compare(ScreenTests.render(board, width: 80, height: 24), "demo-80x24")
    }

    /// Ids are never cut: C-101700 … C-101709 each read whole, and so does R-1000 among
    /// the overdue repairs, at 80 columns and at 160.
    @Test func longIdsAreShownWhole() throws {
        let (_, demo, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var board = demo
        let complaint = try #require(board.items.values.first { $0.kind == .complaint && $0.isOpen })
        let repair = try #require(board.items.values.first { $0.kind == .repair && $0.isBreached(at: ScreenTests.now) })
        board.items = [:]
        for n in 101_700...101_709 {
            var c = complaint
            c.id = "C-\(n)"
            board.items[c.id] = c
        }
        var r = repair
        r.id = "R-1000"
        board.items[r.id] = r
        board.reindex(now: ScreenTests.now)
        for (w, h) in [(80, 40), (160, 48)] {
            let text = ScreenTests.render(board, width: w, height: h).lines.joined(separator: "\n")
            for n in 101_700...101_709 { #expect(text.contains("C-\(n) "), "C-\(n) at \(w) columns") }
            #expect(text.contains("R-1000 "), "R-1000 at \(w) columns")
        }
    }

    @Test func demoAt160x48() throws {
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try compare(ScreenTests.render(board, width: 160, height: 48), "demo-160x48")
    }

    @Test func demoInChinese() throws {
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try compare(ScreenTests.render(board, width: 100, height: 30, lang: .zh), "demo-100x30-zh")
    }

    @Test func detailAndHelpOverlays() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var ui = UIState()
        ui.overlay = .detail(id: "C-4", scroll: 0)
        ui.detailEvents = try store.events(subject: "C-4")
        try compare(ScreenTests.render(board, ui: ui, width: 100, height: 30), "detail-C-4")
        ui.overlay = .help
        try compare(ScreenTests.render(board, ui: ui, width: 80, height: 24), "help-80x24")
    }

    /// A long complaint is read whole in the item view, wrapped inside its box.
    @Test func theItemViewWrapsLongTextInsteadOfCuttingIt() throws {
        let (store, _, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let long = "业主反映楼上每天晚上十一点以后还在装修，电钻声音很大，孩子第二天要考试，已经多次沟通无果，请物业尽快上门制止并给出书面答复"
        let it = try store.perform(
            .open(
                ItemOpened(
                    kind: .complaint, site: "jinxiu", unit: "5-301", channel: .hotline, category: "噪音", text: long, limits: ClockLimits())),
            on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: ScreenTests.now)
        let board = try Board.load(store: store, actor: "desk-li", now: ScreenTests.now)
        var ui = UIState()
        ui.overlay = .detail(id: it.id, scroll: 0)
        let g = ScreenTests.render(board, ui: ui, width: 80, height: 24)
        // Box from column 2 to 77, text from column 4: 72 columns a line, two lines here.
        let pieces = DisplayWidth.wrap(long, to: 72)
        #expect(pieces.count == 2)
        #expect(pieces.joined() == long)
        for p in pieces { #expect(g.lines.contains { $0.contains(p) }, "\(p)") }
        #expect(g.lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }

    @Test func breachedDueSoonAndPausedClocksShowBySymbolAndStyle() throws {
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // Focus elsewhere: the selected row is drawn in the selection style on purpose.
        var ui = UIState()
        ui.focus = .repairs
        let g = ScreenTests.render(board, ui: ui, width: 100, height: 30)
        let theme = Theme.builtinDefault
        func row(_ id: String) -> Int? { (0..<g.height).first { g.line($0).contains(" \(id) ") } }
        // C-2 (emergency leak) is breached, C-1 due soon, C-4 paused.
        let c2 = try #require(row("C-2"))
        #expect(g.line(c2).contains("✗"))
        #expect(g.line(c2).contains("-00:04:00"))
        let minus = try #require((0..<g.width).last { g[$0, c2].text == "-" })  // of -00:04:00
        #expect(g[minus, c2].style == theme["clock.breached"])
        let c1 = try #require(row("C-1"))
        #expect(g.line(c1).contains("▲"))
        #expect(g.line(c1).contains("00:06:00"))
        let c4 = try #require(row("C-4"))
        #expect(g.line(c4).contains("‖ 23:00:00"))
        // Monochrome still shows state: by symbol and by bold / underline.
        let mono = ScreenTests.render(board, ui: ui, width: 100, height: 30, theme: .builtinMono)
        #expect(mono.line(c2).contains("✗"))
        let m = try #require((0..<mono.width).last { mono[$0, c2].text == "-" })
        #expect(mono[m, c2].style.bold && mono[m, c2].style.underline)
        #expect(mono[m, c2].style.fg == -1)
    }

    @Test func countdownsTickWithNow() throws {
        let (_, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ScreenTests.render(board, width: 100, height: 30)
        let b = ScreenTests.render(board, width: 100, height: 30, now: ScreenTests.now + 1)
        let changed = (0..<a.height).filter { a.line($0) != b.line($0) }
        #expect(changed.contains(0))  // the header clock
        #expect(changed.count > 5)  // countdowns
        #expect(b.lines.joined().contains("00:05:59"))
    }

    @Test func emptyBoardAndTooSmall() {
        var board = Board()
        board.sites = [Site(id: "x", name: "空项目", kind: .office, households: 0, timeZone: "Asia/Shanghai")]
        let g = ScreenTests.render(board, width: 80, height: 24)
        #expect(g.lines.joined(separator: "\n").contains("nothing open"))
        #expect(g.lines.joined(separator: "\n").contains("no repair is overdue"))
        #expect(g.lines.joined(separator: "\n").contains("no duties today"))
        let small = ScreenTests.render(board, width: 79, height: 24)
        #expect(small.line(12).contains("terminal too small (needs 80×24)"))
        #expect(ScreenTests.render(board, width: 60, height: 20).lines.joined().contains("too small"))
        #expect(ScreenTests.render(board, width: 1, height: 1).lines == ["…"])
        #expect(ScreenTests.render(board, width: 0, height: 0).lines == [])
    }

    @Test func largerTerminalsGiveTheRoomToTheLists() throws {
        let small = try #require(ConsoleView.layout(width: 80, height: 24))
        let large = try #require(ConsoleView.layout(width: 160, height: 48))
        #expect(large.items.height > small.items.height)
        #expect(large.checklist.height > small.checklist.height)
        #expect(large.figures.height == small.figures.height)
        #expect(ConsoleView.layout(width: 79, height: 24) == nil)
        #expect(ConsoleView.layout(width: 80, height: 23) == nil)
    }
}
