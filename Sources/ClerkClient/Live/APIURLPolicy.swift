import Foundation

/// The key is only ever sent over https, or over plain http to this machine (tests, a local proxy).
public enum APIURLPolicy {
    public static func validate(_ text: String) throws(ClerkReadError) -> URL {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, let url = components.url
        else { throw .invalidAPIURL(text) }
        switch scheme {
        case "https": return url
        case "http":
            guard isLoopback(host) else { throw .insecureAPIURL(text) }
            return url
        default: throw .invalidAPIURL(text)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
