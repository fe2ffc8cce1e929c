import Hummingbird
import Logging

/// Outermost middleware: times every request into ``SiteMetrics`` and writes one access-log line at `info`:
/// method, path (never the query string: search terms and mail-link tokens travel there), status, duration and
/// body bytes. Cookies, tokens and headers are never logged.
struct RequestObservationMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: SiteMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        metrics.requestStarted()
        let status: Int
        var bytes: Int?
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            bytes = response.body.contentLength
            finish(request, context, status: status, bytes: bytes, since: started)
            return response
        } catch {
            // Errors that escaped the error-page middleware (none should): counted as what Hummingbird answers.
            status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            finish(request, context, status: status, bytes: nil, since: started)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: Context, status: Int, bytes: Int?, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        metrics.requestFinished(route: context.endpointPath ?? "NotFound", status: status, duration: elapsed)
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        logger.info("\(request.method) \(request.uri.path) \(status) \(String(format: "%.1f", ms))ms \(bytes.map(String.init) ?? "-")B",
                    metadata: ["http.method": "\(request.method)", "http.path": "\(request.uri.path)",
                               "http.status": "\(status)", "http.duration_ms": "\(String(format: "%.2f", ms))",
                               "http.bytes": "\(bytes.map(String.init) ?? "-")"])
    }
}
