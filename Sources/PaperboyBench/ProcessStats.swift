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

extension ProcessStats {
    /// Peak resident set size in bytes (VmHWM) since start or the last ``resetPeak()``.
    public static func peakResidentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first { $0.allSatisfy(\.isNumber) }
            return (digits.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    /// Resets the peak to the current RSS (Linux: writes 5 to /proc/self/clear_refs); false where unsupported.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }
}
