import Foundation

/// RIS records (`/papers/{id}.ris`, for Zotero, EndNote, Mendeley): `TY  - UNPB` (a preprint: an unpublished
/// work), `TI`, one `AU` per author, `PY` (year), `DA` (`YYYY/MM/DD`), `AB`, one `KW` per category, `UR`, `L1`
/// (the PDF), `DO`, `AN` (the arXiv id), `DB  - arXiv`, `ER`. Lines end with CR LF as the format asks; values are
/// single lines (whitespace collapsed), UTF-8.
public enum RISWriter {
    public static func record(_ c: Citation) -> String {
        var lines: [(String, String)] = [("TY", "UNPB"), ("TI", c.title)]
        lines += c.authors.map { ("AU", $0) }
        if let day = c.published {
            lines.append(("PY", String(day.year)))
            if let date = c.slashedDate { lines.append(("DA", date + "/")) }
        }
        if !c.abstract.isEmpty { lines.append(("AB", c.abstract)) }
        lines += c.categories.map { ("KW", $0) }
        lines.append(("UR", c.url))
        if let pdf = c.pdfURL { lines.append(("L1", pdf)) }
        if let doi = c.doi { lines.append(("DO", doi)) }
        if let id = c.arxivID {
            lines.append(("AN", "arXiv:\(id)"))
            lines.append(("DB", "arXiv"))
        }
        lines.append(("ER", ""))
        return lines.map { tag, value in
            "\(tag)  - \(Citation.collapse(value))\r\n"
        }.joined()
    }

    /// Several records one after another.
    public static func document(_ citations: [Citation]) -> String {
        citations.map(record).joined()
    }
}
