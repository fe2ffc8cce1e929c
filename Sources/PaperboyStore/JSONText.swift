import Foundation
import PaperboyCore

/// Hand-written JSON for the list columns written on every import (several times faster than
/// `JSONEncoder` for these shapes). Reading back uses `JSONDecoder`, so the two must agree: the
/// round-trip is covered by the store tests. `package`: the PostgreSQL backend writes the same columns.
package enum JSONText {
    package static func strings(_ values: [String]) -> String {
        var out = "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            append(v, to: &out)
        }
        return out + "]"
    }

    package static func authors(_ authors: [Author]) -> String {
        var out = "["
        for (i, a) in authors.enumerated() {
            if i > 0 { out += "," }
            out += "{\"hidden\":\(a.hidden),\"name\":"
            append(a.name, to: &out)
            if let status = a.status {
                out += ",\"status\":"
                append(status, to: &out)
            }
            if let user = a.user {
                out += ",\"user\":" + userRef(user)
            }
            out += "}"
        }
        return out + "]"
    }

    package static func userRef(_ u: UserRef) -> String {
        var out = "{"
        if let avatar = u.avatarURL {
            out += "\"avatarURL\":"
            append(avatar, to: &out)
            out += ","
        }
        if let fullname = u.fullname {
            out += "\"fullname\":"
            append(fullname, to: &out)
            out += ","
        }
        out += "\"username\":"
        append(u.username, to: &out)
        return out + "}"
    }

    /// Reads a column written by ``strings(_:)``.
    package static func decodeStrings(_ text: String) throws -> [String] {
        if text == "[]" { return [] }
        guard let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else {
            throw PaperboyError(.storage, "A stored list column is not a list of strings.")
        }
        return list
    }

    /// Reads a column written by ``authors(_:)``.
    package static func decodeAuthors(_ text: String) throws -> [Author] {
        if text == "[]" { return [] }
        guard let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw PaperboyError(.storage, "A stored author list is malformed.")
        }
        return list.map { a in
            let user = (a["user"] as? [String: Any]).flatMap { u -> UserRef? in
                guard let username = u["username"] as? String else { return nil }
                return UserRef(username: username, fullname: u["fullname"] as? String, avatarURL: u["avatarURL"] as? String)
            }
            return Author(name: a["name"] as? String ?? "", user: user, status: a["status"] as? String,
                          hidden: a["hidden"] as? Bool ?? false)
        }
    }

    /// Appends `s` as a JSON string literal.
    package static func append(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.utf8.startIndex
        var index = plainStart
        let utf8 = s.utf8
        while index != utf8.endIndex {
            let b = utf8[index]
            if b == 0x22 || b == 0x5c || b < 0x20 {
                out += String(s[plainStart..<index])
                switch b {
                case 0x22: out += "\\\""
                case 0x5c: out += "\\\\"
                case 0x0a: out += "\\n"
                case 0x0d: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(b, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out += String(s[plainStart..<utf8.endIndex])
        out += "\""
    }
}
