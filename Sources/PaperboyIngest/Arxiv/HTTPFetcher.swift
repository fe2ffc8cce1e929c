import AsyncHTTPClient
import Foundation
import NIOCore

/// A fetched HTTP response: status, headers (names lower-cased) and the whole body.
public struct FetchedResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why a fetch failed below HTTP (no status to look at).
public enum FetchFailure: Error, Sendable, Equatable {
    /// No answer in time.
    case timeout
    /// Connection refused, reset or closed early.
    case transport(String)
    /// The body was larger than allowed.
    case tooLarge(limit: Int)
}

/// The transport seam: one GET. ``AsyncHTTPFetcher`` is the real one; tests inject others.
public protocol HTTPFetcher: Sendable {
    /// Fetches `url`, reading at most `maxBytes` of body (more throws ``FetchFailure/tooLarge(limit:)``).
    func get(_ url: URL, headers: [String: String], timeout: Duration, maxBytes: Int) async throws -> FetchedResponse

    /// Releases connections; the fetcher is not used afterwards.
    func shutdown() async throws
}

extension HTTPFetcher {
    public func shutdown() async throws {}
}

/// ``HTTPFetcher`` over AsyncHTTPClient with one connection per host (arXiv asks for one at a time).
///
/// Owns its `HTTPClient`: call ``shutdown()`` when done.
public struct AsyncHTTPFetcher: HTTPFetcher {
    let client: HTTPClient

    public init() {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1)
        configuration.decompression = .enabled(limit: .ratio(50))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async throws { try await client.shutdown() }

    public func get(_ url: URL, headers: [String: String], timeout: Duration, maxBytes: Int) async throws -> FetchedResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: Self.timeAmount(timeout))
        } catch let error as HTTPClientError {
            throw Self.failure(error)
        } catch {
            throw FetchFailure.transport(String(describing: error))
        }
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        if let length = fields["content-length"].flatMap(Int.init), length > maxBytes {
            throw FetchFailure.tooLarge(limit: maxBytes)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw FetchFailure.tooLarge(limit: maxBytes)
        } catch let error as HTTPClientError {
            throw Self.failure(error)
        } catch {
            throw FetchFailure.transport(String(describing: error))
        }
        return FetchedResponse(status: Int(response.status.code), headers: fields, body: Data(body.readableBytesView))
    }

    static func timeAmount(_ d: Duration) -> TimeAmount {
        .nanoseconds(d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000)
    }

    static func failure(_ error: HTTPClientError) -> FetchFailure {
        switch error {
        case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: return .timeout
        default: return .transport(String(describing: error))
        }
    }
}
