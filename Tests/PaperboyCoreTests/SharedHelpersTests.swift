import Foundation
import PaperboyCore
import Testing

private enum Ascending: HeapOrder {
    static func first(_ a: Int, _ b: Int) -> Bool { a < b }
}

@Suite("Shared helpers: heap, top-k, FNV-1a, base64url, RFC 1123 dates, fork-join")
struct SharedHelpersTests {
    @Test func heapPopsInOrder() {
        var heap = BinaryHeap<Ascending>()
        var rng = SystemRandomNumberGenerator()
        let values = (0..<200).map { _ in Int.random(in: -50...50, using: &rng) }
        values.forEach { heap.push($0) }
        var popped: [Int] = []
        while let v = heap.pop() { popped.append(v) }
        #expect(popped == values.sorted())
        #expect(heap.isEmpty && heap.top == nil)
    }

    @Test func topKKeepsTheBestAndSortsThemBestFirst() {
        // Ascending puts the smallest at the root: as a TopK order, smaller ranks below.
        var top = TopK<Ascending>(capacity: 5)
        for v in [7, 3, 9, 1, 12, 5, 8, 12, -4, 10] { top.insert(v) }
        #expect(top.sorted() == [12, 12, 10, 9, 8])
        #expect(top.worst == 8 && top.isFull)
        var none = TopK<Ascending>(capacity: 0)
        none.insert(1)
        #expect(none.sorted().isEmpty && none.worst == nil)
        var partial = TopK<Ascending>(capacity: 3)
        partial.insert(2)
        #expect(partial.worst == nil && partial.sorted() == [2])
    }

    @Test func fnv1aMatchesTheReferenceVectors() {
        // Published FNV-1a 64 test vectors.
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
        #expect(FNV1a.hex("a") == "af63dc4c8601ec8c" && FNV1a.hex("").count == 16)
    }

    @Test func base64URLRoundTripsWithoutPadding() {
        let bytes = Data([0xfb, 0xff, 0xfe, 0x00, 0x3e])
        let text = Base64URL.encode(bytes)
        #expect(text == "-__-AD4")
        #expect(Base64URL.decode(text) == bytes)
        #expect(Base64URL.decode("not base64!") == nil)
    }

    @Test func rfc1123DatesFromHTTPAndArxiv() {
        #expect(UTCDateTime.parseRFC1123("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(UTCDateTime.parseRFC1123("Mon, 2 Apr 2007 19:18:42 GMT") == Date(timeIntervalSince1970: 1_175_541_522))
        #expect(UTCDateTime.parseRFC1123("2 Apr 2007 19:18 GMT") == Date(timeIntervalSince1970: 1_175_541_480))
        #expect(UTCDateTime.parseRFC1123("Mon, 2 Apr 2007 21:18:42 +0200") == Date(timeIntervalSince1970: 1_175_541_522))
        let date = Date(timeIntervalSince1970: 1_796_398_790)
        #expect(UTCDateTime.parseRFC1123(UTCDateTime(date).rfc1123(zone: "GMT")) == date)
        for bad in ["yesterday", "Sun, 30 Feb 2026 10:00:00 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                    "Sun, 06 Nov 1994 08:49:37 CEST", "Xyz, 06 Nov 1994 08:49:37 GMT", "06 Nov 94 08:49 GMT", ""] {
            #expect(UTCDateTime.parseRFC1123(bad) == nil, "\(bad)")
        }
    }

    @Test func parallelMapKeepsIndexOrder() {
        #expect(Parallel.map(4) { $0 * $0 } == [0, 1, 4, 9])
        #expect(Parallel.map(1) { $0 + 7 } == [7])
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }
}
