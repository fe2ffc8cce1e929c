import NIOCore

/// Decodes the server's byte stream into ``SMTPReply`` values (`250-…` continuation lines are collected
/// until the final `250 …` line).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    /// Replies longer than this (without a line break) are a protocol violation.
    static let maxLineLength = 8192

    private var pendingLines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maxLineLength {
                throw MailError(.protocolViolation, "Reply line longer than \(Self.maxLineLength) bytes")
            }
            return .needMoreData
        }
        let length = view.distance(from: view.startIndex, to: newline) + 1
        guard var bytes = buffer.readBytes(length: length) else { return .needMoreData }
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        guard bytes.count >= 3, let code = Int(line.prefix(3)), (200...599).contains(code) else {
            throw MailError(.protocolViolation, "Malformed reply line \(line.debugDescription)")
        }
        let isContinuation = bytes.count > 3 && bytes[3] == UInt8(ascii: "-")
        pendingLines.append(bytes.count > 4 ? String(line.dropFirst(4)) : "")
        if !isContinuation {
            let reply = SMTPReply(code: code, lines: pendingLines)
            pendingLines.removeAll()
            context.fireChannelRead(Self.wrapInboundOut(reply))
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
