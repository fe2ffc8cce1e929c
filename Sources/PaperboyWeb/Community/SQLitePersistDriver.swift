import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// hummingbird's `PersistDriver` on the `sessions` table of our database, so sessions survive restarts and are
/// shared by every process on the database. Values are JSON; expiry is checked against the app's clock.
public struct SQLitePersistDriver: PersistDriver {
    let store: any AccountStore
    let clock: @Sendable () -> Date

    public init(store: any AccountStore, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.clock = clock
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        do {
            try await put(key, value, expires, onlyIfAbsent: true)
        } catch let error as PaperboyError where error.code == .conflict {
            throw PersistError.duplicate
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        // `nil` expiry on an update keeps the record's current expiry (hummingbird-auth updates this way).
        var expiry = expires.map { clock().addingTimeInterval(Self.seconds($0)) }
        if expires == nil, let current = try await store.sessionRecord(key: key, now: clock()) {
            expiry = current.expiresAt
        }
        try await store.putSessionRecord(key: key, value: try JSONEncoder().encode(value), expiresAt: expiry,
                                         onlyIfAbsent: false, now: clock())
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = clock()
        guard let record = try await store.sessionRecord(key: key, now: now) else { return nil }
        do {
            let object = try JSONDecoder().decode(Object.self, from: record.value)
            return (object, record.expiresAt.map { .milliseconds(Int64($0.timeIntervalSince(now) * 1000)) })
        } catch {
            throw PersistError.invalidConversion
        }
    }

    public func remove(key: String) async throws {
        try await store.removeSessionRecord(key: key)
    }

    private func put<Object: Codable & Sendable>(_ key: String, _ value: Object, _ expires: Duration?, onlyIfAbsent: Bool) async throws {
        let now = clock()
        try await store.putSessionRecord(key: key, value: try JSONEncoder().encode(value),
                                         expiresAt: expires.map { now.addingTimeInterval(Self.seconds($0)) },
                                         onlyIfAbsent: onlyIfAbsent, now: now)
    }

    static func seconds(_ d: Duration) -> TimeInterval {
        TimeInterval(d.components.seconds) + TimeInterval(d.components.attoseconds) / 1e18
    }
}
