import Foundation

/// Settings the application generates once and then keeps (e.g. the secret that signs e-mail links).
public protocol SettingsStore: Sendable {
    /// The stored setting, or `value` stored now when there is none. Insert-if-absent, then read back in one
    /// transaction: when two first starts race, both get the first writer's value.
    func setting(_ key: String, default value: String) async throws -> String
}
