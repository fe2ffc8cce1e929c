import ArgumentParser
import Foundation

/// `--shared-data`: the folder of third-party datasets and reference vectors the benchmarks read.
struct SharedDataOptions: ParsableArguments {
    @Option(help: "Shared data folder (default: $PAPERBOY_SHARED_DATA or ../shared/data).")
    var sharedData: String?

    /// The flag, else `$PAPERBOY_SHARED_DATA`, else `../shared/data` (beside the checkout).
    var folder: URL {
        URL(fileURLWithPath: sharedData ?? ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"] ?? "../shared/data")
    }
}
