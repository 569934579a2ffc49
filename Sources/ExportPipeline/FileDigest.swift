import CanonicalJSON
import Foundation
import LocalFiles
import SnapshotFormat

/// The SHA-256 of a file's exact bytes, read a megabyte at a time: what a chain link records of the stored
/// snapshot before it, which may be hundreds of megabytes.
package enum FileDigest {
    /// `sha256:<64 hex>` of the regular file at `url`.
    package static func sha256(of url: URL) throws(InputFile.Refusal) -> String {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW)
        guard descriptor >= 0 else { throw InputFile.Refusal(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw InputFile.Refusal(reason: "it is not a regular file")
        }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFile.Refusal(reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            buffer.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[..<count])) }
        }
        return SnapshotDigest.text(hasher.finalize())
    }
}
