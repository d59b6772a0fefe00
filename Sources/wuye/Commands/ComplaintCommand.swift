import ArgumentParser
import WuyeCore
import WuyeStore

struct ComplaintCommand: ParsableCommand {
    typealias K = ComplaintTag
    static let configuration = CommandConfiguration(
        commandName: "complaint", abstract: "Owners' complaints (投诉): log, work, call back.",
        subcommands: [
            Open.self, AssignStep<K>.self, RespondStep<K>.self, Progress.self, ResolveStep<K>.self, Callback.self,
            CloseStep<K>.self, PauseStep<K>.self, ResumeStep<K>.self, ReopenStep<K>.self, VoidStep<K>.self,
            EditStep<K>.self, ListStep<K>.self, ShowStep<K>.self,
        ])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Log a complaint; prints its new id alone.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String
        @Option(help: "The owner's unit, e.g. 3-1802.") var unit: String?
        @Option(help: "A common area (a location id) instead of a unit.") var location: String?
        @Option(help: "hotline, email, wechat or walk-in.") var channel: Channel
        @Option var category: String
        @Option var text: String
        @Flag(help: "Emergency: a 15-minute response.") var emergency = false
        @Flag(help: "Complex: progress reports every 72 h instead of a 24-h result.") var complex = false
        @Option var owner: String?
        @Option var phone: String?
        @Option(help: ArgumentHelp("When the owner reported it (default now).", valueName: "TIME")) var at: String?

        func run() throws {
            try ItemCLI.open(
                ItemOpened(
                    kind: .complaint, site: site, unit: unit, location: location, channel: channel, category: category,
                    text: text, owner: owner, phone: phone, emergency: emergency, complex: complex, limits: ClockLimits()),
                g: g, at: at)
        }
    }

    struct Progress: NoteStep {
        typealias K = ComplaintTag
        static let configuration = CommandConfiguration(
            commandName: "progress", abstract: "Report progress on a complex complaint (restarts the 72-h clock).")
        @OptionGroup var g: GlobalOptions
        @OptionGroup var step: StepOptions
        @OptionGroup var n: NoteOption
        func command(note: String?) -> ItemCommand { .progress(note: note) }
    }

    struct Callback: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "callback", abstract: "Record the callback (回访) with the owner's rating.")
        @OptionGroup var g: GlobalOptions
        @OptionGroup var step: StepOptions
        @Option(help: "The owner's rating, 1–5.") var rating: Int
        @OptionGroup var n: NoteOption
        func run() throws {
            try ItemCLI.act(.complaint, step.id, g: g, at: step.at, json: step.json) { _, _ in [.callback(rating: rating, note: n.note)] }
        }
    }
}
