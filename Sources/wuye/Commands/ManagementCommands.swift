import ArgumentParser
import WuyeCore
import WuyeStore

/// `wuye meeting`: owner-representative meetings (业主代表会议, plan 4.1).
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Owner-representative meetings: who came, the owners' opinions, the actions decided.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record a meeting held (supervisor); prints its id.",
            discussion: "Raise the actions it decided with: wuye action add --from meeting --from-id M-1 …")
        @OptionGroup var g: GlobalOptions
        @Option var site: String
        @Option(help: ArgumentHelp("When it was held (default now).", valueName: "TIME")) var at: String?
        @Option(help: ArgumentHelp("Who attended, separated by commas (names or staff ids).", valueName: "NAMES")) var attendees: String
        @Option(help: "The minutes.") var notes: String = ""
        @Option(help: ArgumentHelp("An owner's opinion; give it once for each.", valueName: "TEXT")) var opinion: [String] = []

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zone = try store.site(site).zone
            let m = try store.addMeeting(
                site: site, at: try env.time(at, zone: zone), attendees: attendees.split(separator: ",").map(String.init), notes: notes,
                opinions: opinion, actor: try env.requireActor(), now: env.now)
            Output.line(m.id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Meetings, oldest first.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String?
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try sites(store, site).map { ($0.id, $0.zone) })
            let list = try store.meetings(site: site)
            if json { return Output.jsonArray(list) { m, w in ManagementJSON.meeting(m, zone: zones[m.site] ?? .utc, into: &w) } }
            if list.isEmpty { return Output.said("no meetings recorded\(site.map { " at \($0)" } ?? "")") }
            for m in list {
                Output.line(
                    "\(m.id)  \(m.site)  \(ISOFormat.short(m.at, in: zones[m.site] ?? .utc))  \(m.attendees.joined(separator: ", "))")
                if !m.notes.isEmpty { Output.line("  \(m.notes)") }
                for o in m.opinions { Output.line("  · \(o)") }
                if !m.actions.isEmpty { Output.line("  actions: \(m.actions.joined(separator: ", "))") }
            }
        }
    }
}

/// `wuye action`: corrective actions (整改) with an owner and a due date on a clock.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Corrective actions: raised, done by their owner, verified by a supervisor.",
        subcommands: [Add.self, Done.self, Verify.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Raise a corrective action (supervisor); prints its id.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String
        @Option(help: "What is to be put right.") var title: String
        @Option(help: ArgumentHelp("Who puts it right (a staff id).", valueName: "STAFF")) var owner: String
        @Option(help: ArgumentHelp("By when: a day (its end) or a time.", valueName: "DAY|TIME")) var due: String
        @Option(help: "Where it came from: meeting, evaluation, inspection, complaint or other.") var from: ActionSourceKind = .other
        @Option(name: .customLong("from-id"), help: ArgumentHelp("The meeting, evaluation or item it came from.", valueName: "ID"))
        var fromID: String?

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zone = try store.site(site).zone
            let when: Instant
            if let d = CivilDate.parse(due) {
                when = zone.startOfDay(d.adding(days: 1)) - 1
            } else {
                when = try env.time(due, zone: zone, option: "--due")!
            }
            let a = try store.raiseAction(
                site: site, title: title, owner: owner, due: when, source: from, sourceRef: fromID, actor: try env.requireActor(),
                now: env.now)
            Output.line(a.id)
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark an action done (its owner or a supervisor).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The action's id, e.g. A-3.") var id: String
        @Option(help: "What was done.") var note: String?

        func run() throws {
            let env = try Env(g)
            let a = try env.store().settleAction(id, verify: false, note: note, actor: try env.requireActor(), now: env.now)
            Output.said("saved: \(a.id) done (\(a.state(at: env.now) == .met ? "by its due date" : "after its due date"))")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify a done action (supervisor).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The action's id, e.g. A-3.") var id: String
        @Option(help: "What was checked.") var note: String?

        func run() throws {
            let env = try Env(g)
            let a = try env.store().settleAction(id, verify: true, note: note, actor: try env.requireActor(), now: env.now)
            Output.said("saved: \(a.id) verified")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Corrective actions: the open ones by due date, then the rest.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String?
        @Flag(help: "Only those still open.") var open = false
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try sites(store, site).map { ($0.id, $0.zone) })
            let list = try store.actions(site: site).filter { !open || $0.isOpen }.sorted {
                ($0.isOpen ? 0 : 1, $0.due.seconds, $0.id) < ($1.isOpen ? 0 : 1, $1.due.seconds, $1.id)
            }
            if json {
                return Output.jsonArray(list) { a, w in ManagementJSON.action(a, zone: zones[a.site] ?? .utc, now: env.now, into: &w) }
            }
            if list.isEmpty { return Output.said("no corrective actions\(open ? " open" : "")\(site.map { " at \($0)" } ?? "")") }
            Output.table(
                ["ID", "SITE", "STATUS", "CLOCK", "DUE", "LEFT", "OWNER", "FROM", "TITLE"],
                list.map { a in
                    let st = a.state(at: env.now)
                    return [
                        a.id, a.site, a.status.rawValue, Countdown.symbol(st) + " " + st.rawValue,
                        ISOFormat.short(a.due, in: zones[a.site] ?? .utc), a.isOpen ? Countdown.format(a.due - env.now) : "", a.owner,
                        a.source.rawValue + (a.sourceRef.map { " \($0)" } ?? ""), a.title,
                    ]
                })
        }
    }
}

extension ActionSourceKind: ExpressibleByArgument {}

/// `wuye evaluation`: the quarterly service-quality evaluation.
struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation", abstract: "The quarterly service-quality evaluation: findings and the actions raised.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record a quarter's evaluation of a site (supervisor); prints its id.",
            discussion: "Raise its corrective actions with: wuye action add --from evaluation --from-id Q-1 …")
        @OptionGroup var g: GlobalOptions
        @Option(help: ArgumentHelp("The quarter, e.g. 2026Q4.", valueName: "YYYYQn")) var quarter: String
        @Option var site: String
        @Option(help: ArgumentHelp("A finding against the quarter's figures; give it once for each.", valueName: "TEXT"))
        var finding: [String] = []

        func run() throws {
            let env = try Env(g)
            let v = try env.store().addEvaluation(
                site: site, quarter: quarter, findings: finding, actor: try env.requireActor(), now: env.now)
            Output.line(v.id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Evaluations by quarter.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String?
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try sites(store, site).map { ($0.id, $0.zone) })
            let list = try store.evaluations(site: site)
            if json { return Output.jsonArray(list) { v, w in ManagementJSON.evaluation(v, zone: zones[v.site] ?? .utc, into: &w) } }
            if list.isEmpty { return Output.said("no evaluations recorded\(site.map { " at \($0)" } ?? "")") }
            for v in list {
                Output.line("\(v.id)  \(v.site)  \(v.quarter)  recorded \(ISOFormat.short(v.at, in: zones[v.site] ?? .utc))")
                for f in v.findings { Output.line("  · \(f)") }
                if !v.actions.isEmpty { Output.line("  actions: \(v.actions.joined(separator: ", "))") }
            }
        }
    }
}

/// `wuye period`: months closed for reporting.
struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Close a month for reporting: nothing is back-dated or imported into it after.",
        subcommands: [Close.self, List.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Freeze a month that is over (supervisor).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: ArgumentHelp("The month.", valueName: "YYYY-MM")) var month: String

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let p = try store.closePeriod(month, actor: try env.requireActor(), now: env.now)
            let zone = try store.sites().first?.zone ?? .utc
            Output.said("saved: \(p.month) closed on \(ISOFormat.string(p.at, in: zone)) by \(p.by)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The months closed, with when and by whom.")
        @OptionGroup var g: GlobalOptions
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zone = try store.sites().first?.zone ?? .utc
            let list = try store.closedMonths()
            if json {
                var w = JSONWriter()
                w.beginArray()
                for p in list {
                    w.beginObject()
                    w.field("month", p.month)
                    w.key("closed_at")
                    w.instant(p.at, zone: zone)
                    w.field("closed_by", p.by)
                    w.endObject()
                }
                w.endArray()
                return Output.json(w)
            }
            if list.isEmpty { return Output.line("no month closed yet") }
            for p in list { Output.line("\(p.month)  closed on \(ISOFormat.string(p.at, in: zone)) by \(p.by)") }
        }
    }
}

/// The JSON of the management records, as lists and reports write them.
enum ManagementJSON {
    static func meeting(_ m: Meeting, zone: Zone, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", m.id)
        w.field("site", m.site)
        w.key("at")
        w.instant(m.at, zone: zone)
        strings("attendees", m.attendees, into: &w)
        w.field("notes", m.notes)
        strings("opinions", m.opinions, into: &w)
        strings("actions", m.actions, into: &w)
        w.endObject()
    }

    static func action(_ a: CorrectiveAction, zone: Zone, now: Instant, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", a.id)
        w.field("site", a.site)
        w.field("title", a.title)
        w.field("owner", a.owner)
        w.field("status", a.status.rawValue)
        w.field("state", a.state(at: now).rawValue)
        w.key("raised_at")
        w.instant(a.raisedAt, zone: zone)
        w.key("due")
        w.instant(a.due, zone: zone)
        w.field("remaining_seconds", a.isOpen ? a.due - now : nil)
        w.field("source", a.source.rawValue)
        w.field("source_id", a.sourceRef)
        w.key("done_at")
        if let d = a.doneAt { w.instant(d, zone: zone) } else { w.null() }
        w.field("done_note", a.doneNote)
        w.key("verified_at")
        if let v = a.verifiedAt { w.instant(v, zone: zone) } else { w.null() }
        w.field("verified_by", a.verifiedBy)
        w.endObject()
    }

    static func evaluation(_ v: Evaluation, zone: Zone, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", v.id)
        w.field("site", v.site)
        w.field("quarter", v.quarter)
        w.key("at")
        w.instant(v.at, zone: zone)
        strings("findings", v.findings, into: &w)
        strings("actions", v.actions, into: &w)
        w.endObject()
    }

    static func strings(_ key: StaticString, _ list: [String], into w: inout JSONWriter) {
        w.key(key)
        w.beginArray()
        for s in list { w.string(s) }
        w.endArray()
    }
}
