import ArgumentParser
import Foundation
import WuyeCore
import WuyeStore

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "Trainings, assessments and who must be retrained.",
        subcommands: [Plan.self, Attend.self, Score.self, List.self, Retrain.self])

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "plan", abstract: "Plan a session (supervisor); prints its id.")
        @OptionGroup var g: GlobalOptions
        @Option(help: "quarterly (concentrated) or monthly (short).") var kind: TrainingSession.Kind
        @Option(help: "etiquette, communication, equipment, safety …") var topic: String
        @Option(help: ArgumentHelp("The day of the session.", valueName: "YYYY-MM-DD")) var date: String
        @Option var trainer: String?
        @Option var site: String?
        func run() throws {
            let env = try Env(g)
            guard let d = CivilDate.parse(date) else { throw WuyeError.badInput("--date '\(date)' is not a day; write YYYY-MM-DD") }
            let s = try env.store().planTraining(
                kind: kind, topic: topic, date: d, trainer: trainer, site: site, actor: try env.requireActor(), now: env.now)
            Output.line(s.id)
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record who attended.")
        @OptionGroup var g: GlobalOptions
        @Argument var id: String
        @Argument(help: "Staff ids.") var staff: [String]
        func run() throws {
            let env = try Env(g)
            let s = try env.store().recordTraining(id, .attended(staff: staff), actor: try env.requireActor(), now: env.now)
            Output.said("saved: \(s.id) has \(s.attendees.count) attendees")
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "score", abstract: "Record an assessment score (0–100).")
        @OptionGroup var g: GlobalOptions
        @Argument var id: String
        @Argument var staff: String
        @Option var score: Double
        func run() throws {
            let env = try Env(g)
            let s = try env.store().recordTraining(id, .scored(staff: staff, score: score), actor: try env.requireActor(), now: env.now)
            Output.said(
                "saved: \(staff) \(s.passed(staff) == true ? "passed" : "failed") \(s.id) (\(Int(score)), pass mark \(Int(s.passMark)))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List sessions.")
        @OptionGroup var g: GlobalOptions
        @Flag var json = false
        func run() throws {
            let sessions = try Env(g).store().trainings()
            if json {
                var w = JSONWriter()
                w.beginArray()
                for s in sessions {
                    w.beginObject()
                    w.field("id", s.id)
                    w.field("kind", s.kind.rawValue)
                    w.field("topic", s.topic)
                    w.field("date", s.date.description)
                    w.field("trainer", s.trainer)
                    w.field("site", s.site)
                    w.field("pass_mark", s.passMark)
                    w.key("attendees")
                    w.beginArray()
                    for a in s.attendees {
                        w.beginObject()
                        w.field("staff", a)
                        w.field("score", s.scores[a])
                        w.field("passed", s.passed(a))
                        w.endObject()
                    }
                    w.endArray()
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
            } else {
                Output.table(
                    ["ID", "DATE", "KIND", "TOPIC", "PASSED"],
                    sessions.map { s in
                        [
                            s.id, s.date.description, s.kind.rawValue, s.topic,
                            "\(s.scores.values.filter { $0 >= s.passMark }.count)/\(s.scores.count)",
                        ]
                    })
            }
        }
    }

    struct Retrain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retrain", abstract: "Who failed their latest assessment and must be retrained.")
        @OptionGroup var g: GlobalOptions
        @Flag var json = false
        func run() throws {
            let list = TrainingRules.retrain(try Env(g).store().trainings())
            if json {
                var w = JSONWriter()
                w.beginArray()
                for r in list {
                    w.beginObject()
                    w.field("staff", r.staff)
                    w.field("training", r.session.id)
                    w.field("topic", r.session.topic)
                    w.field("date", r.session.date.description)
                    w.field("score", r.score)
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
            } else if list.isEmpty {
                Output.said("nobody needs retraining")
            } else {
                Output.table(
                    ["STAFF", "FAILED", "DATE", "SCORE", "TOPIC"],
                    list.map { [$0.staff, $0.session.id, $0.session.date.description, String(Int($0.score)), $0.session.topic] })
            }
        }
    }
}

struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey", abstract: "Owners' satisfaction surveys (score of 100).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a survey; prints its id.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String
        @Option(help: "0–100.") var score: Double
        @Option(help: "The household's unit.") var household: String?
        @Option(help: ArgumentHelp("When the survey was taken (default now).", valueName: "TIME")) var at: String?
        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let v = try store.addSurvey(
                site: site, score: score, household: household, actor: try env.requireActor(), at: try env.at(at, site: store.site(site)),
                now: env.now)
            Output.line(v.id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List surveys.")
        @OptionGroup var g: GlobalOptions
        @Option var site: String?
        @Flag var json = false
        func run() throws {
            let env = try Env(g)
            let store = try env.store()
            let zones = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0.zone) })
            let list = try store.surveys(site: site, from: Instant(seconds: 0), to: env.now + 1)
            if json {
                var w = JSONWriter()
                w.beginArray()
                for v in list {
                    w.beginObject()
                    w.field("id", v.id)
                    w.field("site", v.site)
                    w.field("household", v.household)
                    w.field("score", v.score)
                    w.field("at", v.at, zone: zones[v.site] ?? .utc)
                    w.endObject()
                }
                w.endArray()
                Output.json(w)
            } else {
                Output.table(
                    ["ID", "SITE", "HOUSEHOLD", "SCORE", "AT"],
                    list.map {
                        [$0.id, $0.site, $0.household ?? "", String(Int($0.score)), ISOFormat.short($0.at, in: zones[$0.site] ?? .utc)]
                    })
            }
        }
    }
}
