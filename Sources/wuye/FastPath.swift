import WuyeCore
import WuyeStore

/// The lists that scripts, dashboards and the desk run over and over, read straight from
/// the argument vector. Argument Parser spends several milliseconds of every process
/// building its picture of all the commands (the Swift runtime looks up each command's
/// generic type and conformances), more than listing a page of items costs. A list
/// spelled plainly, every option in full and given once, takes this way; anything else
/// (help, a mistake, `--as-of`, `--name=value`, an unknown option) goes to Argument
/// Parser, which runs the same list or says what is wrong.
enum FastPath {
    /// The list named by `a`, ready to run, or nil for the full parser.
    static func command(_ a: [String]) -> (() throws(WuyeError) -> Void)? {
        guard a.count >= 2, a[1] == "list", let kind = ItemKind(rawValue: a[0]) else { return nil }
        var filter: ItemCLI.ListFilter?
        var json = false
        var values: [String: String] = [:]
        var i = 2
        while i < a.count {
            let x = a[i]
            switch x {
            case "--open", "--breached", "--all", "--overdue":
                guard filter == nil else { return nil }
                filter = x == "--overdue" ? .breached : ItemCLI.ListFilter(rawValue: String(x.dropFirst(2)))
            case "--json":
                guard !json else { return nil }
                json = true
            case "--site", "--limit", "--after", "--home", "--as":
                guard values[x] == nil, i + 1 < a.count, !a[i + 1].hasPrefix("-"), !a[i + 1].isEmpty else { return nil }
                values[x] = a[i + 1]
                i += 1
            default:
                return nil
            }
            i += 1
        }
        var limit: Int?
        if let l = values["--limit"] {
            guard let n = Int(l), n >= 1 else { return nil }
            limit = n
        }
        var g = GlobalOptions()
        g.home = values["--home"]
        g.actor = values["--as"]
        let page = Store.Page(limit: limit, after: values["--after"])
        return { () throws(WuyeError) in
            try ItemCLI.list(kind, filter: filter ?? .open, site: values["--site"], json: json, asOf: nil, page: page, g: g)
        }
    }
}
