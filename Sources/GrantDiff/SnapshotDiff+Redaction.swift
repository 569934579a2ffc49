import CanonicalJSON
import SnapshotFormat

extension SnapshotDiff {
    /// The diff with every person's name and address replaced by `redactor`'s tokens (`diff --redact-pii`):
    /// users named anywhere (added, removed, changed, as grant principals, role-change members, access-path
    /// matches), the personal fields of a changed user, and invited addresses. Ids, organizations, roles and
    /// counts stay, so the redacted diff still says exactly what changed. Tokens are those of `convert` and
    /// `review` with the same key, so the outputs still join.
    public func redacted(by redactor: PIIRedactor) -> SnapshotDiff {
        func user(_ ref: ResourceRef) -> ResourceRef {
            guard ref.type == .user else { return ref }
            var ref = ref
            ref.name = redactor.token(ref.name)
            ref.email = redactor.token(ref.email, isEmail: true)
            return ref
        }
        func grant(_ record: GrantRecord) -> GrantRecord {
            var record = record
            record.principal = user(record.principal)
            return record
        }
        func path(_ record: AccessPathRecord) -> AccessPathRecord {
            var record = record
            record.principal = redactor.redactPrincipal(record.principal)
            record.matchingUser = record.matchingUser.map(user)
            return record
        }
        /// A changed value of a personal field, replaced on both sides.
        func personal(_ change: FieldChange, _ isPersonal: (String) -> Bool) -> FieldChange {
            guard isPersonal(change.field) else { return change }
            let field = change.field.hasPrefix("source.") ? String(change.field.dropFirst("source.".count)) : change.field
            return FieldChange(
                field: change.field, old: change.old.map { redactor.token(field: field, $0) }, new: change.new.map { redactor.token(field: field, $0) })
        }
        var diff = self
        diff.resourcesAdded = resourcesAdded.map(user)
        diff.resourcesRemoved = resourcesRemoved.map(user)
        diff.resourcesChanged = resourcesChanged.map { change in
            guard change.record.type == .user else { return change }
            return RecordChange(
                record: user(change.record), changes: change.changes.map { personal($0, PIIRedactor.personalUserFields.contains) })
        }
        diff.grantsAdded = grantsAdded.map(grant)
        diff.grantsRemoved = grantsRemoved.map(grant)
        diff.grantsChanged = grantsChanged.map { RecordChange(record: grant($0.record), changes: $0.changes) }
        diff.roleChanges = roleChanges.map { change in
            var change = change
            change.principal = user(change.principal)
            return change
        }
        // The order names the members by their names; with tokens in place, sort by the tokens, so the
        // order tells nothing about the names.
        diff.roleChanges.sort(by: SnapshotDiffer.roleChangeOrder)
        diff.accessPathsAdded = accessPathsAdded.map(path)
        diff.accessPathsRemoved = accessPathsRemoved.map(path)
        diff.accessPathsChanged = accessPathsChanged.map { change in
            RecordChange(
                record: path(change.record),
                changes: change.changes.map { change in
                    if change.field == "principal" {
                        func principal(_ value: JSONValue) -> JSONValue { value.stringValue.map { .string(redactor.redactPrincipal($0)) } ?? value }
                        return FieldChange(field: change.field, old: change.old.map(principal), new: change.new.map(principal))
                    }
                    return personal(change) { $0 == "source.email_address" }
                })
        }
        return diff
    }
}
