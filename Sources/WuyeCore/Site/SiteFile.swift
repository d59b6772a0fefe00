/// The site file (TOML): one property with its units, locations, patrol routes and staff.
/// `docs/example-site.toml` is a full example.
public struct SiteFile: Sendable, Equatable {
    public var site: Site
    public var staff: [Staff]

    public init(site: Site, staff: [Staff]) {
        self.site = site
        self.staff = staff
    }

    public static func parse(_ text: String, file: String = "site file") throws(WuyeError) -> SiteFile {
        do {
            return try parseInner(text, file: file)
        } catch {
            throw error.kind == .badInput && !error.message.hasPrefix(file) ? WuyeError(error.kind, "\(file): \(error.message)") : error
        }
    }

    private static func parseInner(_ text: String, file: String) throws(WuyeError) -> SiteFile {
        var r = try TOMLReader.parse(text, file: file)
        guard var s = try r.table("site") else {
            throw .badInput("no [site] table; a site file starts with [site] and its id, name, kind, time_zone")
        }
        let id = try s.requiredString("id")
        guard Slug.isValid(id) else {
            throw .badInput("\(s.at("id")): site.id '\(id)' must be an ASCII slug such as jinxiu")
        }
        let name = try s.requiredString("name")
        let kindText = try s.string("kind") ?? "residential"
        guard let kind = Site.Kind(rawValue: kindText) else {
            throw .badInput("\(s.at("kind")): site.kind must be residential, commercial or office, got '\(kindText)'")
        }
        let tzName = try s.string("time_zone") ?? "Asia/Shanghai"
        guard Zone(tzName) != nil else {
            throw .badInput("\(s.at("time_zone")): site.time_zone '\(tzName)' is not an IANA zone such as Asia/Shanghai")
        }
        var units = try s.strings("units") ?? []
        for var b in try r.tables("buildings") {
            let code = try b.requiredString("code")
            let floors = try b.int("floors", range: 1...200) ?? 1
            let per = try b.int("units_per_floor", range: 1...99) ?? 1
            for f in 1...floors {
                for u in 1...per { units.append("\(code)-\(f)\(pad(Int(u), 2))") }
            }
            _ = try b.string("name")
            try b.rejectUnknown()
        }
        if Set(units).count != units.count { throw .badInput("a unit is listed twice; each unit number must be unique") }
        let households = try s.int("households", range: 0...10_000_000).map(Int.init) ?? units.count
        let shifts = try s.strings("shifts")
        if let shifts {
            for t in shifts where Site.clock(t) == nil {
                throw .badInput(
                    "\(s.at("shifts")): site.shifts holds '\(t)'; give the times shifts begin as \"HH:MM\", e.g. [\"08:00\", \"20:00\"]")
            }
            if shifts.isEmpty || Set(shifts).count != shifts.count || shifts != shifts.sorted() {
                throw .badInput("\(s.at("shifts")): site.shifts must list each time a shift begins once, earliest first")
            }
        }
        try s.rejectUnknown()

        var locations: [Location] = []
        for var l in try r.tables("locations") {
            let lid = try l.requiredString("id")
            guard Slug.isValid(lid) else { throw .badInput("\(l.at("id")): location id '\(lid)' must be an ASCII slug") }
            let kt = try l.requiredString("kind")
            guard let k = Location.Kind(rawValue: kt) else {
                throw .badInput(
                    "\(l.at("kind")): location kind '\(kt)' is unknown; use \(Location.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            locations.append(Location(id: lid, name: try l.string("name") ?? lid, kind: k))
            try l.rejectUnknown()
        }
        var routes: [PatrolRoute] = []
        var codes = Set<String>()
        for var rt in try r.tables("routes") {
            let rid = try rt.requiredString("id")
            guard Slug.isValid(rid) else { throw .badInput("\(rt.at("id")): route id '\(rid)' must be an ASCII slug") }
            var cps: [Checkpoint] = []
            for var cp in try rt.tables("checkpoints") {
                let code = try cp.requiredString("code")
                guard Slug.isValid(code) else {
                    throw .badInput("\(cp.at("code")): checkpoint code '\(code)' must be ASCII letters, digits and -")
                }
                guard codes.insert(code).inserted else {
                    throw .badInput("\(cp.at("code")): checkpoint code \(code) is used twice; codes must be unique")
                }
                cps.append(Checkpoint(code: code, name: try cp.string("name") ?? code))
                try cp.rejectUnknown()
            }
            if cps.isEmpty {
                throw .badInput("\(rt.table.position): route \(rid) has no checkpoints; add [[routes.checkpoints]] code = \"…\"")
            }
            routes.append(PatrolRoute(id: rid, name: try rt.string("name") ?? rid, checkpoints: cps))
            try rt.rejectUnknown()
        }
        let ids = locations.map(\.id) + routes.map(\.id)
        if let dup = ids.first(where: { i in ids.filter { $0 == i }.count > 1 }) {
            throw .badInput("location or route id \(dup) is used twice")
        }
        var departments: [SiteDepartment]?
        for var d in try r.tables("departments") {
            let did = try d.requiredString("id")
            guard Slug.isValid(did) else {
                throw .badInput("\(d.at("id")): department id '\(did)' must be an ASCII slug such as engineering")
            }
            if departments?.contains(where: { $0.id == did }) == true {
                throw .badInput("\(d.at("id")): department \(did) is listed twice")
            }
            departments = (departments ?? []) + [SiteDepartment(id: did, name: try d.string("name") ?? did)]
            try d.rejectUnknown()
        }
        let known = departments ?? SiteDepartment.builtIn
        var staff: [Staff] = []
        for var st in try r.tables("staff") {
            let sid = try st.requiredString("id")
            guard Slug.isValid(sid) else {
                throw .badInput("\(st.at("id")): staff id '\(sid)' must be an ASCII slug such as desk-li")
            }
            let rt = try st.requiredString("role")
            guard let role = Staff.Role(rawValue: rt) else {
                throw .badInput(
                    "\(st.at("role")): role '\(rt)' is unknown; use desk, guard, cleaner, technician or supervisor")
            }
            var dept = Staff.defaultDepartment(for: role)
            if let dt = try st.string("department") {
                guard let d = known.first(where: { $0.id == dt || $0.name == dt }) else {
                    throw .badInput(
                        "\(st.at("department")): department '\(dt)' is not a department of this site; use \(known.map(\.id).joined(separator: ", "))"
                    )
                }
                dept = Staff.Department(rawValue: d.id)
            } else if !known.contains(where: { $0.id == dept.rawValue }) {
                throw .badInput(
                    "\(st.table.position): staff \(sid) has no department of this site; add department = \"…\" (\(known.map(\.id).joined(separator: ", ")))"
                )
            }
            staff.append(
                Staff(id: sid, name: try st.string("name") ?? sid, role: role, department: dept, site: role == .supervisor ? nil : id))
            try st.rejectUnknown()
        }
        try r.rejectUnknown()
        var site = Site(
            id: id, name: name, kind: kind, households: households, timeZone: tzName, units: units, locations: locations,
            routes: routes)
        site.departmentList = departments
        site.shifts = shifts
        return SiteFile(site: site, staff: staff)
    }
}
