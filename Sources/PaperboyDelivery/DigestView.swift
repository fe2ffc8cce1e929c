/// What the digest templates (`digest_html`, `digest_text`, `paper_*`) read. Plain values: the templates escape.
struct DigestView {
    struct PaperView {
        var number: Int
        var title: String
        var url: String
        var authors: String
        var hasAuthors: Bool
        var summary: String
        var hasSummary: Bool
        var upvotes: Int
        var absURL: String
        var hasArxiv: Bool
        /// Why the paper is there (recommendations), shown under the title.
        var note: String
        var hasNote: Bool
    }

    struct Section {
        var title: String
        var papers: [PaperView]
    }

    var label: String
    var siteName: String
    var frequency: String
    var unsubscribeURL: String
    var items: [PaperView]
    var sections: [Section]
}

/// What the confirmation and sign-in templates read.
struct LinkMailView {
    var siteName: String
    var url: String
    var frequency: String
    var minutes: Int
}
