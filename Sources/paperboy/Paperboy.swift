import ArgumentParser

@main
struct Paperboy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperboy",
        abstract: "A self-hostable Daily Papers site: arXiv papers, ranked by the community, searchable.",
        discussion: """
            Start with `paperboy serve --import FILE` to bring up the site on a SQLite database filled from
            a Hugging Face daily-papers dump, an arXiv listing or a Kaggle arXiv snapshot.
            The database is ./paperboy.sqlite unless --database or PAPERBOY_DATABASE says otherwise.
            """,
        subcommands: [Serve.self, Import.self, Search.self, Reindex.self, Remove.self, Stats.self, Eval.self, Embed.self,
                      Encode.self, Bench.self, Ingest.self, Submit.self, Digest.self, Subscribers.self, Users.self, Db.self, MCPServe.self]
    )
}
