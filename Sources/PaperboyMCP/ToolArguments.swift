import MCP
import PaperboyCore

/// A tool's `arguments` object, read with one clear message per mistake.
///
/// Every error is a ``ToolFailure`` naming the argument and what it must be, so an agent can correct its call;
/// the tool set turns it into a tool result with `isError: true` (never a protocol error or a crash).
struct ToolArguments {
    let values: [String: Value]
    let tool: String

    /// Fails on arguments the tool does not take (a typo such as `limt` would otherwise be ignored silently).
    init(_ values: [String: Value]?, tool: String, allowed: Set<String>) throws(ToolFailure) {
        self.values = values ?? [:]
        self.tool = tool
        let unknown = self.values.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let list = unknown.map { "'\($0.prefix(40))'" }.joined(separator: ", ")
            throw ToolFailure("\(tool) does not take \(list); its arguments are \(allowed.sorted().joined(separator: ", ")).")
        }
    }

    /// A string argument, trimmed; `nil` when absent or null. Blank strings count as absent.
    func string(_ name: String, maxLength: Int = 2048) throws(ToolFailure) -> String? {
        guard let value = values[name], !value.isNull else { return nil }
        guard case .string(let text) = value else {
            throw ToolFailure("'\(name)' must be a string, got \(Self.kind(of: value)).")
        }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.utf8.count <= maxLength else {
            throw ToolFailure("'\(name)' is longer than \(maxLength) bytes.")
        }
        return trimmed
    }

    /// A required string argument.
    func requiredString(_ name: String, maxLength: Int = 2048) throws(ToolFailure) -> String {
        guard let text = try string(name, maxLength: maxLength) else {
            throw ToolFailure("\(tool) needs '\(name)'.")
        }
        return text
    }

    /// A whole number in `range`, `fallback` when absent. JSON clients may send `5.0`; an integral double counts.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(ToolFailure) -> Int {
        guard let value = values[name], !value.isNull else { return fallback }
        let number: Int?
        switch value {
        case .int(let n): number = n
        case .double(let d) where d.rounded() == d && abs(d) < 1e9: number = Int(d)
        case .string(let s): number = Int(s.trimmingWhitespace())
        default: number = nil
        }
        guard let number, range.contains(number) else {
            throw ToolFailure("'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(Self.shown(value)).")
        }
        return number
    }

    /// A paper id in any form the site accepts (`2405.15738`, `arXiv:2405.15738v2`, an arXiv URL, `local-…`).
    func paperID(_ name: String = "id") throws(ToolFailure) -> PaperID {
        let raw = try requiredString(name, maxLength: 200)
        do {
            return try PaperID(parsing: raw)
        } catch {
            throw ToolFailure("'\(raw.prefix(60))' is not a paper id (an arXiv id such as 2405.15738, or a local- id).")
        }
    }

    /// A value as an error message quotes it: strings in quotes, everything cut to 20 characters.
    private static func shown(_ value: Value) -> String {
        if case .string(let text) = value { return "'\(text.prefix(20))'" }
        return String(value.description.prefix(20))
    }

    private static func kind(of value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string, .data: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A tool call that cannot be answered, with the message the caller sees (the tool result's text, `isError`).
struct ToolFailure: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
