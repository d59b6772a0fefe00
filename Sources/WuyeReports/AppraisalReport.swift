import WuyeCore

/// The monthly appraisal as text, JSON and CSV (with a BOM, for Excel).
public enum AppraisalReport {
    /// One cell of the text table: the value, its counts and whether it meets the target.
    static func cell(_ f: Figure, basis: StaffAppraisal.Basis? = nil) -> String {
        guard f.value != nil else { return "–" }
        let mark = f.met == true ? "✓" : "✗"
        var counts = "\(Int(f.numerator.rounded()))/\(Int(f.denominator))"
        if f.name == "satisfaction" {
            counts = "\(Int(f.denominator)) " + (basis == .site ? "site" : "own")
        }
        return "\(mark) \(FigureReport.percent(f.value)) (\(counts))"
    }

    static let shortLabel = ["satisfaction": "satisfaction", "complaint_timeliness": "timeliness", "training_pass_rate": "training"]

    public static func header() -> [String] {
        ["STAFF", "NAME", "ROLE", "SITE", "SATISFACTION ≥80", "TIMELINESS ≥90%", "TRAINING ≥90%", "RESULT"]
    }

    public static func rows(_ list: [StaffAppraisal]) -> [[String]] {
        list.map { a in
            let result: String
            switch a.met {
            case true?: result = "✓ met"
            case false?:
                result = "✗ not met: " + a.figures.filter { $0.met == false }.map { shortLabel[$0.name] ?? $0.name }.joined(separator: ", ")
            case nil: result = "no data"
            }
            return [
                a.staff.id, a.staff.name, a.staff.role.label, a.staff.site ?? "all", cell(a.satisfaction, basis: a.satisfactionBasis),
                cell(a.timeliness), cell(a.training), result,
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
            w.key("indicators")
            w.beginArray()
            for f in a.figures {
                w.beginObject()
                FigureReport.fields(f, into: &w)
                if f.name == "satisfaction" { w.field("basis", a.satisfactionBasis.rawValue) }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    public static func csv(_ list: [StaffAppraisal]) -> String {
        var out =
            "\u{FEFF}staff,姓名,role,site,period,satisfaction,satisfaction_basis,complaint_timeliness,training_pass_rate,met\r\n"
        for a in list {
            out +=
                [
                    a.staff.id, a.staff.name, a.staff.role.rawValue, a.staff.site ?? "", a.period.description,
                    a.satisfaction.value.map { String($0) } ?? "", a.satisfactionBasis.rawValue,
                    a.timeliness.value.map { String($0) } ?? "", a.training.value.map { String($0) } ?? "",
                    a.met.map { $0 ? "yes" : "no" } ?? "",
                ].map(FigureReport.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
