import Foundation
import Testing
import WuyeCore
import WuyeStore

@Suite("Finding any item")
struct SearchTests {
    @Test func byIdUnitPhoneOrWordsChineseIncludedOpenOrClosed() throws {
        let home = TempHome()
        let store = try demoStore(home)
        #expect(try store.search("c-3").first?.id == "C-3")
        #expect(try store.search("漏水").map(\.id).contains("C-2"))  // two characters
        #expect(try store.search("天花板在滴水").map(\.id) == ["C-2"])
        #expect(try store.search("3-1802").map(\.id).contains("C-1"))
        // A closed item is found too.
        let closed = try store.items(kind: nil, filter: .all).filter { !$0.isOpen }
        let old = try #require(closed.first)
        #expect(try store.search(old.text).map(\.id).contains(old.id))
        // The index follows every change, in the same transaction.
        var o = ItemOpened(
            kind: .complaint, site: "jinxiu", unit: "5-301", channel: .hotline, category: "噪音", text: "凌晨三点广场舞音乐", limits: ClockLimits())
        o.phone = "13812345678"
        let it = try store.perform(.open(o), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        #expect(try store.search("广场舞").map(\.id) == [it.id])
        #expect(try store.search("12345").map(\.id) == [it.id])
        _ = try store.perform(.edit(field: "text", value: "凌晨三点装修电钻", reason: "记错了"), on: it.id, actor: "desk-li", at: nil, now: realNow)
        #expect(try store.search("广场舞") == [])
        #expect(try store.search("装修电钻").map(\.id) == [it.id])
        // Nothing matches, and odd input is just text.
        #expect(try store.search("不存在的内容") == [])
        #expect(try store.search("50%_\"x") == [])
        #expect(throws: WuyeError.self) { try store.search("  ") }
        #expect(try store.check().differences == [])
    }
}
