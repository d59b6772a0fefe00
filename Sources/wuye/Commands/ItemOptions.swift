import ArgumentParser
import WuyeCore
import WuyeStore

extension Channel: ExpressibleByArgument {}

/// `ID [--at TIME] [--json]`, shared by every step on an item.
struct StepOptions: ParsableArguments {
    @Argument(help: "The item's id, e.g. C-12.")
    var id: String

    @Option(
        help: ArgumentHelp("When it really happened (default now); not in the future, not before the previous step.", valueName: "TIME"))
    var at: String?

    @Flag(help: "Print the item as JSON after the change.")
    var json = false
}

struct NoteOption: ParsableArguments {
    @Option(help: "A note for the timeline.")
    var note: String?
}

struct ReasonOption: ParsableArguments {
    @Option(help: "Why (required; kept in the audit trail).")
    var reason: String
}

struct ListOptions: ParsableArguments {
    @Flag(exclusivity: .exclusive)
    var filter: ItemCLI.ListFilter = .open

    @Option(help: "Only this site.")
    var site: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Show the state as it stood then (read-only).", valueName: "TIME"))
    var asOf: String?

    @Flag(help: "JSON output.")
    var json = false

    @Option(help: ArgumentHelp("At most this many items (a page).", valueName: "N"))
    var limit: Int?

    @Option(help: ArgumentHelp("The items after this one in the list's order (the last id of the page before).", valueName: "ID"))
    var after: String?

    func page() throws(WuyeError) -> Store.Page {
        if let limit, limit < 1 { throw .badInput("--limit \(limit): give a number of items, 1 or more") }
        if after != nil, asOf != nil { throw .badInput("--after pages the list as it is now; it cannot be given with --as-of") }
        return Store.Page(limit: limit, after: after)
    }
}

struct ShowOptions: ParsableArguments {
    @Argument(help: "The item's id.")
    var id: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Show the state as it stood then (read-only).", valueName: "TIME"))
    var asOf: String?

    @Flag(help: "JSON output.")
    var json = false
}

/// The options of `edit`: each field given is corrected, with one reason for all.
struct EditOptions: ParsableArguments {
    @Option var text: String?
    @Option var category: String?
    @Option var unit: String?
    @Option var location: String?
    @Option var owner: String?
    @Option var phone: String?
    @Option var channel: String?
    @Flag(help: "Reclassify as an emergency.") var emergency = false
    @Flag(help: "Reclassify as routine.") var routine = false
    @Flag(help: "Reclassify as complex (complaints).") var complex = false
    @Flag(help: "Reclassify as simple (complaints).") var simple = false
    @Option(help: "Why (required).") var reason: String

    func commands() throws(WuyeError) -> [ItemCommand] {
        if emergency && routine { throw .badInput("give --emergency or --routine, not both") }
        if complex && simple { throw .badInput("give --complex or --simple, not both") }
        var out: [ItemCommand] = []
        let fields: [(String, String?)] = [
            ("text", text), ("category", category), ("unit", unit), ("location", location), ("owner", owner),
            ("phone", phone), ("channel", channel),
        ]
        for (f, v) in fields where v != nil { out.append(.edit(field: f, value: v, reason: reason)) }
        let e: Bool? = emergency ? true : (routine ? false : nil)
        let c: Bool? = complex ? true : (simple ? false : nil)
        if e != nil || c != nil { out.append(.reclassify(emergency: e, complex: c, reason: reason)) }
        if out.isEmpty {
            throw .badInput("nothing to edit; give a field such as --text, --unit or --emergency, and --reason")
        }
        return out
    }
}
