import Foundation
import MCP
import PaperboyCore
import Testing
@testable import PaperboyMCP

/// The SDK's client against ``PaperboyMCPServer`` over an in-memory transport (the JSON-RPC path stdio takes),
/// and ``MCPHTTPEndpoint`` with raw HTTP requests (the path `POST /mcp` takes).
@Suite struct MCPServerTests {
    @Test func clientListsCallsAndReadsOverTheProtocol() async throws {
        let site = try await MCPFixture.make()
        let server = await PaperboyMCPServer.make(tools: site.tools)
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverSide)
        let client = Client(name: "test", version: "1")
        let initialized = try await client.connect(transport: clientSide)
        #expect(initialized.serverInfo.name == "paperboy")
        #expect(initialized.capabilities.tools != nil && initialized.capabilities.resources != nil)

        let (tools, _) = try await client.listTools()
        #expect(tools.map(\.name) == ["search_papers", "get_paper", "daily_papers", "similar_papers"])
        let (content, isError) = try await client.callTool(name: "daily_papers", arguments: ["date": "2025-06-02"])
        #expect(isError != true)
        guard case .text(let text, _, _)? = content.first else { Issue.record("no text"); return }
        #expect(text.contains("\"id\":\"2506.00002\""))
        let (bad, badIsError) = try await client.callTool(name: "get_paper", arguments: ["id": "2501.99999"])
        #expect(badIsError == true)
        guard case .text(let message, _, _)? = bad.first else { Issue.record("no text"); return }
        #expect(message.contains("not on this site"))

        let (templates, _) = try await client.listResourceTemplates()
        #expect(templates.map(\.uriTemplate) == ["paper://{id}"])
        let (resources, _) = try await client.listResources()
        #expect(resources.map(\.uri) == ["paper://2506.00004"])
        let contents = try await client.readResource(uri: "paper://2506.00003")
        #expect(contents.first?.text?.hasPrefix("# Sparse mixture language models") == true)
        await #expect(throws: MCPError.self) { _ = try await client.readResource(uri: "paper://2501.99999") }
        await client.disconnect()
        await server.stop()
    }

    static func post(_ body: String, headers: [String: String] = [:]) -> HTTPRequest {
        var all = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
        all.merge(headers) { _, new in new }
        return HTTPRequest(method: "POST", headers: all, body: Data(body.utf8), path: "/mcp")
    }

    static let initialize = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
        "clientInfo":{"name":"t","version":"1"}}}
        """

    static func json(_ response: MCP.HTTPResponse) throws -> [String: Any] {
        let data = try #require(response.bodyData)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func httpEndpointAnswersEachPostOnItsOwn() async throws {
        let site = try await MCPFixture.make()
        let endpoint = MCPHTTPEndpoint(tools: site.tools, siteURL: MCPFixture.siteURL)
        // Two clients initialising with the same id both succeed: nothing is shared between requests.
        for _ in 0..<2 {
            let response = await endpoint.handle(Self.post(Self.initialize))
            #expect(response.statusCode == 200)
            #expect(response.headers["Content-Type"] == "application/json")
            let result = try #require(try Self.json(response)["result"] as? [String: Any])
            #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "paperboy")
            #expect(result["protocolVersion"] as? String == "2025-06-18")
        }
        let note = await endpoint.handle(Self.post(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#))
        #expect(note.statusCode == 202)
        let call = await endpoint.handle(Self.post(
            #"{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"search_papers","arguments":{"query":"graph"}}}"#,
            headers: ["MCP-Protocol-Version": "2025-06-18"]))
        #expect(call.statusCode == 200)
        let result = try #require(try Self.json(call)["result"] as? [String: Any])
        let structured = try #require(result["structuredContent"] as? [String: Any])
        let hits = try #require(structured["results"] as? [[String: Any]])
        #expect(hits.map { $0["id"] as? String } == ["2506.00004"])
        #expect(hits.first?["url"] as? String == "https://papers.example.org/papers/2506.00004")
        let read = await endpoint.handle(Self.post(
            #"{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"paper://2506.00002"}}"#))
        let contents = try #require((try Self.json(read)["result"] as? [String: Any])?["contents"] as? [[String: Any]])
        #expect((contents.first?["text"] as? String)?.hasPrefix("# Mixture of experts routing") == true)
    }

    @Test func httpEndpointRefusesWhatTheTransportSpecForbids() async throws {
        let site = try await MCPFixture.make()
        let endpoint = MCPHTTPEndpoint(tools: site.tools, siteURL: MCPFixture.siteURL)
        let get = await endpoint.handle(HTTPRequest(method: "GET", headers: ["Accept": "text/event-stream"], path: "/mcp"))
        #expect(get.statusCode == 405)
        #expect(get.headers["Allow"] == "POST")
        let html = await endpoint.handle(Self.post(Self.initialize, headers: ["Accept": "text/html"]))
        #expect(html.statusCode == 406)
        let form = await endpoint.handle(Self.post(Self.initialize, headers: ["Content-Type": "text/plain"]))
        #expect(form.statusCode == 415)
        let version = await endpoint.handle(Self.post(#"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#,
                                                      headers: ["MCP-Protocol-Version": "1999-01-01"]))
        #expect(version.statusCode == 400)
        let garbage = await endpoint.handle(Self.post("{not json"))
        #expect(garbage.statusCode == 400)
        #expect((try Self.json(garbage)["error"] as? [String: Any])?["code"] as? Int == -32700)
    }

    @Test func httpEndpointChecksTheOriginOfBrowserRequests() async throws {
        let site = try await MCPFixture.make()
        let endpoint = MCPHTTPEndpoint(tools: site.tools, siteURL: MCPFixture.siteURL)
        let foreign = await endpoint.handle(Self.post(Self.initialize, headers: [
            "Origin": "https://evil.example", "Host": "127.0.0.1:8080"]))
        #expect(foreign.statusCode == 403)
        let sameHost = await endpoint.handle(Self.post(Self.initialize, headers: [
            "Origin": "http://127.0.0.1:8080", "Host": "127.0.0.1:8080"]))
        #expect(sameHost.statusCode == 200)
        let site2 = await endpoint.handle(Self.post(Self.initialize, headers: [
            "Origin": "https://papers.example.org", "Host": "10.0.0.5:8080"]))
        #expect(site2.statusCode == 200)
        let noOrigin = await endpoint.handle(Self.post(Self.initialize, headers: ["Host": "anything.example"]))
        #expect(noOrigin.statusCode == 200)
    }
}
