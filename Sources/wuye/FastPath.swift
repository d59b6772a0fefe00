import WuyeCore
import WuyeStore

/// The commands that the desk, scripts and dashboards run over and over, read straight
/// from the argument vector: a list, and a step that takes only a note (respond, close,
/// …). Argument Parser spends several milliseconds of every process building its picture
/// of the commands (the Swift runtime looks up each command's generic type and
/// conformances), more than the step or a page of a list costs. A command spelled
/// plainly, every option in full and given once, takes this way; anything else (help, a
/// mistake, `--as-of`, `--name=value`, an option it does not know) goes to Argument
/// Parser, which runs the same code or says what is wrong.
enum FastPath {
    /// The command named by `a`, ready to run, or nil for the full parser.
    static func command(_ a: [String]) -> (() throws(WuyeError) -> Void)? {
        guard a.count >= 2, let kind = ItemKind(rawValue: a[0]) else { return nil }
        if a[1] == "list" { return list(kind, Array(a.dropFirst(2))) }
        if let step = noteSteps[kind]?[a[1]] { return noteStep(kind, step, Array(a.dropFirst(2))) }
        return nil
    }

    /// The steps of each kind that take only a note (`NoteStep`, and resolve without a
    /// cost), as the command tree names them.
    static let noteSteps: [ItemKind: [String: @Sendable (String?) -> ItemCommand]] = [
        .complaint: [
            "respond": { .respond(note: $0) }, "progress": { .progress(note: $0) }, "resolve": { .resolve(note: $0) },
            "close": { .close(note: $0) }, "resume": { .resume(note: $0) },
        ],
        .enquiry: ["answer": { .answer(note: $0) }, "close": { .close(note: $0) }],
        .repair: [
            "ack": { .acknowledge(note: $0) }, "respond": { .respond(note: $0) }, "resolve": { .resolve(note: $0) },
            "close": { .close(note: $0) }, "resume": { .resume(note: $0) },
        ],
    ]

    static func list(_ kind: ItemKind, _ a: [String]) -> (() throws(WuyeError) -> Void)? {
        guard
            let o = Options(a, flags: ["--open", "--breached", "--all", "--overdue", "--json"], values: ["--site", "--limit", "--after"]),
            o.positionals.isEmpty
        else { return nil }
        let filters = o.flags.subtracting(["--json"])
        guard filters.count <= 1 else { return nil }
        let filter: ItemCLI.ListFilter =
            switch filters.first {
            case "--all": .all
            case "--breached", "--overdue": .breached
            default: .open
            }
        var limit: Int?
        if let l = o.values["--limit"] {
            guard let n = Int(l), n >= 1 else { return nil }
            limit = n
        }
        let page = Store.Page(limit: limit, after: o.values["--after"])
        let g = o.global
        return { () throws(WuyeError) in
            try ItemCLI.list(kind, filter: filter, site: o.values["--site"], json: o.flags.contains("--json"), asOf: nil, page: page, g: g)
        }
    }

    static func noteStep(_ kind: ItemKind, _ step: @escaping @Sendable (String?) -> ItemCommand, _ a: [String]) -> (
        () throws(WuyeError) -> Void
    )? {
        guard let o = Options(a, flags: ["--json"], values: ["--note", "--at"]), o.positionals.count == 1 else { return nil }
        let g = o.global
        return { () throws(WuyeError) in
            try ItemCLI.act(kind, o.positionals[0], g: g, at: o.values["--at"], json: o.flags.contains("--json")) { _, _ in
                [step(o.values["--note"])]
            }
        }
    }

    /// Options read plainly: known flags and `--name value` options each given at most
    /// once (with `--home` and `--as`, which every command takes), and positional
    /// arguments; nil for anything else.
    struct Options {
        var flags: Set<String> = []
        var values: [String: String] = [:]
        var positionals: [String] = []

        init?(_ a: [String], flags known: Set<String>, values takes: Set<String>) {
            let takes = takes.union(["--home", "--as", "--store"])
            var i = 0
            while i < a.count {
                let x = a[i]
                if known.contains(x) {
                    guard flags.insert(x).inserted else { return nil }
                } else if takes.contains(x) {
                    guard values[x] == nil, i + 1 < a.count, !a[i + 1].isEmpty, !a[i + 1].hasPrefix("-") else { return nil }
                    values[x] = a[i + 1]
                    i += 1
                } else if !x.isEmpty, !x.hasPrefix("-") {
                    positionals.append(x)
                } else {
                    return nil
                }
                i += 1
            }
        }

        var global: GlobalOptions {
            var g = GlobalOptions()
            g.home = values["--home"]
            g.actor = values["--as"]
            g.store = values["--store"]
            return g
        }
    }
}
