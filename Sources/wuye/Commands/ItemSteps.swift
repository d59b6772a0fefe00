import ArgumentParser
import WuyeCore
import WuyeStore

/// Names the kind of item a generic step works on.
protocol ItemKindTag {
    static var kind: ItemKind { get }
}

enum ComplaintTag: ItemKindTag { static var kind: ItemKind { .complaint } }
enum EnquiryTag: ItemKindTag { static var kind: ItemKind { .enquiry } }
enum RepairTag: ItemKindTag { static var kind: ItemKind { .repair } }

/// A step that takes only a note.
protocol NoteStep: ParsableCommand {
    associatedtype K: ItemKindTag
    var g: GlobalOptions { get }
    var step: StepOptions { get }
    var n: NoteOption { get }
    func command(note: String?) -> ItemCommand
}

extension NoteStep {
    func run() throws {
        try ItemCLI.act(K.kind, step.id, g: g, at: step.at, json: step.json) { _, _ in [command(note: n.note)] }
    }
}

/// A step that needs a reason.
protocol ReasonStep: ParsableCommand {
    associatedtype K: ItemKindTag
    var g: GlobalOptions { get }
    var step: StepOptions { get }
    var r: ReasonOption { get }
    func command(reason: String) -> ItemCommand
}

extension ReasonStep {
    func run() throws {
        try ItemCLI.act(K.kind, step.id, g: g, at: step.at, json: step.json) { _, _ in [command(reason: r.reason)] }
    }
}

struct AssignStep<K: ItemKindTag>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "assign", abstract: "Assign to a department of the site, or to a staff member.",
            discussion: """
                --to takes a department (its id or name from the site file: engineering or 工程部) or a staff id. \
                With both --to DEPARTMENT and --person STAFF, it goes to that department and that person of it.
                """)
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @Option(help: ArgumentHelp("A department (id or name) or a staff member.", valueName: "DEPARTMENT|STAFF")) var to: String
    @Option(help: ArgumentHelp("A person of that department.", valueName: "STAFF")) var person: String?
    @OptionGroup var n: NoteOption
    func run() throws {
        try ItemCLI.act(K.kind, step.id, g: g, at: step.at, json: step.json) { item, store throws(WuyeError) in
            let site = try store.site(item.site)
            if let department = site.department(to) {
                return [.assign(to: try person.map { p throws(WuyeError) in try store.staff(p) }, department: department, note: n.note)]
            }
            guard let staff = try? store.staff(to) else {
                throw .notFound(
                    "\(to) is neither a department of \(site.id) (\(site.departments.map { "\($0.id) \($0.name)" }.joined(separator: ", "))) nor a staff member"
                )
            }
            if person != nil { throw .badInput("--person goes with --to DEPARTMENT; --to \(to) is a person already") }
            return [.assign(to: staff, note: n.note)]
        }
    }
}

struct RespondStep<K: ItemKindTag>: NoteStep {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "respond",
            abstract: K.kind == .repair
                ? "The technician responds on site (stops the on-site clock)."
                : "Record the first response (stops the response clock).")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var n: NoteOption
    func command(note: String?) -> ItemCommand { .respond(note: note) }
}

struct ResolveStep<K: ItemKindTag>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "resolve",
            abstract: K.kind == .complaint
                ? "Feed the result back to the owner (starts the callback clock)." : "Record the repair as resolved.",
            discussion: K.kind == .repair ? "--cost MATERIALS[,LABOUR] records what it cost (plan 4.2), e.g. --cost 120,80." : "")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var n: NoteOption
    @Option(help: ArgumentHelp("A repair's cost: materials, then labour (e.g. 120,80 or 120).", valueName: "MATERIALS[,LABOUR]"))
    var cost: String?

    func run() throws {
        var amount: (materials: Double, labour: Double)?
        if let cost {
            if K.kind != .repair { throw WuyeError.badInput("--cost is for repairs; a \(K.kind.rawValue) has no cost") }
            let parts = cost.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(parts.count), let m = Double(parts[0]), parts.count == 1 || Double(parts[1]) != nil else {
                throw WuyeError.badInput("--cost takes MATERIALS[,LABOUR] as numbers, such as 120,80; got '\(cost)'")
            }
            amount = (m, parts.count == 2 ? Double(parts[1])! : 0)
        }
        try ItemCLI.act(K.kind, step.id, g: g, at: step.at, json: step.json, cost: amount) { _, _ in [.resolve(note: n.note)] }
    }
}

struct CloseStep<K: ItemKindTag>: NoteStep {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "close", abstract: "Close a finished item.") }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var n: NoteOption
    func command(note: String?) -> ItemCommand { .close(note: note) }
}

struct ResumeStep<K: ItemKindTag>: NoteStep {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "resume", abstract: "Resume paused clocks.") }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var n: NoteOption
    func command(note: String?) -> ItemCommand { .resume(note: note) }
}

struct PauseStep<K: ItemKindTag>: ReasonStep {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "pause", abstract: "Pause the clocks that can pause, with a reason (waiting on the owner or on parts).")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var r: ReasonOption
    func command(reason: String) -> ItemCommand { .pause(reason: reason) }
}

struct ReopenStep<K: ItemKindTag>: ReasonStep {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "reopen", abstract: "Reopen: a new cycle of clocks; the old one stays in the history.")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var r: ReasonOption
    func command(reason: String) -> ItemCommand { .reopen(reason: reason) }
}

struct VoidStep<K: ItemKindTag>: ReasonStep {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "void", abstract: "Void an item entered by mistake (kept, excluded from figures).")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var r: ReasonOption
    func command(reason: String) -> ItemCommand { .void(reason: reason) }
}

struct EditStep<K: ItemKindTag>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "edit", abstract: "Correct fields or reclassify, with a reason.")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var step: StepOptions
    @OptionGroup var e: EditOptions
    func run() throws {
        let cmds = try e.commands()
        try ItemCLI.act(K.kind, step.id, g: g, at: step.at, json: step.json) { _, _ in cmds }
    }
}

struct ListStep<K: ItemKindTag>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List \(K.kind.rawValue)s, nearest deadline first.")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var o: ListOptions
    @Flag(help: "The same as --breached: past one of its limits.") var overdue = false
    func run() throws {
        try ItemCLI.list(K.kind, filter: overdue ? .breached : o.filter, site: o.site, json: o.json, asOf: o.asOf, page: try o.page(), g: g)
    }
}

struct ShowStep<K: ItemKindTag>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: "One \(K.kind.rawValue) with its clocks and timeline.")
    }
    @OptionGroup var g: GlobalOptions
    @OptionGroup var o: ShowOptions
    func run() throws { try ItemCLI.show(K.kind, o.id, json: o.json, asOf: o.asOf, g: g) }
}
