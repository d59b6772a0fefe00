import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

#if PostgreSQL
    import WuyePostgres
#endif

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The data folder (else $WUYE_HOME, else $XDG_DATA_HOME/wuye or ~/.local/share/wuye).", valueName: "DIR"))
    var home: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The staff member acting (else $WUYE_AS).", valueName: "STAFF"))
    var actor: String?

    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "A shared store: postgres://USER@HOST[:PORT]/DATABASE (else $WUYE_STORE, else the data folder's own file).",
            valueName: "URL"))
    var store: String?
}

/// Where the data lives, who acts and what time it is, for one command.
struct Env {
    let home: String
    let now: Instant
    let actor: String?
    /// The shared store's address (`--store`, else `WUYE_STORE`), or nil for the data
    /// folder's own store file.
    var storeURL: String?

    init(_ g: GlobalOptions) throws(WuyeError) {
        let env = ProcessInfo.processInfo.environment
        storeURL = [g.store, env["WUYE_STORE"]].compactMap { $0 }.first { !$0.isEmpty }
        if let h = g.home, !h.isEmpty {
            home = h
        } else if let h = env["WUYE_HOME"], !h.isEmpty {
            home = h
        } else if let x = env["XDG_DATA_HOME"], !x.isEmpty {
            home = (x as NSString).appendingPathComponent("wuye")
        } else {
            home = (NSHomeDirectory() as NSString).appendingPathComponent(".local/share/wuye")
        }
        let real = Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
        if let n = env["WUYE_NOW"], !n.isEmpty {
            guard let t = TimeInput.parse(n, zone: .utc, now: real) else {
                throw .badInput("WUYE_NOW '\(n)' is not a time; \(TimeInput.help)")
            }
            now = t
        } else {
            now = real
        }
        actor = g.actor ?? env["WUYE_AS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The store's database file in the data folder (with a shared store, this machine's
    /// working copy of it).
    var storePath: String { (storeHome as NSString).appendingPathComponent("wuye.sqlite") }

    /// The folder of the store file: the data folder, or with a shared store the working
    /// copy's own folder inside it (one per shared store).
    var storeHome: String {
        guard let url = storeURL else { return home }
        // The host, port and database, without the user, password or options.
        let rest = url.range(of: "://").map { String(url[$0.upperBound...]) } ?? url
        let address = rest.split(separator: "?").first?.split(separator: "@").last.map(String.init) ?? rest
        let slug = String(
            address.unicodeScalars.map { c -> Character in
                c.isASCII && CharacterSet.alphanumerics.contains(c) ? Character(c) : "-"
            })
        return (home as NSString).appendingPathComponent("shared/\(slug)")
    }

    func store(create: Bool = false) throws(WuyeError) -> Store {
        guard let url = storeURL else { return try Store.open(home: home, create: create) }
        return try Store.open(journal: try journal(url), home: storeHome, create: create)
    }

    /// The shared journal at `url`.
    func journal(_ url: String) throws(WuyeError) -> any SharedJournal {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw .badInput("--store '\(url)' is not a store address; give postgres://USER@HOST[:PORT]/DATABASE")
        }
        #if PostgreSQL
            return try PostgresJournal(url: url)
        #else
            throw .storeUnusable(
                "this wuye was built without PostgreSQL, so it cannot open \(url); build it with 'swift build -c release --traits PostgreSQL' (see docs/deploying.md)"
            )
        #endif
    }

    func requireActor() throws(WuyeError) -> String {
        guard let a = actor else {
            throw .badInput("say who is acting: give --as STAFF or set WUYE_AS (see 'wuye staff list')")
        }
        return a
    }

    /// Reads `--as-of` in the zone of the site given (else of the first site): looking at
    /// the past, so a time still to come is refused.
    func asOf(_ raw: String?, store: Store, site: String?) throws(WuyeError) -> Instant? {
        guard let raw else { return nil }
        let zone: Zone
        if let site { zone = try store.site(site).zone } else { zone = try store.sites().first?.zone ?? .utc }
        let t = try time(raw, zone: zone, option: "--as-of")!
        if t > now {
            throw .badInput("--as-of \(raw) is still to come; it looks at the past (now is \(ISOFormat.string(now, in: zone)))")
        }
        return t
    }

    /// What a report or the console reads: the live store and now, or with `--as-of` a
    /// snapshot of the store as it stood then, and that instant.
    struct Reading {
        let store: Store
        let now: Instant
        /// Kept alive while the snapshot is read: its scratch file goes with it.
        let past: Snapshot?

        /// The calendar month `now` falls in, in the first site's zone (a report's default).
        func thisMonth() throws(WuyeError) -> Period {
            let today = (try store.sites().first?.zone ?? .utc).date(of: now)
            return .month(today.year, today.month)
        }

        /// The line that heads a report of the past; nil for the live store.
        func pastLine() throws(WuyeError) -> String? {
            guard let past else { return nil }
            return "As it stood at \(ISOFormat.string(past.asOf, in: try store.sites().first?.zone ?? .utc))"
        }
    }

    func reading(_ asOf: String?, of live: Store, site: String?) throws(WuyeError) -> Reading {
        guard let t = try self.asOf(asOf, store: live, site: site) else { return Reading(store: live, now: now, past: nil) }
        if isatty(STDERR_FILENO) == 1 {
            let zone = try live.sites().first?.zone ?? .utc
            Output.note(
                "reading the store as it stood at \(ISOFormat.string(t, in: zone)) (the latest snapshot before it and the events since)")
        }
        let past = try live.snapshot(asOf: t)
        return Reading(store: past.store, now: t, past: past)
    }

    /// `--json`, `--csv` and `--html` exclude one another.
    static func oneFormat(_ flags: Bool...) throws(WuyeError) {
        if flags.filter({ $0 }).count > 1 { throw .badInput("give one of --json, --csv or --html") }
    }

    /// Reads `--at` for a step at `site`: in its zone, and not before the site was taken on
    /// (nothing of a site is recorded before Wuye kept it; older history is imported).
    func at(_ raw: String?, site: Site) throws(WuyeError) -> Instant? {
        guard let t = try time(raw, zone: site.zone) else { return nil }
        if let since = site.since, t < since {
            throw .refused(
                "--at \(raw ?? "") is before \(site.id) was taken on (\(ISOFormat.string(since, in: site.zone))); nothing is recorded there before then. Older history is brought in with 'wuye import'"
            )
        }
        return t
    }

    /// Reads `--at` (or `--as-of`) in the site's zone.
    func time(_ raw: String?, zone: Zone, option: String = "--at") throws(WuyeError) -> Instant? {
        guard let raw else { return nil }
        guard let t = TimeInput.parse(raw, zone: zone, now: now) else {
            throw .badInput("\(option) '\(raw)' is not a time; \(TimeInput.help)")
        }
        return t
    }
}
