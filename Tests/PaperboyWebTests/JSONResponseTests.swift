import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PaperboyWeb

@Suite struct JSONResponseTests {
    @Test func anAnswerThatCannotBeEncodedIsA500WithTheErrorBodyNotA200() async throws {
        let router = Router()
        router.add(middleware: ErrorPageMiddleware(pages: try await PageRenderer.load()))
        router.get("/api/broken") { _, _ in try JSONResponse.make(["score": Double.nan]) }
        router.get("/api/fine") { _, _ in try JSONResponse.make(["score": 1.5]) }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/broken", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: String]
                #expect(body?["error"]?.isEmpty == false)
            }
            try await client.execute(uri: "/api/fine", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == #"{"score":1.5}"#)
            }
        }
    }
}
