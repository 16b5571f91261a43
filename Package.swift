// swift-tools-version:6.1
import PackageDescription

// Layers, imports only downward:
//   OneWindowCore (pure domain) ← OneWindowResources (bundled policy/string files)
//   ← OneWindowStore (the only target that knows an engine: SQLite through GRDB, PostgreSQL through libpq) ← OneWindowService (use cases, roles, audit) ← onewindow (CLI)
let package = Package(
    name: "OneWindow",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "onewindow", targets: ["onewindow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // RFC 4180 reading and writing (exports an agency files, the settlement import): no hand-split commas.
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .target(name: "OneWindowCore"),
        // Resources/ lives at the top level (product owner's layout), so this target
        // is rooted at "." and only compiles its own folder.
        .target(
            name: "OneWindowResources",
            dependencies: ["OneWindowCore"],
            path: ".",
            // Everything else under "." belongs to other targets or to the repository.
            exclude: ["Sources/OneWindowCore", "Sources/OneWindowStore", "Sources/OneWindowService",
                      "Sources/onewindow", "Sources/OneWindowTUI", "Sources/CNcursesw", "Sources/CLibpq", "Tests", "README.md", "docs", ".ci"],
            sources: ["Sources/OneWindowResources"],
            resources: [.copy("Resources/policies"), .copy("Resources/strings"), .copy("Resources/exercises")]
        ),
        .target(
            name: "OneWindowStore",
            dependencies: [
                "OneWindowCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the synthetic generator's bulk inserts (binding without boxing each value).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CLibpq",
            ]
        ),
        // PostgreSQL's own C client (libpq-dev): synchronous like the counter, no event loop to build.
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "OneWindowService",
            dependencies: [
                "OneWindowCore", "OneWindowResources", "OneWindowStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(
            name: "OneWindowTUI",
            dependencies: ["CNcursesw", "OneWindowCore", "OneWindowResources", "OneWindowService", "OneWindowStore"]
        ),
        .executableTarget(
            name: "onewindow",
            dependencies: [
                "OneWindowCore", "OneWindowResources", "OneWindowService", "OneWindowTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "OneWindowCoreTests", dependencies: ["OneWindowCore", "OneWindowResources"]),
        .testTarget(name: "OneWindowTUITests",
                    dependencies: ["OneWindowTUI", "OneWindowService", "OneWindowStore", "OneWindowCore", "OneWindowResources"],
                    exclude: ["Goldens"]),
        // The service tests reach past the program into the SQLite file (Fixture+SQLite) to plant damage.
        .testTarget(name: "OneWindowServiceTests", dependencies: ["OneWindowService", "OneWindowStore", "OneWindowCore", "OneWindowResources",
                                                                  .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
