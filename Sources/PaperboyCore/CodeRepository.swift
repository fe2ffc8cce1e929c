import Foundation

/// A code (or model, data set, demo) repository a paper links to: GitHub, GitLab or the Hugging Face Hub.
/// Found by ``CodeRepository/find(in:source:)`` in a paper's `githubRepo`, project page, abstract and comments;
/// served by `GET /api/arxiv/{id}/repos`.
public struct CodeRepository: Hashable, Sendable, Codable {
    /// The repository's canonical address: `https://github.com/owner/name`, `https://gitlab.com/group/name`,
    /// `https://huggingface.co/[datasets/|spaces/]owner/name`.
    public var url: String
    /// `github`, `gitlab` or `huggingface`.
    public var host: String
    /// `code` (a git host), or on the Hub `model`, `dataset`, `space`.
    public var type: String
    /// `owner/name` (GitLab: `group/…/name`).
    public var id: String
    /// Where we found it first: `githubRepo`, `projectPage`, `abstract`, `comment` (arXiv's), `discussion` (a reader's).
    public var source: String

    public init(url: String, host: String, type: String, id: String, source: String) {
        self.url = url
        self.host = host
        self.type = type
        self.id = id
        self.source = source
    }

    /// Every repository address in `text`, in order of appearance, each once (compared case-insensitively).
    public static func find(in text: String, source: String) -> [CodeRepository] {
        var found: [(at: Int, repo: CodeRepository)] = []
        for host in hosts {
            var from = text.startIndex
            while let r = text.range(of: host.domain, options: .caseInsensitive, range: from..<text.endIndex) {
                from = r.upperBound
                // The domain must start a host name: `github.com/`, not `notgithub.com/`.
                if r.lowerBound > text.startIndex {
                    let before = text[text.index(before: r.lowerBound)]
                    guard before == "/" || before == "." || !(before.isLetter || before.isNumber || before == "-") else { continue }
                    if before == "." {
                        let hostStart = text[..<r.lowerBound].dropLast().reversed().prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                        guard String(hostStart.reversed()).lowercased() == "www" else { continue }
                    }
                }
                let path = text[r.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
                if let repo = host.make(String(path), source) {
                    found.append((text.distance(from: text.startIndex, to: r.lowerBound), repo))
                }
            }
        }
        var seen = Set<String>()
        return found.sorted { $0.at < $1.at }.map(\.repo).filter { seen.insert($0.url.lowercased()).inserted }
    }

    /// The repository `url` points at, if it is one (`https://github.com/a/b/tree/main` → `a/b`).
    public static func parse(url: String, source: String) -> CodeRepository? {
        find(in: url, source: source).first
    }

    private struct Host: Sendable {
        var domain: String
        var make: @Sendable (String, String) -> CodeRepository?
    }

    private static let hosts: [Host] = [
        Host(domain: "github.com/") { path, source in
            let parts = components(path)
            guard parts.count >= 2, !githubReserved.contains(parts[0].lowercased()) else { return nil }
            let id = "\(parts[0])/\(trimGit(parts[1]))"
            return CodeRepository(url: "https://github.com/\(id)", host: "github", type: "code", id: id, source: source)
        },
        Host(domain: "gitlab.com/") { path, source in
            let parts = Array(components(path).prefix { $0 != "-" && $0 != "tree" && $0 != "blob" })
            guard parts.count >= 2, !["explore", "users", "help", "dashboard"].contains(parts[0].lowercased()) else { return nil }
            let id = (parts.dropLast() + [trimGit(parts.last!)]).joined(separator: "/")
            return CodeRepository(url: "https://gitlab.com/\(id)", host: "gitlab", type: "code", id: id, source: source)
        },
        Host(domain: "huggingface.co/") { path, source in
            var parts = components(path)
            var type = "model"
            if let first = parts.first?.lowercased(), first == "datasets" || first == "spaces" {
                type = first == "datasets" ? "dataset" : "space"
                parts.removeFirst()
            } else if let first = parts.first?.lowercased(), hubReserved.contains(first) {
                return nil
            }
            guard parts.count >= 2 else { return nil }
            let id = "\(parts[0])/\(parts[1])"
            let prefix = type == "model" ? "" : type == "dataset" ? "datasets/" : "spaces/"
            return CodeRepository(url: "https://huggingface.co/\(prefix)\(id)", host: "huggingface", type: type, id: id,
                                  source: source)
        },
    ]

    /// Path segments, with sentence punctuation after the last one dropped (`a/b.` → `a`, `b`).
    private static func components(_ path: String) -> [String] {
        var trimmed = Substring(path)
        while let last = trimmed.last, last == "." || last == "/" { trimmed = trimmed.dropLast() }
        return trimmed.split(separator: "/").map(String.init).filter { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private static func trimGit(_ name: String) -> String {
        name.lowercased().hasSuffix(".git") ? String(name.dropLast(4)) : name
    }

    private static let githubReserved: Set<String> = [
        "about", "orgs", "features", "topics", "collections", "marketplace", "settings", "login", "join", "sponsors",
        "explore", "search", "pricing", "site", "apps", "notifications", "issues", "pulls", "trending",
    ]

    private static let hubReserved: Set<String> = [
        "papers", "docs", "blog", "collections", "models", "api", "login", "join", "settings", "organizations",
        "learn", "tasks", "pricing", "chat", "posts", "new", "enterprise", "spaces", "datasets",
    ]
}
