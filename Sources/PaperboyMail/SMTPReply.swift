/// One (possibly multi-line) SMTP reply such as `250-SIZE 1000\r\n250 HELP`.
public struct SMTPReply: Sendable, Equatable {
    /// The three-digit reply code.
    public var code: Int
    /// The text of each line, without the code and separator.
    public var lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// All lines joined with a space.
    public var text: String { lines.joined(separator: " ") }

    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(code) }
    /// 3xx (e.g. 334 AUTH challenge, 354 start mail input).
    public var isIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }
}
