import Foundation
import PaperboyCore
import PaperboyDelivery
import PaperboyMail
import PaperboyStore
import Testing

/// Two digest senders on one SQLite file (two pools, as two processes), and a sender killed mid-run: exactly one
/// message per subscriber (SCALE-OUT: "Digest double send", 555–587 messages to 300 subscribers before the fix).
@Suite("Digest claims under two senders")
struct DigestLeaseTests {
    let day = try! Day(parsing: "2025-06-03")

    func makeFile(subscribers: Int, now: Date) async throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("paperboy-lease-\(UUID().uuidString).sqlite").path
        let store = try Stores.sqlite(path: path)
        let paper = Paper(id: PaperID(unchecked: "2506.00001"), title: "A paper", abstract: "Words.",
                          authors: [Author(name: "Ada")], categories: ["cs.LG"], importedUpvotes: 1, source: "hf-daily",
                          communityUpdatedAt: Date(timeIntervalSince1970: 0))
        _ = try await store.papers.apply(ImportBatch(papers: [paper], entries: [DailyEntry(day: day, paperID: paper.id, position: 0)]))
        for i in 0..<subscribers {
            _ = try await store.delivery.addConfirmed(email: "user\(i)@example.org", frequency: .daily, now: now)
        }
        return path
    }

    func sender(_ path: String, _ transport: RecordingTransport, owner: String) throws -> DigestSender {
        let store = try Stores.sqlite(path: path)
        return DigestSender(papers: store.papers, delivery: store.delivery,
                            composer: DigestComposer(baseURL: "https://papers.example.org",
                                                     from: MailAddress("digest@example.org", name: "Paperboy")),
                            signer: try TokenSigner(secret: "0123456789abcdef-test-secret"), lanes: 4,
                            leaseOwner: owner, makeTransport: { transport })
    }

    @Test func twoSendersAtOnceDeliverExactlyOneMessageEach() async throws {
        let now = Date(timeIntervalSince1970: day.secondsSinceEpoch + 8 * 3600)
        let path = try await makeFile(subscribers: 300, now: now)
        let transport = RecordingTransport()
        let a = try sender(path, transport, owner: "a")
        let b = try sender(path, transport, owner: "b")
        let period = DigestPeriod.current(.daily, on: day)
        async let ra = a.run(period, now: now)
        async let rb = b.run(period, now: now)
        let (x, y) = try await (ra, rb)
        #expect(x.sent + y.sent == 300)
        #expect(transport.recipients.count == 300 && Set(transport.recipients).count == 300)
    }

    @Test func aKilledSendersClaimsAreTakenOverOnlyAfterTheLease() async throws {
        let now = Date(timeIntervalSince1970: day.secondsSinceEpoch + 8 * 3600)
        let path = try await makeFile(subscribers: 300, now: now)
        let period = DigestPeriod.current(.daily, on: day)
        // The killed sender: 40 rows claimed and left `sending`.
        let dead = try Stores.sqlite(path: path).delivery
        let lease = DigestLease(owner: "dead", expiresAt: now.addingTimeInterval(DigestSender.defaultLeaseDuration))
        for i in 0..<40 { #expect(try await dead.claimDigest(email: "user\(i)@example.org", period: period.key, lease: lease, now: now)) }
        let transport = RecordingTransport()
        let during = try await sender(path, transport, owner: "new").run(period, now: now.addingTimeInterval(60))
        #expect(during.sent == 260 && during.skipped == 40)
        let after = try await sender(path, transport, owner: "newer")
            .run(period, now: now.addingTimeInterval(DigestSender.defaultLeaseDuration + 1))
        #expect(after.sent == 40 && after.skipped == 260)
        #expect(transport.recipients.count == 300 && Set(transport.recipients).count == 300)
    }

    /// The pid of a process that has exited (and been reaped): what a `kill -9`ed sender leaves behind.
    func deadPid() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    @Test func aDeadLocalSendersClaimsAreTakenOverAtOnceALiveOrRemoteOnesAreNot() async throws {
        let now = Date(timeIntervalSince1970: day.secondsSinceEpoch + 8 * 3600)
        let path = try await makeFile(subscribers: 30, now: now)
        let period = DigestPeriod.current(.daily, on: day)
        let host = LeaseOwner.hostName()
        let owners = [
            LeaseOwner(host: host, pid: try deadPid(), nonce: "dead"),            // killed here: taken over now
            LeaseOwner(host: host, pid: getpid(), nonce: "live"),                 // a live process here: never
            LeaseOwner(host: "elsewhere.example", pid: try deadPid(), nonce: "remote"), // another host: after the lease
        ]
        let store = try Stores.sqlite(path: path).delivery
        for i in 0..<30 {
            let lease = DigestLease(owner: owners[i % 3].description,
                                    expiresAt: now.addingTimeInterval(DigestSender.defaultLeaseDuration))
            #expect(try await store.claimDigest(email: "user\(i)@example.org", period: period.key, lease: lease, now: now))
        }
        let transport = RecordingTransport()
        let run = try await sender(path, transport, owner: LeaseOwner.current().description)
            .run(period, now: now.addingTimeInterval(60))
        #expect(run.sent == 10 && run.skipped == 20)
        let taken = Set(transport.recipients)
        #expect(taken == Set(stride(from: 0, to: 30, by: 3).map { "user\($0)@example.org" }))
        #expect(try await store.digestCounts(period: period.key) == ["sent": 10, "sending": 20])
    }

    @Test func ownerIdsRoundTripAndForeignShapesAreNeverAbandoned() {
        let owner = LeaseOwner(host: "box", pid: 4242, nonce: "ab12")
        #expect(LeaseOwner(owner.description) == owner)
        #expect(LeaseOwner("0E8E5C6A-1111-2222-3333-444455556666") == nil)
        #expect(!LeaseOwner.isAbandoned("0E8E5C6A-1111-2222-3333-444455556666", host: "box", isRunning: { _ in false }))
        #expect(LeaseOwner.isAbandoned("box:4242:ab12", host: "box", isRunning: { _ in false }))
        #expect(!LeaseOwner.isAbandoned("box:4242:ab12", host: "box", isRunning: { _ in true }))
        #expect(!LeaseOwner.isAbandoned("other:4242:ab12", host: "box", isRunning: { _ in false }))
    }
}
