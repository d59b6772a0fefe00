/// Who may do what. Enforced in the domain, so the command line, the console and any
/// other front end obey the same rules.
public enum Permissions {
    /// The monthly appraisal feeds bonuses and promotion: a supervisor reads everyone's,
    /// anyone else only their own.
    public static func checkAppraisal(_ actor: Staff, of staff: String?) throws(WuyeError) {
        if actor.role == .supervisor { return }
        guard staff == actor.id else {
            throw .refused(
                "a \(actor.role.label) can read only their own appraisal (--staff \(actor.id)); a supervisor can read everyone's")
        }
    }

    /// The intake queue is the desk's: it reads owners' messages and decides what each is.
    public static func checkIntake(_ actor: Staff) throws(WuyeError) {
        guard actor.active else { throw .refused("\(actor.id) is no longer active; ask a supervisor") }
        if actor.role == .desk || actor.role == .supervisor { return }
        throw .refused("a \(actor.role.label) cannot handle the intake queue; the desk or a supervisor can")
    }

    public static func check(_ actor: Staff, _ command: ItemCommand, kind: ItemKind, item: Item?) throws(WuyeError) {
        guard actor.active else { throw .refused("\(actor.id) is no longer active; ask a supervisor") }
        let role = actor.role
        if role == .supervisor { return }
        let isAssignee = item?.assignee == actor.id
        let allowed: Bool
        switch (kind, command) {
        case (_, .acknowledgeBreach), (_, .escalate):
            allowed = false  // a supervisor's
        case (_, .open):
            // Anyone on duty can take an owner's word or report a fault.
            allowed = kind == .repair || role == .desk || role == .guard_
        case (.complaint, .respond), (.complaint, .progress), (.complaint, .resolve), (.complaint, .pause),
            (.complaint, .resume):
            allowed = role == .desk || (role == .technician && isAssignee)
        case (.complaint, _), (.enquiry, _):
            allowed = role == .desk
        case (.repair, .acknowledge), (.repair, .respond), (.repair, .resolve), (.repair, .pause), (.repair, .resume):
            allowed = role == .technician || role == .desk
        case (.repair, .assign), (.repair, .void), (.repair, .edit), (.repair, .reclassify), (.repair, .close),
            (.repair, .reopen):
            allowed = role == .desk
        case (.repair, _):
            allowed = false
        }
        if !allowed {
            throw .refused(
                "a \(role.label) cannot \(command.verb) a \(kind.rawValue)\(allowedRoles(command, kind))")
        }
    }

    private static func allowedRoles(_ command: ItemCommand, _ kind: ItemKind) -> String {
        switch (kind, command) {
        case (.complaint, .respond), (.complaint, .progress), (.complaint, .resolve):
            "; the desk, a supervisor or the technician it is assigned to can"
        case (.repair, .acknowledge), (.repair, .respond), (.repair, .resolve):
            "; a technician, the desk or a supervisor can"
        case (_, .acknowledgeBreach), (_, .escalate):
            "; a supervisor can"
        default:
            "; the desk or a supervisor can"
        }
    }

    /// Only a supervisor changes who works here or the standards.
    /// Duties are done on the spot: staff of one site tick and scan that site's only;
    /// company-wide staff (supervisors, with no site of their own) anywhere.
    public static func checkDutySite(_ actor: Staff, site: String) throws(WuyeError) {
        guard actor.active else { throw .refused("\(actor.id) is no longer active; ask a supervisor") }
        if let own = actor.site, own != site {
            throw .refused("\(actor.id) works at \(own); the duties of \(site) are done by its own staff or a supervisor")
        }
    }

    public static func requireSupervisor(_ actor: Staff, _ what: String) throws(WuyeError) {
        guard actor.role == .supervisor, actor.active else {
            throw .refused("only a supervisor can \(what); \(actor.id) is a \(actor.role.label)")
        }
    }
}
