import Foundation
import Hummingbird

/// Links to another page of the same list: the path with its query parameters, one of them replaced, encoded as
/// a form would (`application/x-www-form-urlencoded`, so `+` and `&` in a filter survive the round trip).
/// ``nextLinkHeader(baseURL:path:query:)`` is the RFC 8288 `Link: <…>; rel="next"` every paged JSON answer
/// carries (`/api/daily_papers`, `/api/search`, `/api/papers`): absolute, from the configured base URL, so
/// clients that follow `Link` (huggingface_hub's `paginate`) reach the next page wherever they called from.
enum PageLinks {
    /// `path?name=value&…` (just `path` without parameters), pairs kept in their order, empty values left out.
    static func href(_ path: String, _ query: [(String, String)]) -> String {
        let pairs = query.filter { !$0.1.isEmpty }.map { "\(encode($0.0))=\(encode($0.1))" }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// The request's query parameters with `name` set to `value` (appended when absent, removed when `nil`).
    static func replacing(_ name: String, with value: String?, in request: Request) -> [(String, String)] {
        var pairs = (request.uri.query ?? "").split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (FormFields.decode(parts[0]), parts.count > 1 ? FormFields.decode(parts[1]) : "")
        }.filter { $0.0 != name }
        if let value { pairs.append((name, value)) }
        return pairs
    }

    /// The `Link` header value for the next page.
    static func nextLinkHeader(baseURL: String, path: String, query: [(String, String)]) -> String {
        "<\(baseURL)\(href(path, query))>; rel=\"next\""
    }

    /// `response` with the `Link: rel="next"` header set.
    static func withNext(_ response: Response, baseURL: String, path: String, query: [(String, String)]) -> Response {
        var response = response
        response.headers[linkField] = nextLinkHeader(baseURL: baseURL, path: path, query: query)
        return response
    }

    static let linkField = HTTPFields.Element.Name("Link")!

    /// Form encoding of one name or value: unreserved characters as they are, space as `%20`, the rest percent-encoded.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
