import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the store: the demo property, or your own from a site file.")
    @OptionGroup var g: GlobalOptions
    @Flag(help: "Build the demo property (Chinese names, items placed relative to now).") var demo = false
    @Option(help: ArgumentHelp("Load a site file (TOML); see docs/example-site.toml.", valueName: "FILE")) var site: String?
    @Flag(help: "With --site: show what loading the file would change, and save nothing.") var dryRun = false

    func run() throws {
        let env = try Env(g)
        guard demo || site != nil else {
            throw WuyeError.badInput("give --demo for the demo property or --site FILE for your own")
        }
        var file: SiteFile?
        if let site {
            file = try SiteFile.parse(try readFile(site), file: site)
        }
        if dryRun {
            guard let file, !demo else { throw WuyeError.badInput("--dry-run goes with --site FILE alone") }
            try printSiteChanges(file, env: env)
            Output.said("dry run: nothing saved")
            return
        }
        if demo, let url = env.storeURL {
            // The demo is built in a store file of its own, then its journal is copied in.
            let journal = try env.journal(url)
            let scratch = (env.home as NSString).appendingPathComponent(".demo-shared-\(getpid())")
            try? FileManager.default.removeItem(atPath: scratch)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            try Demo.create(home: scratch, now: env.now)
            _ = try Store.open(home: scratch).copy(to: journal)
            _ = try env.store()
            Output.said("built the demo property in \(journal.location)")
        } else if demo {
            try Demo.create(home: env.home, now: env.now)
            Output.said("built the demo property in \(env.home)")
        }
        if let file {
            try printSiteChanges(file, env: env)
            let store = try env.store(create: true)
            try store.define(file, actor: env.actor, now: env.now)
            try store.checkpoint()
            Output.said(
                "saved: site \(file.site.id) (\(InertText.make(file.site.name))), \(file.site.units.count) units, \(file.site.locations.count) locations, \(file.site.routes.count) routes, \(file.staff.count) staff"
            )
        }
    }
}

/// What a site file would change in the store, one line each (all of it for a new site).
private func printSiteChanges(_ file: SiteFile, env: Env) throws(WuyeError) {
    // A new store: the site is all there is to say, and the saved line says it.
    guard FileManager.default.fileExists(atPath: env.storePath) else { return }
    let store = try env.store()
    let old = try store.sites().first { $0.id == file.site.id }
    let changes = SiteChanges.between(old, staff: try store.staffList(), and: file)
    for c in changes { Output.line(c) }
    if changes.isEmpty { Output.said("site \(file.site.id): no changes") }
}

func readFile(_ path: String) throws(WuyeError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw .notFound("cannot read \(path); check the path")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw .badInput("\(path) is not UTF-8 text; save it as UTF-8")
    }
    return text
}

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "site", abstract: "The properties in the store.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List sites.")
        @OptionGroup var g: GlobalOptions
        @Flag(help: "JSON output.") var json = false
        func run() throws {
            let sites = try Env(g).store().sites()
            if json {
                var w = JSONWriter()
                w.beginArray()
                for s in sites {
                    w.beginObject()
                    w.field("id", s.id)
                    w.field("name", s.name)
                    w.field("kind", s.kind.rawValue)
                    w.field("time_zone", s.timeZone)
                    w.field("units", s.units.count)
                    w.field("households", s.households)
                    w.field("locations", s.locations.count)
                    w.field("routes", s.routes.count)
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
            } else {
                Output.table(
                    ["ID", "KIND", "UNITS", "HOUSEHOLDS", "ZONE", "NAME"],
                    sites.map { [$0.id, $0.kind.rawValue, String($0.units.count), String($0.households), $0.timeZone, $0.name] })
            }
        }
    }
}

extension Staff.Role: ExpressibleByArgument {}
extension Staff.Department: ExpressibleByArgument {}

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Who works here and in which role.", subcommands: [List.self, Add.self, Deactivate.self, Pin.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List staff.")
        @OptionGroup var g: GlobalOptions
        @Flag(help: "JSON output.") var json = false
        func run() throws {
            let staff = try Env(g).store().staffList()
            if json {
                var w = JSONWriter()
                w.beginArray()
                for s in staff {
                    w.beginObject()
                    w.field("id", s.id)
                    w.field("name", s.name)
                    w.field("role", s.role.rawValue)
                    w.field("department", s.department.rawValue)
                    w.field("site", s.site)
                    w.field("active", s.active)
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
            } else {
                Output.table(
                    ["ID", "ROLE", "DEPARTMENT", "SITE", "NAME"],
                    staff.map {
                        [$0.id, $0.role.rawValue + ($0.active ? "" : " (inactive)"), $0.department.rawValue, $0.site ?? "all", $0.name]
                    })
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add or change a staff member (supervisor only).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The staff id, an ASCII slug such as desk-li.") var id: String
        @Option var name: String
        @Option(help: "desk, guard, cleaner, technician or supervisor.") var role: Staff.Role
        @Option var department: Staff.Department?
        @Option(help: "The site they work at (none for company-wide).") var site: String?
        func run() throws {
            guard Slug.isValid(id) else { throw WuyeError.badInput("staff id '\(id)' must be an ASCII slug such as desk-li") }
            let env = try Env(g)
            let s = Staff(id: id, name: name, role: role, department: department ?? Staff.defaultDepartment(for: role), site: site)
            try env.store().saveStaff(s, actor: try env.requireActor(), now: env.now)
            Output.said("saved: \(id) (\(InertText.make(name)), \(role.rawValue))")
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deactivate", abstract: "Mark a staff member as no longer working (supervisor only).")
        @OptionGroup var g: GlobalOptions
        @Argument var id: String
        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            var s = try store.staff(id)
            s.active = false
            try store.saveStaff(s, actor: try env.requireActor(), now: env.now)
            Output.said("saved: \(id) is inactive")
        }
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The audit trail: every recorded step.")
    @OptionGroup var g: GlobalOptions
    @Option(help: ArgumentHelp("Only steps recorded since then.", valueName: "TIME")) var since: String?
    @Option(help: "Only this subject (an item id, site:ID, staff:ID).") var subject: String?
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let env = try Env(g)
        let store = try env.store()
        let zone = try store.sites().first?.zone ?? .utc
        let grace = try store.standards().clocks.backdateGrace
        var events: [Event]
        if let subject {
            events = try store.events(subject: subject)
        } else {
            let from = try env.time(since, zone: zone, option: "--since") ?? Instant(seconds: 0)
            events = try store.events(recordedSince: from)
        }
        if let since, subject != nil, let from = try env.time(since, zone: zone, option: "--since") {
            events = events.filter { $0.recorded >= from }
        }
        if json {
            let links = try store.chainLinks(from: events.first?.seq ?? 1, to: events.last?.seq ?? 0)
            var w = JSONWriter()
            w.beginArray()
            for e in events {
                let link = links[e.seq]
                w.beginObject()
                w.field("seq", e.seq)
                w.field("at", ISOFormat.string(e.at, in: zone))
                w.field("recorded", ISOFormat.string(e.recorded, in: zone))
                w.field("backdated", e.isBackdated(grace: grace))
                w.field("actor", e.actor)
                w.field("subject", e.subject)
                w.field("type", e.body.typeName)
                w.field("text", EventText.describe(e.body))
                // The hash chain, with exactly the fields it covers (docs/data-format.md).
                w.field("at_seconds", e.at.seconds)
                w.field("recorded_seconds", e.recorded.seconds)
                w.field("payload", link?.payload)
                w.field("prev_hash", link?.previous)
                w.field("hash", link?.hash)
                w.endObject()
            }
            w.endArray()
            Output.json(w)
        } else {
            Output.table(
                ["SEQ", "AT", "ACTOR", "SUBJECT", "WHAT"],
                events.map {
                    [
                        String($0.seq), ISOFormat.short($0.at, in: zone) + ($0.isBackdated(grace: grace) ? "*" : ""), $0.actor,
                        $0.subject, EventText.describe($0.body),
                    ]
                })
            if events.contains(where: { $0.isBackdated(grace: grace) }) {
                Output.line("* back-dated: recorded more than \(Countdown.prose(grace)) after it happened")
            }
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Rebuild the state from the journal and compare it with the stored rows.")
    @OptionGroup var g: GlobalOptions
    @Flag(help: "Replace the stored rows with the rebuilt ones when they differ.") var repair = false

    func run() throws {
        let env = try Env(g)
        let store = try env.store()
        var report = try store.check(repair: repair)
        // A shared store: the journal on the server, event by event, against this copy.
        let shared = try store.sharedDifferences()
        report.differences = shared + report.differences
        if repair { report.unrepaired = shared + report.unrepaired }
        if repair { try store.checkpoint() }
        if report.differences.isEmpty {
            Output.said("ok: \(report.events) events, \(report.items) items; every row matches the journal")
            return
        }
        for d in report.differences.prefix(50) { Output.line(d) }
        if repair {
            if !report.unrepaired.isEmpty {
                for d in report.unrepaired.prefix(50) { Output.line("still: " + InertText.make(d)) }
                throw WuyeError(
                    .difference,
                    "\(report.unrepaired.count) differences remain after rebuilding the rows: the journal itself is damaged; restore a backup ('wuye restore FILE')"
                )
            }
            Output.said("repaired: \(report.differences.count) differences; the rows were rebuilt from the journal and checked again")
            return
        }
        throw WuyeError(
            .difference,
            "\(report.differences.count) difference\(report.differences.count == 1 ? "" : "s") between the journal and the rows; 'wuye check --repair' rebuilds the rows"
        )
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent copy of the live store (safe while others work).")
    @OptionGroup var g: GlobalOptions
    @Argument(help: "The new backup file.") var file: String

    func run() throws {
        try Env(g).store().backup(to: file)
        Output.said("saved: backup in \(file)")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backup in place of the store (supervisor only; the current store is kept aside).",
        discussion: """
            The backup is checked first, on a copy; the store it replaces is kept beside it as \
            wuye.sqlite.before-restore-DATE. Refused while a console or another command has the store open.
            """)
    @OptionGroup var g: GlobalOptions
    @Argument(help: "The backup file (from 'wuye backup').") var file: String

    func run() throws {
        let env = try Env(g)
        if let url = env.storeURL {
            throw WuyeError.refused(
                "\(url) is a shared store: it is restored with the database's own tools (see docs/deploying.md), or a backup file is copied into an empty database with 'wuye store copy --to URL' from its folder. Nothing was changed"
            )
        }
        let r = try Restore.restore(file, home: env.home, actor: env.actor, now: env.now)
        Output.said("restored: \(file), \(r.events) events, \(r.items) items, checked")
        if let aside = r.keptAside { Output.said("the store it replaced is kept as \(aside)") }
    }
}

extension StaffCommand {
    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pin", abstract: "Set a sign-in PIN (the staff member themself, or a supervisor).",
            discussion: """
                Asks for the PIN twice without showing it; from a script, give it on standard input. \
                A PIN is 4 to 8 digits and is kept only as a salted, slow hash. Three wrong PINs lock the id for a minute.
                """)
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The staff id.") var staff: String
        @Flag(help: "Remove the PIN (the console then signs this id in without one).") var clear = false

        func run() throws {
            let env = try Env(g)
            let actor = try env.requireActor()
            let store = try env.store()
            _ = try store.staff(staff)
            var pin: String?
            if !clear {
                if isatty(STDIN_FILENO) == 1 {
                    let first = try Self.ask("PIN for \(staff) (4 to 8 digits): ")
                    guard try Self.ask("the same PIN again: ") == first else {
                        throw WuyeError.badInput("the two PINs differ; nothing was changed")
                    }
                    pin = first
                } else {
                    pin = readLine(strippingNewline: true).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                }
            }
            try store.setPin(pin, for: staff, actor: actor, now: env.now)
            Output.said(clear ? "saved: \(staff) signs in without a PIN" : "saved: \(staff) signs in with the new PIN")
        }

        /// Reads a line from the terminal without echoing it.
        static func ask(_ prompt: String) throws(WuyeError) -> String {
            FileHandle.standardError.write(Data(prompt.utf8))
            var old = termios()
            tcgetattr(STDIN_FILENO, &old)
            var quiet = old
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &old)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            guard let line = readLine(strippingNewline: true) else { throw .badInput("no PIN was typed; nothing was changed") }
            return line
        }
    }
}

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move the store: copy its journal to a shared store (PostgreSQL) or back to a store file.",
        subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy", abstract: "Copy the whole journal into an empty store; every hash is verified and every row rebuilt.",
            discussion: """
                The store copied is the one in use (--store or WUYE_STORE, else the data folder's file). --to takes \
                postgres://USER@HOST[:PORT]/DATABASE (an empty database) or a data folder without a store. Afterwards \
                the two answer 'kpi --json' and 'log --json' alike.
                """)
        @OptionGroup var g: GlobalOptions
        @Option(help: ArgumentHelp("Where to: a postgres:// address or an empty data folder.", valueName: "URL|DIR")) var to: String

        func run() throws {
            let env = try Env(g)
            let source = try env.store()
            if to.contains("://") {
                let target = try env.journal(to)
                let n = try source.copy(to: target)
                // A working copy of the new store takes every event in, verifying each hash.
                var into = env
                into.storeURL = to
                let copy = try into.store()
                Output.said("copied: \(n) events into \(target.location), every hash verified (\(try copy.lastSeq()) taken in)")
            } else {
                let n = try source.copy(toHome: to)
                Output.said("copied: \(n) events into \((to as NSString).appendingPathComponent("wuye.sqlite")), every hash verified")
            }
        }
    }
}
