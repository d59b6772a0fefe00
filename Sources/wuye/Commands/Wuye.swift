import ArgumentParser
import WuyeCore
import WuyeStore

struct Wuye: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wuye",
        abstract: "Wuye (物业): the property-service console — SLA clocks, checklists and figures.",
        discussion: "With no subcommand, opens the console (the demo property on first run).",
        version: "0.1.0",
        subcommands: [
            ConsoleCommand.self, InitCommand.self, SiteCommand.self, StaffCommand.self, ComplaintCommand.self,
            EnquiryCommand.self, RepairCommand.self, ChecklistCommand.self, PatrolCommand.self, TrainingCommand.self,
            SurveyCommand.self, KPICommand.self, AppraisalCommand.self, ImportCommand.self, StandardsCommand.self, LogCommand.self,
            CheckCommand.self,
            BackupCommand.self, RestoreCommand.self, ItemGroupCommand.self, BreachCommand.self, HandoverCommand.self,
            MeetingCommand.self, ActionCommand.self, EvaluationCommand.self, PeriodCommand.self, ReportCommand.self, ExportCommand.self,
            WatchCommand.self, NoticeCommand.self, IntakeCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self)
}
