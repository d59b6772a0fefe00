import ArgumentParser
import Foundation
import WuyeCore
import WuyeReports
import WuyeStore

/// `wuye export`: the raw rows behind the figures, for anyone who wants them in a
/// spreadsheet or another system.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Raw rows of a span of days, as CSV (Excel opens it) or JSON.",
        discussion: "Items by the day they were opened; duties, scans and trainings by their day; actions by when raised.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case complaints, enquiries, repairs, checklist, patrols, training, actions
    }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var g: GlobalOptions
    @Option(help: "complaints, enquiries, repairs, checklist, patrols, training or actions.") var what: What
    @Option(help: ArgumentHelp("The first day.", valueName: "YYYY-MM-DD")) var from: String
    @Option(help: ArgumentHelp("The last day (included).", valueName: "YYYY-MM-DD")) var to: String
    @Option var format: Format = .csv
    @Option(help: "Only this site.") var site: String?

    func run() throws {
        let env = try Env(g)
        let store = try env.store()
        guard let first = CivilDate.parse(from) else { throw WuyeError.badInput("--from '\(from)' is not a day; write 2026-11-01") }
        guard let last = CivilDate.parse(to) else { throw WuyeError.badInput("--to '\(to)' is not a day; write 2026-11-30") }
        if last < first { throw WuyeError.badInput("--to \(to) is before --from \(from)") }
        let sites = try sites(store, site)
        let zones = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0.zone) })
        func inRange(_ t: Instant, _ site: String) -> Bool {
            let d = (zones[site] ?? .utc).date(of: t)
            return d >= first && d <= last
        }
        var header: [String] = []
        var rows: [[String]] = []
        var w = JSONWriter()
        w.beginArray()
        let json = format == .json
        func iso(_ t: Instant?, _ site: String) -> String { t.map { ISOFormat.string($0, in: zones[site] ?? .utc) } ?? "" }
        switch what {
        case .complaints, .enquiries, .repairs:
            let kind: ItemKind = what == .complaints ? .complaint : what == .enquiries ? .enquiry : .repair
            header = [
                "id", "site", "status", "opened_at", "resolved_at", "closed_at", "unit", "location", "channel", "category", "emergency",
                "complex", "cycle", "assignee", "department", "rating", "text",
            ]
            try store.forEachItem(kind: kind, filter: .all, site: site) { it in
                guard zones[it.site] != nil, inRange(it.openedAt, it.site) else { return }
                if json { return ItemJSON.write(it, zone: zones[it.site] ?? .utc, now: env.now, into: &w) }
                rows.append([
                    it.id, it.site, it.status.rawValue, iso(it.openedAt, it.site), iso(it.resolvedAt, it.site), iso(it.closedAt, it.site),
                    it.unit ?? "", it.location ?? "", it.channel?.rawValue ?? "", it.category, it.emergency ? "yes" : "no",
                    it.complex ? "yes" : "no", String(it.cycle), it.assignee ?? "", it.department ?? "", it.rating.map(String.init) ?? "",
                    it.text,
                ])
            }
        case .checklist:
            header = ["occurrence", "site", "kind", "location", "day", "done_at", "done_by", "note", "problem", "repair"]
            for t in try store.ticks(site: site, days: first...last) where zones[t.site] != nil {
                if json {
                    w.beginObject()
                    w.field("occurrence", t.occurrence)
                    w.field("site", t.site)
                    w.field("kind", t.kind.rawValue)
                    w.field("location", t.location)
                    w.field("day", t.day.description)
                    w.field("done_at", iso(t.at, t.site))
                    w.field("done_by", t.actor)
                    w.field("note", t.note)
                    w.field("problem", t.problem)
                    w.field("repair", t.repair)
                    w.endObject()
                } else {
                    rows.append([
                        t.occurrence, t.site, t.kind.rawValue, t.location, t.day.description, iso(t.at, t.site), t.actor, t.note ?? "",
                        t.problem ?? "", t.repair ?? "",
                    ])
                }
            }
        case .patrols:
            header = ["round", "site", "route", "code", "scanned_at", "guard", "out_of_order", "imported", "note", "problem", "repair"]
            for s in try store.scans(site: site, days: first...last) where zones[s.site] != nil {
                if json {
                    w.beginObject()
                    w.field("round", s.round)
                    w.field("site", s.site)
                    w.field("route", s.route)
                    w.field("code", s.code)
                    w.field("scanned_at", iso(s.at, s.site))
                    w.field("guard", s.actor)
                    w.field("out_of_order", s.outOfOrder)
                    w.field("imported", s.imported ?? false)
                    w.field("note", s.note)
                    w.field("problem", s.problem)
                    w.field("repair", s.repair)
                    w.endObject()
                } else {
                    rows.append([
                        s.round, s.site, s.route, s.code, iso(s.at, s.site), s.actor, s.outOfOrder ? "yes" : "no",
                        s.imported == true ? "yes" : "no", s.note ?? "", s.problem ?? "", s.repair ?? "",
                    ])
                }
            }
        case .training:
            header = ["session", "site", "kind", "topic", "date", "trainer", "pass_mark", "staff", "attended", "score", "passed"]
            for s in try store.trainings() where s.date >= first && s.date <= last && (site == nil || s.site == nil || s.site == site) {
                let people = s.attendees.isEmpty ? [""] : s.attendees
                for p in people {
                    let score = s.scores[p]
                    if json {
                        w.beginObject()
                        w.field("session", s.id)
                        w.field("site", s.site)
                        w.field("kind", s.kind.rawValue)
                        w.field("topic", s.topic)
                        w.field("date", s.date.description)
                        w.field("trainer", s.trainer)
                        w.field("pass_mark", s.passMark)
                        w.field("staff", p.isEmpty ? nil : p)
                        w.field("score", score)
                        w.field("passed", score.map { $0 >= s.passMark })
                        w.endObject()
                    } else {
                        rows.append([
                            s.id, s.site ?? "", s.kind.rawValue, s.topic, s.date.description, s.trainer ?? "", String(s.passMark), p,
                            p.isEmpty ? "" : "yes", score.map { String($0) } ?? "", score.map { $0 >= s.passMark ? "yes" : "no" } ?? "",
                        ])
                    }
                }
            }
        case .actions:
            header = [
                "action", "site", "title", "owner", "status", "state", "raised_at", "due", "done_at", "verified_at", "verified_by",
                "source", "source_id",
            ]
            for a in try store.actions(site: site) where zones[a.site] != nil && inRange(a.raisedAt, a.site) {
                if json {
                    ManagementJSON.action(a, zone: zones[a.site] ?? .utc, now: env.now, into: &w)
                } else {
                    rows.append([
                        a.id, a.site, a.title, a.owner, a.status.rawValue, a.state(at: env.now).rawValue, iso(a.raisedAt, a.site),
                        iso(a.due, a.site),
                        iso(a.doneAt, a.site), iso(a.verifiedAt, a.site), a.verifiedBy ?? "", a.source.rawValue, a.sourceRef ?? "",
                    ])
                }
            }
        }
        w.endArray()
        if json { return Output.json(w) }
        var out = "\u{FEFF}" + header.joined(separator: ",") + "\r\n"
        for r in rows { out += r.map { SpreadsheetCell.make($0) }.joined(separator: ",") + "\r\n" }
        Output.writeAll(Array(out.utf8))
    }
}
