import Foundation

/// What a path names when it is not a regular file, in words a message can use: reading a snapshot and
/// writing one both refuse these, and say which kind they met.
package enum FileKind {
    /// "a FIFO (named pipe)" and the like for anything that is not a regular file, nil for a regular file.
    package static func nonRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "an unknown kind of file"
        }
    }
}
