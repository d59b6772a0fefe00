/// One line of an item's timeline or of the audit trail, in words.
public enum EventText {
    public static func describe(_ body: EventBody) -> String {
        switch body {
        case .item(let e):
            switch e {
            case .opened(let o):
                var s = "opened \(o.kind.rawValue)"
                if let c = o.channel { s += " via \(c.rawValue)" }
                if o.emergency { s += ", emergency" }
                if o.complex { s += ", complex" }
                if let src = o.source { s += src.hasPrefix("IN-") ? ", from message \(src)" : ", found on \(src)" }
                return s + ": \(o.text)"
            case .assigned(let to, let note): return "assigned to \(to)" + note.map { ": \($0)" }.orEmpty
            case .routed(let dept, let to, let note):
                return "assigned to \(dept)" + to.map { " / \($0)" }.orEmpty + note.map { ": \($0)" }.orEmpty
            case .responded(let note): return "responded" + note.map { ": \($0)" }.orEmpty
            case .acknowledged(let note): return "acknowledged" + note.map { ": \($0)" }.orEmpty
            case .arrived(let note): return "technician on site" + note.map { ": \($0)" }.orEmpty
            case .progressReported(let note): return "progress reported" + note.map { ": \($0)" }.orEmpty
            case .resolved(let note): return "resolved" + note.map { ": \($0)" }.orEmpty
            case .answered(let note): return "answered" + note.map { ": \($0)" }.orEmpty
            case .calledBack(let r, let note): return "called back, rating \(r)/5" + note.map { ": \($0)" }.orEmpty
            case .closed(let note): return "closed" + note.map { ": \($0)" }.orEmpty
            case .reopened(let reason, _): return "reopened (new cycle): \(reason)"
            case .paused(let reason): return "paused: \(reason)"
            case .resumed(let note): return "resumed" + note.map { ": \($0)" }.orEmpty
            case .voided(let reason): return "voided: \(reason)"
            case .edited(let f, let from, let to, let reason):
                return "\(f) corrected from '\(from ?? "")' to '\(to ?? "")': \(reason)"
            case .breachAcknowledged(let note): return "breach acknowledged: \(note)"
            case .escalated(let to, let note): return "escalated to \(to): \(note)"
            case .reclassified(let em, let cx, let reason):
                return "reclassified \(em ? "emergency" : "routine"), \(cx ? "complex" : "simple"): \(reason)"
            }
        case .siteDefined(let s): return "site \(s.id) defined: \(s.name), \(s.households) households"
        case .staffSaved(let s): return "staff \(s.id) saved: \(s.name), \(s.role.label)\(s.active ? "" : ", inactive")"
        case .standardsLoaded(let s, _): return "standards loaded: \(s.name)"
        case .demoMarked: return "demo data built"
        case .checklistTicked(let t):
            return "\(t.kind.rawValue) done at \(t.location)" + (t.note.map { ": \($0)" } ?? "")
                + (t.problem.map { "; problem: \($0)" } ?? "") + (t.repair.map { " → \($0)" } ?? "")
        case .checklistUnticked(let o, let reason): return "tick of \(o) taken back: \(reason)"
        case .patrolScanned(let s):
            return "checkpoint \(s.code) scanned\(s.outOfOrder ? " out of order" : "")" + (s.note.map { ": \($0)" } ?? "")
                + (s.problem.map { "; problem: \($0)" } ?? "") + (s.repair.map { " → \($0)" } ?? "")
        case .training(let e):
            switch e {
            case .planned(let s): return "training planned: \(s.kind.rawValue), \(s.topic), \(s.date)"
            case .attended(let staff): return "attended: \(staff.joined(separator: ", "))"
            case .scored(let staff, let score): return "\(staff) scored \(Int(score))"
            }
        case .management(let m):
            switch m {
            case .meetingHeld(let v):
                return
                    "owners' meeting at \(v.site): \(v.attendees.joined(separator: ", ")); \(v.opinions.count) opinion\(v.opinions.count == 1 ? "" : "s")"
            case .actionRaised(let a): return "corrective action for \(a.owner): \(a.title)"
            case .actionDone(let n): return "corrective action done" + (n.map { ": \($0)" } ?? "")
            case .actionVerified(let n): return "corrective action verified" + (n.map { ": \($0)" } ?? "")
            case .evaluationRecorded(let v):
                return "\(v.quarter) evaluation of \(v.site): \(v.findings.count) finding\(v.findings.count == 1 ? "" : "s")"
            case .repairCosted(let c): return "cost of \(c.item): materials \(c.materials), labour \(c.labour)"
            case .periodClosed(let p): return "\(p.month) closed for reporting"
            }
        case .notice(let n):
            switch n {
            case .recorded(let v): return "notice \(v.kind.rawValue) to \(v.to.joined(separator: ", ")): \(v.title)"
            case .delivered(let key, let channel): return "notice \(key) delivered by \(channel)"
            case .failed(let key, let channel, let error, let attempt, _):
                return "notice \(key) not delivered by \(channel) (attempt \(attempt)): \(error)"
            }
        case .intake(let v):
            switch v {
            case .received(let m):
                return "\(m.channel.rawValue) from \(m.sender)" + (m.subject.map { ": \($0)" } ?? "")
                    + (m.attachments.isEmpty ? "" : " (\(m.attachments.count) attachment\(m.attachments.count == 1 ? "" : "s"))")
            case .opened(let item): return "opened as \(item)"
            case .discarded(let reason): return "discarded: \(reason)"
            }
        case .surveyRecorded(let v): return "survey at \(v.site)\(v.household.map { " (\($0))" } ?? ""): \(Int(v.score))/100"
        case .pin(let p):
            switch p {
            case .set: return "PIN set"
            case .cleared: return "PIN cleared"
            case .refused: return "sign-in refused: wrong PIN"
            case .accepted: return "signed in with PIN"
            }
        }
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
