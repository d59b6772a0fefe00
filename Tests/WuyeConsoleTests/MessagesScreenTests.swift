import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeStore

/// The desk's new messages: counted in the header, read on their screen, opened as an
/// item through the new-item form filled from the message, or set aside with a reason.
@Suite("The desk's new messages", .serialized)
@MainActor
struct MessagesScreenTests {
    let now = ScreenTests.now

    static func entry(_ key: String, from: String, name: String?, subject: String, text: String, date: Instant) -> IntakeEntry {
        IntakeEntry(
            site: "jinxiu", channel: .email, gateway: "maildir", key: key, fromAddress: from, fromName: name, subject: subject,
            date: date, received: date, text: text,
            attachments: key == "mid:b" ? [IntakeAttachment(name: "漏水.jpg", type: "image/jpeg", bytes: 204_800)] : [])
    }

    func app(lang: Strings.Lang = .en) throws -> (ConsoleApp, Store, String) {
        let (store, _, home) = try ScreenTests.demoBoard()
        _ = try store.takeIn(
            [
                Self.entry(
                    "mid:a", from: "wang.fang@example.com", name: "王芳", subject: "噪音投诉 3-1802",
                    text: "楼上每晚十一点后拖动家具，影响休息。\n请尽快处理。", date: now - 3600),
                Self.entry(
                    "mid:b", from: "li@example.cn", name: nil, subject: "地下车库漏水", text: "车库B2层漏水严重，已经三天了。",
                    date: now - 600),
            ], actor: "intake:maildir", now: now - 60)
        var board = try Board.load(store: store, actor: "desk-li", now: now)
        try board.loadFigures(store: store, site: nil, now: now)
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(lang), keys: KeyMap(), now: now)
        return (a, store, home)
    }

    func screen(_ a: ConsoleApp, _ w: Int = 100, _ h: Int = 30) -> CellGrid {
        var g = CellGrid(width: w, height: h)
        a.view(now: now).render(into: &g)
        return g
    }

    @Test func theDeskSeesNewMessagesAndReadsThem() throws {
        let (a, _, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let board = screen(a)
        #expect(board.lines[0].contains("New messages (2)"))
        #expect(board.lines.last!.contains("M messages"))
        _ = a.handle(.char("M"), now: now)
        #expect(a.ui.screen == .messages)
        try ScreenTests().compare(screen(a), "messages-100x30")
        _ = a.handle(.down, now: now)
        let second = screen(a)
        #expect(second.lines.contains { $0.contains("车库B2层漏水严重") })
        #expect(second.lines.contains { $0.contains("漏水.jpg") && $0.contains("200 KB") })
        _ = a.handle(.escape, now: now)
        #expect(a.ui.screen == .board)
        // In Chinese too.
        let (zh, _, home2) = try app(lang: .zh)
        defer { try? FileManager.default.removeItem(atPath: home2) }
        _ = zh.handle(.char("M"), now: now)
        try ScreenTests().compare(screen(zh), "messages-100x30-zh")
    }

    @Test func openingAMessageFillsTheNewItemForm() throws {
        let (a, store, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.char("M"), now: now)
        _ = a.handle(.enter, now: now)
        #expect(a.ui.message == "open it as: c complaint · e enquiry · r repair")
        _ = a.handle(.char("c"), now: now)
        let f = try #require(a.ui.form)
        #expect(f.title.hasPrefix("New complaint · IN-1 · received 2026-11-29 13:25"))
        #expect(f.value("text") == "噪音投诉 3-1802 — 楼上每晚十一点后拖动家具，影响休息。 请尽快处理。")
        #expect(f.value("owner") == "王芳 <wang.fang@example.com>")
        #expect(f.value("channel") == "email" && f.value("site") == "jinxiu")
        // The clerk adds the unit and the category, and saves.
        for c in "3-1802" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.tab, now: now)
        for c in "噪音" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil, "\(a.ui.form?.fields.compactMap(\.error) ?? [])")
        let saved = try #require(try store.items(kind: .complaint, filter: .open).first { $0.source == "IN-1" })
        #expect(saved.channel == .email && saved.unit == "3-1802" && saved.openedAt == now - 3600)
        #expect(a.ui.screen == .board && a.selectedItem(now: now)?.id == saved.id)
        #expect(try store.intakeEntry("IN-1").state == .opened)
        #expect(screen(a).lines[0].contains("New messages (1)"))
        // Its timeline keeps the message: taken in, opened, and the original below.
        _ = a.handle(.enter, now: now)
        let detail = screen(a, 100, 40).lines.joined(separator: "\n")
        #expect(detail.contains("email from 王芳 <wang.fang@example.com>: 噪音投诉 3-1802"))
        #expect(detail.contains("Original message") && detail.contains("请尽快处理。"))
    }

    @Test func aMessageIsSetAsideWithAReason() throws {
        let (a, store, home) = try app()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = a.handle(.char("M"), now: now)
        _ = a.handle(.down, now: now)
        _ = a.handle(.char("X"), now: now)
        #expect(a.ui.form?.title == "set aside IN-2")
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form?.fields.first?.error == "required")
        _ = a.handle(.paste("已电话联系，与 R-3 相同"), now: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        #expect(try store.intakeEntry("IN-2").state == .discarded)
        #expect(a.ui.message == "saved: IN-2 set aside")
        #expect(a.ui.messageSelection == 0 && screen(a).lines.contains { $0.contains("IN-1") })
    }

    /// The store's refusal, written in English where the rule lives, reaches a Chinese
    /// console's status line in Chinese, with its ids and reason kept.
    @Test func aRefusalFromTheStoreIsSaidInTheConsolesLanguage() throws {
        let (zh, store, home) = try app(lang: .zh)
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = zh.handle(.char("M"), now: now)
        _ = zh.handle(.down, now: now)
        _ = zh.handle(.char("X"), now: now)
        // Another desk sets the same message aside first.
        _ = try store.discardIntake("IN-2", reason: "重复", actor: "desk-li", now: now)
        _ = zh.handle(.paste("已电话联系"), now: now)
        _ = zh.handle(.ctrl("s"), now: now)
        #expect(zh.ui.message == "IN-2 已不予受理（重复）")
        #expect(zh.ui.messageIsError)
    }

    @Test func aGuardIsNotShownTheQueue() throws {
        let (store, _, home) = try ScreenTests.demoBoard(actor: "guard-wang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try store.takeIn(
            [Self.entry("mid:a", from: "a@example.com", name: nil, subject: "s", text: "t", date: now)], actor: "intake:maildir", now: now)
        let board = try Board.load(store: store, actor: "guard-wang", now: now)
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        #expect(!screen(a).lines[0].contains("New messages"))
        _ = a.handle(.char("M"), now: now)
        #expect(a.ui.screen != .messages && a.ui.message == "the new messages are the desk's")
    }
}
