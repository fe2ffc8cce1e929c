import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named leases for the singletons of a site — the embedder, the digest scheduler, the arXiv harvester — so that
/// with several processes on one database exactly one of them runs each at a time, and another takes over when
/// the holder dies.
///
/// Backends: ``FileLeases`` (SQLite: `flock` on a file beside the database; the kernel releases it when the
/// holding process exits, however it exits) and, for PostgreSQL, a session advisory lock held on a dedicated
/// connection (the connection's end releases it).
public protocol Leases: Sendable {
    /// Takes `name` if nobody holds it; `nil` when another holder has it. Never waits.
    func tryAcquire(_ name: String) async throws -> (any HeldLease)?
}

/// A lease this process holds until ``release()`` (or until it exits).
public protocol HeldLease: Sendable {
    func release() async
}

/// Leases as `flock(LOCK_EX | LOCK_NB)` on `<directory>/<name>.lock`. Each acquisition opens the file anew, so two
/// acquisitions in one process exclude each other too (Linux `flock` locks belong to the open file description).
/// The file holds the holder's pid, for messages; the lock, not the file's presence, is what counts.
public struct FileLeases: Leases {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The leases of a SQLite database: `<database>.leases/`.
    public static func beside(database path: String) -> FileLeases {
        FileLeases(directory: URL(fileURLWithPath: path + ".leases"))
    }

    public func tryAcquire(_ name: String) async throws -> (any HeldLease)? {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(name).lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LeaseError("Cannot open the lease file \(path) (errno \(errno)).") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(fd)
            if busy { return nil }
            throw LeaseError("Cannot lock the lease file \(path) (errno \(errno)).")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return FileLease(fd: fd)
    }

    /// The pid written by the current holder of `name`, if the file names one (for messages only).
    public func holderPid(_ name: String) -> Int32? {
        let path = directory.appendingPathComponent("\(name).lock").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

final class FileLease: HeldLease, @unchecked Sendable {
    // The descriptor is only closed once: `release` and `deinit` go through `lock`.
    private let lock = NSLock()
    private var fd: Int32

    init(fd: Int32) { self.fd = fd }

    func release() async { closeOnce() }

    deinit { closeOnce() }

    private func closeOnce() {
        lock.lock()
        defer { lock.unlock() }
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }
}

public struct LeaseError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
