import Hummingbird
import PaperboyCore

/// The fields of an `application/x-www-form-urlencoded` form body or query string: the one parser for every form
/// on the site (``CSRFMiddleware``'s `_csrf` check and the controllers read the same values).
///
/// Decoding follows the URL Standard's form parser (what browsers and `URLSearchParams` do): pairs split on `&`
/// (empty pairs skipped), name and value split on the first `=` (a pair without one has the value `""`), `+` is a
/// space, `%XX` is the byte XX — a typed `+` arrives as `%2B` and survives — and a `%` not followed by two hex
/// digits stays as it is. The bytes are read as UTF-8; invalid sequences become U+FFFD.
///
/// **A repeated name keeps its first value.** That is `URLSearchParams.get`'s rule and the one that cannot be
/// overridden by appending: whatever a form adds after its own fields (a field injected at the end, a second
/// `_csrf`) does not replace them. No form on the site relies on the other convention (a hidden `0` followed by a
/// checkbox `1` of the same name, which needs the last value): checkboxes are read as present (`"1"`) or absent,
/// and each form names each field once (radio groups and submit buttons send only the chosen value).
struct FormFields: Sendable {
    /// The largest form body read (64 KB: a 10,000-character comment, percent-encoded, fits).
    static let maxBytes = 64 * 1024

    private var values: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
    }

    init(_ buffer: ByteBuffer) {
        self.init(String(buffer: buffer))
    }

    /// The first value of `name`, `nil` if the form does not have it.
    subscript(_ name: String) -> String? { values[name] }

    /// The names of the fields that start with `prefix`, sorted: a checkbox group names each box `prefix + value`
    /// (each name once, so the first-value rule never drops a choice).
    func names(withPrefix prefix: String) -> [String] {
        values.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// A required, non-blank field.
    func require(_ name: String, label: String) throws -> String {
        guard let v = values[name], !v.isBlank else {
            throw PaperboyError.invalid("\(label) is required.")
        }
        return v
    }

    /// `+` as a space, `%XX` as a byte, a malformed `%` kept; UTF-8 with U+FFFD for invalid sequences.
    static func decode(_ text: some StringProtocol) -> String {
        let input = Array(text.utf8)
        guard input.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), i + 2 < input.count, let high = hexValue(input[i + 1]),
                      let low = hexValue(input[i + 2]) {
                bytes.append(high << 4 | low)
                i += 2
            } else {
                bytes.append(byte)
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Request {
    /// The request's form body (collected once, up to ``FormFields/maxBytes``; ``CSRFMiddleware`` may have
    /// collected it already). A larger body is `invalidInput`.
    mutating func form() async throws -> FormFields {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: FormFields.maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw PaperboyError.invalid("The form is too large (at most \(FormFields.maxBytes / 1024) KB).")
        }
        return FormFields(buffer)
    }

    /// The query string decoded as a form (Hummingbird's `queryParameters` leaves `+` as it is; forms sent with
    /// GET encode a space as `+`).
    var formQuery: FormFields { FormFields(uri.query ?? "") }
}
