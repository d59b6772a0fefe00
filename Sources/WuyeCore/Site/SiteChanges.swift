/// What loading a site file would change in a site already in the store, one line each,
/// so that a supervisor sees a reload's effect before and after saving it.
public enum SiteChanges {
    public static func between(_ old: Site?, staff oldStaff: [Staff], and new: SiteFile) -> [String] {
        let s = new.site
        guard let old else {
            return [
                "new site \(s.id) (\(s.name)): \(s.units.count) units, \(s.locations.count) locations, \(s.routes.count) routes, \(new.staff.count) staff"
            ]
        }
        var out: [String] = []
        func field(_ name: String, _ a: String, _ b: String) { if a != b { out.append("site.\(name) \(a) → \(b)") } }
        field("name", old.name, s.name)
        field("kind", old.kind.rawValue, s.kind.rawValue)
        field("time_zone", old.timeZone, s.timeZone)
        field("households", String(old.households), String(s.households))
        let oldUnits = Set(old.units), newUnits = Set(s.units)
        let added = s.units.filter { !oldUnits.contains($0) }, removed = old.units.filter { !newUnits.contains($0) }
        if !added.isEmpty { out.append("units added (\(added.count)): \(sample(added))") }
        if !removed.isEmpty { out.append("units removed (\(removed.count)): \(sample(removed))") }
        out += listChanges(
            "location", old.locations, s.locations, id: \.id,
            describe: { "\($0.name), \($0.kind.rawValue)" })
        out += listChanges(
            "route", old.routes, s.routes, id: \.id,
            describe: { "\($0.name): " + $0.checkpoints.map(\.code).joined(separator: " ") })
        out += listChanges("department", old.departments, s.departments, id: \.id, describe: \.name)
        let before = Dictionary(oldStaff.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for st in new.staff {
            let text = "\(st.name), \(st.role.rawValue), \(st.department.rawValue)"
            if let o = before[st.id] {
                let was = "\(o.name), \(o.role.rawValue), \(o.department.rawValue)"
                if was != text || !o.active { out.append("staff \(st.id) changed: \(was)\(o.active ? "" : " (inactive)") → \(text)") }
            } else {
                out.append("staff \(st.id) added: \(text)")
            }
        }
        return out
    }

    private static func listChanges<T>(
        _ what: String, _ old: [T], _ new: [T], id: (T) -> String, describe: (T) -> String
    ) -> [String] {
        var out: [String] = []
        let before = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.map(id))
        for n in new {
            if let o = before[id(n)] {
                if describe(o) != describe(n) { out.append("\(what) \(id(n)) changed: \(describe(o)) → \(describe(n))") }
            } else {
                out.append("\(what) \(id(n)) added: \(describe(n))")
            }
        }
        for o in old where !after.contains(id(o)) { out.append("\(what) \(id(o)) removed (was: \(describe(o)))") }
        return out
    }

    private static func sample(_ l: [String]) -> String {
        l.count <= 6 ? l.joined(separator: " ") : l.prefix(6).joined(separator: " ") + " …"
    }
}
