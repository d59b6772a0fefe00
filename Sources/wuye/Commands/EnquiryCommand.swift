import ArgumentParser
import WuyeCore
import WuyeStore

struct EnquiryCommand: ParsableCommand {
    typealias K = EnquiryTag
    static let configuration = CommandConfiguration(
        commandName: "enquiry", abstract: "Owners' enquiries (咨询), answered within 30 minutes.",
        subcommands: [
            Open.self, AssignStep<K>.self, Answer.self, CloseStep<K>.self, ReopenStep<K>.self, VoidStep<K>.self,
            EditStep<K>.self, ListStep<K>.self, ShowStep<K>.self,
        ])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Log an enquiry; prints its new id alone.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String
        @Option(help: "The owner's unit.") var unit: String?
        @Option(help: "A location id instead of a unit.") var location: String?
        @Option(help: "hotline, email, wechat or walk-in.") var channel: Channel = .hotline
        @Option var category: String = "enquiry"
        @Option var text: String
        @Option var owner: String?
        @Option var phone: String?
        @Option(help: ArgumentHelp("When the owner asked (default now).", valueName: "TIME")) var at: String?

        func run() throws {
            try ItemCLI.open(
                ItemOpened(
                    kind: .enquiry, site: site, unit: unit, location: location, channel: channel, category: category,
                    text: text, owner: owner, phone: phone, limits: ClockLimits()),
                g: g, at: at)
        }
    }

    struct Answer: NoteStep {
        typealias K = EnquiryTag
        static let configuration = CommandConfiguration(commandName: "answer", abstract: "Record the answer (stops the answer clock).")
        @OptionGroup var g: GlobalOptions
        @OptionGroup var step: StepOptions
        @OptionGroup var n: NoteOption
        func command(note: String?) -> ItemCommand { .answer(note: note) }
    }
}
