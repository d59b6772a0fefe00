import WuyeCore

/// The monthly appraisal as text, JSON and CSV (with a BOM, for Excel).
public enum AppraisalReport {
    /// One cell of the text table: the value, its counts and whether it meets the target.
    static func cell(_ f: Figure, basis: StaffAppraisal.Basis? = nil, counts applies: Bool = true) -> String {
        guard f.value != nil else { return "–" }
        // The site's satisfaction shown for a guard or cleaner, who are not measured by it.
        if !applies { return "(\(FigureReport.percent(f.value)) site)" }
        let mark = f.met == true ? "✓" : "✗"
        var counts = "\(Int(f.numerator.rounded()))/\(Int(f.denominator))"
        if f.name == "satisfaction" {
            counts = "\(Int(f.denominator)) " + (basis == .site ? "site" : "own")
        }
        return "\(mark) \(FigureReport.percent(f.value)) (\(counts))"
    }

    static let shortLabel = ["satisfaction": "satisfaction", "complaint_timeliness": "timeliness", "training_pass_rate": "training"]

    public static func header() -> [String] {
        ["STAFF", "NAME", "ROLE", "SITE", "SATISFACTION ≥80", "TIMELINESS ≥90%", "TRAINING ≥90%", "SCORE", "RESULT"]
    }

    public static func rows(_ list: [StaffAppraisal]) -> [[String]] {
        list.map { a in
            let result: String
            switch a.met {
            case true?: result = "✓ met"
            case false?:
                result = "✗ not met: " + a.failed.map { shortLabel[$0.name] ?? $0.name }.joined(separator: ", ")
            case nil: result = "no data"
            }
            return [
                a.staff.id, a.staff.name, a.staff.role.label, a.staff.site ?? "all",
                cell(a.satisfaction, basis: a.satisfactionBasis, counts: a.applies(a.satisfaction)), cell(a.timeliness), cell(a.training),
                a.score.map { String(Int($0.rounded())) } ?? "–", result,
            ]
        }
    }

    public static func json(_ list: [StaffAppraisal], into w: inout JSONWriter) {
        w.beginArray()
        for a in list {
            w.beginObject()
            w.field("staff", a.staff.id)
            w.field("name", a.staff.name)
            w.field("role", a.staff.role.rawValue)
            w.field("site", a.staff.site)
            w.field("period", a.period.description)
            w.field("met", a.met)
            w.field("score", a.score)
            w.key("failed")
            w.beginArray()
            for f in a.failed { w.string(f.name) }
            w.endArray()
            w.key("indicators")
            w.beginArray()
            for f in a.figures {
                w.beginObject()
                FigureReport.fields(f, into: &w)
                if f.name == "satisfaction" { w.field("basis", a.satisfactionBasis.rawValue) }
                w.field("counted", a.applies(f))
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    /// Counts beside a fraction: `3/4` (satisfaction: how many scores).
    static func counts(_ f: Figure) -> String {
        guard f.denominator > 0 else { return "" }
        return f.name == "satisfaction" ? "\(Int(f.denominator))" : "\(Int(f.numerator.rounded()))/\(Int(f.denominator))"
    }

    public static func csv(_ list: [StaffAppraisal]) -> String {
        var out =
            "\u{FEFF}staff,姓名,role,site,period,satisfaction,satisfaction_counts,satisfaction_basis,complaint_timeliness,timeliness_counts,training_pass_rate,training_counts,score,met,failed\r\n"
        func value(_ f: Figure) -> String { f.value.map { String($0) } ?? "" }
        for a in list {
            let score: String = a.score.map { String(($0 * 10).rounded() / 10) } ?? ""
            let met: String = a.met.map { $0 ? "yes" : "no" } ?? ""
            let cells: [String] = [
                a.staff.id, a.staff.name, a.staff.role.rawValue, a.staff.site ?? "", a.period.description, value(a.satisfaction),
                counts(a.satisfaction), a.satisfactionBasis.rawValue, value(a.timeliness), counts(a.timeliness), value(a.training),
                counts(a.training), score, met, a.failed.map(\.name).joined(separator: " "),
            ]
            out += cells.map(FigureReport.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
