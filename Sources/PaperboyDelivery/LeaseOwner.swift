import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The owner id a sender run writes into its digest claims: `host:pid:nonce`.
///
/// A claim normally stays its owner's until the lease expires, so a live sender is never overtaken. But a run
/// killed on this machine and started again should not wait out the lease of a process that no longer exists:
/// when the owner names this host and its pid is gone, the claim is abandoned and may be taken over at once.
/// Owners from other hosts (or ids in another shape, such as those of older versions) are only taken over once
/// their lease has expired. The nonce keeps a reused pid from passing for its predecessor's owner.
public struct LeaseOwner: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let pid: Int32
    public let nonce: String

    public init(host: String, pid: Int32, nonce: String) {
        self.host = host
        self.pid = pid
        self.nonce = nonce
    }

    /// This process.
    public static func current() -> LeaseOwner {
        LeaseOwner(host: hostName(), pid: getpid(), nonce: String(UUID().uuidString.prefix(8)).lowercased())
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let pid = Int32(parts[1]), pid > 0 else { return nil }
        self.init(host: String(parts[0]), pid: pid, nonce: String(parts[2]))
    }

    public var description: String { "\(host):\(pid):\(nonce)" }

    /// True when `owner` names a process of this host that no longer runs.
    public static func isAbandoned(_ owner: String, host: String = hostName(),
                                   isRunning: (Int32) -> Bool = processIsRunning) -> Bool {
        guard let parsed = LeaseOwner(owner), parsed.host == host else { return false }
        return !isRunning(parsed.pid)
    }

    /// `kill(pid, 0)`: no such process is the only answer that counts as "not running" (EPERM means it runs).
    public static func processIsRunning(_ pid: Int32) -> Bool {
        if kill(pid, 0) == 0 { return true }
        return errno != ESRCH
    }

    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let name = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: ":", with: "_")
        return name.isEmpty ? "localhost" : name
    }
}
