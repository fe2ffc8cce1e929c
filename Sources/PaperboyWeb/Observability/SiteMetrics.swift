import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Prometheus

/// The server's Prometheus metrics (text format at `GET /metrics`), on one registry per app.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `http_request_duration_seconds` | histogram | `route` (the route *pattern*, `/papers/{id}`), `status` |
/// | `http_requests_in_flight` | gauge | |
/// | `paperboy_papers`, `paperboy_vectors` | gauges, read at scrape time | |
/// | `paperboy_feed_head`, `paperboy_indexed_position` | gauges: the store's change-feed head and how far this instance's search index has followed it (their difference is the index lag) | |
/// | `paperboy_cache_requests_total` | counter | `result` (`hit`, `miss`) |
/// | `paperboy_cache_entries`, `paperboy_cache_bytes` | gauges: what the answer cache holds | |
/// | `paperboy_digest_messages` | gauge, read at scrape time: the current daily and weekly period's ledger | `frequency` (`daily`, `weekly`), `status` (`sending`, `sent`, `failed`) |
/// | `process_resident_memory_bytes`, `process_virtual_memory_bytes`, `process_start_time_seconds`, `process_cpu_seconds_total` | gauges | |
///
/// Routes are labelled by pattern, never by concrete path, so one paper cannot make one series; requests that
/// match no route are labelled `NotFound` (Hummingbird's name for them).
final class SiteMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let papers: Gauge
    private let vectors: Gauge
    private let residentMemory: Gauge
    private let virtualMemory: Gauge
    private let startTime: Gauge
    private let cpuSeconds: Gauge
    private let catalog: SearchCatalog?
    private let feedHead: Gauge
    private let indexed: Gauge
    private let cacheHits: Counter
    private let cacheMisses: Counter
    private let cacheEntries: Gauge
    private let cacheBytes: Gauge
    private let store: (any PaperStore)?
    private let cache: ResponseCache?
    private let digests: (any DeliveryStore)?
    private let clock: @Sendable () -> Date
    /// (frequency, status) → gauge, for the digest ledger of the current periods.
    private let digestGauges: [DigestFrequency: [String: Gauge]]
    static let digestStatuses = ["sending", "sent", "failed"]

    /// Bucket edges for request durations: 1 ms to 10 s.
    static let buckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000]
        .map { .microseconds(Int64($0 * 1000)) }

    init(catalog: SearchCatalog?, store: (any PaperStore)? = nil, cache: ResponseCache? = nil,
         digests: (any DeliveryStore)? = nil, clock: @escaping @Sendable () -> Date = Date.init) {
        self.catalog = catalog
        self.store = store
        self.cache = cache
        self.digests = digests
        self.clock = clock
        let digestHelp = "Digest sends of the current period in the ledger, by status (progress of a send)."
        var digestGauges: [DigestFrequency: [String: Gauge]] = [:]
        for frequency in [DigestFrequency.daily, .weekly] {
            for status in Self.digestStatuses {
                digestGauges[frequency, default: [:]][status] = registry.makeGauge(
                    name: "paperboy_digest_messages", labels: [("frequency", frequency.rawValue), ("status", status)],
                    help: digestHelp)
            }
        }
        self.digestGauges = digestGauges
        inFlight = registry.makeGauge(descriptor: .init(metricName: "http_requests_in_flight", unitName: "",
                                                        helpText: "Requests being answered now."))
        papers = registry.makeGauge(descriptor: .init(metricName: "paperboy_papers", unitName: "",
                                                      helpText: "Papers in the search index."))
        vectors = registry.makeGauge(descriptor: .init(metricName: "paperboy_vectors", unitName: "",
                                                       helpText: "Papers with a vector in the semantic index."))
        residentMemory = registry.makeGauge(descriptor: .init(metricName: "process_resident_memory", unitName: "bytes",
                                                              helpText: "Resident memory size in bytes."))
        virtualMemory = registry.makeGauge(descriptor: .init(metricName: "process_virtual_memory", unitName: "bytes",
                                                             helpText: "Virtual memory size in bytes."))
        startTime = registry.makeGauge(descriptor: .init(metricName: "process_start_time", unitName: "seconds",
                                                         helpText: "Start time of the process since the Unix epoch."))
        cpuSeconds = registry.makeGauge(descriptor: .init(metricName: "process_cpu_seconds", unitName: "total",
                                                          helpText: "User and system CPU time spent, in seconds."))
        feedHead = registry.makeGauge(descriptor: .init(metricName: "paperboy_feed_head", unitName: "",
                                                        helpText: "Newest position of the store's change feed."))
        indexed = registry.makeGauge(descriptor: .init(metricName: "paperboy_indexed_position", unitName: "",
                                                       helpText: "Change-feed position this instance's search index has caught up to."))
        let lookups = "Shared GET requests of cacheable routes, by whether the answer cache had them."
        cacheHits = registry.makeCounter(name: "paperboy_cache_requests_total", labels: [("result", "hit")], help: lookups)
        cacheMisses = registry.makeCounter(name: "paperboy_cache_requests_total", labels: [("result", "miss")], help: lookups)
        cacheEntries = registry.makeGauge(descriptor: .init(metricName: "paperboy_cache_entries", unitName: "",
                                                            helpText: "Answers in the page and API cache."))
        cacheBytes = registry.makeGauge(descriptor: .init(metricName: "paperboy_cache", unitName: "bytes",
                                                          helpText: "Bytes the page and API cache holds."))
        startTime.set(Date().timeIntervalSince1970)
    }

    func cacheLookup(hit: Bool) { (hit ? cacheHits : cacheMisses).increment() }

    func requestStarted() { inFlight.increment() }

    func requestFinished(route: String, status: Int, duration: Duration) {
        inFlight.decrement()
        registry.makeDurationHistogram(
            descriptor: .init(metricName: "http_request_duration", unitName: "seconds",
                              helpText: "Time to answer a request, by route pattern and status."),
            labels: [("route", route), ("status", String(status))], buckets: Self.buckets
        ).record(duration)
    }

    /// The text exposition, with the scrape-time gauges brought up to date first.
    func render() async -> String {
        if let catalog {
            papers.set(Double(catalog.documentCount))
            vectors.set(Double(catalog.semantic?.count ?? 0))
            indexed.set(Double(catalog.indexedCursor?.position ?? 0))
        }
        if let store, let head = try? await store.feedHead() { feedHead.set(Double(head.position)) }
        if let usage = cache?.usage {
            cacheEntries.set(Double(usage.entries))
            cacheBytes.set(Double(usage.bytes))
        }
        if let digests {
            let today = Day(secondsSinceEpoch: clock().timeIntervalSince1970)
            for (frequency, gauges) in digestGauges {
                let counts = (try? await digests.digestCounts(period: DigestPeriod.current(frequency, on: today).key)) ?? [:]
                for (status, gauge) in gauges { gauge.set(Double(counts[status] ?? 0)) }
            }
        }
        let usage = ProcessUsage.read()
        residentMemory.set(Double(usage.residentBytes))
        virtualMemory.set(Double(usage.virtualBytes))
        cpuSeconds.set(usage.cpuSeconds)
        return registry.emitToString()
    }
}

/// This process's memory and CPU time (Linux `/proc/self`; zeros elsewhere).
struct ProcessUsage {
    var residentBytes = 0
    var virtualBytes = 0
    var cpuSeconds = 0.0

    static func read() -> ProcessUsage {
        var u = ProcessUsage()
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if fields.count >= 2 {
                u.virtualBytes = fields[0] * page
                u.residentBytes = fields[1] * page
            }
        }
        var usage = rusage()
        if getrusage(RUSAGE_SELF.rawValue, &usage) == 0 {
            func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
            u.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        }
        return u
    }
}
