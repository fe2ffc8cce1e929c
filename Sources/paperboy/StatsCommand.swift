import ArgumentParser
import Foundation
import PaperboyStore

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what the database holds.")

    @OptionGroup var db: DatabaseOptions

    @Flag(help: "One JSON object: papers, daily_entries, days, first_day, last_day.")
    var json = false

    func run() async throws {
        let database = try await db.open()
        let stats = try await database.stores.papers.stats()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var object = try JSONSerialization.jsonObject(with: encoder.encode(stats)) as? [String: Any] ?? [:]
            for key in ["first_day", "last_day"] where object[key] == nil { object[key] = NSNull() }
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("database:      \(database.location)")
            print("papers:        \(stats.papers)")
            print("daily entries: \(stats.dailyEntries) on \(stats.days) days")
            print("first day:     \(stats.firstDay?.description ?? "-")")
            print("last day:      \(stats.lastDay?.description ?? "-")")
        }
    }
}
