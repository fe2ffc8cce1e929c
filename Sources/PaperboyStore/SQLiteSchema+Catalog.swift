import GRDB

extension SQLiteSchema {
    /// Indexes for organisation pages (`/{org}/papers`: papers by `organization_json`'s name, an expression index
    /// that ``SQLitePaperStore/organizationNameSQL`` must match) and for keyset paging of the whole catalog
    /// (`/api/papers`: newest `published_at` first, then id).
    static func registerCatalog(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("catalog-v1-organization-and-catalog-order") { db in
            try db.execute(sql: """
                CREATE INDEX papers_by_organization ON papers(json_extract(organization_json, '$.name'));
                CREATE INDEX papers_catalog_order ON papers(published_at DESC, id DESC);
                """)
        }
    }
}
