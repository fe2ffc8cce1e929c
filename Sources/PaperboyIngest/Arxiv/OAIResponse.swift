import Foundation
import PaperboyCore

/// The metadata formats arXiv's OAI-PMH interface offers that Paperboy reads.
public enum OAIMetadataPrefix: String, Sendable, CaseIterable {
    /// `arXiv`: structured authors (keyname/forenames), `created`/`updated` dates, no version list.
    case arXiv
    /// `arXivRaw`: the submitter's author string and every version with its date.
    case arXivRaw
}

/// One OAI-PMH response page: `ListRecords` or `GetRecord`, or an OAI error.
public struct OAIResponse: Sendable, Equatable {
    /// Records with metadata, in document order.
    public var records: [ArxivRecord]
    /// Identifiers of records the repository marks deleted (they carry no metadata).
    public var deleted: [String]
    /// The token for the next page; `nil` or empty on the last page.
    public var resumptionToken: String?
    /// `completeListSize` and `cursor` from the token element, when the repository gives them.
    public var completeListSize: Int?
    public var cursor: Int?
    /// An OAI-level error (`noRecordsMatch`, `badResumptionToken`, …) with its message.
    public var error: (code: String, message: String)?

    public static func == (a: OAIResponse, b: OAIResponse) -> Bool {
        a.records == b.records && a.deleted == b.deleted && a.resumptionToken == b.resumptionToken
            && a.completeListSize == b.completeListSize && a.cursor == b.cursor
            && a.error?.code == b.error?.code && a.error?.message == b.error?.message
    }

    /// Parses a response. A record that cannot be read (no id, no title) fails the whole page: the page is
    /// then fetched again later rather than stored in part.
    public static func parse(_ data: Data, what: String = "The OAI-PMH response") throws(PaperboyError) -> OAIResponse {
        let root = try XMLTree.parse(data, what: what)
        guard root.name == "OAI-PMH" else {
            throw PaperboyError(.upstream, "\(what) is not an OAI-PMH document (root element <\(root.name)>).")
        }
        var response = OAIResponse(records: [], deleted: [])
        if let error = root.child("error") {
            response.error = (error.attributes["code"] ?? "unknown", error.text.trimmingWhitespace())
            return response
        }
        guard let list = root.child("ListRecords") ?? root.child("GetRecord") else {
            throw PaperboyError(.upstream, "\(what) holds neither ListRecords nor GetRecord.")
        }
        for record in list.children("record") {
            guard let header = record.child("header") else { continue }
            let identifier = header.value("identifier") ?? "?"
            if header.attributes["status"] == "deleted" {
                response.deleted.append(identifier)
                continue
            }
            let datestamp = header.value("datestamp").flatMap(Timestamp.parse)
            guard let metadata = record.child("metadata")?.children.first else {
                throw PaperboyError(.upstream, "\(what): record \(identifier) has no metadata.")
            }
            switch metadata.name {
            case "arXiv": response.records.append(try arXivRecord(metadata, datestamp: datestamp, what: what))
            case "arXivRaw": response.records.append(try arXivRawRecord(metadata, datestamp: datestamp, what: what))
            default:
                throw PaperboyError(.upstream, "\(what): record \(identifier) is in an unknown format <\(metadata.name)>.")
            }
        }
        if let token = list.child("resumptionToken") {
            let text = token.text.trimmingWhitespace()
            response.resumptionToken = text.isEmpty ? nil : text
            response.completeListSize = token.attributes["completeListSize"].flatMap { Int($0) }
            response.cursor = token.attributes["cursor"].flatMap { Int($0) }
        }
        return response
    }

    static func identity(_ m: XMLTree, what: String) throws(PaperboyError) -> (ArxivID, String) {
        let raw = m.value("id") ?? ""
        let id: ArxivID
        do { id = try ArxivID(parsing: raw) } catch {
            throw PaperboyError(.upstream, "\(what): a record has no usable arXiv id ('\(raw.prefix(60))').")
        }
        guard let title = m.value("title") else { throw PaperboyError(.upstream, "\(what): record \(id) has no title.") }
        return (id, title)
    }

    /// `metadataPrefix=arXiv`: `id, created, updated, authors/author(keyname, forenames, suffix, affiliation),
    /// title, categories, comments, journal-ref, doi, abstract`.
    static func arXivRecord(_ m: XMLTree, datestamp: Date?, what: String) throws(PaperboyError) -> ArxivRecord {
        let (id, title) = try identity(m, what: what)
        let authors = (m.child("authors")?.children("author") ?? []).compactMap { a -> ArxivRecord.Author? in
            let name = [a.value("forenames"), a.value("keyname"), a.value("suffix")].compactMap { $0 }.joined(separator: " ")
            guard !name.isEmpty else { return nil }
            return ArxivRecord.Author(name: name, affiliations: a.children("affiliation").compactMap {
                let t = $0.text.trimmingWhitespace()
                return t.isEmpty ? nil : t
            })
        }
        return ArxivRecord(
            id: id, title: title, abstract: m.value("abstract") ?? "", authors: authors,
            categories: (m.value("categories") ?? "").split(separator: " ").map(String.init),
            published: m.value("created").flatMap(Timestamp.parse), updated: m.value("updated").flatMap(Timestamp.parse),
            comment: m.value("comments"), journalRef: m.value("journal-ref"), doi: m.value("doi"),
            describedAt: datestamp
        )
    }

    /// `metadataPrefix=arXivRaw`: `id, submitter, version*(date, size), title, authors (one string),
    /// categories, comments, journal-ref, doi, abstract`. The id gets the latest version's number.
    static func arXivRawRecord(_ m: XMLTree, datestamp: Date?, what: String) throws(PaperboyError) -> ArxivRecord {
        let (base, title) = try identity(m, what: what)
        var id = base
        var versions: [(number: Int, date: Date?)] = []
        for v in m.children("version") {
            guard let label = v.attributes["version"], label.first == "v", let n = Int(label.dropFirst()) else {
                throw PaperboyError(.upstream, "\(what): record \(id) has a version without a number.")
            }
            versions.append((n, v.value("date").flatMap(UTCDateTime.parseRFC1123)))
        }
        versions.sort { $0.number < $1.number }
        if let latest = versions.last?.number, let versioned = try? ArxivID(parsing: "\(id.base)v\(latest)") { id = versioned }
        return ArxivRecord(
            id: id, title: title, abstract: m.value("abstract") ?? "",
            authors: KaggleRecord.splitAuthors(m.value("authors") ?? "").map { ArxivRecord.Author(name: $0) },
            categories: (m.value("categories") ?? "").split(separator: " ").map(String.init),
            published: versions.first?.date, updated: versions.last?.date, comment: m.value("comments"),
            journalRef: m.value("journal-ref"), doi: m.value("doi"), describedAt: datestamp
        )
    }
}
