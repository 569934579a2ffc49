/// What a ``Diagnostic`` is about, as a name readers match on (`unresolved_role_key`).
///
/// An open set: a snapshot written by a later version may carry a code this one does not know, and it is
/// kept as read. The codes this tool writes are the static members, each spelled once, here.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// A membership's role key matched no exported role; the member grant is kept, the role grant is not.
    public static let unresolvedRoleKey = DiagnosticCode(rawValue: "unresolved_role_key")
    /// A membership names a user the user list did not return.
    public static let danglingUser = DiagnosticCode(rawValue: "dangling_user")
    /// A membership names an organization the organization list did not return.
    public static let danglingOrganization = DiagnosticCode(rawValue: "dangling_organization")
    /// A role names a permission the permission list did not return.
    public static let danglingPermission = DiagnosticCode(rawValue: "dangling_permission")
    /// The same object came back more than once; it is kept once.
    public static let duplicateObject = DiagnosticCode(rawValue: "duplicate_object")
    /// Two memberships produced the same grant; it is kept once.
    public static let duplicateGrant = DiagnosticCode(rawValue: "duplicate_grant")
    /// A role key matched more than one role.
    public static let ambiguousRoleKey = DiagnosticCode(rawValue: "ambiguous_role_key")
    /// Memberships were exported without roles, so no role key could be resolved.
    public static let rolesNotExported = DiagnosticCode(rawValue: "roles_not_exported")
    /// A collection's length disagreed with the count the API announced.
    public static let countMismatch = DiagnosticCode(rawValue: "count_mismatch")
    /// The server ignored the users cursor; paging fell back to offsets.
    public static let cursorIgnored = DiagnosticCode(rawValue: "cursor_ignored")
    /// Memberships were read per organization because the instance-wide list was refused.
    public static let membershipsPerOrganization = DiagnosticCode(rawValue: "memberships_per_organization")
    /// A collection could not be read to the end (written only with `--allow-partial`).
    public static let incompleteCollection = DiagnosticCode(rawValue: "incomplete_collection")
    /// A collection read by default was refused to this key (403, or the endpoint is missing); it is left out.
    public static let collectionNotReadable = DiagnosticCode(rawValue: "collection_not_readable")
    /// An organization offers every role: its `role_set_key` is null or names no listed role set, or role sets
    /// were not exported.
    public static let roleSetFallback = DiagnosticCode(rawValue: "role_set_fallback")
    /// A membership's role resolves but is not in its organization's role set; both grants are kept.
    public static let roleOutsideRoleSet = DiagnosticCode(rawValue: "role_outside_role_set")
    /// A role set has a migration in flight: members' roles are being remapped.
    public static let roleSetMigration = DiagnosticCode(rawValue: "role_set_migration")
    /// An invitation's, or the domain default's, role key matched no exported role; the path leads to membership.
    public static let unresolvedPathRole = DiagnosticCode(rawValue: "unresolved_path_role")
    /// An access path names an organization the organization list did not return; it is left out.
    public static let danglingPathOrganization = DiagnosticCode(rawValue: "dangling_path_organization")
    /// A machine's scope names a machine the machine list did not return.
    public static let danglingMachine = DiagnosticCode(rawValue: "dangling_machine")
    /// A role set names a role the role list did not return; the role's id is left out of the set's `role_ids`.
    public static let danglingRole = DiagnosticCode(rawValue: "dangling_role")
    /// Invitations read as pending that were not (accepted, revoked, expired): left out, counted in one diagnostic.
    public static let invitationNotPending = DiagnosticCode(rawValue: "invitation_not_pending")

    /// Every code this version writes, in the README's order.
    public static let written: [DiagnosticCode] = [
        .unresolvedRoleKey, .danglingUser, .danglingOrganization, .danglingPermission, .duplicateObject,
        .duplicateGrant, .ambiguousRoleKey, .rolesNotExported, .countMismatch, .cursorIgnored,
        .membershipsPerOrganization, .incompleteCollection, .collectionNotReadable, .roleSetFallback, .roleOutsideRoleSet,
        .roleSetMigration, .unresolvedPathRole, .danglingPathOrganization, .danglingMachine, .invitationNotPending, .danglingRole,
    ]
}
