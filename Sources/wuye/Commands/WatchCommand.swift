import ArgumentParser
import Foundation
import WuyeAlerts
import WuyeCore
import WuyeStore

/// `wuye watch`: the alerts beyond the screen (see docs/alerts.md).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Follow the store and the clocks; record each notice once and deliver it (e-mail, hooks).",
        discussion: """
            Notices: a clock due soon or breached (to its holder), a breach unacknowledged past the ladder's minutes (to the \
            site's supervisor), an escalation, a patrol round missed, a corrective action overdue. Several watchers may run \
            against one store: each notice is recorded and sent once. The notify file is notify.toml in the data folder.
            """)
    @OptionGroup var g: GlobalOptions
    @Option(help: ArgumentHelp("The notify file (default: notify.toml in the data folder).", valueName: "FILE")) var notify: String?
    @Flag(help: "One pass, then exit (for cron, and to try a notify file).") var once = false

    func run() throws {
        let env = try Env(g)
        let store = try env.store()
        let path = notify ?? (env.home as NSString).appendingPathComponent("notify.toml")
        guard let text = try? readFile(path) else {
            throw WuyeError.notFound("no notify file at \(path); write one (see docs/alerts.md) or give --notify FILE")
        }
        let config = try NotifyConfig.parse(text, file: (path as NSString).lastPathComponent)
        let watcher = Watcher(store: store, config: config, id: "watch:\(ProcessInfo.processInfo.hostName):\(getpid())")
        // The clock runs on from $WUYE_NOW (or the real time), as the console's does.
        let start = env.now
        // On the real clock, the passes fall on its whole seconds (a clock crosses on one),
        // so a crossing is seen at once, not up to a second late by when the process began.
        let fake = !(ProcessInfo.processInfo.environment["WUYE_NOW"] ?? "").isEmpty
        let began = fake ? Date() : Date(timeIntervalSince1970: TimeInterval(start.seconds))
        func now() -> Instant { start + Int64(Date().timeIntervalSince(began)) }
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let stop = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let stopping = Stopping()
        var reported = Set<String>()
        for s in [stop, interrupt] {
            s.setEventHandler { @Sendable in stopping.set() }
            s.resume()
        }
        // Mail taken in as it arrives: a look at each Maildir's new/ every pass (one
        // directory read), the messages committed before they are moved.
        var intakes: [(dir: String, run: MaildirIntake)] = []
        for src in config.intake {
            try MaildirIntake.check(src.maildir)
            let site = try IntakeCommand.site(src.site, store: store, how: "site = \"…\" in the [[intake]] of \(src.maildir)")
            intakes.append((src.maildir, MaildirIntake(store: store, site: site.id, actor: "intake:maildir")))
        }
        repeat {
            let t = now()
            for i in intakes where MaildirIntake.hasNew(i.dir, skipping: reported) {
                do {
                    let r = try i.run.run(i.dir, skipping: reported, now: now)
                    for v in r.taken { Output.line("\(ISOFormat.string(t, in: .utc)) took in \(v.id) from \(v.sender)") }
                    for u in r.unreadable where !reported.contains(u.file) {
                        reported.insert(u.file)
                        Output.warn("\(i.dir): \(u.file) left in new/: \(u.reason)")
                    }
                } catch {
                    // The store busy, a folder gone: said, and tried again at the next pass.
                    Output.warn("\(i.dir): \(error.message)")
                }
            }
            try watcher.pass(now: t)
            for n in watcher.recorded { Output.line("\(ISOFormat.string(t, in: .utc)) recorded \(n.key): \(n.title)") }
            for k in watcher.delivered { Output.line("\(ISOFormat.string(t, in: .utc)) delivered \(k)") }
            for f in watcher.failed { Output.line("\(ISOFormat.string(t, in: .utc)) not delivered \(f.key): \(f.error)") }
            Output.flush()
            if once { break }
            // Sleep to the next whole second: moments are whole seconds, and each second
            // the pass asks the store whether anything was committed (one PRAGMA while
            // idle, the rest waiting for `next`). A signal ends the sleep at once.
            let elapsed = Date().timeIntervalSince(began)
            _ = stopping.wake.wait(timeout: .now() + (1 - (elapsed - elapsed.rounded(.down))))
        } while !stopping.value
    }
}

/// Set by a signal handler, read by the loop.
final class Stopping: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    /// Signalled when it is time to stop: the loop's sleep ends at once.
    let wake = DispatchSemaphore(value: 0)
    func set() {
        lock.withLock { stopped = true }
        wake.signal()
    }
    var value: Bool { lock.withLock { stopped } }
}

/// `wuye notice list`: what the watchers recorded, delivered or could not deliver.
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "Notices recorded by wuye watch: delivered, waiting, or failed.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Notices, the newest first.")
        @OptionGroup var g: GlobalOptions
        @Flag(help: "Only those not delivered (failed, waiting for a retry).") var failed = false
        @Option(help: "At most this many.") var limit = 200
        @Flag var json = false

        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0.zone) })
            let rows = try store.notices(limit: limit, failedOnly: failed)
            if json {
                var w = JSONWriter()
                w.beginArray()
                for r in rows {
                    let zone = zones[r.notice.site] ?? .utc
                    w.beginObject()
                    w.field("key", r.notice.key)
                    w.field("kind", r.notice.kind.rawValue)
                    w.field("subject", r.notice.subject)
                    w.field("site", r.notice.site)
                    w.key("to")
                    w.beginArray()
                    for t in r.notice.to { w.string(t) }
                    w.endArray()
                    w.field("title", r.notice.title)
                    w.field("emergency", r.notice.emergency)
                    w.key("at")
                    w.instant(r.notice.at, zone: zone)
                    w.field("state", r.state)
                    w.field("attempts", r.attempts)
                    w.key("next_attempt")
                    if let n = r.nextAt, r.state != "delivered" { w.instant(n, zone: zone) } else { w.null() }
                    w.field("channel", r.channel)
                    w.field("error", r.error)
                    w.endObject()
                }
                w.endArray()
                return Output.json(w)
            }
            if rows.isEmpty { return Output.line(failed ? "every notice was delivered" : "no notices yet (is wuye watch running?)") }
            Output.table(
                ["KEY", "KIND", "STATE", "TRIES", "TO", "TITLE"],
                rows.map { r in
                    [
                        r.notice.key, r.notice.kind.rawValue, r.state + (r.error.map { ": \($0)" } ?? ""), String(r.attempts),
                        r.notice.to.joined(separator: ","), r.notice.title,
                    ]
                })
        }
    }
}
