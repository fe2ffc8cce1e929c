import Testing
import Foundation

/// Locates shared data and the Python interpreter for data-driven tests.
enum TestData {
    /// `<repo root>` derived from this file's path (Tests/PaperboySearchTests/TestData.swift).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `PAPERBOY_SHARED_DATA` or `<repo root>/../shared/data`, if it exists.
    static let sharedData: URL? = {
        let env = ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"]
        let url = env.map { URL(fileURLWithPath: $0) }
            ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// `PAPERBOY_PYTHON` or `<repo root>/.venv/bin/python`, if it exists.
    static let python: URL? = {
        if let env = ProcessInfo.processInfo.environment["PAPERBOY_PYTHON"] {
            return FileManager.default.isExecutableFile(atPath: env) ? URL(fileURLWithPath: env) : nil
        }
        let url = repoRoot.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }()

    static var hasSharedData: Bool {
        if sharedData == nil { print("SKIP: shared data not found (set PAPERBOY_SHARED_DATA or place it at ../shared/data)") }
        return sharedData != nil
    }

    static func file(_ relative: String) -> URL? {
        guard let base = sharedData else { return nil }
        let url = base.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Lines of a file; `.gz` files are decompressed with /usr/bin/gzip.
    static func lines(_ url: URL) throws -> [String] {
        let data: Data
        if url.pathExtension == "gz" {
            data = try run(URL(fileURLWithPath: "/usr/bin/gzip"), ["-dc", url.path], input: nil)
        } else {
            data = try Data(contentsOf: url)
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Runs `executable` with `arguments`, feeding `input` on stdin; returns stdout.
    static func run(_ executable: URL, _ arguments: [String], input: Data?) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        let inPipe = Pipe()
        if input != nil { process.standardInput = inPipe }
        try process.run()
        if let input {
            DispatchQueue.global().async {
                inPipe.fileHandleForWriting.write(input)
                try? inPipe.fileHandleForWriting.close()
            }
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// A data file the test needs is absent: a skip with a message outside CI, a failure under CI (`CI` set).
    static func missing(_ path: String) {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("\(path) is absent from the shared data; CI must not skip this test")
        } else {
            print("SKIP: \(path) not found in shared data")
        }
    }

    /// True in optimised builds (data-heavy tests run fully only there unless PAPERBOY_SLOW_TESTS=1).
    static var isOptimized: Bool {
        #if DEBUG
        return ProcessInfo.processInfo.environment["PAPERBOY_SLOW_TESTS"] == "1"
        #else
        return true
        #endif
    }
}
