import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing
@testable import PaperboyMail

/// Drives ``SMTPConnection/sendBatch(_:)`` against a scripted server on a testing channel, to check the
/// exact bytes of cross-message pipelining, including a server that answers DATA with 354 although every
/// recipient was refused (RFC 2920 §3.1: the client must then send a lone ".").
@Suite("Pipelined batches on the wire")
struct SMTPBatchPipeliningTests {
    func makeConnection() async throws -> (SMTPConnection, NIOAsyncTestingChannel) {
        let closeReason = NIOLockedValueBox<MailError?>(nil)
        let channel = try await NIOAsyncTestingChannel { channel in
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
            try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(closeReason: closeReason))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 25))
        let capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["mx", "PIPELINING", "8BITMIME"]))
        let connection = SMTPConnection(channel: channel, closeReason: closeReason,
                                        configuration: SMTPConfiguration(host: "mx", security: .plain),
                                        capabilities: capabilities, isSecure: false, isAuthenticated: false,
                                        logger: Logger(label: "test"))
        return (connection, channel)
    }

    func message(to address: String) -> MailMessage {
        MailMessage(from: MailAddress("pb@example.org"), to: [MailAddress(address)], subject: "s", textBody: ".dot\n")
    }

    func nextWrite(_ channel: NIOAsyncTestingChannel) async throws -> String {
        var buffer = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
        return buffer.readString(length: buffer.readableBytes) ?? ""
    }

    @Test("Content of one message shares a write with the next envelope; a 354 after refusals gets a lone dot")
    func pipelinedBatch() async throws {
        let (connection, channel) = try await makeConnection()
        let messages = [message(to: "bounce@example.org"), message(to: "ok@example.org"), message(to: "last@example.org")]
        let task = Task { await connection.sendBatch(messages) }

        #expect(try await nextWrite(channel) == "MAIL FROM:<pb@example.org>\r\nRCPT TO:<bounce@example.org>\r\nDATA\r\n")
        try await channel.writeInbound(ByteBuffer(string: "250 ok\r\n550 5.1.1 unknown\r\n354 go ahead anyway\r\n"))

        #expect(try await nextWrite(channel) == ".\r\nRSET\r\nMAIL FROM:<pb@example.org>\r\nRCPT TO:<ok@example.org>\r\nDATA\r\n")
        try await channel.writeInbound(ByteBuffer(string: "554 no valid recipients\r\n250 reset\r\n250 ok\r\n250 ok\r\n354 go\r\n"))

        let third = try await nextWrite(channel)
        #expect(third.contains("\r\n\r\n..dot\r\n.\r\nMAIL FROM:<pb@example.org>\r\nRCPT TO:<last@example.org>\r\nDATA\r\n"))
        #expect(!third.contains("RSET"))
        try await channel.writeInbound(ByteBuffer(string: "250 queued as A\r\n250 ok\r\n250 ok\r\n354 go\r\n"))

        let fourth = try await nextWrite(channel)
        #expect(fourth.hasSuffix("..dot\r\n.\r\n"))
        try await channel.writeInbound(ByteBuffer(string: "451 4.3.0 try later\r\n"))

        let results = await task.value
        #expect(results.count == 3)
        guard case .failure(let first)? = results[0], case .success(let second)? = results[1],
              case .failure(let last)? = results[2] else {
            Issue.record("unexpected results \(results)")
            return
        }
        #expect(first.code == .permanentFailure && first.smtpCode == 550)
        #expect(second.accepted == ["ok@example.org"] && second.serverResponse == "queued as A")
        #expect(last.code == .transientFailure && last.smtpCode == 451 && !last.deliveryUnknown)
        _ = try? await channel.finish()
    }

    @Test("A connection lost while waiting for the final reply marks that message deliveryUnknown")
    func lostConnection() async throws {
        let (connection, channel) = try await makeConnection()
        let task = Task { await connection.sendBatch([message(to: "a@example.org"), message(to: "b@example.org")]) }
        _ = try await nextWrite(channel)
        try await channel.writeInbound(ByteBuffer(string: "250 ok\r\n250 ok\r\n354 go\r\n"))
        _ = try await nextWrite(channel)
        try await channel.close()
        let results = await task.value
        guard case .failure(let error)? = results[0] else {
            Issue.record("expected a failure, got \(results)")
            return
        }
        #expect(error.code == .connectionFailed && error.deliveryUnknown)
        if case .failure(let second)? = results[1] {
            #expect(!second.deliveryUnknown)
        } else {
            Issue.record("expected the second message to fail without delivery, got \(String(describing: results[1]))")
        }
    }
}
