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
    public var hadCompressionError: Bool {
        guard let inflater else { return false }
        return inflater.failed || (finished && !inflater.ended)
    }
}

/// A streaming zlib inflater for gzip data (handles concatenated gzip members).
///
/// The `z_stream` lives at a fixed heap address: zlib keeps a pointer back to it, so it must never move.
final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private(set) var failed = false
    /// Whether the last gzip member was complete (its end marker and checksum were read).
    private(set) var ended = false
    private var output = [UInt8](repeating: 0, count: 1 << 18)

    init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw PaperboyError(.internal, "zlib could not start (status \(status)).")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates all of `input`, appending the bytes produced to `sink`.
    func inflate(_ input: Data, into sink: inout [UInt8]) {
        let outSize = output.count
        input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
            stream.pointee.avail_in = UInt32(raw.count)
            while stream.pointee.avail_in > 0 && !failed {
                let (status, produced) = output.withUnsafeMutableBufferPointer { outPtr -> (Int32, Int) in
                    stream.pointee.next_out = outPtr.baseAddress
                    stream.pointee.avail_out = UInt32(outSize)
                    let status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return (status, outSize - Int(stream.pointee.avail_out))
                }
                sink.append(contentsOf: output[0..<produced])
                ended = status == Z_STREAM_END
                if status == Z_STREAM_END {
                    if stream.pointee.avail_in > 0 { inflateReset(stream) } else { break }
                } else if status != Z_OK && status != Z_BUF_ERROR {
                    failed = true
                } else if status == Z_BUF_ERROR && produced == 0 {
                    break
                }
            }
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
    }
}
