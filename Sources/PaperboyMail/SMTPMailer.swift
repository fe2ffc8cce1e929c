import Logging
import NIOCore
import NIOPosix

/// A ``Mailer`` that talks SMTP, with retries and connection reuse.
///
/// ``send(_:)-(MailMessage)`` opens a connection per message; ``send(_:connections:)`` sends a batch over one
/// or more reused connections (much faster: no TCP/TLS/AUTH per message). Transient failures
/// (connection errors, timeouts, 4xx) are retried with exponential backoff per ``RetryPolicy``, except when
/// the server may already have the message (``MailError/deliveryUnknown``).
public struct SMTPMailer: Mailer {
    /// Where and how to connect.
    public let configuration: SMTPConfiguration
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger

    /// Creates a mailer for `configuration`.
    public init(configuration: SMTPConfiguration,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "paperboy.mail")) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Creates a mailer from an `smtp://` / `smtps://` URL (see ``SMTPConfiguration/init(url:)``).
    public init(url: String, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "paperboy.mail")) throws {
        self.init(configuration: try SMTPConfiguration(url: url), eventLoopGroup: eventLoopGroup, logger: logger)
    }

    /// Opens a connection (greeting, EHLO, STARTTLS, AUTH), without retries.
    public func connect() async throws -> SMTPConnection {
        try await SMTPConnection.connect(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
    }

    /// Sends one message over a fresh connection, retrying transient failures.
    public func send(_ message: MailMessage) async throws -> DeliveryReport {
        var worker = Worker(mailer: self)
        let result = await worker.deliver(message)
        await worker.finish()
        return try result.get()
    }

    /// Sends `messages` independently (a failure affects only its own message) and returns one result
    /// per message, in order. Errors are ``MailError`` values.
    public func send(_ messages: [MailMessage]) async -> [Result<DeliveryReport, any Error>] {
        await send(messages, connections: 1).map { $0.mapError { $0 as any Error } }
    }

    /// Sends `messages` over `connections` parallel connections, each reused for its share of the
    /// messages (message *i* goes over connection *i mod connections*) with ``SMTPConnection/sendBatch(_:)``.
    /// Transiently failed messages are retried in later rounds, after the backoff delay.
    public func send(_ messages: [MailMessage], connections: Int) async -> [Result<DeliveryReport, MailError>] {
        let lanes = max(1, min(connections, messages.count))
        var results = [Result<DeliveryReport, MailError>?](repeating: nil, count: messages.count)
        await withTaskGroup(of: [(Int, Result<DeliveryReport, MailError>)].self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    var worker = Worker(mailer: self)
                    let indices = Array(stride(from: lane, to: messages.count, by: lanes))
                    let laneResults = await worker.deliverAll(indices.map { messages[$0] })
                    await worker.finish()
                    return Array(zip(indices, laneResults))
                }
            }
            for await laneResults in group {
                for (index, result) in laneResults { results[index] = result }
            }
        }
        return results.map { $0 ?? .failure(MailError(.connectionFailed, "Not attempted")) }
    }

    /// Sends messages through one connection held for the duration of `body`; closes it afterwards.
    public func withConnection<T: Sendable>(_ body: (SMTPConnection) async throws -> T) async throws -> T {
        let connection = try await connect()
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// Sends messages one after another over a reused connection, reconnecting and backing off as needed.
struct Worker {
    let mailer: SMTPMailer
    private var connection: SMTPConnection?
    /// A permanent connection-level error (e.g. 535 bad credentials) that fails every later message at once.
    private var fatal: MailError?

    init(mailer: SMTPMailer) {
        self.mailer = mailer
    }

    mutating func deliver(_ message: MailMessage) async -> Result<DeliveryReport, MailError> {
        if let fatal { return .failure(fatal) }
        let policy = mailer.configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            let mailError: MailError
            var connectFailed = false
            do {
                let active: SMTPConnection
                if let connection {
                    active = connection
                } else {
                    connectFailed = true
                    active = try await mailer.connect()
                    connectFailed = false
                    connection = active
                }
                return .success(try await active.send(message))
            } catch {
                mailError = error as? MailError
                    ?? MailError(.connectionFailed, "Unexpected error", underlying: String(describing: error))
            }
            if let connection, await !connection.isUsable {
                await connection.close()
                self.connection = nil
            }
            if connectFailed && !mailError.isTransient {
                fatal = mailError
            }
            guard mailError.isTransient, !mailError.deliveryUnknown, attempt < policy.maxAttempts, !Task.isCancelled else {
                return .failure(mailError)
            }
            let delay = policy.delay(afterAttempt: attempt)
            mailer.logger.info("Transient SMTP failure, retrying", metadata: [
                "attempt": "\(attempt)", "delay": "\(delay)", "error": "\(mailError)",
            ])
            try? await Task.sleep(for: delay)
        }
    }

    /// Sends `messages` over one reused connection in rounds: each round is one pipelined batch; messages
    /// that failed transiently (or were not attempted because the connection broke) go into the next round.
    mutating func deliverAll(_ messages: [MailMessage]) async -> [Result<DeliveryReport, MailError>] {
        let policy = mailer.configuration.retry
        var results = [Result<DeliveryReport, MailError>?](repeating: nil, count: messages.count)
        var attempts = [Int](repeating: 0, count: messages.count)
        var remaining = Array(messages.indices)
        var connectFailures = 0
        while !remaining.isEmpty {
            if let fatal {
                for index in remaining { results[index] = .failure(fatal) }
                break
            }
            let active: SMTPConnection
            if let connection {
                active = connection
            } else {
                do {
                    active = try await mailer.connect()
                    connection = active
                } catch {
                    let mailError = SMTPConnection.mailError(error)
                    connectFailures += 1
                    if !mailError.isTransient { fatal = mailError }
                    if !mailError.isTransient || connectFailures >= policy.maxAttempts || Task.isCancelled {
                        for index in remaining { results[index] = .failure(mailError) }
                        break
                    }
                    try? await Task.sleep(for: policy.delay(afterAttempt: connectFailures))
                    continue
                }
            }
            let batch = await active.sendBatch(remaining.map { messages[$0] })
            if batch.allSatisfy({ $0 == nil }) {
                // The connection broke before the first message: count it like a failed connect.
                connectFailures += 1
                if connectFailures >= policy.maxAttempts {
                    let error = MailError(.connectionFailed, "The SMTP connection keeps closing before any message is sent")
                    for index in remaining { results[index] = .failure(error) }
                    break
                }
            }
            var retry: [Int] = []
            var highestAttempt = 0
            for (position, index) in remaining.enumerated() {
                guard let result = batch[position] else {
                    retry.append(index)
                    continue
                }
                attempts[index] += 1
                if case .failure(let error) = result, error.isTransient, !error.deliveryUnknown,
                   attempts[index] < policy.maxAttempts, !Task.isCancelled {
                    retry.append(index)
                    highestAttempt = max(highestAttempt, attempts[index])
                } else {
                    results[index] = result
                }
            }
            if await !active.isUsable {
                await active.close()
                connection = nil
            } else {
                connectFailures = 0
            }
            remaining = retry
            if highestAttempt > 0 && !remaining.isEmpty {
                try? await Task.sleep(for: policy.delay(afterAttempt: highestAttempt))
            }
        }
        return results.map { $0 ?? .failure(MailError(.connectionFailed, "Not attempted")) }
    }

    /// Closes the connection with QUIT.
    mutating func finish() async {
        await connection?.close()
        connection = nil
    }
}
