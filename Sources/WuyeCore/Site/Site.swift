/// A property the company manages.
public struct Site: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case residential, commercial, office
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// Households (units) served: the denominator of the complaint rate.
    public var households: Int
    public var timeZone: String
    /// Unit numbers (`3-1802`); empty means any unit is accepted.
    public var units: [String]
    public var locations: [Location]
    public var routes: [PatrolRoute]
    /// When Wuye started keeping this site's duties: none is due, or missed, before.
    public var since: Instant?
    /// The departments items are assigned to, as the site file lists them; nil means the
    /// built-in ones (`SiteDepartment.builtIn`).
    public var departmentList: [SiteDepartment]?
    /// When shifts begin, local `HH:MM`, in order; nil means 08:00 and 20:00.
    public var shifts: [String]?

    public init(
        id: String, name: String, kind: Kind, households: Int, timeZone: String, units: [String] = [],
        locations: [Location] = [], routes: [PatrolRoute] = [], since: Instant? = nil
    ) {
        self.since = since
        self.id = id
        self.name = name
        self.kind = kind
        self.households = households
        self.timeZone = timeZone
        self.units = units
        self.locations = locations
        self.routes = routes
    }

    /// The widest place an item here can name (a unit, or a location's id), in columns.
    public var widestPlace: Int {
        max(units.map { DisplayWidth.of($0) }.max() ?? 0, locations.map { DisplayWidth.of($0.id) }.max() ?? 0)
    }

    /// The site's zone; a site file is refused unless its zone is known, so this holds.
    public var zone: Zone { Zone(timeZone) ?? .utc }

    public var departments: [SiteDepartment] { departmentList ?? SiteDepartment.builtIn }

    /// A department by its id or its name (`engineering` or 工程部).
    public func department(_ idOrName: String) -> SiteDepartment? {
        departments.first { $0.id.lowercased() == idOrName.lowercased() || $0.name == idOrName }
    }

    public func location(_ id: String) -> Location? { locations.first { $0.id == id } }
    public func route(_ id: String) -> PatrolRoute? { routes.first { $0.id == id } }
    public func hasUnit(_ u: String) -> Bool { units.isEmpty || units.contains(u) }

    /// When shifts begin, as (hour, minute), in order.
    public var shiftStarts: [(hour: Int, minute: Int)] {
        (shifts ?? ["08:00", "20:00"]).compactMap(Site.clock)
    }

    /// `HH:MM` as (hour, minute), or nil.
    public static func clock(_ s: String) -> (hour: Int, minute: Int)? {
        let p = s.split(separator: ":")
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), (0..<24).contains(h),
            (0..<60).contains(m)
        else { return nil }
        return (h, m)
    }

    /// The start of the shift `now` falls in.
    public func shiftStart(at now: Instant) -> Instant {
        let today = zone.date(of: now)
        for day in [today, today.adding(days: -1)] {
            for s in shiftStarts.reversed() {
                let t = zone.instant(LocalTime(date: day, hour: s.hour, minute: s.minute, second: 0))
                if t <= now { return t }
            }
        }
        return zone.startOfDay(today)
    }

    /// The first day duties are kept for.
    public var firstDutyDay: CivilDate? { since.map { zone.date(of: $0) } }
}

/// A department of a site: an id for commands and a name for people.
public struct SiteDepartment: Codable, Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// What a site that lists no departments has: the plan's four service areas, and
    /// the management office.
    public static let builtIn = [
        SiteDepartment(id: "customer_service", name: "客服部"), SiteDepartment(id: "engineering", name: "工程部"),
        SiteDepartment(id: "security", name: "保安部"), SiteDepartment(id: "environment", name: "保洁部"),
        SiteDepartment(id: "management", name: "管理处"),
    ]
}

/// A place on a site that duties or items refer to.
public struct Location: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case publicArea = "public_area"
        case garbagePoint = "garbage_point"
        case greenArea = "green_area"
        case cameraGroup = "camera_group"
        case facility
    }

    public var id: String
    public var name: String
    public var kind: Kind

    public init(id: String, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A patrol route: checkpoints in the order a guard walks them.
public struct PatrolRoute: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var checkpoints: [Checkpoint]

    public init(id: String, name: String, checkpoints: [Checkpoint]) {
        self.id = id
        self.name = name
        self.checkpoints = checkpoints
    }
}

/// A checkpoint's code is what its barcode label holds; codes are unique across the store.
public struct Checkpoint: Codable, Sendable, Equatable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
