import ArgumentParser
import Foundation
import WuyeAlerts
import WuyeCore
import WuyeStore

/// `wuye intake`: owners' messages from e-mail and other gateways, waiting for the desk.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake", abstract: "Owners' messages by e-mail and other gateways: take in, list, open as items, discard.",
        discussion: """
            A message taken in is not yet a complaint: a person at the desk reads it and opens it as a complaint, enquiry \
            or repair (the item keeps the original message) or discards it with a reason.
            """,
        subcommands: [Maildir.self, JSONLines.self, List.self, Show.self, Open.self, Discard.self])

    /// The site messages are for: the one given, else the store's only site.
    /// `how`: where to name the site (an option, or a notify file's key).
    static func site(_ given: String?, store: Store, how: String = "--site") throws(WuyeError) -> Site {
        if let given { return try store.site(given) }
        let all = try store.sites()
        guard all.count == 1, let only = all.first else {
            throw .badInput("say which site the messages are for (\(how)); sites are: \(all.map(\.id).joined(separator: ", "))")
        }
        return only
    }

    static func summary(_ taken: [IntakeEntry], already: Int, unreadable: Int, json: Bool, zone: Zone) {
        if json {
            return Output.jsonArray(taken) { v, w in IntakeJSON.write(v, zone: zone, into: &w) }
        }
        for v in taken { Output.line("\(v.id)  \(v.sender)\(v.subject.map { ": \($0)" } ?? "")") }
        var parts = ["\(taken.count) taken in"]
        if already > 0 { parts.append("\(already) taken before") }
        if unreadable > 0 { parts.append("\(unreadable) unreadable") }
        Output.line(parts.map(Messages.say).joined(separator: Messages.chinese ? "，" : ", "))
    }

    struct Maildir: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maildir", abstract: "Take new messages from a Maildir (each moved to cur/ once it is in the queue).")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The Maildir the mail server delivers to (holding tmp/, new/ and cur/).") var dir: String
        @Option(help: "The site its messages are for (default: the store's only site).") var site: String?
        @Flag(help: "Print the entries taken in as JSON.") var json = false

        func run() throws {
            let env = try Env(g)
            try MaildirIntake.check(dir)
            let store = try env.store()
            let s = try IntakeCommand.site(site, store: store)
            let start = env.now
            let began = Date()
            let intake = MaildirIntake(store: store, site: s.id, actor: env.actor ?? "intake:maildir")
            let r = try intake.run(dir) { start + Int64(Date().timeIntervalSince(began)) }
            for u in r.unreadable { Output.warn("\(u.file) left in new/: \(u.reason)") }
            IntakeCommand.summary(r.taken, already: r.already, unreadable: r.unreadable.count, json: json, zone: s.zone)
        }
    }

    struct JSONLines: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "json", abstract: "Take messages as JSON lines on standard input (any other gateway), all or none.",
            discussion: """
                Each line an object: "text" (required, or "subject"), who sent it ("email", "phone" or "name"), and \
                optionally "id" (the gateway's own, so that a line sent twice is taken once), "site", "channel" (email, \
                wechat, hotline, walk-in), "subject", "date" (a TIME), "attachments" ([{"name", "type", "bytes"}]).
                """)
        @OptionGroup var g: GlobalOptions
        @Option(help: "The site of lines that do not name one (default: the store's only site).") var site: String?
        @Flag(help: "Print the entries taken in as JSON.") var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let sites = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0) })
            if let site, sites[site] == nil { throw WuyeError.notFound("unknown site \(site); see 'wuye site list'") }
            let defaultSite = site ?? (sites.count == 1 ? sites.keys.first : nil)
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let entries = try JSONIntake.parse(input, site: defaultSite, zoneOf: { sites[$0]?.zone }, now: env.now)
            if entries.isEmpty { throw WuyeError.badInput("no lines on standard input; give one JSON object per line") }
            let r = try store.takeIn(entries, actor: env.actor ?? "intake:json", now: env.now)
            let zone = sites[entries[0].site]?.zone ?? .utc
            IntakeCommand.summary(r.taken, already: r.already.count, unreadable: 0, json: json, zone: zone)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Messages waiting (or all, with --all).")
        @OptionGroup var g: GlobalOptions
        @Flag(help: "Every message: waiting, opened and discarded.") var all = false
        @Option(help: "Only this site.") var site: String?
        @Flag(help: "JSON output.") var json = false
        @Option(help: ArgumentHelp("At most this many (a page).", valueName: "N")) var limit: Int?
        @Option(help: ArgumentHelp("The messages after this one (the last id of the page before).", valueName: "ID")) var after: String?

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            if let limit, limit < 1 { throw WuyeError.badInput("--limit \(limit): give a number of messages, 1 or more") }
            let zones = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0.zone) })
            if let site, zones[site] == nil { throw WuyeError.notFound("unknown site \(site); see 'wuye site list'") }
            let rows = try store.intake(state: all ? nil : .new, site: site, limit: limit, after: after)
            if json { return Output.jsonArray(rows) { v, w in IntakeJSON.write(v, zone: zones[v.site] ?? .utc, into: &w) } }
            if rows.isEmpty { return Output.line(all ? "no messages taken in yet" : "no new messages") }
            Output.table(
                ["ID", "RECEIVED", "STATE", "FROM", "SUBJECT"],
                rows.map { v in
                    let zone = zones[v.site] ?? .utc
                    let state = v.state == .opened ? "→ \(v.item ?? "")" : v.state.rawValue
                    return [
                        v.id, ISOFormat.short(v.receivedAt, in: zone), state, v.sender,
                        (v.subject ?? String(v.text.prefix(60)))
                            + (v.attachments.isEmpty ? "" : "  (+\(v.attachments.count) file\(v.attachments.count == 1 ? "" : "s"))"),
                    ]
                })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One message whole: sender, date, text, attachments.")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The message's id (IN-3).") var id: String
        @Flag(help: "JSON output.") var json = false
        @Flag(help: "Also the header block as it came.") var headers = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let v = try store.intakeEntry(id)
            let zone = try store.site(v.site).zone
            if json {
                var w = JSONWriter()
                IntakeJSON.write(v, zone: zone, into: &w, headers: true)
                return Output.json(w)
            }
            for l in IntakeText.lines(v, zone: zone, headers: headers) { Output.line(l) }
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open", abstract: "Open a message as a complaint, enquiry or repair; prints the new item's id.",
            discussion: """
                The item is received at the message's date (clocks start then), by its channel, with the sender as owner \
                and the subject and text as its text, unless given here; it keeps the message as its original.
                """)
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The message's id (IN-3).") var id: String
        @Option(help: "complaint, enquiry or repair.") var kind: ItemKind
        @Option var category: String
        @Option(help: "The owner's unit, e.g. 3-1802.") var unit: String?
        @Option(help: "A common area (a location id) instead of a unit.") var location: String?
        @Option(help: "The item's text (default: the subject and the message, cut at 500 characters).") var text: String?
        @Option(help: "Default: the sender.") var owner: String?
        @Option var phone: String?
        @Flag var emergency = false
        @Flag var complex = false

        func run() throws {
            let env = try Env(g)
            let actor = try env.requireActor()
            let store = try env.store()
            let v = try store.intakeEntry(id)
            let opened = ItemOpened(
                kind: kind, site: v.site, unit: unit, location: location, channel: v.channel, category: category,
                text: text ?? v.itemText, owner: owner ?? v.ownerField, phone: phone ?? v.phone, emergency: emergency,
                complex: complex, limits: try store.standards().clocks)
            let item = try store.openFromIntake(v.id, .open(opened), actor: actor, now: env.now)
            Output.line(item.id)
        }
    }

    struct Discard: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "discard", abstract: "Set a message aside with the reason (spam, already an item, not for us); it is kept.")
        @OptionGroup var g: GlobalOptions
        @Argument(help: "The message's id (IN-3).") var id: String
        @Option var reason: String

        func run() throws {
            let env = try Env(g)
            let actor = try env.requireActor()
            let v = try env.store().discardIntake(id, reason: reason, actor: actor, now: env.now)
            Output.said("\(v.id) discarded")
        }
    }
}

extension ItemKind: ExpressibleByArgument {}
