import Configuration
import Foundation
import PaperboyConfig
import PaperboyCore
import PaperboyIngest
import Testing

@Suite struct SettingsReaderTests {
    /// A config file in a temp directory.
    static func file(_ json: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-config-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        return url.path
    }

    @Test func eachLevelOfThePrecedenceWins() async throws {
        let path = try Self.file(#"{"host": "10.0.0.1", "port": 7000, "database": "file.sqlite", "log_level": "debug"}"#)
        // Config file alone.
        var reader = try await SettingsReader.load(environment: [:], configFile: path)
        var c = try AppConfiguration.read(reader)
        #expect(c.host == "10.0.0.1" && c.port == 7000 && c.database == "file.sqlite" && c.logLevel == .debug)
        // The environment beats the file.
        reader = try await SettingsReader.load(environment: ["PAPERBOY_PORT": "7001", "PAPERBOY_DATABASE": "env.sqlite"],
                                               configFile: path)
        c = try AppConfiguration.read(reader)
        #expect(c.port == 7001 && c.database == "env.sqlite" && c.host == "10.0.0.1")
        #expect(try reader.int(.port)?.source == .environment)
        #expect(try reader.string(.host)?.source == .file(path))
        // The command line beats both.
        reader = try await SettingsReader.load(commandLine: [.port: .int(7002)],
                                               environment: ["PAPERBOY_PORT": "7001"], configFile: path)
        c = try AppConfiguration.read(reader)
        #expect(c.port == 7002 && c.host == "10.0.0.1")
        #expect(try reader.int(.port)?.source == .commandLine)
        // Defaults when nothing is set.
        c = try AppConfiguration.read(SettingsReader(environment: [:]))
        #expect(c.host == "127.0.0.1" && c.port == 8080 && c.database == "paperboy.sqlite" && c.embed && c.digests)
    }

    @Test func theDatabaseURLVariableIsTheDefaultWhenNoDatabaseOptionIsGiven() async throws {
        let url = "postgres://paperboy:pw@db.example.org:5432/site"
        let path = try Self.file(#"{"database": "file.sqlite"}"#)
        // PAPERBOY_DATABASE_URL beats PAPERBOY_DATABASE and the file …
        var reader = try await SettingsReader.load(environment: ["PAPERBOY_DATABASE_URL": url, "PAPERBOY_DATABASE": "env.sqlite"],
                                                   configFile: path)
        var c = try AppConfiguration.read(reader)
        #expect(c.database == url && c.isPostgres && c.searchDirectory == nil)
        // … and --database beats it.
        reader = try await SettingsReader.load(commandLine: [.database: .string("cli.sqlite")],
                                               environment: ["PAPERBOY_DATABASE_URL": url])
        c = try AppConfiguration.read(reader)
        #expect(c.database == "cli.sqlite" && !c.isPostgres && c.searchDirectory?.path.hasSuffix("cli.sqlite.search") == true)
        // An empty variable is no value; --index-dir places the index.
        reader = try await SettingsReader.load(commandLine: [.indexDir: .string("/tmp/idx-a")],
                                               environment: ["PAPERBOY_DATABASE_URL": "", "PAPERBOY_DATABASE": url])
        c = try AppConfiguration.read(reader)
        #expect(c.database == url && c.searchDirectory?.path == "/tmp/idx-a")
        // A value that is no PostgreSQL URL is refused without echoing it (it may hold a password).
        #expect {
            _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_DATABASE_URL": "mysql://u:pw@h/db"]))
        } throws: { error in
            guard let error = error as? PaperboyError else { return false }
            return error.message.contains("PAPERBOY_DATABASE_URL") && error.message.contains("not a PostgreSQL URL")
                && !error.message.contains("pw")
        }
    }

    @Test func aBadValueNamesTheSettingAndItsSource() async throws {
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as PaperboyError { return e.code == .configuration ? e.message : nil } catch { return nil }
        }
        var m = message { _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_PORT": "99999"])) }
        #expect(m?.contains("PAPERBOY_PORT (the environment)") == true && m?.contains("99999") == true, "\(m ?? "")")
        m = message { _ = try AppConfiguration.read(SettingsReader(commandLine: [.port: .int(-1)], environment: [:])) }
        #expect(m?.contains("--port (the command line)") == true, "\(m ?? "")")
        let path = try Self.file(#"{"port": "eighty"}"#)
        let reader = try await SettingsReader.load(environment: [:], configFile: path)
        m = message { _ = try AppConfiguration.read(reader) }
        #expect(m?.contains("port") == true && m?.contains(path) == true && m?.contains("integer") == true, "\(m ?? "")")
        m = message { _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_EMBED": "perhaps"])) }
        #expect(m?.contains("PAPERBOY_EMBED") == true, "\(m ?? "")")
        m = message { _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_LOG_LEVEL": "loud"])) }
        #expect(m?.contains("log level") == true, "\(m ?? "")")
    }

    @Test func aConfigFileWithAnUnknownKeyOrNoObjectIsRefused() async throws {
        for json in [#"{"prot": 8080}"#, "[1, 2]", "not json"] {
            let path = try Self.file(json)
            await #expect(throws: PaperboyError.self) { _ = try await SettingsReader.load(environment: [:], configFile: path) }
        }
        await #expect(throws: PaperboyError.self) {
            _ = try await SettingsReader.load(environment: [:], configFile: "/nonexistent/paperboy.json")
        }
    }

    @Test func secretsAreNeverShownInErrors() throws {
        do {
            _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_SECRET": "short-pw"]))
            Issue.record("a 8-character secret was accepted")
        } catch let e as PaperboyError {
            #expect(e.message.contains("PAPERBOY_SECRET") && !e.message.contains("short-pw"))
        }
    }

    @Test func flagsAndListsParseFromTheEnvironment() throws {
        let c = try AppConfiguration.read(SettingsReader(environment: [
            "PAPERBOY_SECURE_COOKIES": "1", "PAPERBOY_EMBED": "no", "PAPERBOY_HARVEST_CATEGORIES": "cs.LG, cs.CL",
            "PAPERBOY_DEV_OUTBOX": "true", "PAPERBOY_MODEL_DIR": "/models/minilm",
        ]))
        #expect(c.secureCookies && !c.embed && c.harvestCategories == ["cs.LG", "cs.CL"] && c.delivery.devOutbox)
        #expect(c.model?.directory.path == "/models/minilm")
        #expect(throws: PaperboyError.self) {
            _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_HARVEST_CATEGORIES": "cs.LG,physics and more"]))
        }
        let proxied = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_TRUSTED_PROXY": "127.0.0.1, ::1"]))
        #expect(proxied.trustedProxies == ["127.0.0.1", "::1"])
        var m: String?
        do { _ = try AppConfiguration.read(SettingsReader(environment: ["PAPERBOY_TRUSTED_PROXY": "10.0.0.1,haproxy"])) } catch let e as PaperboyError { m = e.message }
        #expect(m?.contains("PAPERBOY_TRUSTED_PROXY") == true && m?.contains("haproxy") == true, "\(m ?? "")")
    }

    @Test func arxivSettingsFromTheEnvironment() throws {
        let s = try AppConfiguration.arxiv(SettingsReader(environment: [
            "PAPERBOY_ARXIV_API_URL": "http://127.0.0.1:9000/api/query", "PAPERBOY_ARXIV_OAI_URL": "http://127.0.0.1:9000/oai",
            "PAPERBOY_ARXIV_RSS_URL": "http://127.0.0.1:9000/rss", "PAPERBOY_ARXIV_DELAY": "0.25",
            "PAPERBOY_CONTACT_EMAIL": "ops@example.org",
        ]))
        #expect(s.apiURL.absoluteString == "http://127.0.0.1:9000/api/query" && s.oaiURL.host == "127.0.0.1")
        #expect(s.rssURL.path == "/rss" && s.delay == .milliseconds(250))
        #expect(s.userAgent.contains("mailto:ops@example.org"))
        #expect(try AppConfiguration.arxiv(SettingsReader(environment: [:])) == ArxivSettings())
        for bad in [["PAPERBOY_ARXIV_API_URL": "ftp://x"], ["PAPERBOY_ARXIV_DELAY": "-1"], ["PAPERBOY_CONTACT_EMAIL": "nobody"]] {
            let error = #expect(throws: PaperboyError.self) { try AppConfiguration.arxiv(SettingsReader(environment: bad)) }
            #expect(error?.code == .configuration)
        }
    }
}

@Suite struct SettingsDocumentationTests {
    /// The README's settings table lists every setting with its variable, so the two cannot drift apart.
    @Test func theReadmeListsEverySetting() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for setting in Setting.all {
            #expect(text.contains("| `\(setting.name)` | `\(setting.environmentVariable)` |"), "\(setting.name) missing")
        }
    }
}
