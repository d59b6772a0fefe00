import Foundation
import Testing

@testable import WuyeCore

/// A site's JSON read by hand agrees with `Codable` on every site, and the readers written
/// by hand know every field of the types they read.
@Suite("Sites' and steps' JSON readers know every field")
struct SiteJSONTests {
    func sites() -> [Site] {
        var plain = World().site
        var full = Site(
            id: "xinghe", name: "星河\"商务\"中心\n", kind: .office, households: 0, timeZone: "Europe/Berlin", units: [],
            locations: [
                Location(id: "lobby", name: "大堂", kind: .publicArea), Location(id: "bins", name: "垃圾站", kind: .garbagePoint),
                Location(id: "cams", name: "监控", kind: .cameraGroup), Location(id: "lawn", name: "草坪", kind: .greenArea),
            ],
            routes: [
                PatrolRoute(
                    id: "north", name: "北区", checkpoints: [Checkpoint(code: "CP-1", name: "北门"), Checkpoint(code: "CP-2", name: "车库")]),
                PatrolRoute(id: "empty", name: "空", checkpoints: []),
            ], since: Instant(seconds: 1_796_227_200))
        full.departmentList = [SiteDepartment(id: "engineering", name: "工程部")]
        full.shifts = ["07:00", "15:00", "23:00"]
        var some = full
        some.departmentList = []
        some.shifts = nil
        some.since = nil
        plain.units = (1...300).map { "\($0 / 100 + 1)-\($0)" }
        return [plain, full, some, World().site]
    }

    @Test func everySiteReadsAsCodableReadsIt() throws {
        for site in sites() {
            let text = String(decoding: try storeEncoder.encode(site), as: UTF8.self)
            #expect(SiteJSON.decode(text) == site, "\(text)")
            #expect(try JSONDecoder().decode(Site.self, from: Data(text.utf8)) == site)
        }
    }

    @Test func aSiteItDoesNotKnowIsLeftToCodable() {
        for text in [
            #"{"id":"a"}"#,
            #"{"households":1.5,"id":"a","kind":"office","locations":[],"name":"A","routes":[],"timeZone":"UTC","units":[]}"#,
            #"{"households":1,"id":"a","kind":"castle","locations":[],"name":"A","routes":[],"timeZone":"UTC","units":[]}"#,
            #"{"households":1,"id":"a","kind":"office","locations":[],"name":"A","routes":[],"since":"soon","timeZone":"UTC","units":[]}"#,
            #"{"households":1,"id":"a","kind":"office","locations":[],"name":"A","routes":[],"timeZone":"UTC","units":[1]}"#,
        ] {
            #expect(SiteJSON.decode(text) == nil, "\(text)")
        }
    }

    /// A field added to one of these types must be taught to its reader (and writer):
    /// `SiteJSON`, `ItemEventJSON`. This counts their stored properties.
    @Test func theReadersKnowEveryStoredProperty() {
        func fields(_ v: Any) -> [String] { Mirror(reflecting: v).children.compactMap(\.label) }
        let site = sites()[1]
        #expect(fields(site).count == 11, "Site has \(fields(site)): teach SiteJSON the new field")
        #expect(fields(site.locations[0]).count == 3)
        #expect(fields(site.routes[0]).count == 3)
        #expect(fields(site.routes[0].checkpoints[0]).count == 2)
        #expect(fields(SiteDepartment(id: "a", name: "b")).count == 2)
        let opened = ItemOpened(kind: .complaint, site: "jinxiu", text: "x", limits: ClockLimits())
        #expect(fields(opened).count == 13, "ItemOpened has \(fields(opened)): teach ItemEventJSON the new field")
        #expect(fields(ClockLimits()).count == 12, "ClockLimits has \(fields(ClockLimits())): teach ItemEventJSON the new field")
    }
}
