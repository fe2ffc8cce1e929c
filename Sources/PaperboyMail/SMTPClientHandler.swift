import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// A request written into the pipeline: bytes to send (nil to just wait, e.g. for the greeting) and
/// how many replies to collect before completing `promise`.
struct SMTPRequest: Sendable {
    var payload: ByteBuffer?
    var expectedReplies: Int
    var timeout: TimeAmount
    var promise: EventLoopPromise<[SMTPReply]>
}

/// Matches replies to requests in order, which is what makes PIPELINING work: a request that carries
/// several commands expects as many replies. Fails every waiting request on timeout, error or close.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiter {
        var expected: Int
        var replies: [SMTPReply]
        var promise: EventLoopPromise<[SMTPReply]>
        var timeoutTask: Scheduled<Void>?
    }

    /// The first error that ended the connection, readable from outside the event loop, so that a request
    /// written after the pipeline was torn down still reports the real cause (e.g. a TLS failure).
    let closeReason: NIOLockedValueBox<MailError?>
    private var waiters = CircularBuffer<Waiter>()
    private var unclaimed: [SMTPReply] = []
    private var closedError: MailError?

    init(closeReason: NIOLockedValueBox<MailError?>) {
        self.closeReason = closeReason
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        guard !waiters.isEmpty else {
            unclaimed.append(reply)
            return
        }
        waiters[waiters.startIndex].replies.append(reply)
        completeFinishedWaiters()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let closedError {
            request.promise.fail(closedError)
            promise?.fail(closedError)
            return
        }
        let timeoutTask = context.eventLoop.assumeIsolated().scheduleTask(in: request.timeout) { [weak self] () -> Void in
            guard let self else { return }
            self.failAll(MailError(.timeout, "No reply from the SMTP server within \(request.timeout.nanoseconds / 1_000_000) ms"),
                          context: context)
        }
        waiters.append(Waiter(expected: request.expectedReplies, replies: [], promise: request.promise, timeoutTask: timeoutTask))
        if !unclaimed.isEmpty {
            let replies = unclaimed
            unclaimed.removeAll()
            for reply in replies {
                if let index = waiters.indices.first(where: { waiters[$0].replies.count < waiters[$0].expected }) {
                    waiters[index].replies.append(reply)
                } else {
                    unclaimed.append(reply)
                }
            }
            completeFinishedWaiters()
        }
        if let payload = request.payload {
            context.write(wrapOutboundOut(payload), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let mailError: MailError
        if let error = error as? MailError {
            mailError = error
        } else if error is NIOSSLError || error is BoringSSLError {
            mailError = MailError(.tlsFailed, "TLS failed", underlying: String(describing: error))
        } else {
            mailError = MailError(.connectionFailed, "Connection error", underlying: String(describing: error))
        }
        failAll(mailError, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(closedError ?? MailError(.connectionFailed, "The SMTP server closed the connection"), context: nil)
        context.fireChannelInactive()
    }

    private func completeFinishedWaiters() {
        while let first = waiters.first, first.replies.count >= first.expected {
            waiters.removeFirst()
            first.timeoutTask?.cancel()
            first.promise.succeed(first.replies)
        }
    }

    private func failAll(_ error: MailError, context: ChannelHandlerContext?) {
        if closedError == nil {
            closedError = error
            closeReason.withLockedValue { if $0 == nil { $0 = error } }
        }
        while let waiter = waiters.popFirst() {
            waiter.timeoutTask?.cancel()
            waiter.promise.fail(error)
        }
        context?.close(promise: nil)
    }
}
