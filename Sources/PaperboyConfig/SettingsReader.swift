import Configuration
import Foundation
import PaperboyCore
import SystemPackage

/// The one reader of Paperboy's settings. Precedence: command line > environment (`PAPERBOY_*`) > config file
/// (JSON, `--config FILE` or `$PAPERBOY_CONFIG`) > the default the caller supplies.
///
/// Built on swift-configuration's providers: an `InMemoryProvider` for the options the command line parsed, an
/// `EnvironmentVariablesProvider` with the `paperboy` key prefix, and a `FileProvider<JSONSnapshot>`. The
/// precedence walk is ours rather than `ConfigReader`'s because every error must say which source gave the bad
/// value ("port: 99999 from the environment (PAPERBOY_PORT) is out of range"), which `ConfigReader` does not
/// expose. No other file in Paperboy reads the process environment: ``environment`` hands the rest (e.g. `HOME`
/// for the model cache) to whoever needs it.
public struct SettingsReader: Sendable {
    /// Where a value came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case commandLine, environment, file(String)

        public var description: String {
            switch self {
            case .commandLine: "the command line"
            case .environment: "the environment"
            case .file(let path): "the config file \(path)"
            }
        }
    }

    /// A setting's value and where it came from.
    public struct Sourced<Value: Sendable>: Sendable {
        public var value: Value
        public var setting: Setting
        public var source: Source

        /// `--port (the command line)`, `PAPERBOY_PORT (the environment)`, `port (the config file x.json)`.
        public var origin: String {
            switch source {
            case .commandLine: "\(setting.flag) (\(source))"
            case .environment: "\(setting.environmentVariable) (\(source))"
            case .file: "\(setting.name) (\(source))"
            }
        }

        /// A configuration error about this value.
        public func invalid(_ reason: String) -> PaperboyError {
            let shown = setting.isSecret ? "(secret)" : "'\(String(describing: value).prefix(120))'"
            return PaperboyError(.configuration, "Setting \(origin): \(shown) \(reason)")
        }
    }

    let commandLine: InMemoryProvider
    let environmentProvider: KeyMappingProvider<EnvironmentVariablesProvider>
    let file: (path: String, provider: FileProvider<JSONSnapshot>)?
    /// The process environment this reader was built from (tests pass their own).
    public let environment: [String: String]

    /// - Parameters:
    ///   - commandLine: the values of the options the command declared and the user gave.
    ///   - environment: `nil` reads the process environment (the only place that does).
    ///   - configFile: a JSON object of settings by ``Setting/name``; `nil` uses `$PAPERBOY_CONFIG` if set.
    public static func load(commandLine: [Setting: ConfigContent] = [:], environment: [String: String]? = nil,
                            configFile: String? = nil) async throws -> SettingsReader {
        let env = environment ?? ProcessInfo.processInfo.environment
        let path = configFile ?? env["PAPERBOY_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        var file: (String, FileProvider<JSONSnapshot>)?
        if let path {
            try checkKeys(ofConfigFile: path)
            do {
                file = (path, try await FileProvider<JSONSnapshot>(filePath: FilePath(path)))
            } catch {
                throw PaperboyError(.configuration, "The config file \(path) could not be read: \(error)", cause: error)
            }
        }
        return SettingsReader(commandLine: commandLine, environment: env, file: file)
    }

    /// A reader of the command line and the environment only (no config file): for the commands that take none.
    public init(commandLine: [Setting: ConfigContent] = [:], environment: [String: String]? = nil) {
        self.init(commandLine: commandLine, environment: environment ?? ProcessInfo.processInfo.environment, file: nil)
    }

    init(commandLine: [Setting: ConfigContent], environment: [String: String], file: (String, FileProvider<JSONSnapshot>)?) {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (setting, content) in commandLine {
            values[AbsoluteConfigKey([setting.name])] = ConfigValue(content, isSecret: setting.isSecret)
        }
        self.commandLine = InMemoryProvider(name: "command line", values: values)
        let secrets = Set(Setting.all.filter(\.isSecret).map(\.environmentVariable))
        self.environmentProvider = EnvironmentVariablesProvider(environmentVariables: environment,
                                                                secretsSpecifier: .specific(secrets))
            .prefixKeys(with: ConfigKey(["paperboy"]))
        self.environment = environment
        self.file = file.map { (path: $0.0, provider: $0.1) }
    }

    /// The raw value of `setting` from the first source that has one, or `nil`.
    public func content(_ setting: Setting) throws -> Sourced<ConfigContent>? {
        let key = AbsoluteConfigKey([setting.name])
        let type = Self.configType(setting.kind)
        if let v = try? commandLine.value(forKey: key, type: type).value {
            return Sourced(value: v.content, setting: setting, source: .commandLine)
        }
        // Variables are text: parsed here so that `1`/`yes` work for flags and errors read the same everywhere.
        if let v = try? environmentProvider.value(forKey: key, type: .string).value, case .string(let raw) = v.content {
            let sourced = Sourced(value: raw, setting: setting, source: .environment)
            return Sourced(value: try Self.parse(sourced), setting: setting, source: .environment)
        }
        if let file {
            let found: ConfigValue?
            do {
                found = try file.provider.value(forKey: key, type: type).value
            } catch {
                throw PaperboyError(.configuration,
                                    "Setting \(setting.name) (the config file \(file.path)) must be \(Self.article(setting.kind)).")
            }
            if let found { return Sourced(value: found.content, setting: setting, source: .file(file.path)) }
        }
        return nil
    }

    public func string(_ setting: Setting) throws -> Sourced<String>? {
        try content(setting).map { c in
            guard case .string(let s) = c.value else { throw c.invalid("is not text.") }
            return Sourced(value: s, setting: setting, source: c.source)
        }
    }

    public func int(_ setting: Setting) throws -> Sourced<Int>? {
        try content(setting).map { c in
            guard case .int(let n) = c.value else { throw c.invalid("is not a whole number.") }
            return Sourced(value: n, setting: setting, source: c.source)
        }
    }

    public func double(_ setting: Setting) throws -> Sourced<Double>? {
        try content(setting).map { c in
            switch c.value {
            case .double(let d): return Sourced(value: d, setting: setting, source: c.source)
            case .int(let n): return Sourced(value: Double(n), setting: setting, source: c.source)
            default: throw c.invalid("is not a number.")
            }
        }
    }

    public func bool(_ setting: Setting) throws -> Sourced<Bool>? {
        try content(setting).map { c in
            guard case .bool(let b) = c.value else { throw c.invalid("is not true or false.") }
            return Sourced(value: b, setting: setting, source: c.source)
        }
    }

    static func configType(_ kind: Setting.Kind) -> ConfigType {
        switch kind {
        case .string: .string
        case .int: .int
        case .double: .double
        case .bool: .bool
        }
    }

    static func article(_ kind: Setting.Kind) -> String {
        switch kind {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "true or false"
        }
    }

    /// An environment variable's text as the setting's type.
    static func parse(_ raw: Sourced<String>) throws -> ConfigContent {
        let text = raw.value.trimmingCharacters(in: .whitespaces)
        switch raw.setting.kind {
        case .string:
            return .string(raw.value)
        case .int:
            guard let n = Int(text) else { throw raw.invalid("is not a whole number.") }
            return .int(n)
        case .double:
            guard let d = Double(text), d.isFinite else { throw raw.invalid("is not a number.") }
            return .double(d)
        case .bool:
            switch text.lowercased() {
            case "1", "true", "yes", "on": return .bool(true)
            case "0", "false", "no", "off": return .bool(false)
            default: throw raw.invalid("is not a flag (1/0, true/false, yes/no).")
            }
        }
    }

    /// A config file must be a JSON object whose keys are settings: a misspelt key is an error, not ignored.
    static func checkKeys(ofConfigFile path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw PaperboyError(.configuration, "The config file \(path) could not be read: \(error.localizedDescription)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let keys = (object as? [String: Any])?.keys else {
            throw PaperboyError(.configuration, "The config file \(path) is not a JSON object of settings.")
        }
        if let unknown = keys.sorted().first(where: { Setting.byName[$0] == nil }) {
            throw PaperboyError(.configuration,
                                "The config file \(path) has an unknown key '\(unknown.prefix(80))' (known: \(Setting.all.map(\.name).joined(separator: ", "))).")
        }
    }
}
