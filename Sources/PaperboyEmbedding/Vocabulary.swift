import Foundation

/// A WordPiece vocabulary (`vocab.txt`: one token per line, the line number is the id).
public struct Vocabulary: Sendable {
    /// Token strings by id.
    public let tokens: [String]
    /// Ids of tokens that start a word (no `##` prefix).
    let wordStarts: [String: Int32]
    /// Ids of continuation pieces, keyed without their `##` prefix.
    let continuations: [String: Int32]

    public init(tokens: [String]) {
        self.tokens = tokens
        var starts: [String: Int32] = [:]
        var conts: [String: Int32] = [:]
        starts.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() {
            if token.hasPrefix("##") {
                let key = String(token.dropFirst(2))
                if conts[key] == nil { conts[key] = Int32(id) }
            } else if starts[token] == nil {
                starts[token] = Int32(id)
            }
        }
        wordStarts = starts
        continuations = conts
    }

    /// Loads `vocab.txt`.
    public init(contentsOf url: URL) throws(EmbeddingError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(url) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .corrupt(url, "not UTF-8 text", cause: error)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard lines.count > 1000 else { throw .corrupt(url, "only \(lines.count) tokens") }
        self.init(tokens: lines)
    }

    public var count: Int { tokens.count }

    /// The id of a whole token as written in `vocab.txt` (e.g. `"[CLS]"`, `"##ing"`).
    public func id(of token: String) -> Int32? {
        if token.hasPrefix("##") { return continuations[String(token.dropFirst(2))] }
        return wordStarts[token]
    }
}
