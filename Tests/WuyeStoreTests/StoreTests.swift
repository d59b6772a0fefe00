import Foundation
import Testing
import WuyeCore
import WuyeReports
import WuyeStore
import WuyeTestSupport

@Suite("The store: journal, projections, refusals")
struct StoreTests {
    @Test(arguments: Backend.available) func commandIsDecidedAgainstCurrentRowsAndPersisted(_ backend: Backend) throws {
        let home = try TestStore(backend)
        let store = try home.demo()
        let now = realNow
        let c = try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: now)
        #expect(c.id == "C-9")  // the demo holds C-1 … C-8
        try store.perform(.respond(note: "已回电"), on: c.id, actor: "desk-li", at: nil, now: now + 60)
        let reopened = try home.open()
        let back = try reopened.item(c.id)
        #expect(back.status == .responded)
        #expect(back.clock(.response).state(at: now + 60) == .met)
        #expect(try reopened.events(subject: c.id).map(\.body.typeName) == ["item.opened", "item.responded"])
    }

    @Test(arguments: Backend.available) func refusedCommandWritesNothing(_ backend: Backend) throws {
        let home = try TestStore(backend)
        let store = try home.demo()
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

    @Test(arguments: Backend.available) func projectionsEqualAFullReplayOnRandomStreams(_ backend: Backend) throws {
        let home = try TestStore(backend)
        let store = try home.demo()
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

    /// The figures read tallies kept with the items plus the clocks still live; the
    /// appraisal walks the clocks one by one. Both must count the same, whatever the
    /// history, the period and the moment; and `check` holds the tallies to the journal.
    @Test(arguments: Backend.available) func tallyCountsEqualTheClocksCountedOneByOne(_ backend: Backend) throws {
        let home = try TestStore(backend)
        let store = try home.demo()
        _ = try randomHistory(store, seed: 11)
        #expect(try store.check().differences == [])
        let zone = try store.site("jinxiu").zone
        let kindSets: [[ClockKind]] = [[.result, .progress], [.response, .acknowledge], [.answer], [.onSite, .resolution], [.callback]]
        let today = zone.date(of: realNow)
        let periods: [Period] = [
            .month(today.year, today.month), .month(today.adding(days: 31).year, today.adding(days: 31).month),
            .days(today.adding(days: -3), today.adding(days: 4)), .days(today.adding(days: -40), today.adding(days: 120)),
        ]
        var decided = 0
        var rated = 0
        for days in [-1, 3, 20, 60] {
            let now = realNow + Int64(days) * 86400
            for period in periods {
                let range = Store.FigureRange(site: "jinxiu", period: period, zone: zone)
                for kinds in kindSets {
                    let counted = try store.clockCounts(range, kinds: kinds, now: now)
                    let walked = Figures.achievement(
                        "x", try store.clocks(site: "jinxiu", kinds: kinds, deadlineFrom: range.from, to: range.to), target: 0.9, now: now)
                    #expect(Double(counted.met) == walked.numerator)
                    #expect(Double(counted.decided) == walked.denominator)
                    #expect(counted.pending == walked.pending)
                    #expect(counted.backdated == walked.backdated)
                    #expect(counted.imported == walked.imported)
                    decided += counted.decided
                }
                // Ratings and complaints received, against the items themselves.
                let items = try store.items(kind: nil, filter: .all).filter { $0.status != .void }
                var ratings: [Int: Int] = [:]
                for it in items {
                    for c in it.clocks where c.kind == .callback {
                        if let r = c.rating, let s = c.stoppedAt, s >= range.from, s < range.to { ratings[r, default: 0] += 1 }
                    }
                }
                let tallies = try store.tallies(range)
                #expect(Store.ratingCounts(tallies).byRating == ratings)
                #expect(
                    Store.complaintsReceived(tallies).count
                        == items.filter { $0.kind == .complaint && $0.openedAt >= range.from && $0.openedAt < range.to }.count)
                rated += ratings.values.reduce(0, +)
            }
        }
        #expect(decided > 100)
        #expect(rated > 0)
        // By assignee, as the appraisal reads them.
        let range = Store.FigureRange(site: "jinxiu", period: periods[3], zone: zone)
        let clockNames = Set(ClockKind.allCases.map(\.rawValue))
        var byAssignee: [String: Int] = [:]
        for (k, c) in try store.tallies(range, byAssignee: true) where clockNames.contains(k.what) && !k.assignee.isEmpty {
            byAssignee[k.assignee, default: 0] += c.n
        }
        var walked: [String: Int] = [:]
        for (who, c) in try store.assignedClocks(site: "jinxiu", kinds: ClockKind.allCases, deadlineFrom: range.from, to: range.to)
        where c.outcome != nil {
            walked[who ?? "", default: 0] += 1
        }
        #expect(byAssignee == walked)
        #expect(!walked.isEmpty)
    }

    /// The past read from a snapshot and the events after it is the past replayed from
    /// the whole journal: the same figures, appraisal and open items, at any moment of a
    /// random history with snapshots taken along it; and `check` holds every snapshot to
    /// the journal, and finds one altered.
    @Test(arguments: Backend.available) func thePastFromSnapshotsEqualsTheWholeJournalReplayed(_ backend: Backend) throws {
        let home = try TestStore(backend)
        let store = try home.demo()
        var rng = SeededRandom(seed: 29)
        var moments: [Instant] = []
        _ = try randomHistory(store, seed: 13) { step, now in
            if rng.next(in: 0...60) == 0 { try store.takeSnapshot(now: now) }
            if step % 150 == 75 { moments.append(now - 1) }
        }
        #expect(try store.snapshotEvents().count > 5)
        #expect(try store.check().differences == [])
        let zone = try store.site("jinxiu").zone
        for t in moments {
            let fast = try store.snapshot(asOf: t)
            let slow = try store.replayedSnapshot(asOf: t)
            let open = try slow.store.items(kind: nil, filter: .open)
            #expect(try fast.store.items(kind: nil, filter: .open) == open)
            // The past's search finds its open items as the whole replay's does.
            for it in open.prefix(3) {
                let ids = Set(open.map(\.id))
                #expect(
                    try fast.store.search(it.unit ?? it.id).map(\.id) == slow.store.search(it.unit ?? it.id).map(\.id).filter(ids.contains))
            }
            let day = zone.date(of: t)
            for period in [Period.month(day.year, day.month), .days(day.adding(days: -6), day.adding(days: 1))] {
                for site in [nil, "jinxiu"] {
                    let a = try Figures.compute(store: fast.store, site: site, period: period, now: t)
                    let b = try Figures.compute(store: slow.store, site: site, period: period, now: t)
                    #expect(a.figures == b.figures, "figures at \(t.seconds), \(period)")
                    #expect(a.patrol == b.patrol)
                }
                let a = try Appraisal.compute(store: fast.store, period: period, site: nil, staff: nil, now: t)
                let b = try Appraisal.compute(store: slow.store, period: period, site: nil, staff: nil, now: t)
                #expect(a.map(\.figures) == b.map(\.figures), "appraisal at \(t.seconds)")
            }
        }
        try store.close()
        try rawSQL(store.path, "UPDATE snapshot_tallies SET n = n + 1 WHERE seq = (SELECT max(seq) FROM snapshot_tallies)")
        let damaged = try home.open()
        let report = try damaged.check(repair: true)
        #expect(report.differences.contains { $0.hasPrefix("snapshot at event") })
        #expect(report.unrepaired == [])
        #expect(try damaged.check().differences == [])
    }

    /// A site's rows hold renderings (local offsets) and tallies (local days) in its zone:
    /// a new zone renders them again in the same transaction, and `check` stays clean.
    @Test func aNewTimeZoneRendersTheSitesRowsAgain() throws {
        let home = TempHome()
        let store = try demoStore(home)
        _ = try randomHistory(store, seed: 5)
        var site = try store.site("jinxiu")
        site.timeZone = "America/New_York"
        try store.define(SiteFile(site: site, staff: []), actor: "sup-huang", now: realNow + 200_000)
        #expect(try store.check().differences == [])
        var json: [UInt8] = []
        try store.itemsJSON(
            kind: nil, filter: .all, site: "jinxiu", breachedOnly: false, now: realNow, zones: ["jinxiu": site.zone],
            sink: { json.append(contentsOf: $0) })
        let text = String(decoding: json, as: UTF8.self)
        let old = text.contains("+08:00")
        let new = text.contains("-05:00")
        #expect(!old && new)
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
            "DROP INDEX items_open_order; DROP INDEX items_open_kind; CREATE INDEX items_open ON items(is_open, next_deadline); DROP INDEX events_opened_once; ALTER TABLE events DROP COLUMN hash; DROP TABLE pins; DROP TABLE items_fts; ALTER TABLE items DROP COLUMN department; DROP TABLE tallies; DROP INDEX clocks_live; DROP TABLE intake; PRAGMA user_version = 1"
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
        #expect(indexes.hasSuffix(" 7\n"))
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

    @Test(arguments: Backend.available) func anotherProcessSeesCommitsThroughDataVersion(_ backend: Backend) throws {
        let home = try TestStore(backend)
        let a = try home.demo()
        let b = try home.open()
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

extension Item {
    func clock(_ kind: ClockKind) -> ItemClock { clocks.last { $0.kind == kind && $0.cycle == cycle }! }
}
