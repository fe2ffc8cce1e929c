import ArgumentParser
import Foundation
import PaperboyConfig

/// `--shared-data`: the folder of third-party datasets and reference vectors the benchmarks read.
struct SharedDataOptions: ParsableArguments {
    @Option(help: "Shared data folder (default: $PAPERBOY_SHARED_DATA or ../shared/data).")
    var sharedData: String?

    /// The flag, else `$PAPERBOY_SHARED_DATA`, else `../shared/data` (beside the checkout).
    var folder: URL {
        let reader = SettingsReader(commandLine: sharedData.map { [.sharedData: .string($0)] } ?? [:])
        return (try? AppConfiguration.sharedData(reader)) ?? URL(fileURLWithPath: sharedData ?? "../shared/data")
    }
}
