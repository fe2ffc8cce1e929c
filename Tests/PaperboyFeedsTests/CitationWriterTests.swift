import Foundation
import PaperboyCore
import Testing
@testable import PaperboyFeeds

@Suite("BibTeX and RIS citations")
struct CitationWriterTests {
    static let day = try! Day(parsing: "2017-06-12")

    static func citation(title: String = "Attention Is All You Need", authors: [String] = ["Ashish Vaswani", "Noam Shazeer"],
                         id: String? = "1706.03762") -> Citation {
        Citation(title: title, authors: authors, published: day, arxivID: id, primaryClass: "cs.CL",
                 url: id.map { "https://arxiv.org/abs/\($0)" } ?? "https://papers.example.org/papers/local-1",
                 pdfURL: id.map { "https://arxiv.org/pdf/\($0)" }, abstract: "We propose\n  the Transformer.",
                 categories: ["cs.CL", "cs.LG"])
    }

    @Test("An arXiv paper is an @misc entry with arXiv's fields")
    func arxivEntry() {
        let text = BibTeXWriter.document([Self.citation()])
        #expect(text == """
            @misc{vaswani2017attention,
              title = {Attention Is All You Need},
              author = {Ashish Vaswani and Noam Shazeer},
              year = {2017},
              eprint = {1706.03762},
              archivePrefix = {arXiv},
              primaryClass = {cs.CL},
              url = {https://arxiv.org/abs/1706.03762}
            }

            """)
    }

    @Test("Every TeX special is escaped, so a title cannot break out of its braces or run TeX")
    func texSpecials() {
        #expect(BibTeXWriter.escape(##"50% of $x_1$ & #2 {a} ~b^c \emph{d}"##)
                == ##"50\% of \$x\_1\$ \& \#2 \{a\} \textasciitilde{}b\textasciicircum{}c \textbackslash{}emph\{d\}"##)
        // Unbalanced braces and a closing brace first: still balanced once escaped.
        let nasty = BibTeXWriter.entry(Self.citation(title: "}{ evil }, author = {Mallory"), key: "k")
        #expect(nasty.contains(#"title = {\}\{ evil \}, author = \{Mallory},"#))
        var depth = 0
        var previous: Character = " "
        for c in nasty {
            if previous != "\\" { if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } }
            #expect(depth >= 0)
            previous = c
        }
        #expect(depth == 0)
        // Line breaks and control characters go; whitespace runs collapse.
        #expect(BibTeXWriter.escape("a\n\n b\u{0}\tc") == "a b c")
    }

    @Test("Accented Latin letters become braced TeX accents; other scripts stay UTF-8")
    func nonASCII() {
        #expect(BibTeXWriter.escape("Müller") == #"M{\"{u}}ller"#)
        #expect(BibTeXWriter.escape("François Chollet") == #"Fran{\c{c}}ois Chollet"#)
        #expect(BibTeXWriter.escape("Łukasz Kaiser") == #"{\L}ukasz Kaiser"#)
        #expect(BibTeXWriter.escape("Søren Kierkegaard") == #"S{\o}ren Kierkegaard"#)
        #expect(BibTeXWriter.escape("Íñigo") == #"{\'{I}}{\~{n}}igo"#)
        #expect(BibTeXWriter.escape("naïve") == #"na{\"{\i}}ve"#)
        #expect(BibTeXWriter.escape("Dvořák") == #"Dvo{\v{r}}{\'{a}}k"#)
        #expect(BibTeXWriter.escape("Straße — a test") == #"Stra{\ss}e --- a test"#)
        #expect(BibTeXWriter.escape("张伟 and Ελένη") == "张伟 and Ελένη")
        // Vietnamese letters with two marks are kept whole rather than half-converted.
        #expect(BibTeXWriter.escape("Nguyễn") == "Nguyễn")
    }

    @Test("Names with a comma or the word 'and' are braced whole; names are joined with ' and '")
    func names() {
        let c = Self.citation(authors: ["Jane Smith, Jr.", "Research and Development Team", "Ada Lovelace", "Andrea Rossi"])
        let entry = BibTeXWriter.entry(c, key: "k")
        #expect(entry.contains("author = {{Jane Smith, Jr.} and {Research and Development Team} and Ada Lovelace and Andrea Rossi},"))
        #expect(BibTeXWriter.name("O'Brien_{x}") == #"O'Brien\_\{x\}"#)
    }

    @Test("Keys are ASCII, Google Scholar style, and unique within a document")
    func keys() {
        let a = Self.citation()
        let b = Self.citation(title: "The attention span", id: "1706.99999")
        let muller = Self.citation(title: "Über Schätzungen", authors: ["Jürgen Müller"], id: "1707.00001")
        let nobody = Self.citation(title: "$\\%$", authors: [], id: "hep-th/9901001")
        #expect(BibTeXWriter.keys(for: [a, b, a, muller, nobody]) ==
                ["vaswani2017attention", "vaswani2017attentionb", "vaswani2017attentionc", "muller2017uber",
                 "paper2017hepth9901001"])
        let doc = BibTeXWriter.document([a, a])
        #expect(doc.contains("@misc{vaswani2017attention,\n") && doc.contains("@misc{vaswani2017attentionb,\n"))
        // A suffixed key never collides with another paper's own key.
        let c = Self.citation(title: "Attentionb rules", id: "1")
        #expect(BibTeXWriter.keys(for: [a, a, c]) == ["vaswani2017attention", "vaswani2017attentionb", "vaswani2017attentionbb"])
    }

    @Test("A paper not on arXiv has no eprint fields; its URL is the site's page; a DOI is kept")
    func localPaper() {
        var c = Self.citation(id: nil)
        c.doi = "10.1000/x_y"
        let entry = BibTeXWriter.entry(c, key: "k")
        #expect(!entry.contains("eprint") && !entry.contains("archivePrefix") && !entry.contains("primaryClass"))
        #expect(entry.contains("url = {https://papers.example.org/papers/local-1},"))
        #expect(entry.contains(#"doi = {10.1000/x\_y}"#))
        #expect(BibTeXWriter.url("https://x.org/a b{c}\\") == "https://x.org/a%20b%7Bc%7D%5C")
    }

    @Test("RIS: a preprint record with one AU per author, CR LF lines and ER last")
    func ris() {
        let text = RISWriter.record(Self.citation())
        #expect(text == [
            "TY  - UNPB", "TI  - Attention Is All You Need", "AU  - Ashish Vaswani", "AU  - Noam Shazeer",
            "PY  - 2017", "DA  - 2017/06/12/", "AB  - We propose the Transformer.", "KW  - cs.CL", "KW  - cs.LG",
            "UR  - https://arxiv.org/abs/1706.03762", "L1  - https://arxiv.org/pdf/1706.03762",
            "AN  - arXiv:1706.03762", "DB  - arXiv", "ER  - ",
        ].map { $0 + "\r\n" }.joined())
        let multiline = RISWriter.record(Self.citation(title: "Two\nlines\r\nTY  - JOUR"))
        #expect(multiline.contains("TI  - Two lines TY - JOUR\r\n"))
        #expect(multiline.components(separatedBy: "\r\n").filter { $0.hasPrefix("TY") }.count == 1)
    }

    @Test("A Paper becomes a citation: visible authors, v1 day, primary category, arXiv or site URL")
    func fromPaper() throws {
        let paper = Paper(id: PaperID(unchecked: "2405.15738"), title: "  Sparse\n attention ", abstract: "A.",
                          authors: [Author(name: "Ada Lovelace"), Author(name: "Hidden", hidden: true)],
                          categories: ["cs.LG", "cs.CL"], publishedAt: Date(timeIntervalSince1970: Self.day.secondsSinceEpoch + 3600), source: "test")
        let c = Citation(paper: paper, pageURL: "https://site/papers/2405.15738")
        #expect(c.title == "Sparse attention" && c.authors == ["Ada Lovelace"] && c.primaryClass == "cs.LG")
        #expect(c.url == "https://arxiv.org/abs/2405.15738" && c.pdfURL == "https://arxiv.org/pdf/2405.15738")
        #expect(c.slashedDate == "2017/06/12" && c.arxivID == "2405.15738")
    }
}
