import PaperboyFeeds

extension LayoutView.MetaTag {
    /// Google Scholar's (Highwire Press) tags, which Zotero's connector also reads: `citation_title`, one
    /// `citation_author` per author in order, `citation_publication_date` (`YYYY/MM/DD`), `citation_arxiv_id`,
    /// `citation_pdf_url`, and `citation_doi` when known. Values are plain text (the template escapes them).
    static func scholar(_ c: Citation) -> [LayoutView.MetaTag] {
        var tags = [LayoutView.MetaTag(name: "citation_title", content: c.title)]
        tags += c.authors.map { LayoutView.MetaTag(name: "citation_author", content: $0) }
        if let date = c.slashedDate { tags.append(.init(name: "citation_publication_date", content: date)) }
        if let id = c.arxivID { tags.append(.init(name: "citation_arxiv_id", content: id)) }
        if let pdf = c.pdfURL { tags.append(.init(name: "citation_pdf_url", content: pdf)) }
        if let doi = c.doi { tags.append(.init(name: "citation_doi", content: doi)) }
        return tags
    }
}
