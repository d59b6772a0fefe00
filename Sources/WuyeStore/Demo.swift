import Foundation
import WuyeCore

/// Builds the demo property: two sites with Chinese names and items placed relative to
/// "now", so that every clock state can be seen at once — due soon, breached, paused,
/// waiting for a callback, overdue repairs, and some history.
public enum Demo {
    /// Creates a store holding the demo in `home`, all or nothing: it is built in a
    /// folder beside it and moved into place only when complete.
    public static func create(home: String, now: Instant) throws(WuyeError) {
        let fm = FileManager.default
        let target = (home as NSString).appendingPathComponent("wuye.sqlite")
        if fm.fileExists(atPath: target) {
            throw .refused("\(home) has a store already; the demo goes into an empty data folder (use --home)")
        }
        let scratch = (home as NSString).appendingPathComponent(".demo-\(getpid())")
        try? fm.removeItem(atPath: scratch)
        defer { try? fm.removeItem(atPath: scratch) }
        do {
            let store = try Store.open(home: scratch, create: true)
            try build(store, now: now)
            try store.close()
        }
        do {
            try fm.moveItem(atPath: (scratch as NSString).appendingPathComponent("wuye.sqlite"), toPath: target)
        } catch {
            throw .storeUnusable("cannot place the demo store in \(home): \(error.localizedDescription)")
        }
    }

    public static func build(_ store: Store, now: Instant) throws(WuyeError) {
        let main = try SiteFile.parse(DemoSite.toml, file: "demo site")
        let office = try SiteFile.parse(DemoSite.officeTOML, file: "demo office")
        // The demo's own past starts three days ago, so every step below can be dated.
        let start = now - 3 * 86400 - 3600
        try store.define(main, actor: nil, now: start)
        try store.define(office, actor: "sup-huang", now: start)
        try store.markDemo(now: start)

        var b = Builder(store: store, now: now)
        // Complaints.
        let lift = try b.open(
            .complaint, "jinxiu", unit: "3-1802", channel: .hotline, category: "噪音", text: "电梯晚上异响，吵得睡不着", minutesAgo: 24, by: "desk-li")
        _ = lift
        let leak = try b.open(
            .complaint, "jinxiu", unit: "2-1503", channel: .wechat, category: "漏水", text: "楼上漏水到客厅，天花板在滴水", emergency: true, minutesAgo: 19,
            by: "desk-zhao")
        try b.step(leak, .assign(to: try store.staff("tech-zhang"), note: "请立即上门"), minutesAgo: 17, by: "desk-zhao")
        let garage = try b.open(
            .complaint, "jinxiu", location: "garage", channel: .walkIn, category: "设施", text: "地下车库B2积水，车辆进出困难", complex: true,
            minutesAgo: 60 * 50, by: "desk-li")
        try b.step(garage, .respond(note: "已派工程部查看排水泵"), minutesAgo: 60 * 50 - 12, by: "desk-li")
        try b.step(garage, .progress(note: "排水泵需更换，已订购配件"), minutesAgo: 60 * 26, by: "desk-li")
        let card = try b.open(
            .complaint, "jinxiu", unit: "1-602", channel: .email, category: "门禁", text: "门禁卡失效，要求补办两张", minutesAgo: 60 * 20, by: "desk-li")
        try b.step(card, .respond(note: "已联系业主"), minutesAgo: 60 * 20 - 10, by: "desk-li")
        try b.step(card, .pause(reason: "业主出差，下周回来后到前台办理"), minutesAgo: 60 * 19, by: "desk-li")
        let parking = try b.open(
            .complaint, "jinxiu", unit: "5-301", channel: .hotline, category: "停车", text: "车位被外来车辆占用", minutesAgo: 60 * 30, by: "desk-zhao")
        try b.step(parking, .respond(note: "保安已到现场"), minutesAgo: 60 * 30 - 8, by: "desk-zhao")
        try b.step(parking, .resolve(note: "已联系车主移车，加强门岗登记"), minutesAgo: 60 * 27, by: "desk-zhao")
        let trash = try b.open(
            .complaint, "jinxiu", location: "garbage-north", channel: .wechat, category: "环境卫生", text: "北区垃圾站有异味", minutesAgo: 60 * 70,
            by: "desk-li")
        try b.step(trash, .respond(note: nil), minutesAgo: 60 * 70 - 20, by: "desk-li")
        try b.step(trash, .resolve(note: "已清洗消毒，增加清运次数"), minutesAgo: 60 * 60, by: "desk-li")
        try b.step(trash, .callback(rating: 5, note: "业主表示满意"), minutesAgo: 60 * 40, by: "desk-li")
        try b.step(trash, .close(note: nil), minutesAgo: 60 * 40 - 1, by: "desk-li")
        let noise = try b.open(
            .complaint, "jinxiu", unit: "1-1204", channel: .hotline, category: "噪音", text: "楼上装修超时施工", minutesAgo: 95, by: "desk-zhao")
        try b.step(noise, .respond(note: "已提醒装修户"), minutesAgo: 80, by: "desk-zhao")
        let aircon = try b.open(
            .complaint, "xinghe", unit: "901", channel: .hotline, category: "空调", text: "办公室空调不制冷", minutesAgo: 12, by: "desk-qian")
        _ = aircon
        // Enquiries.
        _ = try b.open(
            .enquiry, "jinxiu", unit: "2-801", channel: .wechat, category: "缴费", text: "物业费可以用微信缴纳吗？", minutesAgo: 9, by: "desk-li")
        let fee = try b.open(
            .enquiry, "jinxiu", unit: "3-404", channel: .hotline, category: "装修", text: "装修需要办理什么手续", minutesAgo: 300, by: "desk-zhao")
        try b.step(fee, .answer(note: "已告知装修申报流程"), minutesAgo: 290, by: "desk-zhao")
        // Repairs.
        let lamp = try b.open(.repair, "jinxiu", location: "central-garden", text: "中心花园路灯不亮", minutesAgo: 60 * 50, by: "guard-wang")
        try b.step(lamp, .acknowledge(note: nil), minutesAgo: 60 * 50 - 20, by: "tech-sun")
        try b.step(lamp, .respond(note: "线路老化，需更换"), minutesAgo: 60 * 30, by: "tech-sun")
        let pipe = try b.open(.repair, "jinxiu", location: "pump-room", text: "水泵房水管爆裂", emergency: true, minutesAgo: 40, by: "guard-chen")
        _ = pipe
        let door = try b.open(.repair, "jinxiu", location: "bldg3-lobby", text: "3号楼单元门门禁故障", minutesAgo: 60 * 30, by: "desk-li")
        try b.step(door, .assign(to: try store.staff("tech-zhang"), note: nil), minutesAgo: 60 * 30 - 5, by: "desk-li")
        try b.step(door, .acknowledge(note: "等待配件"), minutesAgo: 60 * 30 - 15, by: "tech-zhang")
        let tap = try b.open(.repair, "jinxiu", unit: "1-301", text: "厨房水龙头漏水", minutesAgo: 60 * 6, by: "desk-zhao")
        try b.step(tap, .acknowledge(note: nil), minutesAgo: 60 * 6 - 10, by: "tech-sun")
        try b.step(tap, .respond(note: nil), minutesAgo: 60 * 5, by: "tech-sun")
        try b.step(tap, .resolve(note: "已更换阀芯"), minutesAgo: 60 * 4, by: "tech-sun")
        let lobby = try b.open(.repair, "xinghe", location: "office-lobby", text: "大堂自动门关不严", minutesAgo: 60 * 26, by: "desk-qian")
        _ = lobby
    }

    struct Builder {
        let store: Store
        let now: Instant

        func open(
            _ kind: ItemKind, _ site: String, unit: String? = nil, location: String? = nil, channel: Channel? = nil,
            category: String = "", text: String, emergency: Bool = false, complex: Bool = false, minutesAgo: Int64,
            by: String
        ) throws(WuyeError) -> String {
            let standards = try store.standards()
            let o = ItemOpened(
                kind: kind, site: site, unit: unit, location: location, channel: channel,
                category: category.isEmpty ? kind.rawValue : category, text: text, emergency: emergency,
                complex: complex, limits: standards.clocks)
            let t = now - minutesAgo * 60
            return try store.perform(.open(o), on: nil, site: site, actor: by, at: t, now: t).id
        }

        /// A step recorded when it happened, as a desk that types at once would.
        func step(_ id: String, _ c: ItemCommand, minutesAgo: Int64, by: String) throws(WuyeError) {
            let t = now - minutesAgo * 60
            try store.perform(c, on: id, actor: by, at: t, now: t)
        }
    }
}
