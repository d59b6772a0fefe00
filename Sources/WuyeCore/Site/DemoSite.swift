/// The demo property: the same text as `docs/example-site.toml` (a test holds them
/// together), so what the demo shows is what the documentation explains.
public enum DemoSite {
    public static let toml = #"""
        # A site file: one property with its units, locations, patrol routes and staff.
        # Load it with:  wuye init --site docs/example-site.toml
        # Every key is explained in docs/configuration.md.

        [site]
        id = "jinxiu"                 # an ASCII slug: what commands and scripts use
        name = "锦绣花园"              # what people read
        kind = "residential"          # residential, commercial or office
        time_zone = "Asia/Shanghai"   # days, windows and periods are read in this zone
        households = 432              # the complaint rate's denominator (default: the number of units)

        # Units are listed, or generated per building as CODE-FLOORnn (3-1802 = building 3, floor 18, unit 02).
        [[buildings]]
        code = "1"
        name = "1号楼"
        floors = 18
        units_per_floor = 4

        [[buildings]]
        code = "2"
        name = "2号楼"
        floors = 18
        units_per_floor = 4

        [[buildings]]
        code = "3"
        name = "3号楼"
        floors = 18
        units_per_floor = 4

        [[buildings]]
        code = "5"
        name = "5号楼"
        floors = 18
        units_per_floor = 2

        # Public areas are cleaned, garbage points cleared, green areas watered, camera groups
        # checked and facilities inspected, as the standards file says.
        [[locations]]
        id = "bldg1-lobby"
        name = "1号楼大堂"
        kind = "public_area"

        [[locations]]
        id = "bldg3-lobby"
        name = "3号楼大堂"
        kind = "public_area"

        [[locations]]
        id = "clubhouse"
        name = "会所"
        kind = "public_area"

        [[locations]]
        id = "garbage-north"
        name = "北区垃圾站"
        kind = "garbage_point"

        [[locations]]
        id = "garbage-south"
        name = "南区垃圾站"
        kind = "garbage_point"

        [[locations]]
        id = "central-garden"
        name = "中心花园"
        kind = "green_area"

        [[locations]]
        id = "cctv-gates"
        name = "大门监控组"
        kind = "camera_group"

        [[locations]]
        id = "cctv-garage"
        name = "地下车库监控组"
        kind = "camera_group"

        [[locations]]
        id = "lifts"
        name = "电梯"
        kind = "facility"

        [[locations]]
        id = "garage"
        name = "地下车库"
        kind = "facility"

        [[locations]]
        id = "pump-room"
        name = "水泵房"
        kind = "facility"

        # A patrol route's checkpoints in walking order; each code is printed on a barcode label.
        [[routes]]
        id = "north-route"
        name = "北区巡逻路线"
        checkpoints = [
          { code = "CP-N-01", name = "北门岗亭" },
          { code = "CP-N-02", name = "1号楼大堂" },
          { code = "CP-N-03", name = "北区垃圾站" },
          { code = "CP-N-04", name = "水泵房" },
        ]

        [[routes]]
        id = "garage-route"
        name = "地下车库巡逻路线"
        checkpoints = [
          { code = "CP-G-01", name = "车库入口" },
          { code = "CP-G-02", name = "B1电梯厅" },
          { code = "CP-G-03", name = "B2消防通道" },
        ]

        # Departments that items are assigned to (default: these five). Staff belong to one.
        [[departments]]
        id = "customer_service"
        name = "客服部"

        [[departments]]
        id = "engineering"
        name = "工程部"

        [[departments]]
        id = "security"
        name = "保安部"

        [[departments]]
        id = "environment"
        name = "保洁部"

        [[departments]]
        id = "management"
        name = "管理处"

        [[staff]]
        id = "desk-li"
        name = "李静"
        role = "desk"

        [[staff]]
        id = "desk-zhao"
        name = "赵敏"
        role = "desk"

        [[staff]]
        id = "guard-wang"
        name = "王强"
        role = "guard"

        [[staff]]
        id = "guard-chen"
        name = "陈刚"
        role = "guard"

        [[staff]]
        id = "clean-liu"
        name = "刘芳"
        role = "cleaner"

        [[staff]]
        id = "tech-zhang"
        name = "张伟"
        role = "technician"

        [[staff]]
        id = "tech-sun"
        name = "孙磊"
        role = "technician"

        [[staff]]
        id = "sup-huang"
        name = "黄海"
        role = "supervisor"
        """#

    /// A second, smaller property so that the console has sites to switch between.
    public static let officeTOML = #"""
        [site]
        id = "xinghe"
        name = "星河大厦"
        kind = "office"
        time_zone = "Asia/Shanghai"
        units = ["801", "802", "901", "902", "1001", "1002", "1101", "1201"]

        [[locations]]
        id = "office-lobby"
        name = "大厦大堂"
        kind = "public_area"

        [[locations]]
        id = "office-garbage"
        name = "B1垃圾间"
        kind = "garbage_point"

        [[locations]]
        id = "office-cctv"
        name = "大厦监控组"
        kind = "camera_group"

        [[routes]]
        id = "tower-route"
        name = "大厦巡逻路线"
        checkpoints = [
          { code = "CP-X-01", name = "大堂前台" },
          { code = "CP-X-02", name = "消防控制室" },
        ]

        [[staff]]
        id = "desk-qian"
        name = "钱丽"
        role = "desk"

        [[staff]]
        id = "guard-zhou"
        name = "周勇"
        role = "guard"
        """#
}
