extension Tokenizer.Scanner {
    typealias Part = Tokenizer.Part

    /// Scans one group at `i` (which starts a part) into `parts`.
    mutating func scanGroup() {
        count = 0
        while true {
            if count == pool.count { pool.append(Part()) }
            var part = Part()
            swap(&part, &pool[count])  // take the buffer out so appending does not copy it
            part.text.removeAll(keepingCapacity: true)
            part.isASCII = true
            part.start = i
            scanPart(into: &part)
            part.end = i
            swap(&part, &pool[count])
            count += 1
            // Hyphen between two parts joins them into a compound.
            if b[i] == UInt8(ascii: "-") && startsPart(at: i + 1) {
                i += 1
                continue
            }
            break
        }
    }

    /// Appends word characters to `part`, handling in-word apostrophes, decimal points, ratios and TeX accents.
    mutating func scanPart(into part: inout Part) {
        while i < n {
            let c = b[i]
            if Self.isASCIIAlnum(c) {
                part.text.append(Self.lower(c))
                i += 1
                continue
            }
            if c >= 0x80 {
                guard let (s, len) = scalar(at: i) else { break }
                if s.value == 0x2019, isLetterBefore(part), Self.isASCIILetter(b[i + len]) {
                    part.text.append(UInt8(ascii: "'"))
                    i += len
                    continue
                }
                guard TextNormalizer.isWordScalar(s), !TextNormalizer.isIdeographic(s) else { break }
                part.text.append(contentsOf: b[i..<(i + len)])
                part.isASCII = false
                i += len
                continue
            }
            if c == UInt8(ascii: "\\") {
                guard let (letters, next) = texLetters(at: i) else { break }
                part.text.append(contentsOf: letters)
                i = next
                continue
            }
            if c == UInt8(ascii: "'") && isLetterBefore(part) && Self.isASCIILetter(b[i + 1]) {
                part.text.append(c)
                i += 1
                continue
            }
            if c == UInt8(ascii: "."), let last = part.text.last, Self.isDigit(last), Self.isDigit(b[i + 1]) {
                part.text.append(c)
                i += 1
                continue
            }
            if c == UInt8(ascii: ":") && joinsRatio(part) {
                part.text.append(c)
                i += 1
                continue
            }
            break
        }
    }

    func isLetterBefore(_ part: Part) -> Bool {
        guard let last = part.text.last else { return false }
        return Self.isASCIILetter(last) || last >= 0x80
    }

    /// "2:4", "16:9" (digits on both sides) or "N:M" (one letter on both sides) keep their colon.
    func joinsRatio(_ part: Part) -> Bool {
        guard !part.text.isEmpty, part.isASCII else { return false }
        var k = i + 1
        while Self.isASCIIAlnum(b[k]) { k += 1 }
        let right = (i + 1)..<k
        guard !right.isEmpty else { return false }
        if part.text.allSatisfy(Self.isDigit) && right.allSatisfy({ Self.isDigit(b[$0]) }) { return true }
        return part.text.count == 1 && Self.isASCIILetter(part.text[0]) && right.count == 1
            && Self.isASCIILetter(b[right.lowerBound])
    }
}
