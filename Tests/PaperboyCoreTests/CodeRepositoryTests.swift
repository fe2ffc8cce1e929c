import Testing
@testable import PaperboyCore

@Suite("Code repository links")
struct CodeRepositoryTests {
    @Test("GitHub, GitLab and Hub links in prose, in order, once each, with sentence punctuation dropped")
    func findsLinksInProse() {
        let text = """
            Code: https://github.com/state-spaces/mamba. Weights at huggingface.co/state-spaces/mamba-2.8b and \
            data on https://huggingface.co/datasets/allenai/c4/tree/main; demo https://huggingface.co/spaces/gradio/hello. \
            Mirror: \\url{https://gitlab.com/group/sub/tool.git}, again https://GitHub.com/state-spaces/Mamba/tree/main.
            """
        let found = CodeRepository.find(in: text, source: "abstract")
        #expect(found.map(\.url) == [
            "https://github.com/state-spaces/mamba", "https://huggingface.co/state-spaces/mamba-2.8b",
            "https://huggingface.co/datasets/allenai/c4", "https://huggingface.co/spaces/gradio/hello",
            "https://gitlab.com/group/sub/tool",
        ])
        #expect(found.map(\.type) == ["code", "model", "dataset", "space", "code"])
        #expect(found.map(\.host) == ["github", "huggingface", "huggingface", "huggingface", "gitlab"])
        #expect(found[4].id == "group/sub/tool" && found.allSatisfy { $0.source == "abstract" })
    }

    @Test("Pages that are not repositories, and look-alike hosts, are not links")
    func ignoresNonRepositories() {
        for text in ["https://github.com/features/copilot", "https://github.com/octocat", "https://huggingface.co/papers/2405.15738",
                     "https://huggingface.co/docs/transformers", "https://notgithub.com/a/b", "https://gist.github.com/a/b",
                     "https://huggingface.co/datasets/only", "github.com/", "no links here"] {
            #expect(CodeRepository.find(in: text, source: "x").isEmpty, "\(text)")
        }
        #expect(CodeRepository.parse(url: "https://www.github.com/a/b.git", source: "githubRepo")?.id == "a/b")
    }
}
