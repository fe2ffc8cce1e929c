import NIOCore

/// SMTP `DATA` transparency (RFC 5321 §4.5.2): a line starting with `.` gets a second `.`, and the
/// content is terminated with `CRLF.CRLF`.
public enum DotStuffing {
    /// Returns CRLF-normalised `message` dot-stuffed and terminated with `.\r\n`.
    public static func encode(_ message: [UInt8]) -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: message.count + 16)
        write(message, to: &buffer)
        return Array(buffer.readableBytesView)
    }

    /// Writes the dot-stuffed, terminated `message` into `buffer`. The input must use CRLF line endings
    /// (``MessageRenderer`` output does); a missing final CRLF is added.
    public static func write(_ message: [UInt8], to buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: message.count + 16)
        var lineStart = true
        var segmentStart = 0
        for index in message.indices {
            let byte = message[index]
            if lineStart && byte == UInt8(ascii: ".") {
                buffer.writeBytes(message[segmentStart..<index])
                buffer.writeInteger(UInt8(ascii: "."))
                segmentStart = index
            }
            lineStart = byte == 10
        }
        buffer.writeBytes(message[segmentStart...])
        if !message.isEmpty && !(message.count >= 2 && message[message.count - 2] == 13 && message.last == 10) {
            buffer.writeBytes([13, 10])
        }
        buffer.writeBytes(Array(".\r\n".utf8))
    }
}
