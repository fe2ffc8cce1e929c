import COpenBLAS
import Foundation

/// One-time OpenBLAS kernel check.
///
/// OpenBLAS 0.3.21 (Debian 12) picks its kernels from the CPU model number. On CPUs it does not know
/// (e.g. Intel family 6 model 207 as seen by a VM) it falls back to the SSE3 "Prescott" kernels, which run
/// `sgemm` at ~17 GFLOP/s instead of ~100. When that happens, `OPENBLAS_CORETYPE` is unset and the CPU
/// reports AVX-512 (or AVX2+FMA), this re-runs OpenBLAS's kernel selection with `OPENBLAS_CORETYPE=SkylakeX`
/// (or `Haswell`). A user-set `OPENBLAS_CORETYPE` is always respected.
///
/// Runs once per process, the first time an encoder is created; it must not race with other BLAS calls
/// (Paperboy makes none outside this module).
enum OpenBLASRuntime {
    /// The OpenBLAS core name in use after the check (e.g. `"SkylakeX"`).
    static let coreName: String = configure()

    private static func configure() -> String {
        let current = currentCoreName()
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil,
              ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Nano", "Unknown"].contains(current)
        else { return current }
        let flags = cpuFlags()
        let target: String
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) {
            target = "SkylakeX"
        } else if ["avx2", "fma"].allSatisfy(flags.contains) {
            target = "Haswell"
        } else {
            return current
        }
        setenv("OPENBLAS_CORETYPE", target, 1)
        gotoblas_dynamic_quit()
        gotoblas_dynamic_init()
        unsetenv("OPENBLAS_CORETYPE")
        return currentCoreName()
    }

    private static func currentCoreName() -> String {
        guard let name = openblas_get_corename() else { return "Unknown" }
        return String(cString: name)
    }

    /// CPU feature flags from `/proc/cpuinfo` (empty where it does not exist).
    private static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":")
        else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
