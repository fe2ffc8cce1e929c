import Foundation

/// Process statistics from /proc (Linux); 0 elsewhere.
public enum ProcessStats {
    /// Resident set size in bytes (VmRSS).
    public static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first { $0.allSatisfy(\.isNumber) }
            return (digits.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }
}
