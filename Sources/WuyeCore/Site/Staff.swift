/// A member of staff: who does what, and who may do what.
public struct Staff: Codable, Sendable, Equatable, Identifiable {
    public enum Role: String, Codable, Sendable, CaseIterable {
        case desk, guard_ = "guard", cleaner, technician, supervisor

        public var label: String { rawValue }
    }

    public enum Department: String, Codable, Sendable, CaseIterable {
        case customerService = "customer_service"
        case environment, engineering, security, management
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
