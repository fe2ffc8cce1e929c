import Foundation
import Logging
import PaperboyCore
import PaperboyStore

/// Which records an OAI-PMH harvest asks for.
public struct OAIHarvestRequest: Sendable, Equatable {
    public var prefix: OAIMetadataPrefix
    /// An OAI set (`cs`, `physics:hep-th`), or all records.
    public var set: String?
    /// Records changed on or after / on or before these days (datestamps, UTC).
    public var from: Day?
    public var until: Day?

    public init(prefix: OAIMetadataPrefix = .arXiv, set: String? = nil, from: Day? = nil, until: Day? = nil) {
        self.prefix = prefix
        self.set = set
        self.from = from
        self.until = until
    }

    /// The harvest-position key: one resumable position per distinct selection.
    public var key: String {
        "oai|\(prefix.rawValue)|\(set ?? "")|\(from?.description ?? "")|\(until?.description ?? "")"
    }

    func firstURL(base: URL) -> URL {
        var items = [URLQueryItem(name: "verb", value: "ListRecords"), URLQueryItem(name: "metadataPrefix", value: prefix.rawValue)]
        if let set { items.append(URLQueryItem(name: "set", value: set)) }
        if let from { items.append(URLQueryItem(name: "from", value: from.description)) }
        if let until { items.append(URLQueryItem(name: "until", value: until.description)) }
        return OAIHarvester.url(base, items)
    }
}

/// Harvests arXiv's OAI-PMH interface (`ListRecords`, `GetRecord`) into a store, page by page.
///
/// Each page's papers are stored together with the resumption token for the next page, in one transaction
/// (``HarvestLedger/apply(_:recording:for:)``). A harvest that is killed, or stopped by an error, resumes at
/// the first page it had not stored; a finished one starts afresh when run again (re-storing changes nothing).
/// A `badResumptionToken` (tokens expire) restarts the selection from its first page.
public struct OAIHarvester: Sendable {
    public let http: PoliteFetcher
    public let store: any HarvestLedger
    let logger: Logger

    public init(http: PoliteFetcher, store: any HarvestLedger, logger: Logger = Logger(label: "paperboy.oai")) {
        self.http = http
        self.store = store
        self.logger = logger
    }

    /// Harvests `request` to its end. `progress` is called after each stored page.
    public func harvest(_ request: OAIHarvestRequest,
                        progress: @Sendable (HarvestReport) -> Void = { _ in }) async throws -> HarvestReport {
        let key = request.key
        var report = HarvestReport(key: key)
        var position = try await store.harvestPosition(key) ?? HarvestPosition()
        if position.completed { position = HarvestPosition() }
        report.resumed = position.resumptionToken != nil
        if report.resumed {
            logger.info("\(key): resuming after \(position.pages) pages, \(position.records) records")
        }
        var restarted = false
        while true {
            try Task.checkCancellation()
            let url = position.resumptionToken.map {
                Self.url(http.settings.oaiURL, [URLQueryItem(name: "verb", value: "ListRecords"),
                                                 URLQueryItem(name: "resumptionToken", value: $0)])
            } ?? request.firstURL(base: http.settings.oaiURL)
            let what = "OAI-PMH page \(position.pages + 1) of \(request.set ?? "all sets")"
            let response = try OAIResponse.parse(try await http.fetchXML(url, what: what), what: what)
            if let error = response.error {
                switch error.code {
                case "noRecordsMatch":
                    position = HarvestPosition(pages: position.pages, records: position.records, completed: true)
                    _ = try await store.apply(ImportBatch(), recording: position, for: key)
                    report.completed = true
                    progress(report)
                    return report
                case "badResumptionToken" where position.resumptionToken != nil && !restarted:
                    logger.warning("\(key): the resumption token was refused (\(error.message)); starting over")
                    restarted = true
                    position = HarvestPosition()
                    try await store.resetHarvest(key)
                    continue
                default:
                    throw PaperboyError(.upstream, "\(what): OAI-PMH error \(error.code): \(error.message)")
                }
            }
            let papers = response.records.map { $0.paper(source: "arxiv-oai") }
            position.pages += 1
            position.records += papers.count
            position.resumptionToken = response.resumptionToken
            position.cursor = position.records
            position.completed = response.resumptionToken == nil
            report.counts = report.counts + (try await store.apply(ImportBatch(papers: papers), recording: position, for: key))
            report.pages += 1
            report.records += papers.count
            report.deleted += response.deleted.count
            report.expectedTotal = response.completeListSize ?? report.expectedTotal
            report.completed = position.completed
            progress(report)
            if position.completed { return report }
        }
    }

    /// One record by id (`GetRecord`); `nil` when the repository does not know it.
    public func record(_ id: ArxivID, prefix: OAIMetadataPrefix = .arXiv) async throws -> ArxivRecord? {
        let url = Self.url(http.settings.oaiURL, [
            URLQueryItem(name: "verb", value: "GetRecord"), URLQueryItem(name: "identifier", value: "oai:arXiv.org:\(id.base)"),
            URLQueryItem(name: "metadataPrefix", value: prefix.rawValue),
        ])
        let what = "OAI-PMH record \(id.base)"
        let response = try OAIResponse.parse(try await http.fetchXML(url, what: what), what: what)
        if let error = response.error {
            if error.code == "idDoesNotExist" { return nil }
            throw PaperboyError(.upstream, "\(what): OAI-PMH error \(error.code): \(error.message)")
        }
        return response.records.first
    }

    static func url(_ base: URL, _ items: [URLQueryItem]) -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.queryItems = (components.queryItems ?? []) + items
        // Tokens and set names may hold '+' and ':'; '+' must not turn into a space on the server.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url ?? base
    }
}
