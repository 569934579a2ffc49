import CanonicalJSON

/// Checks an NDJSON stream of OCSF events against class definitions, event by event: what the tests run
/// over every event this tool writes.
package struct OCSFConformance: Sendable {
    package var definitions: [Int64: OCSFClassDefinition]

    package init(_ definitions: [OCSFClassDefinition]) {
        var byClass: [Int64: OCSFClassDefinition] = [:]
        for definition in definitions { byClass[definition.classUID] = definition }
        self.definitions = byClass
    }

    /// One message per problem, naming the line, the event's class and activity, what is wrong and the event
    /// itself; empty when every line is an event that conforms to the definition of its class.
    package func problems(ndjson bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let text = String(decoding: line, as: UTF8.self)
            guard let event = try? JSONParser.parse(Array(line)).objectValue else {
                problems.append("line \(number + 1): not a JSON object: \(text)")
                continue
            }
            guard let uid = event["class_uid"]?.int64Value, let definition = definitions[uid] else {
                problems.append("line \(number + 1): no class definition for class_uid \(event["class_uid"].map { "\($0)" } ?? "(missing)"): \(text)")
                continue
            }
            let activity = event["activity_id"]?.int64Value.map(String.init) ?? "?"
            for problem in definition.problems(in: event) {
                problems.append("line \(number + 1) (class \(uid), activity \(activity)): \(problem): \(text)")
            }
        }
        return problems
    }
}
