import Foundation
@testable import PaperboyMail

/// Decodes RFC 2047 `B` encoded-words (the only kind PaperboyMail writes) and unfolds a header.
func decodeHeaderValue(_ header: String) -> String {
    let unfolded = header.replacingOccurrences(of: "\r\n", with: "")
    let value = String(unfolded[unfolded.index(after: unfolded.firstIndex(of: ":")!)...].dropFirst())
    let words = value.split(separator: " ")
    guard words.allSatisfy({ $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }) else { return value }
    var bytes: [UInt8] = []
    for word in words {
        let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
        bytes += Data(base64Encoded: String(payload)).map(Array.init) ?? []
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A minimal quoted-printable decoder for checking the encoder.
func decodeQuotedPrintable(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    var index = 0
    func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        default: return 0
        }
    }
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 61 {
            if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                index += 3
                continue
            }
            output.append(hexValue(bytes[index + 1]) << 4 | hexValue(bytes[index + 2]))
            index += 3
        } else {
            output.append(byte)
            index += 1
        }
    }
    return String(decoding: output, as: UTF8.self)
}

func lines(_ bytes: [UInt8]) -> [String] {
    String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
}
