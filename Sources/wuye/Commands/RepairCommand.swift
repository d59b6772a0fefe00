import ArgumentParser
import WuyeCore
import WuyeStore

struct RepairCommand: ParsableCommand {
    typealias K = RepairTag
    static let configuration = CommandConfiguration(
        commandName: "repair", abstract: "Repair requests (报修): acknowledge, respond on site, resolve.",
        subcommands: [
            Open.self, AssignStep<K>.self, Ack.self, RespondStep<K>.self, ResolveStep<K>.self, CloseStep<K>.self,
            PauseStep<K>.self, ResumeStep<K>.self, ReopenStep<K>.self, VoidStep<K>.self, EditStep<K>.self,
            ListStep<K>.self, ShowStep<K>.self,
        ])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Log a repair request; prints its new id alone.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String
        @Option(help: "Where: a location id.") var location: String?
        @Option(help: "Or the owner's unit.") var unit: String?
        @Option var text: String
        @Option var category: String = "repair"
        @Option(help: "How it was reported, if by an owner.") var channel: Channel?
        @Flag(help: "Emergency: a 15-minute acknowledgement.") var emergency = false
        @Option var owner: String?
        @Option var phone: String?
        @Option(help: ArgumentHelp("When it was reported (default now).", valueName: "TIME")) var at: String?

        func run() throws {
            try ItemCLI.open(
                ItemOpened(
                    kind: .repair, site: site, unit: unit, location: location, channel: channel, category: category,
                    text: text, owner: owner, phone: phone, emergency: emergency, limits: ClockLimits()),
                g: g, at: at)
        }
    }

    struct Ack: NoteStep {
        typealias K = RepairTag
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge the request (stops the acknowledge clock).")
        @OptionGroup var g: GlobalOptions
        @OptionGroup var step: StepOptions
        @OptionGroup var n: NoteOption
        func command(note: String?) -> ItemCommand { .acknowledge(note: note) }
    }
}
