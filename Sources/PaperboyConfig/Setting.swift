/// One setting of Paperboy: its name (the key in a `--config` JSON file and in the README's settings table),
/// the environment variable and the command-line flag that also set it, its type and what it means.
///
/// Every setting is read through ``SettingsReader`` with one precedence: command line > environment
/// (`PAPERBOY_*`) > config file > default. ``Setting/all`` is the catalogue; the README's table is written from it.
public struct Setting: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable { case string, int, double, bool }

    /// `smtp_url`: the config-file key; the variable is `PAPERBOY_SMTP_URL`, the flag `--smtp-url`.
    public let name: String
    public let kind: Kind
    /// Values that must never be logged (passwords inside URLs, the HMAC secret).
    public let isSecret: Bool
    public let help: String

    public init(_ name: String, _ kind: Kind, secret: Bool = false, help: String) {
        self.name = name
        self.kind = kind
        self.isSecret = secret
        self.help = help
    }

    public var environmentVariable: String { "PAPERBOY_" + name.uppercased() }
    public var flag: String { "--" + name.replacingOccurrences(of: "_", with: "-") }
    public var description: String { name }
}

extension Setting {
    public static let host = Setting("host", .string, help: "Address to listen on (default 127.0.0.1).")
    public static let port = Setting("port", .int, help: "Port to listen on, 0–65535 (default 8080).")
    public static let database = Setting("database", .string, help: "SQLite database file or postgres://user@host:port/db URL (default ./paperboy.sqlite).")
    public static let databaseURL = Setting("database_url", .string, secret: true, help: "PostgreSQL URL postgres://user[:password]@host[:port]/db, used when --database is not given (default none).")
    public static let indexDir = Setting("index_dir", .string, help: "This instance's search index directory (default <database>.search for SQLite, in memory for PostgreSQL).")
    public static let logLevel = Setting("log_level", .string, help: "trace, debug, info, notice, warning, error or critical (default info).")
    public static let embed = Setting("embed", .bool, help: "Embed new papers in the background for semantic search (default true).")
    public static let digests = Setting("digests", .bool, help: "Send the e-mail digests on schedule (default true).")
    public static let digestHour = Setting("digest_hour", .int, help: "Hour (UTC, 0–23) after which the day's digests go out (default 7).")
    public static let harvestCategories = Setting("harvest_categories", .string, help: "arXiv categories to harvest after each announcement, e.g. cs.LG,cs.CL (default none: off).")
    public static let secureCookies = Setting("secure_cookies", .bool, help: "Mark session cookies Secure, for serving behind TLS (default false).")
    public static let trustedProxy = Setting("trusted_proxy", .string, help: "Addresses of load balancers whose X-Forwarded-For is believed, e.g. 127.0.0.1,10.0.0.2 (default none).")
    public static let bcryptCost = Setting("bcrypt_cost", .int, help: "bcrypt cost for new passwords, 10–16 (default 12).")
    public static let cacheMB = Setting("cache_mb", .int, help: "Memory for cached pages and API answers in MB; 0 turns the cache off (default 64).")
    public static let baseURL = Setting("base_url", .string, help: "Absolute URL of the site, used in mails and feeds (default http://HOST:PORT).")
    public static let smtpURL = Setting("smtp_url", .string, secret: true, help: "smtp://user:pass@host:587 or smtps://… (default none: the dev outbox).")
    public static let mailFrom = Setting("mail_from", .string, help: "Sender of mails, `Name <address>` (default Paperboy <paperboy@localhost>).")
    public static let secret = Setting("secret", .string, secret: true, help: "HMAC key for links in mails, ≥ 16 characters (default generated once, kept in the database).")
    public static let devOutbox = Setting("dev_outbox", .bool, help: "Keep mail in the database and show it at /dev/mail (default on when no SMTP URL).")
    public static let arxivAPIURL = Setting("arxiv_api_url", .string, help: "arXiv Atom query API (default https://export.arxiv.org/api/query).")
    public static let arxivOAIURL = Setting("arxiv_oai_url", .string, help: "arXiv OAI-PMH endpoint (default https://oaipmh.arxiv.org/oai).")
    public static let arxivRSSURL = Setting("arxiv_rss_url", .string, help: "arXiv listing feeds, /{category} appended (default https://rss.arxiv.org/atom).")
    public static let arxivDelay = Setting("arxiv_delay", .double, help: "Seconds between requests to one host; never below 3 for arxiv.org (default 3).")
    public static let contactEmail = Setting("contact_email", .string, help: "Contact address sent in the User-Agent to arXiv (default none).")
    public static let modelDir = Setting("model_dir", .string, help: "Directory of the all-MiniLM-L6-v2 files (default ~/.cache/paperboy/models/all-MiniLM-L6-v2).")
    public static let sharedData = Setting("shared_data", .string, help: "Data sets for benchmarks and evaluation (default ../shared/data).")

    /// Every setting, in the README's order.
    public static let all: [Setting] = [
        .host, .port, .database, .databaseURL, .indexDir, .logLevel, .embed, .digests, .digestHour, .harvestCategories, .secureCookies,
        .trustedProxy, .bcryptCost, .cacheMB, .baseURL, .smtpURL, .mailFrom, .secret, .devOutbox, .arxivAPIURL, .arxivOAIURL, .arxivRSSURL,
        .arxivDelay, .contactEmail, .modelDir, .sharedData,
    ]

    static let byName: [String: Setting] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
