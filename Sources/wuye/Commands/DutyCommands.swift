import ArgumentParser
import Foundation
import WuyeCore
import WuyeReports
import WuyeStore

extension DutyKind: ExpressibleByArgument {}
extension TrainingSession.Kind: ExpressibleByArgument {}

/// The sites a listing covers: one (`--site`), or all.
func sites(_ store: Store, _ site: String?) throws(WuyeError) -> [Site] {
    let list = try store.sites().filter { site == nil || $0.id == site }
    if let site, list.isEmpty { throw .notFound("unknown site \(site)") }
    return list
}

/// Reads `--date DAY` (default: today in the site's zone).
func day(_ raw: String?, zone: Zone, now: Instant) throws(WuyeError) -> CivilDate {
    guard let raw else { return zone.date(of: now) }
    guard let d = CivilDate.parse(raw) else { throw .badInput("--date '\(raw)' is not a day; write YYYY-MM-DD") }
    return d
}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist", abstract: "Today's duties: cleaning, garbage, watering, patrol rounds, CCTV, inspection.",
        subcommands: [Show.self, Tick.self, Untick.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "List a day's duties with their windows and states.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String?
        @Option(help: ArgumentHelp("The day (default today).", valueName: "YYYY-MM-DD")) var date: String?
        @Option var kind: DutyKind?
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let standards = try store.standards()
            let sites = try sites(store, site)
            var w = JSONWriter()
            w.beginArray()
            var rows: [[String]] = []
            for s in sites {
                let d = try day(date, zone: s.zone, now: env.now)
                let ticks = Dictionary(
                    try store.ticks(site: s.id, days: d.adding(days: -92)...d).map { ($0.occurrence, $0) }, uniquingKeysWith: { a, _ in a })
                if kind != .patrol {
                    for o in Duties.occurrences(site: s, standards: standards, day: d) where kind == nil || o.kind == kind {
                        let t = ticks[o.id]
                        let st = o.state(at: env.now, tick: t)
                        if json {
                            DutyJSON.occurrence(o, tick: t, state: st, late: o.isLate(at: env.now, tick: t), zone: s.zone, into: &w)
                        } else {
                            rows.append([
                                o.kind.rawValue, o.locationName, window(o.windowStart, o.windowEnd, s.zone),
                                DutyText.symbol(st) + " " + st.rawValue,
                                t.map { "\($0.actor) \(ISOFormat.clock($0.at, in: s.zone))" } ?? "", o.id,
                            ])
                        }
                    }
                }
                if kind == nil || kind == .patrol {
                    let scans = Dictionary(grouping: try store.scans(site: s.id, days: d...d), by: \.round)
                    for r in Patrol.rounds(site: s, standards: standards, day: d) {
                        let sc = scans[r.id] ?? []
                        let st = r.state(at: env.now, scans: sc)
                        if json {
                            DutyJSON.round(r, scans: sc, state: st, now: env.now, zone: s.zone, into: &w)
                        } else if kind == .patrol || (r.start <= env.now + 3600 && r.end > env.now - 3 * 3600) {
                            let done = Set(sc.map(\.code)).count
                            rows.append([
                                "patrol", r.route.name, window(r.start, r.end, s.zone), DutyText.symbol(st) + " " + st.rawValue,
                                "\(done)/\(r.route.checkpoints.count)", r.id,
                            ])
                        }
                    }
                }
            }
            w.endArray()
            if json {
                Output.json(w)
            } else if rows.isEmpty {
                Output.line("no duties")
            } else {
                Output.table(["KIND", "WHERE", "WINDOW", "STATE", "DONE", "ID"], rows)
            }
        }

        func window(_ a: Instant, _ b: Instant, _ zone: Zone) -> String {
            if b - a > 86400 { return "\(zone.date(of: a)) … \(zone.date(of: b - 1))" }
            return "\(ISOFormat.clock(a, in: zone))-\(ISOFormat.clock(b, in: zone))"
        }
    }

    struct Tick: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tick", abstract: "Tick a duty as done; --problem also opens a linked repair.")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The occurrence id, e.g. jinxiu/cleaning/bldg3-lobby/2026-11-29/1.") var occurrence: String
        @Option var note: String?
        @Option(help: "A problem found: opens a repair linked to this duty.") var problem: String?
        @Option(help: ArgumentHelp("When it was done (default now).", valueName: "TIME")) var at: String?

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let siteID = String(occurrence.split(separator: "/").first ?? "")
            let zone = (try? store.site(siteID).zone) ?? .utc
            let t = try store.tick(
                occurrence, note: note, problem: problem, actor: try env.requireActor(), at: try env.time(at, zone: zone), now: env.now)
            Output.said(
                "saved: \(t.occurrence) done at \(ISOFormat.clock(t.at, in: zone))" + (t.repair.map { "; repair \($0) opened" } ?? ""))
        }
    }
}

extension ChecklistCommand {
    struct Untick: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "untick",
            abstract: "Take back a tick given by accident (who ticked it, on its day, or a supervisor), with a reason.")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The occurrence id.") var occurrence: String
        @Option(help: "Why the tick is taken back.") var reason: String

        func run() throws {
            let env = try Env(g)
            try env.store().untick(occurrence, reason: reason, actor: try env.requireActor(), now: env.now)
            Output.said("saved: the tick of \(occurrence) is taken back; the duty is open again")
        }
    }
}

struct PatrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patrol", abstract: "Hourly patrol rounds, checkpoint by checkpoint.",
        subcommands: [Scan.self, Rounds.self, Import.self, Labels.self])

    struct Labels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "labels", abstract: "A printable A4 page of a route's checkpoint labels: each name and code, as a QR code.",
            discussion: "Open the page in a browser and print it; cut the labels and stick each at its checkpoint in walking order.")
        @OptionGroup var g: GlobalOptions
        @Option(help: "The route's id (see wuye patrol rounds).") var route: String
        @Option(help: "The route's site, where two sites have a route of that id.") var site: String?
        @Option(help: ArgumentHelp("Write the page to this file (default: standard output).", valueName: "FILE")) var output: String?

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let found = try sites(store, site).compactMap { s in s.routes.first { $0.id.lowercased() == route.lowercased() }.map { (s, $0) }
            }
            guard let (s, r) = found.first else {
                let known = try store.sites().flatMap { s in s.routes.map { "\(s.id)/\($0.id)" } }
                throw WuyeError.notFound("no route \(route)\(site.map { " at \($0)" } ?? ""); routes: \(known.joined(separator: ", "))")
            }
            if found.count > 1 {
                throw WuyeError.badInput("\(route) is a route of \(found.map(\.0.id).joined(separator: " and ")); say which with --site")
            }
            if r.checkpoints.isEmpty { throw WuyeError.refused("\(r.id) has no checkpoints to label") }
            let made = "made \(ISOFormat.string(env.now, in: s.zone))" + (env.actor.map { " by \($0)" } ?? "")
            let page: String
            do {
                page = try PatrolLabels.html(site: s, route: r, made: made)
            } catch PatrolLabels.Problem.tooLong(let code) {
                throw WuyeError.badInput("the code \(code) is too long for a QR code; shorten it in the site file")
            }
            if let output {
                try Output.writeFile(output, Array(page.utf8))
                Output.said("saved: \(r.checkpoints.count) labels of \(r.id) in \(output)")
            } else {
                Output.writeAll(Array(page.utf8))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Record a patrol wand's read-out (CSV), all or nothing.",
            discussion:
                "Columns: code, time, and optionally guard (the staff id who carried the wand; a supervisor may import anyone's). Each scan is recorded at its own time, marked imported."
        )
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The CSV file (UTF-8, with or without BOM).") var file: String

        func run() throws {
            let env = try Env(g)
            let actor = try env.requireActor()
            let store = try env.store()
            let name = (file as NSString).lastPathComponent
            let rows = try WandFile.read(try readFile(file), file: name, sites: try store.sites(), now: env.now)
            let scans = try store.importScans(rows, file: name, actor: actor, now: env.now)
            let rounds = Set(scans.map(\.round)).count
            Output.said("saved: \(scans.count) scan\(scans.count == 1 ? "" : "s") imported in \(rounds) round\(rounds == 1 ? "" : "s")")
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan", abstract: "Tick a checkpoint by its code (what the barcode label holds).")
        @OptionGroup var g: GlobalOptions
        @Argument var code: String
        @Option var note: String?
        @Option(help: "A problem found: opens a linked repair.") var problem: String?
        @Option(help: ArgumentHelp("When it was scanned (default now).", valueName: "TIME")) var at: String?

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zone = (try store.checkpointOwner(code: code)?.0.zone) ?? .utc
            let s = try store.scan(
                code, note: note, problem: problem, actor: try env.requireActor(), at: try env.time(at, zone: zone), now: env.now)
            Output.said(
                "saved: \(s.code) in round \(s.round)\(s.outOfOrder ? " (out of order)" : "")"
                    + (s.repair.map { "; repair \($0) opened" } ?? ""))
        }
    }

    struct Rounds: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rounds", abstract: "A day's rounds with their checkpoints.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String?
        @Option(help: ArgumentHelp("The day (default today).", valueName: "YYYY-MM-DD")) var date: String?
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let standards = try store.standards()
            let sites = try sites(store, site)
            var w = JSONWriter()
            w.beginArray()
            var rows: [[String]] = []
            for s in sites {
                let d = try day(date, zone: s.zone, now: env.now)
                let scans = Dictionary(grouping: try store.scans(site: s.id, days: d...d), by: \.round)
                for r in Patrol.rounds(site: s, standards: standards, day: d) {
                    let sc = scans[r.id] ?? []
                    let st = r.state(at: env.now, scans: sc)
                    if json {
                        DutyJSON.round(r, scans: sc, state: st, now: env.now, zone: s.zone, into: &w)
                    } else {
                        let marks = r.route.checkpoints.map { c -> String in
                            switch r.checkpointState(c.code, scans: sc) {
                            case .pending: "·"
                            case .done: "✓"
                            case .doneOutOfOrder: "↯"
                            }
                        }.joined()
                        rows.append([
                            ISOFormat.clock(r.start, in: s.zone), r.route.id, DutyText.symbol(st) + " " + st.rawValue,
                            (r.isLate(at: env.now, scans: sc) && r.start <= env.now ? "late " : "") + marks, r.id,
                        ])
                    }
                }
            }
            w.endArray()
            if json { Output.json(w) } else { Output.table(["HOUR", "ROUTE", "STATE", "CHECKPOINTS", "ID"], rows) }
        }
    }
}

/// The JSON of duties and rounds (`docs/data-format.md`).
enum DutyJSON {
    static func occurrence(_ o: Occurrence, tick: WuyeCore.Tick?, state: OccurrenceState, late: Bool, zone: Zone, into w: inout JSONWriter)
    {
        w.beginObject()
        w.field("id", o.id)
        w.field("kind", o.kind.rawValue)
        w.field("site", o.site)
        w.field("location", o.location)
        w.field("location_name", o.locationName)
        w.field("window_start", o.windowStart, zone: zone)
        w.field("window_end", o.windowEnd, zone: zone)
        w.field("state", state.rawValue)
        w.field("late", late)
        w.field("done_at", tick?.at, zone: zone)
        w.field("done_by", tick?.actor)
        w.field("note", tick?.note)
        w.field("problem", tick?.problem)
        w.field("repair", tick?.repair)
        w.endObject()
    }

    static func round(_ r: PatrolRound, scans: [WuyeCore.Scan], state: RoundState, now: Instant, zone: Zone, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", r.id)
        w.field("kind", "patrol")
        w.field("site", r.site)
        w.field("location", r.route.id)
        w.field("location_name", r.route.name)
        w.field("window_start", r.start, zone: zone)
        w.field("window_end", r.end, zone: zone)
        w.field("state", state.rawValue)
        w.field("late", r.start <= now && r.isLate(at: now, scans: scans))
        w.key("checkpoints")
        w.beginArray()
        for c in r.route.checkpoints {
            let s = scans.first { $0.code == c.code }
            w.beginObject()
            w.field("code", c.code)
            w.field("name", c.name)
            w.field("state", r.checkpointState(c.code, scans: scans).rawValue)
            w.field("at", s?.at, zone: zone)
            w.field("by", s?.actor)
            w.field("repair", s?.repair)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

enum DutyText {
    static func symbol(_ s: OccurrenceState) -> String {
        switch s {
        case .upcoming: "○"
        case .due: "●"
        case .done: "✓"
        case .doneLate: "✓"
        case .missed: "✗"
        }
    }

    static func symbol(_ s: RoundState) -> String {
        switch s {
        case .upcoming: "○"
        case .due: "●"
        case .late: "▲"
        case .complete: "✓"
        case .incomplete: "◐"
        case .missed: "✗"
        }
    }
}
