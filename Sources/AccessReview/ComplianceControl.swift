/// A control of an audit framework that a finding rule gives evidence for, so an auditor can file each
/// finding under the control they test (SOC 2 Trust Services Criteria 2017, revised points of focus 2022;
/// ISO/IEC 27001:2022 Annex A).
public enum ComplianceControl: String, Sendable, CaseIterable, Comparable {
    /// Logical access security: identification and authentication of users, protecting credentials.
    case soc2CC61 = "SOC2:CC6.1"
    /// Registering and authorizing users before access, and removing access when it is no longer needed.
    case soc2CC62 = "SOC2:CC6.2"
    /// Role-based access, least privilege, and changing or removing access as roles change.
    case soc2CC63 = "SOC2:CC6.3"
    /// Access control: rules for who may reach what, set and reviewed by the owners.
    case iso27001A515 = "ISO27001:A.5.15"
    /// Access rights: provisioned, reviewed at intervals, adjusted or removed when no longer needed.
    case iso27001A518 = "ISO27001:A.5.18"
    /// Privileged access rights: restricted and managed.
    case iso27001A82 = "ISO27001:A.8.2"

    public enum Framework: String, Sendable, CaseIterable {
        case soc2 = "SOC 2"
        case iso27001 = "ISO/IEC 27001:2022"
    }

    public var framework: Framework {
        switch self {
        case .soc2CC61, .soc2CC62, .soc2CC63: return .soc2
        case .iso27001A515, .iso27001A518, .iso27001A82: return .iso27001
        }
    }

    /// The control's number within its framework: `CC6.2`, `A.5.18`.
    public var reference: String { String(rawValue.split(separator: ":", maxSplits: 1)[1]) }

    public var title: String {
        switch self {
        case .soc2CC61: return "Logical access security"
        case .soc2CC62: return "User registration, authorization and removal"
        case .soc2CC63: return "Role-based access and least privilege"
        case .iso27001A515: return "Access control"
        case .iso27001A518: return "Access rights"
        case .iso27001A82: return "Privileged access rights"
        }
    }

    /// `SOC 2 CC6.2, CC6.3; ISO/IEC 27001:2022 A.5.18`: a rule's controls for a report line.
    public static func label(_ controls: [ComplianceControl]) -> String {
        Framework.allCases.compactMap { framework in
            let references = controls.filter { $0.framework == framework }.map(\.reference)
            return references.isEmpty ? nil : "\(framework.rawValue) \(references.joined(separator: ", "))"
        }.joined(separator: "; ")
    }

    public static func < (lhs: ComplianceControl, rhs: ComplianceControl) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
