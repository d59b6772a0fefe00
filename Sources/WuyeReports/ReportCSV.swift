import WuyeCore

/// A period report as CSV files, one per table: UTF-8 with a BOM and CRLF (what Excel
/// opens as it is), a site and a period column on every row, counts beside fractions.
public enum ReportCSV {
    /// File name → contents.
    public static func files(_ r: PeriodReport) -> [(name: String, text: String)] {
        let period = r.period.description
        func scopeName(_ s: PeriodReport.Scope) -> String { s.site?.id ?? "company" }
        func table(_ header: [String], _ rows: [[String]]) -> String {
            var out = "\u{FEFF}" + header.map(FigureReport.csvField).joined(separator: ",") + "\r\n"
            for row in rows { out += row.map(FigureReport.csvField).joined(separator: ",") + "\r\n" }
            return out
        }
        // Numbers as `kpi --json` writes them, so that the two agree to the digit.
        func num(_ d: Double?) -> String { d.map(JSONWriter.decimal) ?? "" }
        func figureRow(_ site: String, _ p: String, _ f: Figure) -> [String] {
            [
                site, p, f.name, FigureReport.labels[f.name]?.zh.trimmingSpaces ?? "", num(f.value), num(f.target),
                f.met.map { $0 ? "yes" : "no" } ?? "", num(f.numerator), num(f.denominator), String(f.pending),
                f.count.map(String.init) ?? "", f.base.map(String.init) ?? "",
            ]
        }
        let figureHeader = [
            "site", "period", "figure", "名称", "value", "target", "met", "numerator", "denominator", "pending", "count", "base",
        ]
        var out: [(String, String)] = []
        out.append(
            ("figures.csv", table(figureHeader, r.scopes.flatMap { s in s.figures.figures.map { figureRow(scopeName(s), period, $0) } })))
        let patrol = r.scopes.map { s -> [String] in
            let p = s.figures.patrol
            return [scopeName(s), period]
                + [p.complete, p.lateComplete, p.incomplete, p.lateIncomplete, p.missed, p.pending].map(String.init)
        }
        out.append(
            (
                "patrol.csv",
                table(
                    ["site", "period", "complete", "complete_started_late", "incomplete", "incomplete_started_late", "missed", "pending"],
                    patrol)
            ))
        if r.kind != .monthly {
            out.append(
                (
                    "trend.csv",
                    table(
                        figureHeader,
                        r.scopes.flatMap { s in s.trend.flatMap { t in t.figures.map { figureRow(scopeName(s), t.period.description, $0) } }
                        })
                ))
            out.append(
                (
                    "surveys.csv",
                    table(
                        ["site", "period", "surveys", "mean_score"],
                        r.scopes.map { [scopeName($0), period, String($0.surveys.count), num($0.surveys.mean)] })
                ))
            out.append(
                (
                    "meetings.csv",
                    table(
                        ["site", "period", "meeting", "at", "attendees", "opinions", "actions", "notes"],
                        r.meetings.map {
                            [
                                $0.site, period, $0.id, ISOFormat.string($0.at, in: r.zone), $0.attendees.joined(separator: "; "),
                                $0.opinions.joined(separator: "; "), $0.actions.joined(separator: " "), $0.notes,
                            ]
                        })
                ))
            out.append(
                (
                    "evaluations.csv",
                    table(
                        ["site", "period", "evaluation", "quarter", "findings", "actions"],
                        r.evaluations.map {
                            [$0.site, period, $0.id, $0.quarter, $0.findings.joined(separator: "; "), $0.actions.joined(separator: " ")]
                        })
                ))
            out.append(
                (
                    "actions.csv",
                    table(
                        ["site", "period", "action", "title", "owner", "status", "state", "due", "done_at", "source", "source_id"],
                        r.actions.map { a in
                            [
                                a.site, period, a.id, a.title, a.owner, a.status.rawValue, a.state(at: r.asOf).rawValue,
                                ISOFormat.string(a.due, in: r.zone),
                                a.doneAt.map { ISOFormat.string($0, in: r.zone) } ?? "", a.source.rawValue, a.sourceRef ?? "",
                            ]
                        })
                ))
        }
        let breaches = r.scopes.filter { $0.site != nil }.flatMap { s in
            s.breaches.map { b in
                [
                    b.item.site, period, b.item.id, b.item.kind.rawValue, b.clock.rawValue, ISOFormat.string(b.deadline, in: s.site!.zone),
                    b.stoppedAt.map { ISOFormat.string($0, in: s.site!.zone) } ?? "", b.item.assignee ?? "", b.item.text,
                ]
            }
        }
        out.append(
            ("breaches.csv", table(["site", "period", "item", "kind", "clock", "deadline", "stopped_at", "holder", "text"], breaches)))
        let appraisal = r.appraisal.map { a in
            [
                a.staff.site ?? "", period, a.staff.id, a.staff.name, a.staff.role.rawValue, num(a.satisfaction.value),
                AppraisalReport.counts(a.satisfaction),
                a.applies(a.satisfaction) ? "yes" : "no", num(a.timeliness.value), AppraisalReport.counts(a.timeliness),
                num(a.training.value),
                AppraisalReport.counts(a.training), num(a.score.map { ($0 * 10).rounded() / 10 }), a.met.map { $0 ? "yes" : "no" } ?? "",
                a.failed.map(\.name).joined(separator: " "),
            ]
        }
        out.append(
            (
                "appraisal.csv",
                table(
                    [
                        "site", "period", "staff", "姓名", "role", "satisfaction", "satisfaction_counts", "satisfaction_counted",
                        "complaint_timeliness",
                        "timeliness_counts", "training_pass_rate", "training_counts", "score", "met", "failed",
                    ], appraisal)
            ))
        out.append(
            (
                "trainings.csv",
                table(
                    ["site", "period", "due", "kind", "state", "session"],
                    r.trainings.map {
                        [
                            r.scopes.count == 1 ? scopeName(r.scopes[0]) : "company", period, $0.period.description, $0.kind.rawValue,
                            $0.state.rawValue, $0.session ?? "",
                        ]
                    })
            ))
        if r.kind == .yearly {
            let costs = r.scopes.filter { $0.site != nil }.flatMap { s in
                s.costs.map { c in
                    let d = s.site!.zone.date(of: c.at)
                    return [
                        c.site, period, "\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)", c.item, c.category,
                        ISOFormat.string(c.at, in: s.site!.zone),
                        num(c.materials), num(c.labour), num(c.total),
                    ]
                }
            }
            out.append(("costs.csv", table(["site", "period", "month", "item", "category", "at", "materials", "labour", "total"], costs)))
        }
        return out
    }
}
