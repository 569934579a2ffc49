import OutputEscaping

/// The diff as GitHub-flavoured markdown, for a ticket or a review: headline table first, privilege
/// increases called out in bold, ids in code spans, every value from a snapshot escaped (`MarkdownText`).
public enum DiffMarkdownRenderer {
    public static func render(_ diff: SnapshotDiff) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        /// Added, removed and changed records of one kind, each changed one with its fields old -> new.
        func recordSection<Record>(
            _ title: String, _ added: [Record], _ removed: [Record], _ changed: [SnapshotDiff.RecordChange<Record>],
            _ name: (Record) -> String
        ) {
            guard !(added.isEmpty && removed.isEmpty && changed.isEmpty) else { return }
            line("### \(title)")
            line()
            for record in added { line("- added \(name(record))") }
            for record in removed { line("- removed \(name(record))") }
            for change in changed {
                line("- changed \(name(change.record))")
                for field in change.changes { line("  - \(code(field.field)): \(code(DiffFieldFormatter.describe(field)))") }
            }
            line()
        }

        line("## Access changes: \(escape(diff.new.instance))")
        line()
        line("| | generated at | digest | complete |")
        line("|---|---|---|---|")
        line("| old | \(escape(diff.old.generatedAt)) | \(cellCode(diff.old.digest)) | \(diff.old.complete ? "yes" : "**no**") |")
        line("| new | \(escape(diff.new.generatedAt)) | \(cellCode(diff.new.digest)) | \(diff.new.complete ? "yes" : "**no**") |")
        line()
        if diff.old.instance != diff.new.instance { line("Old instance: \(code(diff.old.instance)).\n") }
        if diff.schemaVersionsDiffer { line("Snapshot schema \(code(diff.old.schemaVersion)) → \(code(diff.new.schemaVersion)).\n") }
        if diff.isEmpty {
            line(diff.digestsEqual ? "No changes (equal digests)." : "No changes.")
            return out
        }
        line("**Summary:** \(escape(DiffSummary.headline(diff)))")
        line()
        line("| | added | removed | changed |")
        line("|---|--:|--:|--:|")
        for row in DiffSummary.rows(diff) { line("| \(row.label) | \(row.added) | \(row.removed) | \(row.changed) |") }
        line("| role changes | | | \(diff.roleChanges.count) |")
        line("| diagnostics | \(diff.diagnosticsAppeared.count) | \(diff.diagnosticsDisappeared.count) | |")
        line()
        if diff.privilegeIncreases > 0 {
            line("**Privilege increases: \(diff.privilegeIncreases)** (marked ⚠ below)")
            line()
        }

        let layout = DiffLayout(diff)
        for section in layout.sections {
            switch section {
            case .grants:
                line("### \(section.title)")
                for group in layout.organizations {
                    line()
                    line("#### \(escape(group.organization.name)) \(code(group.organization.id))")
                    for role in group.roles {
                        line()
                        line("**\(escape(role.roleKey))**")
                        line()
                        for entry in role.entries { line("- " + membershipEntry(entry)) }
                    }
                }
                line()
            case .rolePermissions:
                line("### \(section.title)")
                for group in layout.rolePermissions {
                    line()
                    line("#### \(escape(group.role.key ?? group.role.name)) (\(escape(group.role.name))) \(code(group.role.id))")
                    line()
                    for entry in group.entries { line("- " + permissionEntry(entry)) }
                }
                line()
            case .machineAccess:
                line("### \(section.title)")
                for group in layout.machineAccess {
                    line()
                    line("#### \(escape(group.machine.name)) \(code(group.machine.id)) can be called by")
                    line()
                    for entry in group.entries {
                        let verb = entry.mark == .removed ? "removed" : entry.mark == .added ? "added" : "changed"
                        line("- \(verb): **\(escape(entry.subject.name))** \(code(entry.subject.id))")
                    }
                }
                line()
            case .accessPaths:
                line("### \(section.title)")
                for group in layout.accessPaths {
                    line()
                    line("#### \(escape(group.organization.name)) \(code(group.organization.id))")
                    line()
                    for entry in group.entries {
                        line("- " + pathEntry(entry))
                        for field in entry.changes { line("  - \(code(field.field)): \(code(DiffFieldFormatter.describe(field)))") }
                    }
                }
                line()
            case .roleSets:
                line("### \(section.title)")
                line()
                for change in layout.roleSets {
                    let roles = change.rolesAdded.map { "+" + $0 } + change.rolesRemoved.map { "-" + $0 }
                    line("- \(change.mark.rawValue) \(describe(change.roleSet, withType: true))" + (roles.isEmpty ? "" : ": roles " + roles.map(code).joined(separator: " ")))
                    for field in change.otherChanges { line("  - \(code(field.field)): \(code(DiffFieldFormatter.describe(field)))") }
                }
                line()
            case .resources:
                recordSection(section.title, layout.resourcesAdded, layout.resourcesRemoved, layout.resourcesChanged) {
                    describe($0, withType: true)
                }
            case .entitlements:
                recordSection(section.title, diff.entitlementsAdded, diff.entitlementsRemoved, diff.entitlementsChanged) {
                    "\(escape($0.name)) \(code($0.id))"
                }
            case .diagnostics:
                line("### \(section.title)")
                line()
                for diagnostic in diff.diagnosticsAppeared {
                    line("- appeared: \(diagnostic.severity.rawValue) \(code(diagnostic.code.rawValue)) \(code(diagnostic.subject)): \(escape(diagnostic.message))")
                }
                for diagnostic in diff.diagnosticsDisappeared {
                    line("- disappeared: \(diagnostic.severity.rawValue) \(code(diagnostic.code.rawValue)) \(code(diagnostic.subject)): \(escape(diagnostic.message))")
                }
                line()
            }
        }
        return out
    }

    private static func escape(_ text: String) -> String { MarkdownText.escape(text) }

    private static func code(_ text: String) -> String { MarkdownText.code(text) }

    private static func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }

    private static func describe(_ ref: SnapshotDiff.ResourceRef, withType: Bool = false) -> String {
        var text = withType ? "\(ref.type?.rawValue ?? "resource") " : ""
        if let key = ref.key, ref.type == .role { text += "\(code(key)) " }
        text += "**\(escape(ref.name))**"
        if let email = ref.email { text += " \(escape("<\(email)>"))" }
        return text + " \(code(ref.id))"
    }

    private static func privilege(_ entry: DiffLayout.Entry) -> String {
        guard entry.privilegeIncrease else { return "" }
        if let change = entry.roleChange {
            return " — ⚠ **privilege increase** (+\(change.gainedPrivileges.count) privileged: "
                + change.gainedPrivileges.map(code).joined(separator: ", ") + ")"
        }
        return " — ⚠ **privilege increase**"
    }

    private static func pathEntry(_ entry: DiffLayout.PathEntry) -> String {
        let path = entry.path
        let role = path.role.map { ($0.key.map { code($0) + " " } ?? "") + code($0.id) } ?? "member only \(code(path.entitlement))"
        var text = "\(entry.mark == .added ? "added" : entry.mark == .removed ? "removed" : "changed"): \(escape(path.kind.rawValue)) \(code(path.id)) "
            + "\(code(path.principal)) → \(role), \(escape(path.status))"
        if let user = path.matchingUser { text += ", matches \(describe(user))" }
        return text + (path.privilegeIncrease ? " — ⚠ **privilege increase**" : "")
    }

    private static func membershipEntry(_ entry: DiffLayout.Entry) -> String {
        let membership = entry.membershipID.map { ", membership \(code($0))" } ?? ""
        let who = describe(entry.subject)
        switch entry.mark {
        case .roleChanged:
            let change = entry.roleChange!
            return "role changed: \(who) \(code(change.oldRoleKey ?? DiffLayout.noRole)) → \(code(change.newRoleKey ?? DiffLayout.noRole))\(membership)" + privilege(entry)
        case .added, .removed:
            let grants = entry.kinds.map(\.rawValue).joined(separator: " + ") + " grant\(entry.kinds.count == 1 ? "" : "s")"
            return "\(entry.mark == .added ? "added" : "removed"): \(who) (\(grants))\(membership)" + privilege(entry)
        case .changed:
            return "changed: \(who) (\(entry.kinds.map(\.rawValue).joined(separator: " + ")) grant)\(membership): "
                + entry.changes.map { "\(code($0.field)) \(code(DiffFieldFormatter.describe($0)))" }.joined(separator: "; ")
        }
    }

    private static func permissionEntry(_ entry: DiffLayout.Entry) -> String {
        let what = (entry.subject.key.map { "\(code($0)) " } ?? "") + "\(escape(entry.subject.name)) \(code(entry.subject.id))"
        switch entry.mark {
        case .added: return "granted: \(what)" + privilege(entry)
        case .removed: return "revoked: \(what)"
        case .changed, .roleChanged:
            return "changed: \(what): " + entry.changes.map { "\(code($0.field)) \(code(DiffFieldFormatter.describe($0)))" }.joined(separator: "; ")
        }
    }
}
