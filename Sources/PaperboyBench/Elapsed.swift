import Dispatch

/// Wall time for the benchmarks (monotonic).
enum Elapsed {
    /// Seconds since `start`.
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
