import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the key may go. It is only ever sent over https, or over plain http to this machine (tests, a
/// local proxy); never with a user name or password in the URL; and never to a redirect's target (the
/// transport hands back every 3xx unfollowed, and the client reports it with `redirectTarget`).
///
/// "This machine" is decided twice: on the text (`127.x.y.z` in plain decimal, `[::1]` or `localhost`,
/// nothing that merely starts like one, such as `127.0.0.1.evil.com` or `localhost.`), and before the
/// first request on the addresses the name resolves to, every one of which must be a loopback address.
public enum APIURLPolicy {
    /// The URL the key may be sent to, from `--api-url` or `CLERK_API_URL` text (trailing slashes dropped);
    /// throws `invalidAPIURL`, `apiURLHasCredentials` or `insecureAPIURL`, none of which echo a password.
    public static func validate(_ text: String) throws(ClerkReadError) -> URL {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, let url = components.url
        else { throw .invalidAPIURL(shown: shown(text)) }
        guard components.user == nil, components.password == nil else { throw .apiURLHasCredentials(shown: shown(text)) }
        guard components.query == nil, components.fragment == nil else { throw .invalidAPIURL(shown: shown(text)) }
        switch scheme {
        case "https": return url
        case "http":
            guard isLoopback(host) else { throw .insecureAPIURL(shown: shown(text)) }
            return url
        default: throw .invalidAPIURL(shown: shown(text))
        }
    }

    /// Checks `url` again as `validate` does, then, for plain http, that every address its host resolves to
    /// is a loopback address. Runs the resolver off the cooperative pool: it blocks.
    package static func checkBeforeFirstRequest(
        _ url: URL, resolve: @escaping @Sendable (String) -> [ResolvedAddress]? = resolveAddresses
    ) async throws(ClerkReadError) {
        let checked = try validate(url.absoluteString)
        guard checked.scheme?.lowercased() == "http", let host = URLComponents(url: checked, resolvingAgainstBaseURL: false)?.host
        else { return }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let addresses = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: resolve(bare)) }
        }
        guard let addresses, !addresses.isEmpty, addresses.allSatisfy(\.isLoopback) else {
            throw .insecureAPIURL(shown: shown(url.absoluteString))
        }
    }

    /// One address a host name resolved to.
    package enum ResolvedAddress: Sendable, Equatable {
        case ipv4(UInt32)
        case ipv6([UInt8])

        var isLoopback: Bool {
            switch self {
            case .ipv4(let address): return address >> 24 == 127
            case .ipv6(let bytes):
                guard bytes.count == 16 else { return false }
                if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
                // An IPv4-mapped address (::ffff:127.x.y.z).
                return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
            }
        }
    }

    /// The addresses `host` resolves to through the system resolver; nil when it does not resolve.
    package static func resolveAddresses(_ host: String) -> [ResolvedAddress]? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return nil }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var entry = list
        // Bounded by what the resolver returned; a resolver is not a server, but the loop still stops.
        while let current = entry, addresses.count < 256 {
            if let address = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        addresses.append(.ipv4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr)))
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        addresses.append(.ipv6(withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }))
                    }
                default:
                    // An address of a family we cannot judge is not known to be loopback.
                    addresses.append(.ipv6([]))
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// Where a redirect pointed, as scheme, host and port only (never a path, query or user info, which
    /// could carry anything), made safe to show.
    static func redirectTarget(_ location: String?, from requestURL: URL?, hiding key: SecretKey) -> String {
        guard let location, let url = URL(string: location, relativeTo: requestURL)?.absoluteURL,
            let components = URLComponents(url: url, resolvingAgainstBaseURL: true), let host = components.host
        else { return "an unreadable location" }
        let scheme = components.scheme.map { $0 + "://" } ?? ""
        let port = components.port.map { ":\($0)" } ?? ""
        return ServerText.shown(scheme + host + port, hiding: key)
    }

    /// Loopback on the text alone: `localhost`, `::1`, or four plain decimal parts starting with 127 (no
    /// leading zeros, which some resolvers read as octal).
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in
                UInt8(part) != nil && (part == "0" || !part.hasPrefix("0")) && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            }
    }

    /// The URL as given, for a message: a user name and password replaced by `***`, controls escaped.
    static func shown(_ text: String) -> String {
        var result = text
        if let schemeEnd = result.range(of: "://") {
            let authorityEnd = result[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? result.endIndex
            if let at = result[schemeEnd.upperBound..<authorityEnd].lastIndex(of: "@") {
                result.replaceSubrange(schemeEnd.upperBound..<at, with: "***")
            }
        }
        return ServerText.shown(result, hiding: nil)
    }
}
