import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Logging
import PaperboyCatalog
import PaperboyConfig
import PaperboyWeb

/// The page path of search, measured as users hit it: the app built by `buildApplication` (the server's own
/// composition) on the benchmark's database, listening on a free local port, and the same short queries sent as
/// `GET /search?q=` (the HTML page with facets and snippets) and `GET /api/search?q=&mode=hybrid&limit=10`,
/// with `GET /hello` in the same run as the baseline (the HTTP client's and server's fixed cost).
struct PagePathBench {
    let database: String
    let encoder: any TextEmbedder

    struct Result {
        var hello: Latencies
        var page: Latencies
        var api: Latencies
    }

    func run(queries: [String]) async throws -> Result {
        var configuration = AppConfiguration()
        configuration.database = database
        configuration.embed = false
        configuration.digests = false
        configuration.logLevel = .warning
        configuration.port = try Self.freePort()
        var logger = Logger(label: "paperboy.bench")
        logger.logLevel = .warning
        let app = try await buildApplication(configuration: configuration, seams: AppSeams(embedder: encoder, logger: logger))
        let base = "http://127.0.0.1:\(configuration.port)"
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await app.runService(); return nil }
            group.addTask {
                try await Self.waitUntilUp(base + "/hello")
                func encoded(_ text: String) -> String {
                    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                }
                var hello: [Double] = [], page: [Double] = [], api: [Double] = []
                for (i, query) in queries.enumerated() {
                    let h = try await Self.timedGet(base + "/hello")
                    let p = try await Self.timedGet(base + "/search?q=" + encoded(query))
                    let a = try await Self.timedGet(base + "/api/search?mode=hybrid&limit=10&q=" + encoded(query))
                    if i >= 5 { hello.append(h); page.append(p); api.append(a) }   // five warm-up rounds
                }
                return Result(hello: Latencies(hello), page: Latencies(page), api: Latencies(api))
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            throw ValidationError("The benchmark server stopped before the requests were sent.")
        }
    }

    /// Milliseconds for one GET, body read; a non-2xx answer stops the benchmark (it would time an error page).
    static func timedGet(_ url: String) async throws -> Double {
        guard let target = URL(string: url) else { throw ValidationError("Bad benchmark URL \(url).") }
        let started = ContinuousClock.now
        let (_, response) = try await URLSession.shared.data(from: target)
        let ms = Latencies.milliseconds(ContinuousClock.now - started)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status) else {
            throw ValidationError("GET \(url) answered \((response as? HTTPURLResponse)?.statusCode ?? 0).")
        }
        return ms
    }

    static func waitUntilUp(_ url: String) async throws {
        for _ in 0..<600 {
            if (try? await timedGet(url)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("The benchmark server did not answer \(url) within 60 s.")
    }

    /// A port the kernel has just handed out (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ValidationError("socket() failed (errno \(errno)).") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw ValidationError("Cannot bind a local port (errno \(errno)).") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
