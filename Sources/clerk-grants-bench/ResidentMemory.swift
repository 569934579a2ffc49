import Foundation

/// Peak resident memory as Linux keeps it per memory map.
enum ResidentMemory {
    /// `VmHWM` of a process (`self` or a pid), in bytes: the most its own memory map has held resident.
    /// Nil when the process is gone or the line cannot be read.
    static func highWaterMark(process: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}
