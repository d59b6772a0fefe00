import Foundation
import Testing
import WuyeCore
import WuyeTestSupport

@testable import WuyeStore

/// The store as the company's record: durable, whole in its main file, self-checking, and
/// never handing out an id twice.
@Suite("Durability and self-checking")
struct DurabilityTests {
    func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }

    @Test func synchronousFullIsInForceOnTheOpenedConnection() throws {
        let home = TempHome()
        let store = try demoStore(home)
        #expect(try store.pragma("journal_mode") == "wal")
        #expect(try store.pragma("synchronous") == "2")  // FULL: every commit is fsynced
    }

    @Test func theMainFileHoldsEverythingAfterInitAndCheckpoints() throws {
        let home = TempHome()
        try Demo.create(home: home.path, now: realNow)
        #expect(size(home.file) > 100_000)
        // The companion file may go: nothing is lost.
        try? FileManager.default.removeItem(atPath: home.file + "-wal")
        try? FileManager.default.removeItem(atPath: home.file + "-shm")
        let store = try Store.open(home: home.path)
        #expect(try store.sites().count == 2)
        #expect(try store.items(kind: nil, filter: .all).count == 16)
        // After more work and a checkpoint, the main file alone holds it again.
        _ = try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        try store.checkpoint()
        #expect(size(home.file + "-wal") == 0)
    }

    @Test func theWALStaysSmallWhenOnlyShortCommandsWrite() throws {
        // Each command opens the store, commits and closes it, with nothing else open: the
        // next one rebuilds the WAL's index by reading all of it, so a WAL that only grew
        // would make every command slower than the last (17 MB after 190 commands, read
        // whole by each). A closing store folds a grown WAL in, as its writer left it:
        // no command after the fold pays for verifying the whole store again.
        let home = TempHome()
        try Demo.create(home: home.path, now: realNow)
        var largest: Int64 = 0
        for i in 0..<80 {
            let store = try Store.open(home: home.path)
            _ = try store.perform(opened("第\(i)次投诉"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            largest = max(largest, Store.walSize(home.file))
            #expect(Verification.stampMatches(home.file), "after command \(i)")
        }
        #expect(largest < 2 * Store.walFoldSize, "the WAL reached \(largest) bytes")
        #expect(try Store.open(home: home.path).items(kind: .complaint, filter: .all).count >= 80)
    }

    @Test func foldingTheWALNeverWaitsForAnotherWriter() throws {
        let home = TempHome()
        try Demo.create(home: home.path, now: realNow)
        // A WAL past the fold size, kept by a store that stays open.
        let writer = try Store.open(home: home.path)
        for i in 0..<40 {
            _ = try writer.perform(opened("第\(i)次"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        }
        #expect(Store.walSize(home.file) >= Store.walFoldSize)
        // Another process's long write (an import) holds the write lock for two seconds.
        let held = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let path = home.path
        Thread.detachNewThread {
            let other = try? Store.open(home: path)
            try? other?.batch { (_: inout Store.Batch) throws(WuyeError) -> Void in
                held.signal()
                Thread.sleep(forTimeInterval: 2)
            }
            done.signal()
        }
        held.wait()
        // A short command meanwhile: it reads, and closing its store does not wait.
        let started = Date()
        do {
            let reader = try Store.open(home: home.path)
            #expect(try reader.sites().count == 2)
        }
        #expect(Date().timeIntervalSince(started) < 1, "closing waited \(Date().timeIntervalSince(started)) s for the writer")
        done.wait()
        _ = writer
    }

    @Test func aMissingCompanionFileIsToldApartFromAnEmptyStore() throws {
        let home = TempHome()
        // A store as older versions left it: the main file a 4 KB shell, everything in the WAL.
        try rawSQL(
            home.file, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        // Python checkpoints when it closes: make the shell as a killed process leaves it.
        let shell = Data(try Data(contentsOf: URL(fileURLWithPath: home.file)).prefix(4096))
        var bytes = [UInt8](shell)
        for i in 40..<44 { bytes[i] = 0 }  // schema cookie: no schema in the main file
        try Data(bytes).write(to: URL(fileURLWithPath: home.file))
        try? FileManager.default.removeItem(atPath: home.file + "-wal")
        do {
            _ = try Store.open(home: home.path, create: true)
            Issue.record("a store whose WAL is lost was opened")
        } catch {
            #expect(error.kind == .storeUnusable)
            #expect(error.message.contains("companion file"))
            #expect(error.message.contains("nothing has been changed"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: home.file)) == Data(bytes))
        // An empty file is simply empty.
        let empty = TempHome()
        FileManager.default.createFile(atPath: empty.file, contents: Data())
        #expect(throws: WuyeError.storeUnusable("the store at \(empty.file) is empty; run 'wuye init --demo' or 'wuye init --site FILE'")) {
            try Store.open(home: empty.path)
        }
    }

    @Test func anIdIsNeverReusedEvenWithTheCounterSetBack() throws {
        let home = TempHome()
        try demoStore(home).close()
        try rawSQL(home.file, "UPDATE counters SET last = 3 WHERE kind = 'complaint'")
        let store = try Store.open(home: home.path)
        let it = try store.perform(opened("新投诉"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        #expect(it.id == "C-9")
        #expect(try store.item("C-4").text != "新投诉")
        try store.close()
        // With the row gone too, the journal itself refuses a second opening of C-4.
        try rawSQL(
            home.file, "UPDATE counters SET last = 3 WHERE kind = 'complaint'; DELETE FROM items WHERE num >= 4 AND kind = 'complaint'")
        let s = try Store.open(home: home.path)
        let before = try s.lastSeq()
        do {
            _ = try s.perform(opened("又一个"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            Issue.record("C-4 was opened twice")
        } catch {
            #expect(error.kind == .storeUnusable)
            #expect(error.message.hasPrefix("C-4 is already in the journal"))
        }
        #expect(try s.lastSeq() == before)
    }

    @Test func aRepairVerifiesItsOwnResult() throws {
        let home = TempHome()
        try demoStore(home).close()
        // Two histories under one id, written behind the journal's back.
        try rawSQL(home.file, "DROP INDEX events_opened_once")
        try rawSQL(
            home.file,
            "INSERT INTO events (at, recorded, actor, type, subject, payload, hash) SELECT at, recorded, actor, type, subject, payload, 'x' FROM events WHERE subject = 'C-1' AND type = 'item.opened'"
        )
        let store = try Store.open(home: home.path)
        let report = try store.check(repair: true)
        #expect(report.differences.contains { $0.contains("C-1 (again at event") })
        #expect(!report.unrepaired.isEmpty)
    }

    /// The chain's digest is SHA-256 itself (the published test values), so every store
    /// written before keeps verifying whatever the digest is computed with.
    @Test func theChainsDigestIsSHA256() {
        #expect(Digest.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Digest.sha256Hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Digest.sha256Hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theHashChainNamesTheFirstChangedRemovedOrInsertedEvent() throws {
        let home = TempHome()
        try demoStore(home).close()
        let store = try Store.open(home: home.path)
        #expect(try store.check().differences == [])
        try rawSQL(home.file, "UPDATE events SET actor = 'desk-zhao' WHERE seq = 50")
        #expect(
            try store.check().differences.contains(
                "journal: event 50 has been changed (or an event was inserted before it): it does not match its hash"))
        try rawSQL(home.file, "UPDATE events SET actor = (SELECT actor FROM events WHERE seq = 49) WHERE seq = 50")
        let fresh = TempHome()
        try demoStore(fresh).close()
        try rawSQL(fresh.file, "DELETE FROM events WHERE seq = 77")
        #expect(try Store.open(home: fresh.path).check().differences.contains("journal: event 77 has been removed"))
        // A removed last event is found before the next write, which writes nothing.
        let tail = TempHome()
        try demoStore(tail).close()
        try rawSQL(tail.file, "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
        let t = try Store.open(home: tail.path)
        let last = try t.lastSeq()
        #expect(throws: WuyeError.self) {
            try t.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        }
        #expect(try t.lastSeq() == last)
        // A changed last event, likewise.
        let changed = TempHome()
        try demoStore(changed).close()
        try rawSQL(
            changed.file, "UPDATE events SET payload = replace(payload, 'jinxiu', 'xinghe') WHERE seq = (SELECT max(seq) FROM events)")
        let c = try Store.open(home: changed.path)
        do {
            _ = try c.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            Issue.record("a write went on after a changed event")
        } catch {
            // Changed by another program: the whole store is verified before the write.
            #expect(error.message.hasPrefix("the store is damaged (journal: event "))
            #expect(error.message.contains("nothing was written"))
        }
        // Damage that left the files looking as Wuye left them (on the disk, say) is still
        // found at the tail a write appends to.
        Verification.record(changed.file)
        do {
            _ = try c.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
            Issue.record("a write went on after a changed event")
        } catch {
            #expect(error.message.contains("tampered with or damaged"))
        }
    }

    @Test func aWriteRefusesToBuildOnADamagedRow() throws {
        let home = TempHome()
        try demoStore(home).close()
        try rawSQL(home.file, "UPDATE items SET assignee = 'tech-zhao' WHERE id = 'C-2'")
        // As if the damage had come with no trace in the files' stamp.
        Verification.record(home.file)
        let store = try Store.open(home: home.path)
        #expect(throws: WuyeError.self) {
            try store.perform([.respond(note: nil)], on: "C-2", actor: "desk-li", at: nil, now: realNow)
        }
        // Other items can still be worked; check names the damage and repair mends it.
        _ = try store.perform([.respond(note: nil)], on: "C-1", actor: "desk-li", at: nil, now: realNow)
        #expect(try store.check(repair: true).unrepaired == [])
        _ = try store.perform([.respond(note: nil)], on: "C-2", actor: "desk-li", at: nil, now: realNow)
    }

    /// A snapshot is due at the first write after a site's local midnight, and after
    /// 5 000 events; not at other writes, and never twice at one event. (Writes look at
    /// the wall clock; the moments asked here are from it.)
    @Test func aSnapshotIsTakenAfterLocalMidnightAndEveryFiveThousandEvents() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let zones = try store.sites().map(\.zone)
        func due(_ now: Instant) throws -> Int {
            try store.write(verifying: false) { db in try Snapshots.takeIfDue(db, now: now) }
            return try store.snapshotEvents().count
        }
        let base = Instant(seconds: Int64(Date().timeIntervalSince1970))
        let midnight = zones.map { $0.startOfDay($0.date(of: base).adding(days: 1)) }.min()!
        #expect(try due(base) == 1)  // the first: a whole one
        #expect(try due(base + 1) == 1)  // nothing new
        _ = try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: base)
        #expect(try due(midnight - 1) == 1)  // the same day
        #expect(try due(midnight + 1) == 2)  // a new day
        _ = try store.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: base)
        #expect(try due(midnight + 2) == 2)
        // Many events the same day: one snapshot when 5 000 have been written.
        let half = Int(Snapshots.every) / 2 + 1
        func openMany() throws {
            try store.batch { (b: inout Store.Batch) throws(WuyeError) in
                for _ in 0..<half { try b.perform([opened()], on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: base) }
            }
        }
        try openMany()
        #expect(try due(midnight + 3) == 2)  // half of them
        try openMany()
        #expect(try due(midnight + 4) == 3)
        #expect(try store.check().differences == [])
    }

    /// Randomly damaged stores: a write is refused on nearly all that `check` finds damaged
    /// (a hundred draws, so that where the damage lands in the file's layout moves the
    /// share little).
    @Test func aWriteIntoARandomlyDamagedStoreIsRefused() throws {
        let home = TempHome()
        try demoStore(home, now: Self.fixedNow).close()
        let original = try Data(contentsOf: URL(fileURLWithPath: home.file))
        var rng = SeededRandom(seed: 18)
        var damaged = 0, written = 0
        for _ in 0..<100 {
            var bytes = [UInt8](original)
            let at = Int(rng.next(in: 100...(bytes.count - 1)))
            bytes[at] ^= UInt8(rng.next(in: 1...255))
            let a = TempHome(), b = TempHome()
            try Data(bytes).write(to: URL(fileURLWithPath: a.file))
            try Data(bytes).write(to: URL(fileURLWithPath: b.file))
            let found = (try? Store.open(home: a.path).check().differences.isEmpty) != true
            guard found else { continue }
            damaged += 1
            if let s = try? Store.open(home: b.path),
                (try? s.perform(opened(), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: Self.fixedNow)) != nil
            {
                written += 1
                // What a write lets through is damage to a row no write read, never to the
                // journal: check still reports it, and rebuilding the rows mends it all.
                let report = try s.check(repair: true)
                #expect(!report.differences.isEmpty)
                #expect(report.unrepaired == [])
                #expect(!report.differences.contains { $0.hasPrefix("journal") || $0.hasPrefix("SQLite") })
            }
        }
        #expect(damaged > 5)
        #expect(Double(written) <= Double(damaged) * 0.3, "\(written) of \(damaged) damaged stores were written")
    }

    @Test func anUnreadableEventNamesItsNumberAndTheWayOut() throws {
        let home = TempHome()
        try demoStore(home).close()
        try rawSQL(home.file, "UPDATE events SET payload = '{\"broken\":' WHERE seq = 12")
        let store = try Store.open(home: home.path)
        do {
            _ = try store.events(after: 0)
            Issue.record("a broken event was read")
        } catch {
            #expect(
                error
                    == .storeUnusable(
                        "event 12 of the journal cannot be read: the store is damaged. Restore a backup ('wuye restore FILE'; see docs/data-format.md)"
                    ))
        }
    }

    @Test func restorePutsACheckedBackupInPlaceAndKeepsTheOldStoreAside() throws {
        let home = TempHome()
        let store = try demoStore(home)
        let copies = TempHome()
        let backup = copies.path + "/monday.sqlite"
        try store.backup(to: backup)
        _ = try store.perform(opened("备份之后"), on: nil, site: "jinxiu", actor: "desk-li", at: nil, now: realNow)
        // Refused while this store is open (as a console would hold it).
        #expect(Restore.inUse(home.file) == false)  // this process's own locks do not count
        try store.close()
        #expect(throws: WuyeError.self) { try Restore.restore(backup, home: home.path, actor: "desk-li", now: realNow) }
        let r = try Restore.restore(backup, home: home.path, actor: "sup-huang", now: realNow)
        #expect(r.items == 16)
        let aside = try #require(r.keptAside)
        #expect(try Store.open(home: home.path).items(kind: nil, filter: .all).count == 16)
        // The replaced store, kept aside, still holds what was written after the backup.
        let kept = TempHome()
        try FileManager.default.copyItem(atPath: aside, toPath: kept.file)
        #expect(try Store.open(home: kept.path).items(kind: nil, filter: .all).count == 17)
        // A damaged backup is refused and nothing changes.
        let bad = copies.path + "/bad.sqlite"
        try FileManager.default.copyItem(atPath: backup, toPath: bad)
        try rawSQL(bad, "UPDATE events SET actor = 'x' WHERE seq = 3")
        #expect(throws: WuyeError.self) { try Restore.restore(bad, home: home.path, actor: "sup-huang", now: realNow) }
        #expect(try Store.open(home: home.path).check().differences == [])
    }

    /// A random store damaged at a random byte is refused, or `check` reports it: never
    /// silently accepted with different content.
    /// The damage tests build the demo at one fixed instant, so the file's bytes, and what
    /// each seeded damage hits, are the same on every run.
    static let fixedNow = Instant(seconds: 1_795_933_500)

    @Test func aStoreDamagedAtARandomByteIsRefusedOrReported() throws {
        let home = TempHome()
        try demoStore(home, now: Self.fixedNow).close()
        let original = try Data(contentsOf: URL(fileURLWithPath: home.file))
        let baseline = try dump(home.file)
        var rng = SeededRandom(seed: 20_261_129)
        var refused = 0, reported = 0, unchanged = 0
        for _ in 0..<40 {
            var bytes = [UInt8](original)
            let at = Int(rng.next(in: 100...(bytes.count - 1)))
            bytes[at] ^= UInt8(rng.next(in: 1...255))
            let damaged = TempHome()
            try Data(bytes).write(to: URL(fileURLWithPath: damaged.file))
            let content = try? dump(damaged.file)
            do {
                let s = try Store.open(home: damaged.path)
                if try !s.check().differences.isEmpty {
                    reported += 1
                } else {
                    // Accepted: then the damage changed nothing that is kept.
                    #expect(content == baseline, "damage at byte \(at) was accepted but changed the content")
                    unchanged += 1
                }
            } catch {
                refused += 1
            }
        }
        #expect(refused + reported + unchanged == 40)
        #expect(refused + reported > 0)
    }

    /// Every row of every table, as text: what the store holds, whatever its pages. The
    /// search index's own structures are left out: they are checked by FTS5's integrity
    /// check against the entries (which are compared here), and hold bytes with no meaning
    /// of their own, such as a counter of writes.
    func dump(_ file: String) throws -> String {
        let (status, out, err) = try Child.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect('file:'+sys.argv[1]+'?immutable=1', uri=True); t=[r[0] for r in c.execute(\"SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('items_fts','items_fts_data','items_fts_idx','items_fts_docsize','items_fts_config') ORDER BY name\")]; [print(n, sorted(map(repr, c.execute('SELECT * FROM \"'+n+'\"')))) for n in t]",
                file,
            ])
        guard status == 0 else { throw WuyeError.badInput("unreadable: \(err)") }
        return out
    }
}
