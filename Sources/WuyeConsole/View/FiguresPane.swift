import WuyeCore
import WuyeReports

/// This month's figures with their sparklines.
extension ConsoleView {
    /// A small chart of values between 0 and 1 (`·` where there is no data).
    public static func sparkline(_ values: [Double?]) -> String {
        String(
            values.map { v -> Character in
                guard let v else { return "·" }
                return sparks[max(0, min(7, Int((v * 7).rounded())))]
            })
    }

    func figures(_ g: inout CellGrid, _ r: Rect) {
        let period = board.figures?.period.description ?? ""
        g.put(String(repeating: "─", count: r.width), x: r.x, y: r.y, style: theme["border"])
        g.put(" \(strings["figures.title"]) \(period) ", x: r.x + 1, y: r.y, style: theme["title"])
        let names = ["complaint_timeliness", "response_achievement", "satisfaction", "complaint_rate", "checklist_completion"]
        let w = r.width / names.count
        for (i, n) in names.enumerated() {
            let x = r.x + i * w
            let f = board.figures?.figure(n)
            g.put(strings["fig.\(n)"], x: x + 1, y: r.y + 1, maxWidth: w - 2, style: theme["muted"])
            let value = FigureReport.percent(f?.value)
            let mark: String
            switch f?.met {
            case true?: mark = "✓"
            case false?: mark = "✗"
            case nil: mark = " "
            }
            let vs = f?.met == false ? theme["gauge.bad"] : (f?.met == true ? theme["gauge.ok"] : theme["gauge.empty"])
            var cx = x + 1
            cx += g.put(value + mark, x: cx, y: r.y + 2, style: Style(fg: vs.fg, bg: vs.bg, bold: true))
            let target = (f?.ceiling == true ? "≤" : "≥") + FigureReport.percent(f?.target)
            cx += 1
            cx += g.put(target, x: cx, y: r.y + 2, maxWidth: max(0, x + w - cx - 1), style: theme["muted"])
            let spark = ConsoleView.sparkline(board.trends[n] ?? [])
            if cx + 1 + spark.count <= x + w - 1 {
                g.put(spark, x: x + w - 1 - spark.count, y: r.y + 2, style: theme["gauge.ok"])
            }
        }
    }
}
