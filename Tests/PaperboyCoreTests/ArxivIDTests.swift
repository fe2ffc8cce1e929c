import Testing
@testable import PaperboyCore

@Suite("arXiv and paper ids")
struct ArxivIDTests {
    @Test(arguments: [
        ("2405.15738", "2405.15738", nil as Int?),
        ("2405.15738v2", "2405.15738", 2),
        ("arXiv:2405.15738v12", "2405.15738", 12),
        ("  2405.15738 \n", "2405.15738", nil),
        ("https://arxiv.org/abs/2405.15738v1", "2405.15738", 1),
        ("http://arxiv.org/pdf/2405.15738v3.pdf", "2405.15738", 3),
        ("https://arxiv.org/pdf/2405.15738", "2405.15738", nil),
        ("https://export.arxiv.org/abs/2405.15738/", "2405.15738", nil),
        ("https://huggingface.co/papers/2405.15738", "2405.15738", nil),
        ("https://arxiv.org/abs/2405.15738?context=cs", "2405.15738", nil),
        ("0704.0001", "0704.0001", nil),
        ("1412.9999v1", "1412.9999", 1),
        ("1501.00001", "1501.00001", nil),
        ("hep-th/9901001", "hep-th/9901001", nil),
        ("hep-th/9901001v2", "hep-th/9901001", 2),
        ("math.GT/0309136", "math.GT/0309136", nil),
        ("arXiv:cond-mat/0211034v1", "cond-mat/0211034", 1),
        ("https://arxiv.org/abs/math/0701001", "math/0701001", nil),
    ])
    func parsesValidForms(input: String, base: String, version: Int?) throws {
        let id = try ArxivID(parsing: input)
        #expect(id.base == base)
        #expect(id.version == version)
    }

    @Test(arguments: [
        "", "   ", "2405.1573", "2405.157381", "2413.15738", "2400.15738", "0703.0001", "1412.12345",
        "1501.1234", "24051.5738", "2405-15738", "2405.15738v0", "2405.15738vx", "abc", "hep-th/990100",
        "hep-th/99010011", "HEP-TH/9901001", "hep-th/9913001", "hep-th/0801001", "math.GTX/0309136",
        "2405.15738v", "2405.15738v1v2", "../../etc/passwd", String(repeating: "9", count: 500),
        "javascript:alert(1)", "2405.15738\u{0}",
    ])
    func rejectsInvalid(input: String) {
        #expect(throws: PaperboyError.self) { try ArxivID(parsing: input) }
    }

    @Test func errorSaysWhatIsWrong() {
        do {
            _ = try ArxivID(parsing: "2413.15738")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("2413.15738"))
        }
    }

    @Test func derivedLinksAndDates() throws {
        let id = try ArxivID(parsing: "2405.15738v2")
        #expect(id.absURL == "https://arxiv.org/abs/2405.15738v2")
        #expect(id.pdfURL == "https://arxiv.org/pdf/2405.15738v2")
        #expect(id.yearMonth == (2024, 5))
        #expect(try ArxivID(parsing: "hep-th/9901001").yearMonth == (1999, 1))
        #expect(try ArxivID(parsing: "math/0701001").isOldStyle)
    }

    @Test func localIDsAreStableAndNormalised() throws {
        let a = PaperID.local(title: "AnchorAttention: Difference-Aware Sparse Attention")
        let b = PaperID.local(title: "  anchorattention   difference aware sparse ATTENTION ")
        #expect(a == b)
        #expect(a.rawValue.hasPrefix("local-"))
        #expect(a.rawValue.count == 18)
        #expect(a.isLocal && a.arxiv == nil)
        #expect(try PaperID(parsing: a.rawValue) == a)
        #expect(PaperID.local(title: "Another paper") != a)
        #expect(throws: PaperboyError.self) { try PaperID(parsing: "local-XYZ") }
    }

    @Test func paperIDsFromArxivDropVersions() throws {
        let id = try PaperID(parsing: "arXiv:2405.15738v3")
        #expect(id.rawValue == "2405.15738")
        #expect(id.arxiv?.base == "2405.15738")
    }
}
