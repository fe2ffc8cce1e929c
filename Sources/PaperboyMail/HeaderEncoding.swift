import Foundation

/// RFC 5322 header rendering: RFC 2047 encoded-words for non-ASCII text, mailbox lists and folding.
///
/// Lines are folded at 78 characters where there is whitespace to fold at; encoded-words are at most 75
/// characters and are never split inside a character (not even inside a grapheme cluster such as 👩‍🔬).
public enum HeaderEncoding {
    /// The recommended maximum line length, without CRLF (RFC 5322 §2.1.1).
    public static let lineLimit = 78
    /// The maximum length of one encoded-word (RFC 2047 §2).
    public static let encodedWordLimit = 75

    /// Renders `Name: value` for unstructured text (e.g. `Subject`), folded, with CRLF line breaks and no
    /// trailing CRLF. Line breaks in `value` become spaces.
    public static func unstructured(name: String, value: String) -> String {
        let flat = value.replacingLineBreaks()
        if isSafeASCII(flat) {
            let words = flat.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            return fold(name: name, tokens: words)
        }
        return fold(name: name, tokens: encodedWords(flat, firstLineUsed: name.count + 2))
    }

    /// Renders a mailbox-list header (`From`, `To`, `Cc`, `Reply-To`), folded between and inside mailboxes.
    public static func addressList(name: String, addresses: [MailAddress]) -> String {
        var tokens: [String] = []
        for (index, mailbox) in addresses.enumerated() {
            var mailboxTokens: [String] = []
            if let display = mailbox.name?.replacingLineBreaks(), !display.isEmpty {
                mailboxTokens += phrase(display, firstLineUsed: tokens.isEmpty ? name.count + 2 : 1)
                mailboxTokens.append("<\(mailbox.address)>")
            } else {
                mailboxTokens.append(mailbox.address)
            }
            if index < addresses.count - 1 { mailboxTokens[mailboxTokens.count - 1] += "," }
            tokens += mailboxTokens
        }
        return fold(name: name, tokens: tokens)
    }

    /// The tokens of a display name: atoms as they are, a quoted-string when the name has specials,
    /// or encoded-words when it is not plain ASCII.
    static func phrase(_ text: String, firstLineUsed: Int) -> [String] {
        guard isSafeASCII(text) else { return encodedWords(text, firstLineUsed: firstLineUsed) }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        if text.utf8.allSatisfy({ atext.contains($0) }) && !text.hasPrefix(" ") && !text.hasSuffix(" ")
            && !text.contains("  ") {
            return text.split(separator: " ").map(String.init)
        }
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return [quoted + "\""]
    }

    /// Splits `text` into RFC 2047 `B` encoded-words (`=?UTF-8?B?…?=`), each ≤ 75 characters, the first
    /// also fitting after `firstLineUsed` characters of a 78-character line. Whole characters only.
    public static func encodedWords(_ text: String, firstLineUsed: Int = 0) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        func capacity(_ room: Int) -> Int { max(1, (min(room, encodedWordLimit) - overhead) / 4) * 3 }
        var words: [String] = []
        var current: [UInt8] = []
        var limit = capacity(lineLimit - firstLineUsed)
        if limit < 12 { limit = capacity(lineLimit - 1) }
        func flush() {
            guard !current.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(current).base64EncodedString() + "?=")
            current.removeAll(keepingCapacity: true)
            limit = capacity(lineLimit - 1)
        }
        for character in text {
            let byteCount = character.utf8.count
            if current.count + byteCount > limit { flush() }
            if byteCount > limit {
                // A single grapheme longer than a word (long emoji sequence): split between scalars.
                for scalar in character.unicodeScalars {
                    let scalarBytes = Array(String(scalar).utf8)
                    if current.count + scalarBytes.count > limit { flush() }
                    current += scalarBytes
                }
            } else {
                current.append(contentsOf: character.utf8)
            }
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// Joins `tokens` with single spaces after `Name:` and folds (CRLF + space) wherever a line would
    /// exceed 78 characters. Tokens are never split, so a token longer than a line stays on its own line.
    public static func fold(name: String, tokens: [String]) -> String {
        var output = name + ":"
        var lineLength = output.count
        for token in tokens {
            let length = token.count
            if lineLength + 1 + length > lineLimit && lineLength > name.count + 1 && !token.isEmpty {
                output += "\r\n " + token
                lineLength = 1 + length
            } else {
                output += " " + token
                lineLength += 1 + length
            }
        }
        return output
    }

    /// Printable ASCII (plus tab) without anything a decoder could mistake for an encoded-word.
    static func isSafeASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 } && !text.contains("=?")
    }
}

extension String {
    /// CR, LF and CRLF replaced by single spaces (for header text).
    func replacingLineBreaks() -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            result.unicodeScalars.append(scalar == "\r" || scalar == "\n" ? " " : scalar)
        }
        return result
    }
}
