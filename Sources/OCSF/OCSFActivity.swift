/// An `activity_id` and its caption (`activity_name`) as the OCSF class defines them. Ids are per class:
/// each static member names the class it belongs to.
public struct OCSFActivity: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }

    // Account Change (3001).
    public static let accountCreate = OCSFActivity(id: 1, name: "Create")
    public static let accountEnable = OCSFActivity(id: 2, name: "Enable")
    public static let accountDisable = OCSFActivity(id: 5, name: "Disable")
    public static let accountDelete = OCSFActivity(id: 6, name: "Delete")
    public static let accountLock = OCSFActivity(id: 9, name: "Lock")
    public static let accountMFAFactorEnable = OCSFActivity(id: 10, name: "MFA Factor Enable")
    public static let accountMFAFactorDisable = OCSFActivity(id: 11, name: "MFA Factor Disable")
    public static let accountUnlock = OCSFActivity(id: 12, name: "Unlock")

    // User Access Management (3005) and Group Management (3006) share these two.
    public static let assignPrivileges = OCSFActivity(id: 1, name: "Assign Privileges")
    public static let revokePrivileges = OCSFActivity(id: 2, name: "Revoke Privileges")

    // Group Management (3006).
    public static let groupAddUser = OCSFActivity(id: 3, name: "Add User")
    public static let groupRemoveUser = OCSFActivity(id: 4, name: "Remove User")

    // Discovery classes (5003): the information was gathered by a collection process.
    public static let discoveryCollect = OCSFActivity(id: 2, name: "Collect")
}
