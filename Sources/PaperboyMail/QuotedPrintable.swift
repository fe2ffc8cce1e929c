/// Quoted-printable body encoding (RFC 2045 §6.7) and CRLF line-ending normalisation.
public enum QuotedPrintable {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Encodes text as quoted-printable with CRLF line breaks and lines of at most 76 characters.
    ///
    /// Any input line ending (LF, CR, CRLF) becomes a hard CRLF break; spaces and tabs at the end of a
    /// line are encoded, and encoded triplets (`=C3`) are never split by a soft break.
    public static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 16)
        var lineLength = 0
        var lines = LineSplitter.lines(of: Array(text.utf8))
        let endsWithBreak = lines.last?.isEmpty == true && lines.count > 1
        if endsWithBreak { lines.removeLast() }
        for (lineIndex, line) in lines.enumerated() {
            lineLength = 0
            let last = line.endIndex - 1
            for index in line.indices {
                let byte = line[index]
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && index != last)
                let width = literal ? 1 : 3
                if lineLength + width > 75 {
                    output.append(61)
                    output.append(13)
                    output.append(10)
                    lineLength = 0
                }
                if literal {
                    output.append(byte)
                } else {
                    output.append(61)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0F)])
                }
                lineLength += width
            }
            if lineIndex < lines.count - 1 || endsWithBreak {
                output.append(13)
                output.append(10)
            }
        }
        return output
    }
}

/// Splits bytes into lines at CRLF, LF or CR.
enum LineSplitter {
    /// The lines without their terminators; text ending in a break yields a final empty line.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 || byte == 10 {
                lines.append(bytes[start..<index])
                if byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    /// The text with every line ending replaced by CRLF.
    static func normalizedCRLF(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        let split = lines(of: bytes)
        for (index, line) in split.enumerated() {
            output += line
            if index < split.count - 1 { output += [13, 10] }
        }
        return output
    }

    /// The length of the longest line, in bytes.
    static func longestLine(_ bytes: [UInt8]) -> Int {
        lines(of: bytes).map(\.count).max() ?? 0
    }
}
