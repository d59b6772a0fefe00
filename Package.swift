// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Wuye",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wuye", targets: ["wuye"]),
        .executable(name: "wuye-bench", targets: ["wuye-bench"]),
    ],
    // `PostgreSQL`: the shared journal on a PostgreSQL server (`--store postgres://…`),
    // through postgres-nio and SwiftNIO. Off by default, so that the embedded store builds
    // lean; `swift build --traits PostgreSQL` turns it on (see docs/deploying.md).
    traits: [
        .trait(name: "PostgreSQL", description: "The shared journal on a PostgreSQL server (postgres-nio)")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesW",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CQRencode",
            providers: [.apt(["libqrencode-dev"])]),
        // The e-mail channel's MIME parser: GMime 3 (Debian's libgmime-3.0-dev) is compiled
        // against and loaded with dlopen when the first message is read, not linked, so
        // no other command loads it and the GLib under it (see mailparse.c).
        .target(
            name: "CMailParse",
            cSettings: [
                .unsafeFlags([
                    "-I/usr/include/gmime-3.0", "-I/usr/include/glib-2.0", "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include",
                    "-I/usr/lib/aarch64-linux-gnu/glib-2.0/include", "-I/usr/lib64/glib-2.0/include",
                ])
            ]),
        .target(name: "CSQLiteShim", linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("crypto")]),
        .target(name: "WuyeCore", swiftSettings: strict),
        .target(
            name: "WuyeStore",
            dependencies: ["WuyeCore", "CSQLiteShim", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(
            name: "WuyePostgres",
            dependencies: [
                "WuyeStore", "WuyeCore",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ],
            swiftSettings: strict),
        .target(name: "WuyeReports", dependencies: ["WuyeStore", "WuyeCore", "CQRencode"], swiftSettings: strict),
        .target(name: "WuyeAlerts", dependencies: ["WuyeStore", "WuyeCore", "CMailParse"], swiftSettings: strict),
        .target(
            name: "WuyeConsole",
            dependencies: ["WuyeReports", "WuyeStore", "WuyeCore", "CNcursesW"],
            swiftSettings: strict),
        .executableTarget(
            name: "wuye",
            dependencies: [
                "WuyeConsole", "WuyeReports", "WuyeAlerts", "WuyeStore", "WuyeCore", "WuyePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // The release program carries the Swift runtime and Foundation inside it: it
            // starts in half the time (no dynamic linking of Foundation and ICU at every
            // command) and runs on an office machine without a Swift toolchain.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
                        "-Xclang-linker", "-no-pie",
                    ],
                    .when(configuration: .release))
            ]),
        .executableTarget(
            name: "wuye-bench",
            dependencies: ["WuyeConsole", "WuyeStore", "WuyeCore", "WuyePostgres", "WuyeTestSupport"],
            swiftSettings: strict),
        .target(name: "WuyeTestSupport", path: "Tests/WuyeTestSupport", swiftSettings: strict),
        .testTarget(name: "WuyeCoreTests", dependencies: ["WuyeCore", "WuyeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "WuyeStoreTests", dependencies: ["WuyeStore", "WuyeCore", "WuyeReports", "WuyePostgres", "WuyeTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "WuyeCLITests", dependencies: ["WuyeCore", "WuyeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "WuyeConsoleTests", dependencies: ["WuyeConsole", "WuyeStore", "WuyeCore", "WuyeTestSupport"], exclude: ["Golden"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
