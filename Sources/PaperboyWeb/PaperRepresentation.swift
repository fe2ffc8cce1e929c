import Foundation

/// The forms a paper page is served in: HTML (`/papers/{id}`), Markdown (`.md`, or `Accept: text/markdown`),
/// BibTeX (`.bib`) and RIS (`.ris`). A suffix names the form outright; without one the `Accept` header chooses
/// between HTML and Markdown (``negotiate(_:)``), so those answers carry `Vary: Accept` and the HTTP cache keys
/// them apart (``cacheVariant(path:accept:)``).
enum PaperRepresentation: String, Sendable {
    case html, markdown, bibtex, ris

    var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .bibtex: "application/x-bibtex; charset=utf-8"
        case .ris: "application/x-research-info-systems; charset=utf-8"
        }
    }

    /// The id part of a `/papers/…` path segment and the representation its suffix names, if any.
    static func split(_ raw: String) -> (id: String, suffix: PaperRepresentation?) {
        for (suffix, form) in [(".md", PaperRepresentation.markdown), (".bib", .bibtex), (".ris", .ris)]
        where raw.hasSuffix(suffix) {
            return (String(raw.dropLast(suffix.count)), form)
        }
        return (raw, nil)
    }

    /// Markdown when the client ranks `text/markdown` above `text/html` (by q-value, then by specificity: an
    /// explicit `text/html` beats `*/*` and `text/*`); HTML otherwise, and for a missing or unparsable header.
    static func negotiate(_ accept: String?) -> PaperRepresentation {
        guard let accept, !accept.isEmpty else { return .html }
        let markdown = quality(of: "text/markdown", in: accept)
        let html = quality(of: "text/html", in: accept)
        return markdown > 0 && markdown > html ? .markdown : .html
    }

    /// The cache-key suffix for a negotiated answer (`#md` for Markdown), so cached HTML never answers a
    /// Markdown request or the reverse. Empty for every other path.
    static func cacheVariant(path: String, accept: String?) -> String {
        guard path.hasPrefix("/papers/"), negotiate(accept) == .markdown else { return "" }
        return "#md"
    }

    /// The q-value `accept` gives `type` (RFC 9110 §12.5.1): the most specific matching range wins
    /// (`type/subtype` over `type/*` over `*/*`); 0 when nothing matches.
    static func quality(of type: String, in accept: String) -> Double {
        let major = type.split(separator: "/").first.map(String.init) ?? type
        var best: (specificity: Int, q: Double) = (-1, 0)
        for item in accept.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let range = parts.first, !range.isEmpty else { continue }
            let specificity = range == type ? 2 : range == "\(major)/*" ? 1 : range == "*/*" ? 0 : -1
            guard specificity > best.specificity else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                q = min(1, max(0, Double(parameter.dropFirst(2)) ?? 0))
            }
            best = (specificity, q)
        }
        return best.q
    }
}
