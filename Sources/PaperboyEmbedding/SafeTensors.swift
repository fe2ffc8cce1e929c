import Foundation

/// A `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// (`name → {dtype, shape, data_offsets}`), then the raw little-endian tensor bytes.
struct SafeTensors: Sendable {
    struct TensorInfo: Sendable {
        let dtype: String
        let shape: [Int]
        /// Byte range inside the data section.
        let range: Range<Int>
    }

    let url: URL
    let tensors: [String: TensorInfo]
    /// The data section (after the header).
    private let data: Data

    /// Reads and validates the header; the file is memory-mapped.
    init(contentsOf url: URL) throws(EmbeddingError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(url) }
        let file: Data
        do {
            file = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .corrupt(url, "cannot be read", cause: error)
        }
        guard file.count >= 8 else { throw .corrupt(url, "shorter than a safetensors header") }
        let headerLength = file.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(file.count - 8), headerLength <= 100_000_000 else {
            throw .corrupt(url, "header length \(headerLength) exceeds the file size \(file.count)")
        }
        let headerEnd = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: file.subdata(in: 8..<headerEnd))
        } catch {
            throw .corrupt(url, "header is not JSON", cause: error)
        }
        guard let entries = json as? [String: Any] else { throw .corrupt(url, "header is not a JSON object") }
        let dataSize = file.count - headerEnd
        var tensors: [String: TensorInfo] = [:]
        for (name, value) in entries where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataSize
            else {
                throw .corrupt(url, "tensor \(name) has a malformed entry or lies outside the file")
            }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
        }
        self.url = url
        self.tensors = tensors
        self.data = file.subdata(in: headerEnd..<file.count)
    }

    /// The F32 tensor `name`, checked against `shape`, as a flat row-major array.
    func floats(_ name: String, shape expected: [Int]) throws(EmbeddingError) -> [Float] {
        guard let info = tensors[name] else { throw .corrupt(url, "tensor \(name) is missing") }
        guard info.dtype == "F32" else { throw .corrupt(url, "tensor \(name) is \(info.dtype), expected F32") }
        guard info.shape == expected else {
            throw .corrupt(url, "tensor \(name) has shape \(info.shape), expected \(expected)")
        }
        let count = expected.reduce(1, *)
        guard info.range.count == count * MemoryLayout<Float>.size else {
            throw .corrupt(url, "tensor \(name) has \(info.range.count) bytes for \(count) floats")
        }
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[info.range]))
            }
        }
        #if _endian(big)
        for i in out.indices { out[i] = Float(bitPattern: UInt32(littleEndian: out[i].bitPattern)) }
        #endif
        return out
    }
}
