#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: to a temporary name in the same directory, fsync, then rename over the target.
enum AtomicFile {
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(SearchError) {
        let temp = path + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ioError("cannot create \(temp)") }
        var written = 0
        while written < bytes.count {
            guard let base = bytes.baseAddress else { break }
            let n = systemWrite(fd, base + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                let error = ioError("cannot write \(temp)")
                close(fd)
                unlink(temp)
                throw error
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let error = ioError("cannot sync \(temp)")
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let error = ioError("cannot rename \(temp) to \(path)")
            unlink(temp)
            throw error
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(SearchError) {
        var result: Result<Void, SearchError> = .success(())
        bytes.withUnsafeBytes { raw in
            do throws(SearchError) { try write(raw, to: path) } catch { result = .failure(error) }
        }
        try result.get()
    }

    static func ioError(_ message: String) -> SearchError {
        SearchError(.io, message, cause: String(cString: strerror(errno)))
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
