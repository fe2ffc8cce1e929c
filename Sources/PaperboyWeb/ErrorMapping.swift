import Foundation
import Hummingbird
import PaperboyCore

/// The one table mapping error codes to HTTP statuses.
enum ErrorMapping {
    static func status(for code: PaperboyError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidInput: return .badRequest
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .rateLimited: return .tooManyRequests
        case .configuration: return .serviceUnavailable
        case .storage, .internal: return .internalServerError
        case .upstream: return .badGateway
        case .unavailable: return .serviceUnavailable
        }
    }
}

/// Turns errors into pages: JSON `{"error": …}` under `/api/`, an HTML page elsewhere.
///
/// ``PaperboyError``s keep their message for 4xx and 503 (configuration); anything else is logged and shown as a generic 500 so
/// internals never leak. Hummingbird's own `HTTPError`s (unknown route: 404) get the same treatment.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error)
            if status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            }
            if request.uri.path.hasPrefix("/api/") {
                return JSONResponse.error(message, status: status)
            }
            return pages.errorPage(status: status, message: message)
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let e as PaperboyError:
            let status = ErrorMapping.status(for: e.code)
            // Configuration and upstream messages are written for users ("semantic search needs the model: run …",
            // "arXiv could not be reached"); other 5xx messages may carry internals.
            let ours = status.code >= 500 && ![.configuration, .upstream, .unavailable].contains(e.code)
            return (status, ours ? "Something went wrong on our side." : e.message)
        case let e as HTTPError:
            return (e.status, e.body ?? (e.status == .notFound ? "Page not found." : e.status.reasonPhrase))
        case let e as any HTTPResponseError:
            return (e.status, e.status.reasonPhrase)
        default:
            return (.internalServerError, "Something went wrong on our side.")
        }
    }
}

/// JSON responses with a stable encoder.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    /// `value` as JSON. An encoding failure (e.g. a non-finite score) is an `.internal` error, which the error
    /// middleware answers as a 500 with `{"error": …}` — never a 200 with a broken body.
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw PaperboyError(.internal, "The answer could not be encoded as JSON.", cause: error)
        }
        return response(data, status: status)
    }

    /// An error body: `{"error": message}` (a string always encodes).
    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        response((try? encoder.encode(HFAPI.ErrorJSON(error: message))) ?? Data(#"{"error":"Something went wrong."}"#.utf8),
                 status: status)
    }

    private static func response(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
