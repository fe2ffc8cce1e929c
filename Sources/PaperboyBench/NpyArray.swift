import Foundation
import PaperboyEmbedding

/// A float32 NumPy `.npy` array (format versions 1–3, little-endian `<f4`, C order).
public struct NpyArray: Sendable {
    /// e.g. `[5183, 384]`.
    public let shape: [Int]
    /// Row-major values.
    public let values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    public init(contentsOf url: URL) throws(EmbeddingError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw EmbeddingError(.invalidData, "cannot read \(url.path)", cause: error)
        }
        try self.init(data: data, name: url.path)
    }

    public init(data: Data, name: String = "npy data") throws(EmbeddingError) {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw EmbeddingError(.invalidData, "\(name) is not a .npy file (bad magic)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else if major == 2 || major == 3, bytes.count >= 12 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        } else {
            throw EmbeddingError(.invalidData, "\(name) has unsupported .npy version \(major)")
        }
        guard headerStart + headerLength <= data.count,
              let header = String(data: data.subdata(in: headerStart..<(headerStart + headerLength)), encoding: .utf8)
        else { throw EmbeddingError(.invalidData, "\(name) has a truncated header") }
        guard header.contains("'descr': '<f4'") else {
            throw EmbeddingError(.invalidData, "\(name) is not little-endian float32: \(header)")
        }
        guard header.contains("'fortran_order': False") else {
            throw EmbeddingError(.invalidData, "\(name) is in Fortran order")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw EmbeddingError(.invalidData, "\(name) header has no shape: \(header)")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        let count = dims.reduce(1, *)
        let start = headerStart + headerLength
        guard data.count - start == count * 4 else {
            throw EmbeddingError(.invalidData, "\(name) holds \(data.count - start) bytes for shape \(dims)")
        }
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start...])) }
        }
        shape = dims
        self.values = values
    }

    /// Row `i` of a 2-D array.
    public func row(_ i: Int) -> ArraySlice<Float> {
        let width = shape.count > 1 ? shape[1] : 1
        return values[(i * width)..<((i + 1) * width)]
    }
}
