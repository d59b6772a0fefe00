/// A member of staff: who does what, and who may do what.
public struct Staff: Codable, Sendable, Equatable, Identifiable {
    public enum Role: String, Codable, Sendable, CaseIterable {
        case desk, guard_ = "guard", cleaner, technician, supervisor

        public var label: String { rawValue }
    }

    /// A department: an ASCII slug that a site file lists with its name (`engineering`,
    /// 工程部). Five are built in, and are what a site that lists none has.
    public struct Department: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(rawValue)
        }
        public var description: String { rawValue }

        public static let customerService = Department(rawValue: "customer_service")
        public static let environment = Department(rawValue: "environment")
        public static let engineering = Department(rawValue: "engineering")
        public static let security = Department(rawValue: "security")
        public static let management = Department(rawValue: "management")
    }

    public var id: String
    public var name: String
    public var role: Role
    public var department: Department
    /// The site they work at; nil for company-wide staff (supervisors).
    public var site: String?
    public var active: Bool

    public init(id: String, name: String, role: Role, department: Department, site: String? = nil, active: Bool = true) {
        self.id = id
        self.name = name
        self.role = role
        self.department = department
        self.site = site
        self.active = active
    }

    public static func defaultDepartment(for role: Role) -> Department {
        switch role {
        case .desk: .customerService
        case .guard_: .security
        case .cleaner: .environment
        case .technician: .engineering
        case .supervisor: .management
        }
    }
}

/// Ids of sites, locations, staff and routes: ASCII slugs.
public enum Slug {
    public static func isValid(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.properties.isAlphabetic || ("0"..."9").contains(f), s.count <= 64 else {
            return false
        }
        return s.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
        }
    }
}
