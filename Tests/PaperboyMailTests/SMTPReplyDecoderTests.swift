import NIOCore
import NIOEmbedded
import Testing
@testable import PaperboyMail

@Suite("SMTP reply decoding")
struct SMTPReplyDecoderTests {
    @Test("Multi-line replies are collected; split reads are reassembled")
    func multiline() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        try channel.writeInbound(ByteBuffer(string: "250-mx.example.org\r\n250-PIPE"))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "LINING\r\n250 HELP\r\n354 go ahead\n"))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 250, lines: ["mx.example.org", "PIPELINING", "HELP"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 354, lines: ["go ahead"]))
        _ = try channel.finish()
    }

    @Test("Garbage is a protocol violation")
    func garbage() {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        #expect(throws: MailError.self) { try channel.writeInbound(ByteBuffer(string: "hello there\r\n")) }
    }

    @Test("4xx and 5xx replies map to transient and permanent errors with the code")
    func errorMapping() {
        let transient = MailError.reply(SMTPReply(code: 451, lines: ["4.3.0 later"]), to: "RCPT TO")
        #expect(transient.code == .transientFailure && transient.smtpCode == 451 && transient.isTransient)
        #expect(transient.message.contains("451 4.3.0 later"))
        let permanent = MailError.reply(SMTPReply(code: 550, lines: ["no"]), to: "RCPT TO")
        #expect(permanent.code == .permanentFailure && !permanent.isTransient)
    }
}
