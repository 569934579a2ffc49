import CanonicalJSON

/// How a snapshot was collected (1.2 `provenance`): by which tool, against which API and version, which
/// collections, how many requests and retries it took, when the read started and ended, and on which host.
/// Outside the digest: two exports of an unchanged tenant keep the same digest whatever these say.
public struct SnapshotProvenance: Sendable, Equatable {
    public var toolVersion: String
    /// The `Clerk-API-Version` sent; nil for an offline export, which sends none.
    public var apiVersion: String?
    /// `source.api_url`: the API base, or `fixture:<name>` for recorded pages (never a local path).
    public var apiURL: String
    public var collections: [String]
    /// Requests sent and retries made by the live client; 0 for recorded pages.
    public var requests: Int
    public var retries: Int
    /// RFC 3339 UTC, milliseconds.
    public var startedAt: String
    public var finishedAt: String
    /// The name of the machine that ran the export; nil when it could not be told.
    public var host: String?

    public init(
        toolVersion: String, apiVersion: String?, apiURL: String, collections: [String], requests: Int, retries: Int,
        startedAt: String, finishedAt: String, host: String?
    ) {
        self.toolVersion = toolVersion
        self.apiVersion = apiVersion
        self.apiURL = apiURL
        self.collections = collections
        self.requests = requests
        self.retries = retries
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.host = host
    }

    /// What a header alone can say: no requests counted, no host, started and ended at `generated_at`. For
    /// snapshots built in code rather than exported, and for files of versions before 1.2.
    public init(generatedAt: String, tool: Snapshot.Tool, source: Snapshot.Source) {
        let instant = Timestamp.milliseconds(rfc3339: generatedAt).map(Timestamp.rfc3339(milliseconds:)) ?? generatedAt
        self.init(
            toolVersion: tool.version, apiVersion: nil, apiURL: source.apiURL, collections: source.collections.map(\.rawValue),
            requests: 0, retries: 0, startedAt: instant, finishedAt: instant, host: nil)
    }

    /// Longest host name kept (a DNS name is at most 253 bytes).
    public static let hostLimit = 255

    /// `raw` as a recorded host name, or nil when it is empty, too long or holds control characters.
    public static func hostName(_ raw: String) -> String? {
        guard !raw.isEmpty, raw.utf8.count <= hostLimit, !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return raw
    }

    public var json: JSONValue {
        [
            "api_url": .string(apiURL), "api_version": apiVersion.map(JSONValue.string) ?? .null,
            "collections": .array(collections.map(JSONValue.string)), "finished_at": .string(finishedAt),
            "host": host.map(JSONValue.string) ?? .null, "requests": .int(Int64(requests)), "retries": .int(Int64(retries)),
            "started_at": .string(startedAt), "tool_version": .string(toolVersion),
        ]
    }

    /// The fields of a file's `provenance`, checked: types, timestamps, counts from 0, a host without control
    /// characters.
    public init(json: JSONObject) throws(JSONFieldError) {
        let expected = ["api_url", "api_version", "collections", "finished_at", "host", "requests", "retries", "started_at", "tool_version"]
        if let unknown = json.keys.first(where: { !expected.contains($0) }) {
            throw JSONFieldError(path: JSONFieldError.shown(unknown), problem: "unknown field")
        }
        var collections: [String] = []
        for (index, value) in try json.requiredArray("collections").enumerated() {
            guard let name = value.stringValue else {
                throw JSONFieldError(path: "collections[\(index)]", problem: "expected string, found \(value.typeName)")
            }
            collections.append(name)
        }
        func time(_ key: String) throws(JSONFieldError) -> String {
            let text = try json.requiredString(key)
            guard Timestamp.milliseconds(rfc3339: text) != nil else {
                throw JSONFieldError(path: key, problem: "\(JSONFieldError.quoted(text)) is not an RFC 3339 UTC timestamp within years 1970-9999")
            }
            return text
        }
        func count(_ key: String) throws(JSONFieldError) -> Int {
            let value = try json.requiredInt(key)
            guard value >= 0, value <= Int64(Int32.max) else { throw JSONFieldError(path: key, problem: "\(value) is not a whole number from 0 to 2147483647") }
            return Int(value)
        }
        let host = try json.optionalString("host")
        if let host, Self.hostName(host) == nil {
            throw JSONFieldError(path: "host", problem: "\(JSONFieldError.quoted(host)) is not a host name (1-\(Self.hostLimit) bytes, no control characters)")
        }
        guard json["host"] != nil else { throw JSONFieldError(path: "host", problem: "required field is missing") }
        guard json["api_version"] != nil else { throw JSONFieldError(path: "api_version", problem: "required field is missing") }
        self.init(
            toolVersion: try json.requiredString("tool_version"), apiVersion: try json.optionalString("api_version"),
            apiURL: try json.requiredString("api_url"), collections: collections, requests: try count("requests"),
            retries: try count("retries"), startedAt: try time("started_at"), finishedAt: try time("finished_at"), host: host)
    }
}
