import PaperboyStore

/// What a harvest run did, and where it stands (reported after every stored page).
public struct HarvestReport: Sendable, Equatable {
    /// The harvest-position key (one per query or OAI selection).
    public var key: String
    /// Whether this run picked up a position a previous (killed or failed) run left.
    public var resumed = false
    /// Pages and records stored by this run.
    public var pages = 0
    public var records = 0
    /// Deleted records the repository reported (skipped).
    public var deleted = 0
    /// How many records the source says the whole selection has, when it says.
    public var expectedTotal: Int?
    public var counts = ImportCounts()
    /// Whether the last page was reached.
    public var completed = false

    public init(key: String) { self.key = key }
}
