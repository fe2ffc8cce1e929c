import Foundation
import Testing
import PaperboySearch

/// Word-by-word parity of `EnglishStemmer` with PyPI `snowballstemmer` (English) on the vocabulary of the
/// shared corpora: every distinct lowercase alphabetic word of the SciFact corpus and of the HF daily papers
/// titles and summaries. Needs the repo's `.venv` python (or `PAPERBOY_PYTHON`) and the shared data.
@Suite struct StemmerParityTests {
    static let script = """
        import sys, snowballstemmer
        s = snowballstemmer.stemmer('english')
        words = sys.stdin.read().split('\\n')
        sys.stdout.write('\\n'.join(s.stemWords([w for w in words if w])))
        """

    /// Distinct words made of a–z only, from lowercased text.
    static func vocabulary(_ texts: [String], into set: inout Set<String>) {
        for text in texts {
            var word: [UInt8] = []
            for c in text.lowercased().utf8 {
                if c >= 0x61 && c <= 0x7A {
                    word.append(c)
                } else if !word.isEmpty {
                    set.insert(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { set.insert(String(decoding: word, as: UTF8.self)) }
        }
    }

    @Test func parityWithSnowball() throws {
        guard let python = TestData.python else {
            print("SKIP: no python with snowballstemmer (set PAPERBOY_PYTHON or create <repo>/.venv)")
            return
        }
        guard let scifact = TestData.file("beir/scifact/corpus.jsonl.gz"),
            let daily = TestData.file("hf-daily/daily_papers.jsonl.gz")
        else {
            print("SKIP: shared data not found")
            return
        }
        var words = Set<String>()
        let corpus = try Evaluation.readCorpus(lines: try TestData.lines(scifact))
        Self.vocabulary(corpus.map { $0.title + " " + $0.text }, into: &words)
        var dailyTexts: [String] = []
        for line in try TestData.lines(daily) {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let paper = object["paper"] as? [String: Any]
            else { continue }
            dailyTexts.append((paper["title"] as? String ?? "") + " " + (paper["summary"] as? String ?? ""))
        }
        Self.vocabulary(dailyTexts, into: &words)
        let list = words.sorted()
        let output = try TestData.run(python, ["-c", Self.script], input: Data(list.joined(separator: "\n").utf8))
        let expected = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        try #require(expected.count == list.count, "python returned \(expected.count) stems for \(list.count) words")
        let stemmer = EnglishStemmer()
        var mismatches: [String] = []
        for (word, want) in zip(list, expected) {
            let got = stemmer.stem(word)
            if got != want { mismatches.append("\(word): got \(got), snowball \(want)") }
        }
        print("stemmer parity: \(list.count - mismatches.count)/\(list.count) words agree")
        if !mismatches.isEmpty { print(mismatches.prefix(50).joined(separator: "\n")) }
        #expect(mismatches.isEmpty)
    }

    @Test func knownStems() {
        let s = EnglishStemmer()
        let cases: [(String, String)] = [
            ("running", "run"), ("generously", "generous"), ("skies", "sky"), ("dying", "die"), ("agreed", "agre"),
            ("hopping", "hop"), ("hoped", "hope"), ("succeeding", "succeed"), ("sparsity", "sparsiti"),
            ("sparse", "spars"), ("experts", "expert"), ("mixture", "mixtur"), ("nationalization", "nation"),
            ("news", "news"), ("early", "earli"), ("cats'", "cat"), ("a", "a"), ("by", "by"),
        ]
        for (word, stem) in cases { #expect(s.stem(word) == stem, "\(word)") }
    }
}
