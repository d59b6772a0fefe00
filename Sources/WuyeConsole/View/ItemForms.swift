import WuyeCore

/// The forms for items. The fields a clerk types on every call come first — unit (or
/// common area), category, text — and the rest have defaults: the signed-in person's site,
/// the hotline, routine.
public enum ItemForms {
    public static let categories = ["噪音", "漏水", "电梯", "停车", "门禁", "卫生", "绿化", "安全", "物业费", "服务态度", "其他"]

    /// The units and common areas of a site, as choices.
    static func places(_ site: Site) -> [Form.Option] {
        site.units.map { Form.Option($0) } + site.locations.map { Form.Option($0.id, $0.name) }
    }

    public static func newItem(_ kind: ItemKind, site: Site, sites: [Site], strings: Strings) -> Form {
        var fields: [Form.Field] = [
            Form.Field(
                id: "place", label: strings["field.place"],
                kind: .choice(options: places(site), typed: TextField(limit: 64), highlighted: 0, free: false), required: kind != .enquiry),
            Form.Field(
                id: "category", label: strings["field.category"],
                kind: .choice(
                    options: categories.map { Form.Option($0) }, typed: TextField(limit: TextLimits.category), highlighted: 0, free: true),
                required: kind == .complaint),
            Form.Field(
                id: "text", label: strings["field.text"], kind: .text(TextField(limit: TextLimits.text, multiLine: false)), required: true),
            Form.Field(
                id: "channel", label: strings["field.channel"],
                kind: .choice(
                    options: Channel.allCases.map { Form.Option($0.rawValue, strings["channel.\($0.rawValue)"]) },
                    typed: TextField(strings["channel.\(Channel.hotline.rawValue)"], limit: 16),
                    highlighted: 0, free: false), required: true),
            Form.Field(id: "emergency", label: strings["field.emergency"], kind: .toggle(false)),
        ]
        if kind == .complaint { fields.append(Form.Field(id: "complex", label: strings["field.complex"], kind: .toggle(false))) }
        fields += [
            Form.Field(id: "owner", label: strings["field.owner"], kind: .text(TextField(limit: TextLimits.owner))),
            Form.Field(id: "phone", label: strings["field.phone"], kind: .text(TextField(limit: TextLimits.phone))),
            Form.Field(
                id: "site", label: strings["field.site"],
                kind: .choice(
                    options: sites.map { Form.Option($0.id, $0.name) }, typed: TextField(site.name, limit: 64), highlighted: 0, free: false),
                required: true),
        ]
        return Form(title: strings["new.\(kind.rawValue)"], fields: fields)
    }

    /// What a filled-in new-item form asks the store to open.
    public static func opened(_ kind: ItemKind, from f: Form, sites: [Site], limits: ClockLimits) throws(WuyeError) -> ItemOpened {
        guard let siteID = f.value("site"), let site = sites.first(where: { $0.id == siteID }) else {
            throw .badInput("choose a site")
        }
        let place = f.value("place")
        let isLocation = place.map { p in site.location(p) != nil } ?? false
        var o = ItemOpened(
            kind: kind, site: site.id, unit: isLocation ? nil : place, location: isLocation ? place : nil,
            channel: f.value("channel").flatMap(Channel.init(rawValue:)) ?? .hotline, category: f.value("category") ?? "",
            text: f.value("text") ?? "", emergency: f.isOn("emergency"), complex: f.isOn("complex"), limits: limits)
        o.owner = f.value("owner")
        o.phone = f.value("phone")
        return o
    }

    /// The field a refusal from the store is about, from the option it names.
    public static func field(for message: String) -> String? {
        for (option, field) in [
            ("--unit", "place"), ("--location", "place"), ("unit ", "place"), ("location ", "place"), ("--text", "text"),
            ("--category", "category"), ("--owner", "owner"), ("--phone", "phone"),
        ] where message.contains(option) {
            return field
        }
        return nil
    }
}
