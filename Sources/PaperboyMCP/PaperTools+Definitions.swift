import MCP

/// What `tools/list` answers: each tool's description, input schema and (for the structured ones) output schema.
/// The bounds written here are the ones ``PaperTools`` enforces.
extension PaperTools {
    public static let definitions: [Tool] = [
        Tool(
            name: Name.searchPapers.rawValue, title: "Search papers",
            description: """
                Search the site's papers (titles, abstracts, authors), best match first. Query language: free words; \
                "exact phrase"; author:"Tri Dao"; cat:cs.CL; year:2025 or year:2023..2025; date:2025-01..2025-06; \
                -word to exclude; sort:date|upvotes. Returns id, title, authors, date, url and upvotes per paper.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "query": ["type": "string", "description": "what to look for, in the query language above",
                              "maxLength": 2048],
                    "limit": ["type": "integer", "minimum": 1, "maximum": .int(Limits.search), "default": 10,
                              "description": "how many papers to return"],
                    "mode": ["type": "string", "enum": ["lexical", "semantic", "hybrid"],
                             "description": "ranking: words (lexical), meaning (semantic) or both (hybrid); default hybrid once papers have vectors"],
                ],
                "required": ["query"],
                "additionalProperties": false,
            ],
            annotations: .init(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false),
            outputSchema: [
                "type": "object",
                "properties": [
                    "query": ["type": "string"],
                    "mode": ["type": "string", "enum": ["lexical", "semantic", "hybrid"]],
                    "total": ["type": "integer"],
                    "results": ["type": "array", "items": PaperSummary.schema],
                    "warnings": ["type": "array", "items": ["type": "string"]],
                ],
                "required": ["query", "mode", "total", "results", "warnings"],
            ]
        ),
        Tool(
            name: Name.getPaper.rawValue, title: "Get a paper",
            description: """
                A paper's page as Markdown: title, authors, publication day, categories, upvotes, arXiv/PDF/code \
                links, abstract and AI summary. The id is an arXiv id (2405.15738, arXiv:2405.15738v2 or an arXiv \
                URL) or a local- id from another tool's answer.
                """,
            inputSchema: [
                "type": "object",
                "properties": ["id": ["type": "string", "description": "the paper's id", "maxLength": 200]],
                "required": ["id"],
                "additionalProperties": false,
            ],
            annotations: .init(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        ),
        Tool(
            name: Name.dailyPapers.rawValue, title: "Daily papers",
            description: """
                The community's picks for a day (date YYYY-MM-DD), an ISO week (week YYYY-Www) or a month \
                (month YYYY-MM), most upvoted first, as the site's list pages show them. Give at most one of date, \
                week and month; with none, the newest day that has papers.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "date": ["type": "string", "description": "a day, e.g. 2025-06-03", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"],
                    "week": ["type": "string", "description": "an ISO week, e.g. 2025-W23", "pattern": "^\\d{4}-W\\d{2}$"],
                    "month": ["type": "string", "description": "a month, e.g. 2025-06", "pattern": "^\\d{4}-\\d{2}$"],
                    "limit": ["type": "integer", "minimum": 1, "maximum": .int(Limits.daily), "default": 20,
                              "description": "how many papers to return"],
                ],
                "additionalProperties": false,
            ],
            annotations: .init(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false),
            outputSchema: [
                "type": "object",
                "properties": [
                    "period": ["type": "string", "description": "the day, week or month listed"],
                    "total": ["type": "integer"],
                    "papers": ["type": "array", "items": PaperSummary.schema],
                ],
                "required": ["total", "papers"],
            ]
        ),
        Tool(
            name: Name.similarPapers.rawValue, title: "Similar papers",
            description: """
                Papers closest in meaning to the given one (by their embeddings; by a title search while the \
                paper has none), most similar first.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "id": ["type": "string", "description": "the paper's id", "maxLength": 200],
                    "limit": ["type": "integer", "minimum": 1, "maximum": .int(Limits.similar), "default": 10,
                              "description": "how many papers to return"],
                ],
                "required": ["id"],
                "additionalProperties": false,
            ],
            annotations: .init(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false),
            outputSchema: [
                "type": "object",
                "properties": [
                    "id": ["type": "string"],
                    "results": ["type": "array", "items": PaperSummary.schema],
                ],
                "required": ["id", "results"],
            ]
        ),
    ]
}
