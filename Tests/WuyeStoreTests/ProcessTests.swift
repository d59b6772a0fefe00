import Foundation
import Testing
import WuyeCore
import WuyeStore
import WuyeTestSupport

/// Real processes sharing one file: killed in the middle of commits, and writing at once.
@Suite("Processes sharing the store")
struct ProcessTests {
    /// Starts `wuye-bench writer`, which prints each id only after its commit returned.
    func startWriter(_ store: TestStore, machine: String? = nil, count: Int, tag: String, snapshots: Bool = false) throws -> Child {
        guard let bench = Binaries.path("wuye-bench") else { throw WuyeError.notFound("wuye-bench is not built") }
        return try Child(
            bench,
            ["writer"] + store.writerArguments(machine: machine) + ["--count", String(count), "--tag", tag]
                + (snapshots ? ["--snapshots"] : []))
    }

    @Test(.timeLimit(.minutes(2)), arguments: Backend.available)
    func killedWriterLosesNoAcknowledgedCommand(_ backend: Backend) throws {
        let home = try TestStore(backend)
        try home.demo().close()
        var acknowledged: [String] = []
        var rng = SeededRandom(seed: 7)
        for round in 0..<6 {
            // Every other writer takes a snapshot after each commit: kills land in those too.
            let w = try startWriter(home, count: 100_000, tag: "k\(round)", snapshots: round % 2 == 1)
            // Once it is committing, let it go on for a random while, then kill it without
            // warning. A snapshot-taking writer first commits a few times whatever the
            // machine's load, so that kills land among snapshots (a snapshot follows each
            // acknowledged commit).
            var started = w.readSome()
            while round % 2 == 1, started.filter({ $0 == 10 }).count < 5 {
                let more = w.readSome()
                if more.isEmpty { break }
                started += more
            }
            usleep(UInt32(rng.next(in: 20_000...200_000)))
            kill(w.pid, SIGKILL)
            let rest = w.readAll().0
            #expect(w.wait() == 128 + SIGKILL)
            acknowledged += acknowledgedIDs(started + rest)
        }
        #expect(acknowledged.count > 20)
        let store = try home.open()
        let ids = Set(try store.items(kind: .complaint, filter: .all).map(\.id))
        let lost = acknowledged.filter { !ids.contains($0) }
        #expect(lost == [])
        #expect(try store.snapshotEvents().count > 10)
        #expect(try store.check().differences == [])
    }

    /// On a shared store, each writer is a machine of its own (a working copy each).
    @Test(.timeLimit(.minutes(2)), arguments: Backend.available)
    func fourWritersAtOnceLoseAndDuplicateNothing(_ backend: Backend) throws {
        try writersAtOnce(backend, writers: 4, per: 60)
    }

    /// Eight machines writing over TCP at once (PostgreSQL on loopback).
    @Test(.timeLimit(.minutes(3)), arguments: Backend.sharedOnly)
    func eightWritersOverTCPLoseAndDuplicateNothing(_ backend: Backend) throws {
        try writersAtOnce(backend, writers: 8, per: 40)
    }

    func writersAtOnce(_ backend: Backend, writers count: Int, per: Int) throws {
        let home = try TestStore(backend)
        try home.demo().close()
        let writers = try (0..<count).map { w in
            try startWriter(home, machine: backend == .postgres ? "m\(w)" : nil, count: per, tag: "w\(w)")
        }
        var printed: [String] = []
        for w in writers {
            printed += acknowledgedIDs(w.readAll().0)
            #expect(w.wait() == 0)
        }
        #expect(printed.count == count * per)
        #expect(Set(printed).count == printed.count)  // no id given twice
        let store = try home.open()
        let bench = try store.items(kind: .complaint, filter: .all).filter { $0.category == "bench" }
        #expect(bench.count == count * per)
        // Every writer's every item is there exactly once.
        let texts = Set(bench.map(\.text))
        for w in 0..<count { for i in 0..<per { #expect(texts.contains("w\(w) \(i)")) } }
        // Ids are contiguous: none skipped, none reused.
        let numbers = bench.compactMap { ItemID($0.id)?.number }.sorted()
        #expect(numbers == Array(9...Int64(8 + count * per)))
        #expect(try store.check().differences == [])
        #expect(try store.sharedDifferences() == [])
    }
}
