// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "paperboy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "paperboy", targets: ["paperboy"]),
        .library(name: "PaperboyCore", targets: ["PaperboyCore"]),
        .library(name: "PaperboyStore", targets: ["PaperboyStore"]),
        .library(name: "PaperboyStorePostgres", targets: ["PaperboyStorePostgres"]),
        .library(name: "PaperboySearch", targets: ["PaperboySearch"]),
        .library(name: "PaperboyVectors", targets: ["PaperboyVectors"]),
        .library(name: "PaperboyEmbedding", targets: ["PaperboyEmbedding"]),
        .library(name: "PaperboyIngest", targets: ["PaperboyIngest"]),
        .library(name: "PaperboyWeb", targets: ["PaperboyWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
    ],
    targets: [
        .target(name: "PaperboyCore", swiftSettings: swiftSettings),
        .target(
            name: "PaperboyLifecycle",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "CKernels"),
        .target(name: "PaperboyEmbedding", dependencies: ["COpenBLAS", "CKernels"], swiftSettings: swiftSettings),
        .target(
            name: "PaperboyStore",
            dependencies: ["PaperboyCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyStorePostgres",
            dependencies: [
                "PaperboyCore", "PaperboyStore", "PaperboyLifecycle",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "PaperboySearch", dependencies: ["PaperboyCore"], swiftSettings: swiftSettings),
        .target(name: "PaperboyVectors", dependencies: ["PaperboyCore", "CKernels"], swiftSettings: swiftSettings),
        .target(
            name: "PaperboyRecommend", dependencies: ["PaperboyCore", "PaperboyStore", "PaperboyVectors"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyBench",
            dependencies: [
                "PaperboySearch", "PaperboyVectors", "PaperboyEmbedding", "CKernels", "PaperboyCore", "PaperboyStore",
                "PaperboyIngest", "PaperboyRecommend",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyCatalog",
            dependencies: [
                "PaperboyCore", "PaperboyStore", "PaperboySearch", "PaperboyVectors", "PaperboyEmbedding", "PaperboyLifecycle",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyIngest",
            dependencies: [
                "PaperboyCore", "PaperboyStore", "PaperboyLifecycle", "CZlib", .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyMail",
            dependencies: [
                "PaperboyCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "PaperboyFeeds", dependencies: ["PaperboyCore"], swiftSettings: swiftSettings),
        .target(
            name: "PaperboyDelivery",
            dependencies: [
                "PaperboyCore", "PaperboyStore", "PaperboyMail", "PaperboyLifecycle",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyConfig",
            dependencies: [
                "PaperboyCore", "PaperboyDelivery", "PaperboyEmbedding", "PaperboyIngest", "PaperboyMail",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The MCP server's tool set (search, papers, daily lists, similar papers) for `paperboy mcp` and `POST /mcp`.
        .target(
            name: "PaperboyMCP",
            dependencies: [
                "PaperboyCore", "PaperboyStore", "PaperboyCatalog",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PaperboyWeb",
            dependencies: [
                "PaperboyMCP", .product(name: "MCP", package: "swift-sdk"),
                "PaperboyCore", "PaperboyStore", "PaperboyStorePostgres", "PaperboySearch", "PaperboyCatalog", "PaperboyDelivery",
                "PaperboyFeeds", "PaperboyIngest", "PaperboyConfig", "PaperboyLifecycle", "PaperboyEmbedding", "PaperboyRecommend", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "paperboy",
            dependencies: [
                "PaperboyCore", "PaperboyStore", "PaperboyStorePostgres", "PaperboySearch", "PaperboyVectors", "PaperboyCatalog",
                "PaperboyIngest", "PaperboyWeb", "PaperboyRecommend", "PaperboyMCP", .product(name: "MCP", package: "swift-sdk"),
                "PaperboyBench", "PaperboyEmbedding", "PaperboyMail", "PaperboyDelivery", "PaperboyConfig", "PaperboyLifecycle",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyConfigTests",
            dependencies: ["PaperboyConfig", "PaperboyIngest", .product(name: "Configuration", package: "swift-configuration")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyLifecycleTests",
            dependencies: ["PaperboyLifecycle", .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: swiftSettings
        ),
        // Test doubles and test-data locators shared by test targets; no product depends on it.
        .target(
            name: "TestSupport", dependencies: ["PaperboyCore", "PaperboyCatalog", "PaperboyEmbedding"],
            path: "Tests/TestSupport", swiftSettings: swiftSettings
        ),
        .testTarget(name: "PaperboyCoreTests", dependencies: ["PaperboyCore"], swiftSettings: swiftSettings),
        // One contract suite for every backend: the PostgreSQL cases live here too (they need the same helpers and
        // the parameterised suites need the PostgreSQL backend), reaching the server of PAPERBOY_TEST_POSTGRES_URL.
        .testTarget(
            name: "PaperboyStoreTests",
            dependencies: [
                "PaperboyStore", "PaperboyStorePostgres", "PaperboyLifecycle", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyCatalogTests", dependencies: ["PaperboyCatalog", "PaperboyStore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PaperboySearchTests", dependencies: ["PaperboySearch"], swiftSettings: swiftSettings),
        .testTarget(name: "PaperboyVectorsTests", dependencies: ["PaperboyVectors"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PaperboyRecommendTests",
            dependencies: ["PaperboyRecommend", "PaperboyStore", "PaperboyVectors", "PaperboyCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyBenchTests",
            dependencies: ["PaperboyBench", "PaperboySearch", "PaperboyVectors", "PaperboyEmbedding", "PaperboyStore", "PaperboyCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyEmbeddingTests", dependencies: ["PaperboyEmbedding", "CKernels", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyIngestTests",
            dependencies: [
                "PaperboyIngest", "PaperboyStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyMailTests",
            dependencies: ["PaperboyMail", .product(name: "NIOEmbedded", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyMCPTests",
            dependencies: [
                "PaperboyMCP", "PaperboyWeb", "PaperboyStore", "PaperboyCatalog", "PaperboyCore", "TestSupport",
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PaperboyFeedsTests", dependencies: ["PaperboyFeeds"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PaperboyDeliveryTests", dependencies: ["PaperboyDelivery", "PaperboyMail", "PaperboyStore"],
            exclude: ["ExpectedMails"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaperboyWebTests",
            dependencies: [
                "PaperboyWeb", "PaperboyIngest", "PaperboyStore", "PaperboyCatalog", "PaperboyDelivery", "PaperboyMail",
                "TestSupport", "CZlib",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
