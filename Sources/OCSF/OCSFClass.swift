/// The OCSF event classes this tool writes, with their category. `class_uid` is `category_uid * 1000 +` the
/// class's number inside its category.
public enum OCSFClass: Int64, Sendable, CaseIterable {
    /// Identity & Access Management: a user account disabled, enabled, locked, unlocked, MFA on or off.
    case accountChange = 3001
    /// Identity & Access Management: privileges (for us, a role) assigned to or revoked from a user.
    case userAccessManagement = 3005
    /// Identity & Access Management: a user added to or removed from a group (an organization), or a
    /// group's (a role's) privileges changed.
    case groupManagement = 3006
    /// Discovery: one user as an inventory found it.
    case userInventoryInfo = 5003

    public var uid: Int64 { rawValue }
    public var categoryUID: Int64 { rawValue / 1000 }

    public var name: String {
        switch self {
        case .accountChange: "Account Change"
        case .userAccessManagement: "User Access Management"
        case .groupManagement: "Group Management"
        case .userInventoryInfo: "User Inventory Info"
        }
    }

    public var categoryName: String {
        switch categoryUID {
        case 3: "Identity & Access Management"
        default: "Discovery"
        }
    }
}
