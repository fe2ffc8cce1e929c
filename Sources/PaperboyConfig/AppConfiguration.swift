import Foundation
import Logging
import PaperboyCore
import PaperboyDelivery
import PaperboyEmbedding
import PaperboyIngest
import PaperboyMail

/// Every setting `paperboy serve` runs with, typed and validated: what ``buildApplication(configuration:)``
/// builds the site from. Read by ``read(_:)`` from a ``SettingsReader`` (command line > environment > config file
/// > the defaults here); a bad value is a `.configuration` error naming the setting and its source.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The SQLite database file, or a `postgres://` URL (``isPostgres``).
    public var database = "paperboy.sqlite"
    /// `--index-dir`: this instance's search index directory; `nil` is ``searchDirectory``'s default.
    public var indexDirectory: String?
    public var logLevel: Logger.Level = .info
    /// Embed new papers in the background (needs the model).
    public var embed = true
    /// Send the e-mail digests on schedule.
    public var digests = true
    /// Hour (UTC) after which the day's digests go out.
    public var digestHour = 7
    /// arXiv categories harvested after each announcement; empty: off.
    public var harvestCategories: [String] = []
    public var secureCookies = false
    /// Peers whose `X-Forwarded-For` names the client (``trustedProxy``); empty: the peer is the client.
    public var trustedProxies: [String] = []
    public var bcryptCost = 12
    /// Memory for cached pages and API answers, in MB (`cache_mb`); 0 turns the cache off.
    public var cacheMB = AppConfiguration.defaultCacheMB
    public static let defaultCacheMB = 64
    /// ``cacheMB`` in bytes.
    public var cacheBytes: Int { cacheMB << 20 }
    public var delivery = DeliveryConfiguration()
    public var arxiv = ArxivSettings()
    /// Where the MiniLM files are; `nil` serves lexical search only (no model is loaded).
    public var model: ModelLocation?

    public init() {}

    /// Whether ``database`` names a PostgreSQL server rather than an SQLite file.
    public var isPostgres: Bool { Self.isPostgres(database) }

    /// Whether `database` is a `postgres://` (or `postgresql://`) URL.
    public static func isPostgres(_ database: String) -> Bool {
        database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
    }

    /// Where this instance keeps its search index: `--index-dir`, else `<database>.search/` beside an SQLite file;
    /// `nil` (in memory, rebuilt from the store at each start) for PostgreSQL without `--index-dir`.
    public var searchDirectory: URL? {
        Self.searchDirectory(database: database, indexDirectory: indexDirectory)
    }

    /// ``searchDirectory`` for a database and an optional `--index-dir`.
    public static func searchDirectory(database: String, indexDirectory: String?) -> URL? {
        if let indexDirectory { return URL(fileURLWithPath: indexDirectory, isDirectory: true) }
        return isPostgres(database) ? nil : URL(fileURLWithPath: database + ".search")
    }

    /// Reads and validates every setting.
    public static func read(_ reader: SettingsReader) throws -> AppConfiguration {
        var c = AppConfiguration()
        if let v = try reader.string(.host) {
            guard !v.value.isBlank else { throw v.invalid("is empty.") }
            c.host = v.value
        }
        if let v = try reader.int(.port) {
            guard (0...65_535).contains(v.value) else { throw v.invalid("is not a port (0–65535).") }
            c.port = v.value
        }
        c.database = try databasePath(reader)
        c.indexDirectory = try indexDirectory(reader)
        if let v = try reader.string(.logLevel) {
            guard let level = Logger.Level(rawValue: v.value) else {
                throw v.invalid("is not a log level (trace, debug, info, notice, warning, error, critical).")
            }
            c.logLevel = level
        }
        if let v = try reader.bool(.embed) { c.embed = v.value }
        if let v = try reader.bool(.digests) { c.digests = v.value }
        if let v = try reader.int(.digestHour) {
            guard (0...23).contains(v.value) else { throw v.invalid("is not an hour (0–23).") }
            c.digestHour = v.value
        }
        if let v = try reader.string(.harvestCategories), !v.value.isBlank {
            let list = v.value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            if let bad = list.first(where: { !ArxivListingClient.isCategory($0) || $0.contains("+") }) {
                throw v.invalid("names '\(bad.prefix(40))', which is not an arXiv category (e.g. cs.LG).")
            }
            c.harvestCategories = list
        }
        if let v = try reader.bool(.secureCookies) { c.secureCookies = v.value }
        if let v = try reader.string(.trustedProxy), !v.value.isBlank {
            let list = v.value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            if let bad = list.first(where: { !IPAddressText.isValid($0) }) {
                throw v.invalid("names '\(bad.prefix(60))', which is not an IPv4 or IPv6 address.")
            }
            c.trustedProxies = list
        }
        if let v = try reader.int(.bcryptCost) {
            guard (10...16).contains(v.value) else { throw v.invalid("is not a bcrypt cost (10–16).") }
            c.bcryptCost = v.value
        }
        if let v = try reader.int(.cacheMB) {
            guard (0...65_536).contains(v.value) else { throw v.invalid("is not a cache size in MB (0–65536).") }
            c.cacheMB = v.value
        }
        c.delivery = try delivery(reader, defaultBaseURL: "http://\(c.host == "0.0.0.0" ? "127.0.0.1" : c.host):\(c.port)")
        c.arxiv = try arxiv(reader)
        c.model = model(reader)
        return c
    }

    /// `database` (an SQLite path or a `postgres://` URL): for every command that opens the store. `--database`
    /// wins; then `PAPERBOY_DATABASE_URL` over `PAPERBOY_DATABASE`, then the config file's `database_url` over its
    /// `database`; else `paperboy.sqlite`.
    public static func databasePath(_ reader: SettingsReader) throws -> String {
        func rank(_ v: SettingsReader.Sourced<String>) -> Int {
            let source = switch v.source { case .commandLine: 0; case .environment: 1; case .file: 2 }
            return source * 2 + (v.setting == .databaseURL ? 0 : 1)
        }
        let url = try reader.string(.databaseURL).flatMap { $0.value.isBlank ? nil : $0 }
        let given = [try reader.string(.database), url].compactMap { $0 }
        guard let v = given.min(by: { rank($0) < rank($1) }) else { return "paperboy.sqlite" }
        guard !v.value.isBlank else { throw v.invalid("is empty.") }
        if v.setting == .databaseURL, !isPostgres(v.value) {
            throw v.invalid("is not a PostgreSQL URL (postgres://user[:password]@host[:port]/database).")
        }
        return v.value
    }

    /// `index_dir`, if given.
    public static func indexDirectory(_ reader: SettingsReader) throws -> String? {
        guard let v = try reader.string(.indexDir) else { return nil }
        guard !v.value.isBlank else { throw v.invalid("is empty.") }
        return v.value
    }

    /// Mail: SMTP or the dev outbox, sender, links, secret.
    public static func delivery(_ reader: SettingsReader, defaultBaseURL: String = "http://127.0.0.1:8080") throws
        -> DeliveryConfiguration {
        var smtp: String?
        if let v = try reader.string(.smtpURL), !v.value.isBlank {
            do { _ = try SMTPConfiguration(url: v.value) } catch { throw v.invalid("is not an SMTP URL: \(error)") }
            smtp = v.value
        }
        var from = MailAddress("paperboy@localhost", name: "Paperboy")
        if let v = try reader.string(.mailFrom), !v.value.isBlank {
            do { from = try DeliveryConfiguration.parseMailbox(v.value) } catch { throw v.invalid(error.message) }
        }
        var base = defaultBaseURL
        if let v = try reader.string(.baseURL), !v.value.isBlank {
            guard let url = URL(string: v.value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw v.invalid("is not an absolute http(s) URL.")
            }
            base = v.value
        }
        var secret: String?
        if let v = try reader.string(.secret), !v.value.isEmpty {
            guard v.value.utf8.count >= 16 else { throw v.invalid("is shorter than 16 characters.") }
            secret = v.value
        }
        let outbox = try reader.bool(.devOutbox)?.value
        return DeliveryConfiguration(smtpURL: smtp, from: from, baseURL: base, secret: secret, devOutbox: outbox)
    }

    /// Where arXiv lives and how politely to talk to it.
    public static func arxiv(_ reader: SettingsReader) throws -> ArxivSettings {
        var s = ArxivSettings()
        func url(_ setting: Setting) throws -> URL? {
            guard let v = try reader.string(setting) else { return nil }
            do { return try ArxivSettings.url(v.value, setting.name) } catch { throw v.invalid("is not an http(s) URL.") }
        }
        if let u = try url(.arxivAPIURL) { s.apiURL = u }
        if let u = try url(.arxivOAIURL) { s.oaiURL = u }
        if let u = try url(.arxivRSSURL) { s.rssURL = u }
        if let v = try reader.double(.arxivDelay) {
            guard v.value.isFinite, (0...86_400).contains(v.value) else { throw v.invalid("is not a number of seconds (0–86400).") }
            s.delay = .milliseconds(Int64((v.value * 1000).rounded()))
        }
        if let v = try reader.string(.contactEmail), !v.value.isBlank {
            do { s.contactEmail = try ArxivSettings.email(v.value) } catch { throw v.invalid("is not an e-mail address.") }
        }
        return s
    }

    /// `model_dir`, else `${XDG_CACHE_HOME:-$HOME/.cache}/paperboy/models/all-MiniLM-L6-v2`.
    public static func model(_ reader: SettingsReader) -> ModelLocation {
        if let v = try? reader.string(.modelDir), !v.value.isBlank {
            return ModelLocation(directory: URL(fileURLWithPath: v.value, isDirectory: true))
        }
        return ModelLocation.default(environment: reader.environment)
    }

    /// `shared_data`, else `../shared/data` beside the checkout.
    public static func sharedData(_ reader: SettingsReader) throws -> URL {
        URL(fileURLWithPath: try reader.string(.sharedData)?.value ?? "../shared/data")
    }
}
