import Foundation
import Testing
import WuyeCore
import WuyeReports
import WuyeStore
import WuyeTestSupport

@Suite("The store: journal, projections, refusals")
struct StoreTests {
    @Test func commandIsDecidedAgainstCurrentRowsAndPersisted() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let now = realNow
        let c = try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: now)
        #expect(c.id == "C-9")  // the demo holds C-1 … C-8
        try store.perform(.respond(note: "已回电"), on: c.id, actor: "desk-li", at: nil, now: now + 60)
        let reopened = try Store.open(home: home.path)
        let back = try reopened.item(c.id)
        #expect(back.status == .responded)
        #expect(back.clock(.response).state(at: now + 60) == .met)
        #expect(try reopened.events(subject: c.id).map(\.body.typeName) == ["item.opened", "item.responded"])
    }

    @Test func refusedCommandWritesNothing() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let before = try store.lastSeq()
        #expect(throws: WuyeError.self) {
            try store.perform(.callback(rating: 9, note: nil), on: "C-5", actor: "desk-li", at: nil, now: realNow)
        }
        #expect(throws: WuyeError.self) {
            try store.perform(opened(unit: "9-999"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        }
        #expect(throws: WuyeError.self) { try store.perform(opened(), on: nil, site: "jinxiu", actor: "nobody", at: nil, now: realNow) }
        // Several steps as one change: the second is refused, so the first is not kept.
        #expect(throws: WuyeError.self) {
            try store.perform([.respond(note: nil), .callback(rating: 3, note: nil)], on: "C-1", actor: "desk-li", at: nil, now: realNow)
        }
        #expect(try store.lastSeq() == before)
        #expect(try store.item("C-1").status == .received)
        // No id was used up by the refused open.
        #expect(try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow).id == "C-9")
    }

    @Test func projectionsEqualAFullReplayOnRandomStreams() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let accepted = try randomHistory(store, seed: 20_261_129)
        #expect(accepted > 50)  // enough accepted steps for the comparison to mean something
        let report = try store.check()
        #expect(report.differences == [])
        #expect(report.events > 100)
    }

    /// The `--json` lists are written from stored renderings read in place; they must
    /// say exactly what the items themselves say, for every kind, filter and moment.
    @Test func storedJSONListsEqualTheItemsWrittenInFull() throws {
        let home = TempHome()
        let store = try demoStore(home)
        _ = try randomHistory(store, seed: 7)
        let zones = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0.zone) })
        let last = try store.items(kind: nil, filter: .all).map(\.openedAt.seconds).max() ?? realNow.seconds
        var compared = 0
        for now in [realNow, Instant(seconds: last + 3600), Instant(seconds: last + 40 * 86400)] {
            for kind in [nil] + ItemKind.allCases.map(Optional.some) {
                for filter in [Store.ItemFilter.open, .all] {
                    for breachedOnly in [false, true] {
                        var fast: [UInt8] = []
                        try store.itemsJSON(
                            kind: kind, filter: filter, site: nil, breachedOnly: breachedOnly, now: now, zones: zones,
                            sink: { fast.append(contentsOf: $0) })
                        var full = JSONWriter()
                        full.beginArray()
                        var items = try store.items(kind: kind, filter: filter)
                        if breachedOnly { items = items.filter { $0.isBreached(at: now) } }
                        for item in items { ItemJSON.write(item, zone: zones[item.site] ?? .utc, now: now, into: &full) }
                        full.endArray()
                        #expect(fast == full.bytes, "kind \(kind?.rawValue ?? "all"), breached only \(breachedOnly)")
                        compared += items.count
                    }
                }
            }
        }
        #expect(compared > 100)
    }

    /// The figures sum clocks in SQL; the appraisal walks them one by one. Both must
    /// count the same, whatever the history and the moment.
    @Test func clockCountsInSQLEqualTheClocksCountedOneByOne() throws {
        let home = TempHome()
        let store = try demoStore(home)
        _ = try randomHistory(store, seed: 11)
        let kindSets: [[ClockKind]] = [[.result, .progress], [.response, .acknowledge], [.answer], [.onSite, .resolution], [.callback]]
        var decided = 0
        for days in [-1, 3, 20, 60] {
            let now = realNow + Int64(days) * 86400
            for kinds in kindSets {
                let from = realNow - 30 * 86400
                let to = realNow + 90 * 86400
                let sql = try store.clockCounts(site: "jinxiu", kinds: kinds, deadlineFrom: from, to: to, now: now)
                let walked = Figures.achievement(
                    "x", try store.clocks(site: "jinxiu", kinds: kinds, deadlineFrom: from, to: to), target: 0.9, now: now)
                #expect(Double(sql.met) == walked.numerator)
                #expect(Double(sql.decided) == walked.denominator)
                #expect(sql.pending == walked.pending)
                #expect(sql.backdated == walked.backdated)
                #expect(sql.imported == walked.imported)
                decided += sql.decided
            }
        }
        #expect(decided > 100)
    }

    /// A random stream of steps by every role, some back-dated, most refused: returns
    /// how many were accepted.
    private func randomHistory(_ store: Store, seed: UInt64) throws -> Int {
        var rng = SeededRandom(seed: seed)
        var now = realNow
        let verbs: [(String) -> ItemCommand] = [
            { _ in .respond(note: nil) }, { _ in .resolve(note: "处理完毕") }, { _ in .callback(rating: 4, note: nil) },
            { _ in .close(note: nil) }, { _ in .pause(reason: "等待业主") }, { _ in .resume(note: nil) },
            { _ in .reopen(reason: "复发") }, { _ in .progress(note: nil) }, { _ in .acknowledge(note: nil) },
            { _ in .answer(note: nil) }, { _ in .void(reason: "重复") },
            { _ in .edit(field: "text", value: "更正 \u{1B}[31m", reason: "笔误") },
            { _ in .reclassify(emergency: true, complex: nil, reason: "升级") },
        ]
        let actors = ["desk-li", "tech-zhang", "guard-wang", "sup-huang"]
        var accepted = 0
        for step in 0..<1200 {
            now = now + Int64(rng.next(in: 1...4000))
            if step % 5 == 0 {
                _ = try? store.perform(
                    opened(complex: rng.next(in: 0...1) == 1), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: now)
                continue
            }
            let kind = ["C", "R", "E"][rng.next(in: 0...2)]
            let id = "\(kind)-\(rng.next(in: 1...12))"
            let verb = verbs[rng.next(in: 0..<verbs.count)](id)
            let back = Int64(rng.next(in: 0...1) == 1 ? rng.next(in: 0...1200) : 0)
            if (try? store.perform(verb, on: id, actor: actors[rng.next(in: 0..<actors.count)], at: now - back, now: now)) != nil {
                accepted += 1
            }
        }
        return accepted
    }

    @Test func checkFindsADamagedRowAndRepairRebuildsIt() throws {
        let home = TempHome()
        let store = try demoStore(home)
        try store.close()
        try rawSQL(home.file, "UPDATE items SET status = 'closed', is_open = 0 WHERE id = 'C-1'")
        let s = try Store.open(home: home.path)
        let report = try s.check()
        #expect(report.differences.count == 2)
        #expect(report.differences.first?.hasPrefix("C-1: its row differs from the journal") == true)
        #expect(report.differences.last == "C-1: its order columns differ from the journal")
        _ = try s.check(repair: true)
        #expect(try s.check().differences == [])
        #expect(try s.item("C-1").status == .received)
    }

    @Test func aFileThatIsNotSQLiteIsRefused() throws {
        let home = TempHome()
        try Data("this is not a database, it is a shopping list\n".utf8).write(to: URL(fileURLWithPath: home.file))
        do {
            _ = try Store.open(home: home.path)
            Issue.record("a text file was opened as a store")
        } catch {
            #expect(error.kind == .storeUnusable)
            #expect(error.message.contains("is not a Wuye store"))
        }
        // Nothing was changed.
        #expect(try String(contentsOfFile: home.file, encoding: .utf8).hasPrefix("this is not"))
    }

    @Test func aDamagedStoreIsRefusedNotTreatedAsEmpty() throws {
        let home = TempHome()
        let store = try demoStore(home)
        try store.close()
        // Overwrite the middle of the file (the page that holds the schema and rows).
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: home.file))
        try h.seek(toOffset: 100)
        try h.write(contentsOf: Data(repeating: 0xA5, count: 8000))
        try h.close()
        do {
            let s = try Store.open(home: home.path)
            _ = try s.items(kind: nil, filter: .open)
            Issue.record("a damaged store was read")
        } catch {
            #expect(error.kind == .storeUnusable)
        }
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let home = TempHome()
        try rawSQL(home.file, "CREATE TABLE recipes (name TEXT)")
        do {
            _ = try Store.open(home: home.path)
            Issue.record("a foreign database was opened")
        } catch {
            #expect(error == .storeUnusable("\(home.file) is an SQLite database of another program, not a Wuye store; use another --home"))
        }
    }

    @Test func aNewerSchemaIsRefused() throws {
        let home = TempHome()
        try demoStore(home).close()
        try rawSQL(home.file, "PRAGMA user_version = 99")
        do {
            _ = try Store.open(home: home.path)
            Issue.record("a newer store was opened")
        } catch {
            #expect(error.kind == .storeUnusable)
            #expect(error.message.contains("newer Wuye"))
        }
    }

    /// A store of schema 1 (one open-item index, no hash chain) is brought up to date when
    /// opened, keeps everything, lists open items in the same order, and has its journal
    /// sealed by the hash chain.
    @Test func anOlderSchemaIsMigratedOnOpen() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let before = try store.items(kind: nil, filter: .open).map(\.id)
        let complaints = try store.items(kind: .complaint, filter: .open).map(\.id)
        try store.close()
        try rawSQL(
            home.file,
            "DROP INDEX items_open_order; DROP INDEX items_open_kind; CREATE INDEX items_open ON items(is_open, next_deadline); DROP INDEX events_opened_once; ALTER TABLE events DROP COLUMN hash; DROP TABLE pins; DROP TABLE items_fts; ALTER TABLE items DROP COLUMN department; PRAGMA user_version = 1"
        )
        let reopened = try Store.open(home: home.path)
        #expect(try reopened.items(kind: nil, filter: .open).map(\.id) == before)
        #expect(try reopened.items(kind: .complaint, filter: .open).map(\.id) == complaints)
        #expect(try reopened.check().differences == [])
        try reopened.close()
        let (_, indexes, _) = try Child.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3,sys; print(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute(\"SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='items'\")), sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])",
                home.file,
            ])
        #expect(indexes.contains("'items_open_kind', 'items_open_order'"))
        #expect(!indexes.contains("'items_open'"))
        #expect(indexes.hasSuffix(" 4\n"))
    }

    @Test func missingStoreSaysWhatToDo() {
        let home = TempHome()
        #expect(
            throws: WuyeError.storeUnusable("there is no Wuye store in \(home.path); run 'wuye init --demo' or 'wuye init --site FILE'")
        ) {
            try Store.open(home: home.path)
        }
    }

    @Test func backupIsAConsistentStoreOfItsOwn() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let copy = TempHome()
        try store.backup(to: copy.file)
        let b = try Store.open(home: copy.path)
        #expect(try b.items(kind: nil, filter: .all).count == store.items(kind: nil, filter: .all).count)
        #expect(try b.check().differences == [])
        #expect(throws: WuyeError.self) { try store.backup(to: copy.file) }
    }

    @Test func anotherProcessSeesCommitsThroughDataVersion() throws {
        let home = TempHome()
        let a = try demoStore(home)
        let b = try Store.open(home: home.path)
        let v0 = try b.dataVersion()
        let seen = try b.lastSeq()
        #expect(try b.dataVersion() == v0)
        let c = try a.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        #expect(try b.dataVersion() != v0)
        let news = try b.events(after: seen)
        #expect(news.map(\.subject) == [c.id])
    }

    @Test func asOfShowsThePast() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let t = realNow
        let c = try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: t)
        try store.perform(.respond(note: nil), on: c.id, actor: "desk-li", at: nil, now: t + 600)
        let before = try store.items(asOf: t + 300, subject: c.id)
        #expect(before.first?.status == .received)
        #expect(try store.items(asOf: t + 600, subject: c.id).first?.status == .responded)
    }
}

/// Writes to a database file behind the store's back (to damage it on purpose).
func rawSQL(_ path: String, _ sql: String) throws {
    let (status, _, err) = try Child.run(
        "/usr/bin/env",
        ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql])
    if status != 0 { throw WuyeError.badInput("sqlite3 failed: \(err)") }
}

/// A small deterministic generator, so a failing stream can be replayed.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextRaw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(in r: ClosedRange<Int>) -> Int { r.lowerBound + Int(nextRaw() % UInt64(r.count)) }
    mutating func next(in r: Range<Int>) -> Int { r.lowerBound + Int(nextRaw() % UInt64(r.count)) }
}

extension Item {
    func clock(_ kind: ClockKind) -> ItemClock { clocks.last { $0.kind == kind && $0.cycle == cycle }! }
}
