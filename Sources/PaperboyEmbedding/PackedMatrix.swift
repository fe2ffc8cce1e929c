import CKernels

/// A weight matrix `[k, n]` (`[in, out]`) held twice: row-major for `cblas_sgemm`, and packed into 32-column panels
/// (`pb_pack_panels`) for the row kernel that serves short inputs (one query). The panel copy doubles the memory of the
/// linear layers (42 MB → 84 MB for MiniLM-L6) and lets a query stream every weight exactly once.
struct PackedMatrix: Sendable {
    let rows: Int
    let columns: Int
    /// `[rows, columns]` row-major.
    let rowMajor: [Float]
    /// Panels of `PB_PANEL_WIDTH` columns, zero-padded.
    let packed: [Float]

    /// Packs `matrix` (`[rows, columns]` row-major; ``BertWeights`` has checked the shape).
    init(_ matrix: [Float], rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        rowMajor = matrix
        let count = pb_packed_count(Int32(rows), Int32(columns))
        packed = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            matrix.withUnsafeBufferPointer { source in
                pb_pack_panels(Int32(rows), Int32(columns), source.baseAddress, Int32(columns), buffer.baseAddress)
            }
            initialized = count
        }
    }

    /// Raw pointers into both copies, valid while the matrix is alive.
    struct Pointers: @unchecked Sendable {
        let rowMajor: UnsafePointer<Float>
        let packed: UnsafePointer<Float>
        let rows: Int
        let leadingDimension: Int

        /// The column block starting at `start` (a multiple of the panel width).
        func columns(from start: Int) -> Pointers {
            Pointers(rowMajor: rowMajor + start, packed: packed + (start / Int(PB_PANEL_WIDTH)) * rows * Int(PB_PANEL_WIDTH),
                     rows: rows, leadingDimension: leadingDimension)
        }
    }

    /// Calls `body` with pointers into both copies.
    func withPointers<R>(_ body: (Pointers) -> R) -> R {
        rowMajor.withUnsafeBufferPointer { r in
            packed.withUnsafeBufferPointer { p in
                body(Pointers(rowMajor: r.baseAddress!, packed: p.baseAddress!, rows: rows, leadingDimension: columns))
            }
        }
    }
}
