import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeStore

@Suite("The form widget and new items from the console", .serialized)
@MainActor
struct FormTests {
    let now = ScreenTests.now

    @Test func chineseIsTypedAndDeletedByWholeCharacterAndTheCursorMovesByColumn() {
        var t = TextField(limit: 20)
        for c in "电梯abc" { t.insert(String(c)) }
        #expect(t.value == "电梯abc")
        #expect(t.visible(width: 20).1 == 7)  // two wide characters and three narrow ones
        t.left()
        t.left()
        t.left()
        #expect(t.visible(width: 20).1 == 4)  // right after 梯
        t.backspace()
        #expect(t.value == "电abc")
        #expect(t.visible(width: 20).1 == 2)
        t.insert("楼")
        #expect(t.value == "电楼abc")
        // Scrolled so the cursor stays visible in a narrow field; nothing is cut in half.
        var long = TextField(limit: 50)
        long.insert(String(repeating: "漏水", count: 10))
        let (shown, cursor) = long.visible(width: 9)
        #expect(DisplayWidth.of(shown) <= 9)
        #expect(cursor <= 8)
    }

    @Test func aPasteArrivesWholeAndTheLimitIsKept() {
        var d = PasteDecoder()
        let marker: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("0"), .char("~")]
        let end: [Key] = [.escape, .char("["), .char("2"), .char("0"), .char("1"), .char("~")]
        let body = String(repeating: "楼上漏水q", count: 400)  // 2 000 characters, with a q that must not quit
        let keys = marker + body.map { Key.char($0) } + [.enter] + end + [.char("x")]
        // Cut across two reads, as a terminal may deliver it.
        let out = d.decode(Array(keys.prefix(700))) + d.decode(Array(keys.dropFirst(700)))
        #expect(out == [.paste(body + "\n"), .char("x")])
        var t = TextField(limit: 500)
        #expect(t.insert(body) == false)
        #expect(t.text.count == 500)
        // A lone Esc is the Esc key, at once.
        var e = PasteDecoder()
        #expect(e.decode([.char("a"), .escape]) == [.char("a"), .escape])
        // Controls in a paste never enter a field.
        var c = TextField(limit: 50)
        c.insert("a\u{1B}[2Jb\u{7}")
        #expect(c.value == "a[2Jb")
    }

    func form() -> Form {
        Form(
            title: "t",
            fields: [
                Form.Field(
                    id: "place", label: "Unit",
                    kind: .choice(
                        options: ["3-1801", "3-1802", "5-301"].map { Form.Option($0) }, typed: TextField(limit: 20), highlighted: 0,
                        free: false),
                    required: true),
                Form.Field(id: "text", label: "What", kind: .text(TextField(limit: 10)), required: true),
                Form.Field(id: "urgent", label: "Emergency", kind: .toggle(false)),
            ])
    }

    @Test func tabCompletesAChoiceRequiredFieldsAreMarkedInPlaceAndTooLongIsRefused() {
        var f = form()
        for c in "3-18" { _ = f.handle(.char(c)) }
        _ = f.handle(.down)  // 3-1802
        _ = f.handle(.tab)
        #expect(f.value("place") == "3-1802")
        #expect(f.focus == 1)
        // Saving with the text empty marks it and goes to it.
        _ = f.handle(.tab)
        #expect(f.handle(.ctrl("s")) == .bell)
        #expect(f.focus == 1)
        #expect(f.fields[1].error == "required")
        for c in "电梯晚上异响吵得睡不着" { _ = f.handle(.char(c)) }
        #expect(f.value("text") == "电梯晚上异响吵得睡不")
        #expect(f.fields[1].error == "at most 10 characters")
        // A paste past the limit is cut and said so too, even into a field not yet full.
        var p = form()
        _ = p.handle(.tab)
        #expect(p.handle(.paste("一二三四五六七八九十十一")) == .bell)
        #expect(p.value("text") == "一二三四五六七八九十")
        #expect(p.fields[1].error == "at most 10 characters")
        _ = f.handle(.tab)
        _ = f.handle(.char(" "))
        #expect(f.isOn("urgent"))
        #expect(f.handle(.ctrl("s")) == .save)
        // A value that is not one of the choices is refused in place.
        var g = form()
        for c in "9-999" { _ = g.handle(.char(c)) }
        _ = g.handle(.tab)
        for c in "x" { _ = g.handle(.char(c)) }
        #expect(g.handle(.ctrl("s")) == .bell)
        #expect(g.fields[0].error == "'9-999' is not one of the choices")
        // Typing on in a choice being typed adds to it; coming back to a choice that holds
        // an option and typing starts it afresh; a backspace there clears it whole.
        var h = form()
        for c in "3-18" { _ = h.handle(.char(c)) }
        _ = h.handle(.char("0"))
        _ = h.handle(.char("1"))
        #expect(h.value("place") == "3-1801")
        _ = h.handle(.tab)
        _ = h.handle(.backTab)
        for c in "5-3" { _ = h.handle(.char(c)) }
        _ = h.handle(.tab)
        #expect(h.value("place") == "5-301")
        _ = h.handle(.backTab)
        _ = h.handle(.backspace)
        #expect(h.value("place") == nil)
        _ = h.handle(.char("3"))
        _ = h.handle(.left)
        _ = h.handle(.char("x"))
        #expect({ if case .choice(_, let t, _, _) = h.fields[0].kind { t.value == "x3" } else { false } }())
    }

    @Test func escAsksBeforeThrowingTypedInputAwayAndCtrlCCancels() {
        var f = form()
        #expect(f.handle(.escape) == .leave)  // nothing typed: leaves at once
        f = form()
        _ = f.handle(.char("3"))
        #expect(f.handle(.escape) == .none)
        #expect(f.askingToLeave)
        #expect(f.handle(.char("n")) == .none)  // stays
        #expect(!f.askingToLeave)
        _ = f.handle(.escape)
        #expect(f.handle(.char("y")) == .leave)
        var g = form()
        _ = g.handle(.char("3"))
        #expect(g.handle(.ctrl("c")) == .leave)
    }

    /// On a new complaint's form: the unit, Tab, the category, Tab, the text (pasted).
    func typeUnitCategoryAndText(_ a: ConsoleApp) {
        for c in "3-1802" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.tab, now: now)
        for c in "噪音" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.tab, now: now)
        _ = a.handle(.paste("楼上凌晨还在装修"), now: now)
    }

    /// `n c`, the unit, Tab, the category, Tab, the text, Ctrl-S: a complaint is saved with
    /// its Chinese text, shown and selected on the board. Keys besides the typing: n c Tab
    /// Tab Ctrl-S — five.
    @Test func aComplaintIsLoggedFromTheBoardWithFiveKeysBesidesTheTyping() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        _ = a.handle(.char("n"), now: now)
        _ = a.handle(.char("c"), now: now)
        #expect(a.ui.form?.title == "New complaint")
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        #expect(g.lines.contains { $0.contains("New complaint") })
        #expect(g.lines.contains { $0.contains("Unit / area *") })
        if ProcessInfo.processInfo.environment["WUYE_SHOW_FORM"] != nil { print(g.lines.joined(separator: "\n")) }
        typeUnitCategoryAndText(a)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        let saved = try #require(try store.items(kind: .complaint, filter: .open).first { $0.text == "楼上凌晨还在装修" })
        #expect(saved.unit == "3-1802")
        #expect(saved.category == "噪音")
        #expect(saved.channel == .hotline)
        #expect(a.ui.message == "saved: \(saved.id)")
        #expect(a.selectedItem(now: now)?.id == saved.id)
    }

    /// A Chinese desk's new complaint, typed up to its channel (which holds 电话).
    func chineseFormAtTheChannel() throws -> (ConsoleApp, Store, String) {
        let (store, board, home) = try ScreenTests.demoBoard()
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.zh), keys: KeyMap(), now: now)
        _ = a.handle(.char("n"), now: now)
        _ = a.handle(.char("c"), now: now)
        typeUnitCategoryAndText(a)
        _ = a.handle(.tab, now: now)
        return (a, store, home)
    }

    /// The channel the complaint typed by `typeUnitCategoryAndText` was saved with.
    func savedChannel(_ store: Store) throws -> Channel? {
        try #require(try store.items(kind: .complaint, filter: .open).first { $0.text == "楼上凌晨还在装修" }).channel
    }

    /// In Chinese the channel is offered and shown in Chinese (电话, 微信 …) and saved as
    /// the command line's word; a person in the sign-in list reads once, name and id.
    @Test func aChineseDeskChoosesTheChannelInChinese() throws {
        let (a, store, home) = try chineseFormAtTheChannel()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        // The field reads 电话 (its open list gives the command line's word beside it).
        #expect(g.lines.contains { $0.contains("渠道 *") && $0.contains("电话") }, "\(g.lines.joined(separator: "\n"))")
        _ = a.handle(.backspace, now: now)
        _ = a.handle(.backspace, now: now)
        for c in "微信" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        #expect(try savedChannel(store) == .wechat)
        // The sign-in list: 李静 desk-li, not 李静 desk-li  desk-li.
        a.requireSignIn()
        for c in "李" { _ = a.handle(.char(c), now: now) }
        var s = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &s)
        #expect(s.lines.contains { $0.contains("李静 desk-li") }, "\(s.lines.joined(separator: "\n"))")
        #expect(!s.lines.contains { $0.contains("desk-li  desk-li") })
    }

    /// A choice that already holds an option (电话, filled in) is replaced by what is typed,
    /// as the desk expects, not added to (电话电话, then refused in English); a reason a
    /// Chinese form gives is in Chinese.
    @Test func typingOverAChosenChannelReplacesItAndTheReasonIsSaidInChinese() throws {
        let (a, store, home) = try chineseFormAtTheChannel()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for c in "电话" { _ = a.handle(.char(c), now: now) }
        #expect(a.ui.form?.value("channel") == "hotline")
        // Over again, with something that is none of the channels: refused in Chinese.
        _ = a.handle(.backTab, now: now)
        _ = a.handle(.tab, now: now)
        for c in "传真" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.ctrl("s"), now: now)
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        #expect(g.lines.contains { $0.contains("传真") && $0.contains("不是可选项") }, "\(g.lines.joined(separator: "\n"))")
        #expect(!g.lines.contains { $0.contains("is not one of") })
        // Typed over once more, with 微信, straight after the refusal: saved as wechat.
        for c in "微信" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        #expect(try savedChannel(store) == .wechat)
    }

    @Test func aRefusalFromTheStoreIsShownOnItsField() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        _ = a.handle(.char("n"), now: now)
        _ = a.handle(.char("e"), now: now)
        _ = a.handle(.tab, now: now)
        _ = a.handle(.tab, now: now)
        _ = a.handle(.paste("   "), now: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form?.fields.first { $0.id == "text" }?.error == "required")
    }

    /// The whole life of a complaint from the console: assign to a department and a person,
    /// respond, resolve, call back with a rating; each shows at once in its timeline.
    @Test func aChineseDeskReadsAnItemsStatusInChinese() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.zh), keys: KeyMap(), now: now)
        _ = a.handle(.down, now: now)
        #expect(a.selectedItem(now: now)?.id == "C-1")
        _ = a.handle(.enter, now: now)
        _ = a.handle(.char("r"), now: now + 60)
        _ = a.handle(.ctrl("s"), now: now + 60)
        #expect(try store.item("C-1").status == .responded)
        // "Saved: C-1 responded", the status in the reader's words.
        #expect(a.ui.message == "已保存：C-1 已响应", "\(a.ui.message ?? "")")
        let detail = a.view(now: now + 60).detailLines(try store.item("C-1")).map(\.1)
        #expect(detail[0].contains("C-1  投诉"), "\(detail[0])")
        #expect(detail[1].hasPrefix("已响应 · 轮次 1"), "\(detail[1])")
        #expect(detail.contains { $0.contains("响应") && $0.contains("按时") }, "\(detail)")
        // The filter takes the status in either language.
        _ = a.handle(.escape, now: now + 60)
        _ = a.handle(.char("/"), now: now + 60)
        for c in "已响应" { _ = a.handle(.char(c), now: now + 60) }
        _ = a.handle(.enter, now: now + 60)
        let shown = Rows.items(a.board, a.ui, now: now + 60).map(\.id)
        #expect(shown.contains("C-1"))
        #expect(Set(shown) == Set(a.board.items.values.filter { $0.status == .responded && $0.kind != .repair }.map(\.id)))
    }

    @Test func aComplaintIsWorkedThroughItsLifeFromTheConsole() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        // C-1 is the second row; open it.
        _ = a.handle(.down, now: now)
        #expect(a.selectedItem(now: now)?.id == "C-1")
        _ = a.handle(.enter, now: now)
        func type(_ s: String) { for c in s { _ = a.handle(.char(c), now: now) } }
        _ = a.handle(.char("a"), now: now)
        #expect(a.ui.form?.title == "C-1 · assign")
        type("工程")
        _ = a.handle(.tab, now: now)
        type("tech-zhang")
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil, "\(a.ui.form?.fields.compactMap(\.error) ?? [])")
        #expect(try store.item("C-1").department == "engineering")
        #expect(try store.item("C-1").assignee == "tech-zhang")
        #expect(a.ui.detailEvents.last.map { EventText.describe($0.body) } == "assigned to engineering / tech-zhang")
        _ = a.handle(.char("r"), now: now + 60)
        _ = a.handle(.ctrl("s"), now: now + 60)
        #expect(try store.item("C-1").status == .responded)
        _ = a.handle(.char("d"), now: now + 120)
        _ = a.handle(.paste("已更换导轨"), now: now + 120)
        _ = a.handle(.ctrl("s"), now: now + 120)
        #expect(try store.item("C-1").status == .resolved)
        _ = a.handle(.char("c"), now: now + 180)
        type("5")
        _ = a.handle(.ctrl("s"), now: now + 180)
        #expect(try store.item("C-1").status == .calledBack)
        #expect(try store.item("C-1").rating == 5)
        #expect(a.ui.detailEvents.last.map { EventText.describe($0.body) }?.hasPrefix("called back, rating 5/5") == true)
        // Void needs a reason: the form says so in place and saves nothing.
        _ = a.handle(.char("X"), now: now + 200)
        _ = a.handle(.ctrl("s"), now: now + 200)
        #expect(a.ui.form?.fields.first?.error == "required")
        _ = a.handle(.escape, now: now + 200)
        #expect(a.ui.form == nil)
    }

    @Test func aGuardIsNotOfferedResolve() throws {
        let (store, board, home) = try ScreenTests.demoBoard(actor: "guard-wang")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        let item = try #require(a.selectedItem(now: now))
        #expect(!ItemStep.resolve.offered(to: board.actor, on: item))
        _ = a.handle(.char("d"), now: now)
        #expect(a.ui.form == nil)
        #expect(a.ui.message?.hasPrefix("a guard cannot resolve a complaint") == true)
        _ = a.handle(.enter, now: now)
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        #expect(!g.lines.contains { $0.contains("d resolve") })
    }

    @Test func theDeskSignsInWithAPinAndCtrlXLocksItAgain() throws {
        let (store, _, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try store.setPin("2468", for: "desk-li", actor: "desk-li", now: now)
        let board = try Board.load(store: store, actor: nil, now: now)
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        a.requireSignIn()
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        #expect(g.lines.contains { $0.contains("Who is at this desk?") })
        #expect(!g.lines.contains { $0.contains("楼上漏水") })  // a locked desk shows no owner's data
        for c in "desk-li" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.enter, now: now)
        for c in "1111" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.enter, now: now)
        #expect(!a.signedIn)
        #expect(a.ui.form?.fields.first { $0.id == "pin" }?.error == "wrong PIN for desk-li")
        g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        #expect(!g.lines.contains { $0.contains("1111") })  // a PIN is never shown
        for c in "2468" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.signedIn)
        #expect(a.board.actor?.id == "desk-li")
        #expect(a.ui.form == nil)
        // Ctrl-X locks the desk; the next person signs in (no PIN: the id alone).
        _ = a.handle(.ctrl("x"), now: now)
        #expect(!a.signedIn)
        for c in "desk-zhao" { _ = a.handle(.char(c), now: now) }
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.board.actor?.id == "desk-zhao")
        // Esc on an empty sign-in ends the console.
        _ = a.handle(.ctrl("x"), now: now)
        #expect(a.handle(.escape, now: now).contains(.quit))
    }

    @Test func ctrlFFindsAnyItemOpenOrClosedAndOpensIt() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        let closed = try #require(try store.items(kind: nil, filter: .all).first { !$0.isOpen })
        _ = a.handle(.ctrl("f"), now: now)
        #expect(a.ui.search != nil)
        for c in "漏水" { _ = a.handle(.char(c), now: now) }
        #expect(a.ui.search?.results.map(\.id).contains("C-2") == true)
        var g = CellGrid(width: 100, height: 30)
        a.view(now: now).render(into: &g)
        #expect(g.lines.contains { $0.contains("楼上漏水到客厅") })
        // A closed item, by its id in lower case.
        _ = a.handle(.ctrl("u"), now: now)
        for c in closed.id.lowercased() { _ = a.handle(.char(c), now: now) }
        #expect(a.ui.search?.results.first?.id == closed.id)
        _ = a.handle(.enter, now: now)
        #expect(a.ui.search == nil)
        #expect(a.ui.overlay == .detail(id: closed.id, scroll: 0))
        #expect(a.ui.detailItem?.id == closed.id)
    }

    @Test func theFilterNarrowsByTextSiteStatusCategoryAndADepartmentsQueue() throws {
        let (store, board, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        func filter(_ f: String) -> [String] {
            a.ui.filter[.items] = f
            return Rows.itemIDs(a.board, a.ui)
        }
        #expect(filter("xinghe") == ["C-8"])
        #expect(filter("漏水") == ["C-2"])
        #expect(filter("paused") == ["C-4"])
        #expect(filter("jinxiu emergency").allSatisfy { a.board.items[$0]?.emergency == true })
        // A department's queue: sent to it, nobody yet.
        let otherDesk = try Store.open(home: home)
        try otherDesk.perform(
            .assign(to: nil, department: SiteDepartment(id: "engineering", name: "工程部"), note: nil), on: "C-1", actor: "desk-zhao", at: nil,
            now: now)
        a.second(now: now + 1)
        #expect(filter("engineering unassigned") == ["C-1"])
    }

    @Test func aTickIsTakenBackFromTheChecklistWithAReason() throws {
        let (store, _, home) = try ScreenTests.demoBoard()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let board = try Board.load(store: store, actor: "clean-liu", now: now)
        let a = ConsoleApp(store: store, board: board, theme: .builtinDefault, strings: Strings(.en), keys: KeyMap(), now: now)
        _ = a.handle(.tab, now: now)  // the checklist
        let lines = Rows.duties(a.board, a.ui, now: now)
        let i = try #require(
            lines.firstIndex {
                if case .duty(let r) = $0 {
                    r.kind == .cleaning && r.tick == nil && r.windowStart <= now && now < r.windowEnd
                } else {
                    false
                }
            })
        a.ui.selection[.checklist] = i
        guard case .duty(let row) = lines[i] else { return }
        _ = a.handle(.char(" "), now: now)
        #expect(a.ui.message?.hasPrefix("saved") == true, "\(a.ui.message ?? "")")
        #expect(try store.ticks(site: row.site, days: row.occurrence!.day...row.occurrence!.day).contains { $0.occurrence == row.id })
        a.ui.selection[.checklist] = Rows.duties(a.board, a.ui, now: now).firstIndex { $0.row.id == row.id }!
        _ = a.handle(.char("u"), now: now)
        #expect(a.ui.form?.title.hasPrefix("Take back the tick") == true)
        _ = a.handle(.paste("点错了"), now: now)
        _ = a.handle(.ctrl("s"), now: now)
        #expect(a.ui.form == nil)
        #expect(try !store.ticks(site: row.site, days: row.occurrence!.day...row.occurrence!.day).contains { $0.occurrence == row.id })
    }
}
