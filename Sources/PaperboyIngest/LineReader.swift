import CZlib
import Foundation
import PaperboyCore

/// Reads a text file line by line in constant memory, gunzipping transparently when the file starts with the
/// gzip magic bytes (whatever its name). Lines are split on `\n`; a trailing `\r` is dropped.
public final class LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var inflater: Inflater?
    private var buffer = [UInt8]()
    private var start = 0
    private var finished = false
    /// Bytes of (compressed) input consumed so far, for progress display.
    public private(set) var bytesRead: Int = 0
    /// Size of the file on disk in bytes.
    public let fileSize: Int

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PaperboyError(.invalidInput, "Cannot open \(path): no such file or not readable.")
        }
        self.handle = handle
        fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let head = try handle.read(upToCount: 2) ?? Data()
        try handle.seek(toOffset: 0)
        if head.count == 2, head[head.startIndex] == 0x1f, head[head.startIndex + 1] == 0x8b {
            inflater = try Inflater()
        }
    }

    deinit { try? handle.close() }

    public func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0a) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0d { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
            refill()
        }
    }

    private func refill() {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let chunk = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        bytesRead += chunk.count
        if chunk.isEmpty {
            finished = true
            return
        }
        if let inflater {
            inflater.inflate(chunk, into: &buffer)
            if inflater.failed { finished = true }
        } else {
            buffer.append(contentsOf: chunk)
        }
    }

    /// Whether a gzip stream ended early or was corrupt (the lines before the damage are still returned).
    public var hadCompressionError: Bool { inflater?.failed ?? false }
}

/// A streaming zlib inflater for gzip data (handles concatenated gzip members).
final class Inflater {
    private var stream = z_stream()
    private(set) var failed = false

    init() throws {
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw PaperboyError(.internal, "zlib could not start (status \(status)).") }
    }

    deinit { inflateEnd(&stream) }

    func inflate(_ input: Data, into output: inout [UInt8]) {
        var input = [UInt8](input)
        let outSize = 1 << 18
        var out = [UInt8](repeating: 0, count: outSize)
        input.withUnsafeMutableBufferPointer { inPtr in
            stream.next_in = inPtr.baseAddress
            stream.avail_in = UInt32(inPtr.count)
            while stream.avail_in > 0 && !failed {
                let (status, produced) = out.withUnsafeMutableBufferPointer { outPtr -> (Int32, Int) in
                    stream.next_out = outPtr.baseAddress
                    stream.avail_out = UInt32(outSize)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, outSize - Int(stream.avail_out))
                }
                output.append(contentsOf: out[0..<produced])
                if status == Z_STREAM_END {
                    if stream.avail_in > 0 { inflateReset(&stream) } else { break }
                } else if status != Z_OK && status != Z_BUF_ERROR {
                    failed = true
                } else if status == Z_BUF_ERROR && produced == 0 {
                    break
                }
            }
        }
    }
}
