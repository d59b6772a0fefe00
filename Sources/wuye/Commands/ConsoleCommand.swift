import ArgumentParser
import Foundation
import WuyeConsole
import WuyeCore
import WuyeStore

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Open the console (the default): live clocks, today's checklist, overdue repairs, figures.",
        discussion: """
            Keys: arrows or j/k move, Tab switches pane, Enter opens an item, / filters, Space ticks a duty, s switches site, \
            ? or F1 help, Ctrl-L redraws, q quits. When standard output is not a terminal, prints the board as text.
            """)
    @OptionGroup var g: GlobalOptions
    @Option(help: "Show one site.") var site: String?
    // Signing in: --as STAFF (or WUYE_AS) signs that person in, unless they have a PIN; then,
    // and without --as, the console asks who is there first. Ctrl-X locks the desk again.
    @Option(help: "A theme from themes/ (default, light, high-contrast, mono).") var theme: String?
    @Option(help: "Interface language: en or zh.") var lang: String?
    @Option(help: ArgumentHelp("A key-map file (TOML) that rebinds actions by id.", valueName: "FILE")) var keys: String?
    @Flag(help: "No terminal bell when a clock crosses into due soon or breached.") var noBell = false
    @Flag(help: "Draw with ASCII only (the default on TERM=linux, vt100 and the like).") var ascii = false
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Show everything as it stood at that time, read-only (replays the journal).", valueName: "TIME"))
    var asOf: String?

    func run() throws {
        let env = try Env(g)
        let live = try openOrBuildDemo(env)
        if let site { _ = try live.site(site) }
        let reading = try env.reading(asOf, of: live, site: site)
        let store = reading.store
        let now = reading.now
        let past = reading.past?.asOf
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            try Board.print(store: store, site: site, now: now)
            return
        }
        let config = ConsoleConfig.load()
        var warnings: [String] = config.warnings
        let asciiOnly = ascii || Glyphs.terminalIsASCII(term: ProcessInfo.processInfo.environment["TERM"], utf8: true)
        let (themeValue, themeWarnings) = ThemeLoader.load(theme ?? config.theme, ascii: asciiOnly)
        warnings += themeWarnings
        var keyMap = KeyMap()
        if let path = keys ?? config.keysFile {
            if let text = try? readFile(path) {
                let (k, w) = KeyMap.load(text, file: path)
                keyMap = k
                warnings += w
            } else if keys != nil {
                throw WuyeError.notFound("cannot read the key map \(path)")
            }
        }
        for w in warnings { Output.warn(w) }
        let board = try WuyeConsole.Board.load(store: store, actor: env.actor, now: now)
        let strings = Strings(Strings.detect(lang ?? config.lang))
        let startSite = site ?? config.site
        let bell = !(noBell || config.bell == false)
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        // The console's one thread is the main thread: it owns the terminal.
        try MainActor.assumeIsolated { () throws in
            let app = ConsoleApp(store: store, board: board, theme: themeValue, strings: strings, keys: keyMap, now: now)
            app.ui.site = startSite
            app.ui.bell = bell && past == nil
            app.ui.asOf = past
            app.readOnly = past != nil
            // Catch-up and figures on a connection and thread of their own.
            if past == nil, !store.readOnly { app.worker = try? BoardWorker(storeFile: store.path) }
            // A shared store: other terminals' commits are taken in as they are made.
            if past == nil, let url = env.storeURL {
                let follower = try SharedFollower(journal: try env.journal(url), home: env.storeHome)
                app.sharedConnected = { follower.isConnected }
            }
            if let first = warnings.first { app.ui.say(first, error: true, now: now) }
            // Who is at this desk: asked when nobody was named with --as, or when the one
            // named signs in with a PIN. Looking at the past needs no sign-in (nothing changes).
            if past == nil, env.actor == nil || (try? live.hasPin(env.actor!)) == true {
                app.requireSignIn(prefill: env.actor)
            } else {
                app.openRoleScreen()
            }
            try ConsoleLoop.run(app: app, clock: ConsoleLoop.Clock(start: now, frozen: past != nil))
            withExtendedLifetime(reading) {}
        }
    }
}

/// `$XDG_CONFIG_HOME/wuye/config.toml`: theme, lang, bell, site, keys.
struct ConsoleConfig {
    var theme: String?
    var lang: String?
    var bell: Bool?
    var site: String?
    var keysFile: String?
    var warnings: [String] = []

    static func load() -> ConsoleConfig {
        var c = ConsoleConfig()
        let env = ProcessInfo.processInfo.environment
        let dir = (env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.config") + "/wuye"
        let keys = dir + "/keys.toml"
        if FileManager.default.fileExists(atPath: keys) { c.keysFile = keys }
        guard let data = FileManager.default.contents(atPath: dir + "/config.toml") else { return c }
        do {
            var r = try TOMLReader.parse(String(decoding: data, as: UTF8.self), file: dir + "/config.toml")
            c.theme = try r.string("theme")
            c.lang = try r.string("lang")
            c.bell = try r.bool("bell")
            c.site = try r.string("site")
            if let k = try r.string("keys") { c.keysFile = k }
            try r.rejectUnknown()
        } catch {
            c.warnings.append("\(dir)/config.toml: \(error.message); using the defaults")
        }
        return c
    }
}

/// The first run on an empty data folder builds the demo property and says so.
func openOrBuildDemo(_ env: Env) throws(WuyeError) -> Store {
    // A shared store is set up once, by 'wuye init --store URL'.
    if env.storeURL != nil { return try env.store() }
    let exists = FileManager.default.fileExists(atPath: env.storePath)
    if exists { return try env.store() }
    try Demo.create(home: env.home, now: env.now)
    let store = try env.store()
    if isatty(STDOUT_FILENO) == 1 {
        Output.warn("no data yet: built the demo property in \(env.home) (use 'wuye init --site FILE' for your own)")
    } else {
        Output.line("No data yet: built the demo property in \(env.home) (use 'wuye init --site FILE' for your own).")
    }
    return store
}

/// The live board as text: every open item, nearest deadline first.
enum Board {
    static func print(store: Store, site: String?, now: Instant) throws(WuyeError) {
        let sites = try store.sites()
        let items = try store.items(kind: nil, filter: .open, site: site)
        let zone = sites.first?.zone ?? .utc
        Output.line("Wuye — \(site ?? "all sites")  \(ISOFormat.short(now, in: zone))\(try store.isDemo() ? "  DEMO" : "")")
        Output.line("")
        if items.isEmpty {
            Output.said("no open items")
            return
        }
        Output.table(["ID", "SITE", "PLACE", "STATUS", "CLOCK", "LEFT", "TEXT"], items.map { ItemCLI.row($0, now: now) })
    }
}
