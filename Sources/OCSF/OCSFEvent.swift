import CanonicalJSON
import OutputEscaping

/// One OCSF event: the classification every class requires (`activity_id`, `category_uid`, `class_uid`,
/// `type_uid`, `severity_id`, `time`, `metadata`), their captions, and the class's own attributes. Built
/// here so `type_uid` (`class_uid * 100 + activity_id`) and the metadata are computed in one place for the
/// diff events and the inventory records alike.
public struct OCSFEvent: Sendable {
    public var eventClass: OCSFClass
    public var activity: OCSFActivity
    public var severity: OCSFSeverity
    /// Unix milliseconds (`time`).
    public var time: Int64
    public var product: OCSFProduct
    /// `message`: one line a person reads in a SIEM's event list.
    public var message: String?
    /// The class's own attributes (`user`, `group`, `privileges`...).
    public var attributes: JSONObject

    public init(
        _ eventClass: OCSFClass, activity: OCSFActivity, severity: OCSFSeverity = .informational, time: Int64,
        product: OCSFProduct, message: String? = nil, attributes: JSONObject
    ) {
        self.eventClass = eventClass
        self.activity = activity
        self.severity = severity
        self.time = time
        self.product = product
        self.message = message
        self.attributes = attributes
    }

    public var typeUID: Int64 { eventClass.uid * 100 + activity.id }

    public var json: JSONObject {
        var object = attributes
        object["activity_id"] = .int(activity.id)
        object["activity_name"] = .string(activity.name)
        object["category_uid"] = .int(eventClass.categoryUID)
        object["category_name"] = .string(eventClass.categoryName)
        object["class_uid"] = .int(eventClass.uid)
        object["class_name"] = .string(eventClass.name)
        object["type_uid"] = .int(typeUID)
        object["type_name"] = .string("\(eventClass.name): \(activity.name)")
        object["severity_id"] = .int(severity.rawValue)
        object["severity"] = .string(severity.name)
        object["time"] = .int(time)
        object["metadata"] = ["product": product.json, "version": .string(OCSFSchemaVersion.current)]
        if let message { object["message"] = .string(message) }
        return object
    }

    /// The event as one NDJSON line: canonical JSON (keys sorted, no white space) and a newline, with U+2028,
    /// U+2029 and U+0085 escaped so readers that split lines there still see one event a line.
    public func line(using writer: inout CanonicalJSONWriter) -> [UInt8] {
        writer.removeAll()
        writer.write(.object(json))
        writer.writeRaw(0x0A)
        return NDJSONLine.escapeLineSeparators(writer.bytes)
    }
}
