import Foundation
import Hummingbird
import PaperboyCore

/// `application/x-www-form-urlencoded` bodies of the site's forms (small: 16 KB at most).
enum FormBody {
    static func parse(_ request: Request, maxBytes: Int = 16 * 1024) async throws -> [String: String] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw PaperboyError.invalid("The form is too large (at most \(maxBytes / 1024) KB).")
        }
        return parse(String(buffer: buffer))
    }

    /// A query-string parameter decoded as HTML forms encode it: `+` is a space, then percent-decoding (so a
    /// typed `+`, sent as `%2B`, survives). Hummingbird's `queryParameters` leaves `+` as it is.
    static func query(_ request: Request, _ name: String) -> String? {
        parse(request.uri.query ?? "")[name]
    }

    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    static func decode(_ s: Substring) -> String {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }
}
