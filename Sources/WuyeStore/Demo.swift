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
        LeftOvers.clean(in: home, prefix: ".demo-")
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
        // Duties are kept from yesterday on.
        let since = main.site.zone.startOfDay(main.site.zone.date(of: now).adding(days: -1))
        try store.define(main, actor: nil, now: start, since: since)
        try store.define(office, actor: "sup-huang", now: start, since: since)
        try store.markDemo(now: start)

        let b = Builder(store: store, now: now)
        // Complaints.
        _ = try b.open(
            .complaint, "jinxiu", unit: "3-1802", channel: .hotline, category: "噪音", text: "电梯晚上异响，吵得睡不着", minutesAgo: 24, by: "desk-li")
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
        try duties(store, now: now)
        try history(store, now: now)
    }

    /// Yesterday's duties all done but one (missed); today's done as their windows opened,
    /// except the latest; patrol rounds walked, with the last hours showing an incomplete
    /// round, a late one and the current round half walked. One transaction.
    static func duties(_ store: Store, now: Instant) throws(WuyeError) {
        let standards = try store.standards()
        let sites = try store.sites()
        let doer: [DutyKind: String] = [
            .cleaning: "clean-liu", .garbage: "clean-liu", .watering: "clean-liu", .cctv: "guard-chen", .inspection: "tech-zhang",
        ]
        let guards = ["north-route": "guard-wang", "garage-route": "guard-chen", "tower-route": "guard-zhou"]
        try store.batch { (b: inout Store.Batch) throws(WuyeError) in
            for site in sites {
                let today = site.zone.date(of: now)
                for (offset, day) in [(1, today.adding(days: -1)), (0, today)] {
                    let list = Duties.occurrences(site: site, standards: standards, day: day).filter { $0.windowStart + 1200 <= now }
                    for o in list {
                        // Yesterday the second round at the south garbage point was forgotten (missed);
                        // today the latest open window is still to do, and the office is behind.
                        if offset == 1 && o.kind == .garbage && o.n == 2 && o.location == "garbage-south" { continue }
                        if offset == 0 && (o.windowEnd > now && o.location == "clubhouse" || site.id == "xinghe") { continue }
                        let t = o.windowStart + 1200
                        let problem = o.kind == .cleaning && o.location == "clubhouse" && offset == 1 && o.n == 1 ? "会所洗手间水龙头漏水" : nil
                        // The office has no cleaner of its own: its supervisor ticks.
                        let by = site.id == "xinghe" ? "sup-huang" : doer[o.kind] ?? "sup-huang"
                        try b.tick(o.id, note: nil, problem: problem, actor: by, at: t, now: t)
                    }
                    for r in Patrol.rounds(site: site, standards: standards, day: day)
                    where r.end <= now - (r.route.id == "north-route" ? 3 * 3600 : 0) {
                        // Yesterday's 03:00 garage round was not walked.
                        if offset == 1 && r.route.id == "garage-route" && site.zone.local(r.start).hour == 3 { continue }
                        for (i, cp) in r.route.checkpoints.enumerated() {
                            let t = r.start + 180 + Int64(i) * 240
                            try b.scan(cp.code, note: nil, problem: nil, actor: guards[r.route.id] ?? "sup-huang", at: t, now: t)
                        }
                    }
                }
            }
            // The last hours of the north route: complete, incomplete, started late, and the
            // current round half walked.
            guard let site = sites.first(where: { $0.id == "jinxiu" }), let north = site.route("north-route") else { return }
            for back in [3, 2, 1] {
                guard let r = Patrol.round(site: site, route: north, standards: standards, at: now - Int64(back) * 3600),
                    r.end <= now
                else { continue }
                let count = back == 2 ? 2 : north.checkpoints.count
                let startMinute: Int64 = back == 1 ? 14 : 3
                for (i, cp) in north.checkpoints.prefix(count).enumerated() {
                    let t = r.start + startMinute * 60 + Int64(i) * 240
                    try b.scan(cp.code, note: nil, problem: nil, actor: "guard-wang", at: t, now: t)
                }
            }
            if let cur = Patrol.round(site: site, route: north, standards: standards, at: now) {
                let walked = Int64(now - cur.start) / 60
                for (i, cp) in north.checkpoints.prefix(2).enumerated() where 2 + Int64(i) * 4 < walked {
                    let t = cur.start + (2 + Int64(i) * 4) * 60
                    try b.scan(cp.code, note: i == 1 ? "大堂灯光正常" : nil, problem: nil, actor: "guard-wang", at: t, now: t)
                }
            }
        }
    }

    /// Training sessions with one person to retrain, and satisfaction surveys.
    static func history(_ store: Store, now: Instant) throws(WuyeError) {
        let zone = try store.site("jinxiu").zone
        let today = zone.date(of: now)
        let t1 = try store.planTraining(
            kind: .quarterly, topic: "服务礼仪与沟通", date: today.adding(days: -40), trainer: "sup-huang", site: nil, actor: "sup-huang",
            now: now - 40 * 86400)
        _ = try store.recordTraining(
            t1.id, .attended(staff: ["desk-li", "desk-zhao", "guard-wang", "clean-liu"]), actor: "sup-huang", now: now - 40 * 86400)
        for (staff, score) in [("desk-li", 92.0), ("desk-zhao", 85), ("guard-wang", 55), ("clean-liu", 78)] {
            _ = try store.recordTraining(t1.id, .scored(staff: staff, score: score), actor: "sup-huang", now: now - 40 * 86400)
        }
        let t2 = try store.planTraining(
            kind: .monthly, topic: "设备维护与消防安全", date: today.adding(days: -10), trainer: "sup-huang", site: "jinxiu", actor: "sup-huang",
            now: now - 10 * 86400)
        for (staff, score) in [("guard-wang", 58.0), ("tech-zhang", 88), ("tech-sun", 90), ("guard-chen", 81)] {
            _ = try store.recordTraining(t2.id, .scored(staff: staff, score: score), actor: "sup-huang", now: now - 10 * 86400)
        }
        let scores: [(String, Double, Int64)] = [
            ("3-1802", 88, 2), ("2-1503", 72, 3), ("1-602", 95, 5), ("5-301", 81, 8), ("1-1204", 68, 12), ("2-801", 90, 20),
            ("3-404", 84, 26), ("1-301", 77, 33),
        ]
        for (unit, score, daysAgo) in scores {
            let t = now - daysAgo * 86400
            _ = try store.addSurvey(site: "jinxiu", score: score, household: unit, actor: "desk-li", at: t, now: t)
        }
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
