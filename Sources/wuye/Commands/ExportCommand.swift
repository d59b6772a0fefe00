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
        // One row, written once: as a JSON object (typed) or as a CSV row (text).
        func add(_ row: [(StaticString, Value)]) {
            if json {
                w.beginObject()
                for (k, v) in row {
                    w.key(k)
                    switch v {
                    case .text(let t): w.string(t)
                    case .flag(let b): if let b { w.bool(b) } else { w.null() }
                    case .number(let d): w.double(d)
                    }
                }
                w.endObject()
            } else {
                rows.append(row.map { $0.1.csv })
            }
        }
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
            header = Self.columns(Self.tickRow(nil, iso))
            for t in try store.ticks(site: site, days: first...last) where zones[t.site] != nil { add(Self.tickRow(t, iso)) }
        case .patrols:
            header = Self.columns(Self.scanRow(nil, iso))
            for s in try store.scans(site: site, days: first...last) where zones[s.site] != nil { add(Self.scanRow(s, iso)) }
        case .training:
            header = Self.columns(Self.trainingRow(nil, ""))
            for s in try store.trainings() where s.date >= first && s.date <= last && (site == nil || s.site == nil || s.site == site) {
                for p in s.attendees.isEmpty ? [""] : s.attendees { add(Self.trainingRow(s, p)) }
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

    /// A cell of an exported row.
    enum Value {
        case text(String?), flag(Bool?), number(Double?)

        var csv: String {
            switch self {
            case .text(let t): t ?? ""
            case .flag(let b): b.map { $0 ? "yes" : "no" } ?? ""
            case .number(let d): d.map(JSONWriter.decimal) ?? ""
            }
        }
    }

    static func columns(_ row: [(StaticString, Value)]) -> [String] { row.map { "\($0.0)" } }

    /// A checklist tick (nil: the columns alone, for the header).
    static func tickRow(_ t: Tick?, _ iso: (Instant?, String) -> String) -> [(StaticString, Value)] {
        [
            ("occurrence", .text(t?.occurrence)), ("site", .text(t?.site)), ("kind", .text(t?.kind.rawValue)),
            ("location", .text(t?.location)), ("day", .text(t?.day.description)), ("done_at", .text(t.map { iso($0.at, $0.site) })),
            ("done_by", .text(t?.actor)), ("note", .text(t?.note)), ("problem", .text(t?.problem)), ("repair", .text(t?.repair)),
        ]
    }

    static func scanRow(_ s: Scan?, _ iso: (Instant?, String) -> String) -> [(StaticString, Value)] {
        [
            ("round", .text(s?.round)), ("site", .text(s?.site)), ("route", .text(s?.route)), ("code", .text(s?.code)),
            ("scanned_at", .text(s.map { iso($0.at, $0.site) })), ("guard", .text(s?.actor)), ("out_of_order", .flag(s?.outOfOrder)),
            ("imported", .flag(s.map { $0.imported ?? false })), ("note", .text(s?.note)), ("problem", .text(s?.problem)),
            ("repair", .text(s?.repair)),
        ]
    }

    /// A training session and one attendee ("" when nobody attended yet).
    static func trainingRow(_ s: TrainingSession?, _ p: String) -> [(StaticString, Value)] {
        let score = s?.scores[p]
        return [
            ("session", .text(s?.id)), ("site", .text(s?.site)), ("kind", .text(s?.kind.rawValue)), ("topic", .text(s?.topic)),
            ("date", .text(s?.date.description)), ("trainer", .text(s?.trainer)), ("pass_mark", .number(s?.passMark)),
            ("staff", .text(p.isEmpty ? nil : p)), ("attended", .flag(s == nil ? nil : !p.isEmpty)), ("score", .number(score)),
            ("passed", .flag(score.flatMap { sc in s.map { sc >= $0.passMark } })),
        ]
    }
}
