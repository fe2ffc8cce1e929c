extension PostgresSchema {
    /// Organisation pages and whole-catalog keyset paging (SQLite's `catalog-v1-organization-and-catalog-order`):
    /// papers by their organisation's name (an expression index that
    /// ``PostgresPaperStore/organizationNameSQL(_:)`` must match) and by `(published_at DESC, id DESC)`.
    /// Version 10 (not 8) leaves room for migrations other work adds meanwhile; versions need not be contiguous.
    static let catalog = PostgresMigration(version: 9, name: "organization-and-catalog-order", statements: [
        "CREATE INDEX papers_by_organization ON papers (((organization_json::jsonb) ->> 'name'))",
        "CREATE INDEX papers_catalog_order ON papers (published_at DESC, id DESC)",
    ])
}
