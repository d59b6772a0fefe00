/// How a remaining time is written on screen and in text output:
/// `23:59:58` under a day, `2d 03:10` from a day, `-00:12:40` once breached.
public enum Countdown {
    public static func format(_ seconds: Int64) -> String {
        let neg = seconds < 0
        let s = abs(seconds)
        let body: String
        if s >= 86400 {
            body = "\(s / 86400)d \(pad(Int(s % 86400 / 3600), 2)):\(pad(Int(s % 3600 / 60), 2))"
        } else {
            body = "\(pad(Int(s / 3600), 2)):\(pad(Int(s % 3600 / 60), 2)):\(pad(Int(s % 60), 2))"
        }
        return neg ? "-" + body : body
    }

    /// A duration for prose: `3h 05m`, `45m`, `2d 4h`.
    public static func prose(_ seconds: Int64) -> String {
        let s = abs(seconds)
        if s >= 86400 { return "\(s / 86400)d \(s % 86400 / 3600)h" }
        if s >= 3600 { return "\(s / 3600)h \(pad(Int(s % 3600 / 60), 2))m" }
        if s >= 60 { return "\(s / 60)m" }
        return "\(s)s"
    }

    /// The symbol that shows a clock's state without colour.
    public static func symbol(_ state: ClockState) -> String {
        switch state {
        case .running: "●"
        case .dueSoon: "▲"
        case .breached: "✗"
        // Not ⏸ (U+23F8): common monospace fonts lack it and draw an empty box.
        case .paused: "‖"
        case .met: "✓"
        case .missed: "✗"
        }
    }
}
