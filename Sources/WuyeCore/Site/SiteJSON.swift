/// A site's stored JSON read without `Codable`: every command reads a site or all of
/// them, and `JSONDecoder` spent a command 1–2 ms on the conformance lookups of the
/// site's types. The shape is `JSONEncoder`'s (`Site`'s own `Codable`), which stays the
/// reference: a site this reader does not recognise is left to it (`SiteJSONTests`).
public enum SiteJSON {
    public static func decode(_ text: String) -> Site? { PlainJSON.read(text).flatMap(site) }

    static func site(_ v: PlainJSON.Value) -> Site? {
        guard let id = v.string("id"), let name = v.string("name"), let kindName = v.string("kind"),
            let kind = Site.Kind(rawValue: kindName), let h = v.int("households"), let households = Int(exactly: h),
            let timeZone = v.string("timeZone"), let units = strings(v["units"]), case .array(let ls)? = v["locations"],
            case .array(let rs)? = v["routes"]
        else { return nil }
        var locations: [Location] = []
        for l in ls {
            guard let id = l.string("id"), let name = l.string("name"), let k = l.string("kind"), let kind = Location.Kind(rawValue: k)
            else { return nil }
            locations.append(Location(id: id, name: name, kind: kind))
        }
        var routes: [PatrolRoute] = []
        for r in rs {
            guard let id = r.string("id"), let name = r.string("name"), case .array(let cs)? = r["checkpoints"] else { return nil }
            var checkpoints: [Checkpoint] = []
            for c in cs {
                guard let code = c.string("code"), let name = c.string("name") else { return nil }
                checkpoints.append(Checkpoint(code: code, name: name))
            }
            routes.append(PatrolRoute(id: id, name: name, checkpoints: checkpoints))
        }
        var s = Site(
            id: id, name: name, kind: kind, households: households, timeZone: timeZone, units: units, locations: locations, routes: routes)
        switch v["since"] {
        case nil, .null?: break
        case .number?:
            guard let t = v.int("since") else { return nil }
            s.since = Instant(seconds: t)
        default: return nil
        }
        switch v["departmentList"] {
        case nil, .null?: break
        case .array(let ds)?:
            var list: [SiteDepartment] = []
            for d in ds {
                guard let id = d.string("id"), let name = d.string("name") else { return nil }
                list.append(SiteDepartment(id: id, name: name))
            }
            s.departmentList = list
        default: return nil
        }
        switch v["shifts"] {
        case nil, .null?: break
        case let value?:
            guard let shifts = strings(value) else { return nil }
            s.shifts = shifts
        }
        return s
    }

    static func strings(_ v: PlainJSON.Value?) -> [String]? {
        guard case .array(let items)? = v else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for i in items {
            guard case .string(let s) = i else { return nil }
            out.append(s)
        }
        return out
    }
}
