import Foundation
import Testing
import WuyeCore
import WuyeTestSupport

@testable import WuyeStore

/// The past's open items are carried from the live store's rows without decoding them.
@Suite("The past: rows carried as they are")
struct PastCopyTests {
    /// Rows from the snapshot or earlier are copied whole (row, clocks, search entry); a
    /// row a commit has made newer is not, and is named for replaying instead.
    @Test func rowsNewerThanTheSnapshotAreNotCarried() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let now = realNow + 60
        for n in 0..<5 {
            _ = try store.perform(
                opened("卫生间水管漏水 \(n)", unit: "3-\(n + 1)02"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: now)
        }
        try store.takeSnapshot(now: now)
        let upTo = try store.lastSeq()
        let open = try store.items(kind: nil, filter: .open)
        #expect(open.count >= 5)
        let touched = open[1].id
        _ = try store.perform(.respond(note: nil), on: touched, actor: "tech-zhang", at: nil, now: now + 60)

        let scratch = TempHome()
        let copy = try Store.open(home: scratch.path, create: true, scratch: true)
        let left = try copy.carry(open.map(\.id), from: store, upTo: upTo)
        #expect(left == [touched])
        let carried = try copy.items(kind: nil, filter: .open)
        #expect(carried == open.filter { $0.id != touched })
        // Their clocks and search entries came too.
        let counted = try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM clocks") ?? 0 }
        #expect(counted == carried.reduce(0) { $0 + $1.clocks.count })
        #expect(try copy.search("3-502").map(\.id) == carried.filter { $0.unit == "3-502" }.map(\.id))
        #expect(try copy.search("水管漏水").count == carried.filter { $0.text.contains("水管漏水") }.count)
    }
}
