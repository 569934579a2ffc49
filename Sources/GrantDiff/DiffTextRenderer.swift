import ClerkModel
import OutputEscaping

/// The diff for a person at a terminal: header, headline counts, then grants by organization and role,
/// role permissions, resources, entitlements and diagnostics. ANSI colors only when `color` is set.
/// Every value from a snapshot goes through `t` (`TerminalText`) before any colour is put around it.
public struct DiffTextRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    private enum Style: String {
        case bold = "1"
        case green = "32"
        case red = "31"
        case yellow = "33"
        case alarm = "1;31"
        case dim = "2"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    public static let privilegeMark = "!! privilege increase"

    public func render(_ diff: SnapshotDiff) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        /// Added, removed and changed records of one kind, each changed one with its fields old -> new.
        func recordSection<Record>(
            _ title: String, _ added: [Record], _ removed: [Record], _ changed: [SnapshotDiff.RecordChange<Record>],
            _ name: (Record) -> String
        ) {
            guard !(added.isEmpty && removed.isEmpty && changed.isEmpty) else { return }
            line()
            line(paint(title, .bold))
            for record in added { line("  " + paint("+", .green) + " " + name(record)) }
            for record in removed { line("  " + paint("-", .red) + " " + name(record)) }
            for change in changed {
                line("  " + paint("~", .yellow) + " " + name(change.record))
                for field in change.changes { line("      \(fieldChange(field))") }
            }
        }

        line(paint("clerk-grants diff of \(t(diff.new.instance))", .bold))
        if diff.old.instance != diff.new.instance { line("  (old instance: \(t(diff.old.instance)))") }
        line("  old  \(t(diff.old.generatedAt))  \(t(diff.old.digest))\(diff.old.complete ? "" : "  INCOMPLETE")")
        line("  new  \(t(diff.new.generatedAt))  \(t(diff.new.digest))\(diff.new.complete ? "" : "  INCOMPLETE")")
        if diff.schemaVersionsDiffer { line("  schema \(t(diff.old.schemaVersion)) -> \(t(diff.new.schemaVersion))") }
        if !diff.old.complete || !diff.new.complete {
            line("  note: an incomplete snapshot lacks part of a collection; its additions or removals may not be real")
        }
        line()
        if diff.isEmpty {
            line(diff.digestsEqual ? "No changes (equal digests)." : "No changes.")
            return out
        }
        line(paint("Summary: ", .bold) + DiffSummary.headline(diff))
        line()
        line("                   added  removed  changed")
        for row in DiffSummary.rows(diff) {
            line("  " + pad(row.label, 15) + number(row.added, 7) + number(row.removed, 9) + number(row.changed, 9))
        }
        line("  " + pad("role changes", 15) + number(diff.roleChanges.count, 25))
        line("  " + pad("diagnostics", 15) + number(diff.diagnosticsAppeared.count, 7) + number(diff.diagnosticsDisappeared.count, 9))
        let increases = "  privilege increases: \(diff.privilegeIncreases)"
        line(diff.privilegeIncreases > 0 ? paint(increases, .alarm) : increases)

        let layout = DiffLayout(diff)
        for section in layout.sections {
            switch section {
            case .grants:
                line()
                line(paint(section.title, .bold))
                for group in layout.organizations {
                    line("  " + paint(t(group.organization.name), .bold) + " (\(t(group.organization.id)))")
                    for role in group.roles {
                        line("    " + t(role.roleKey))
                        for entry in role.entries { line("      " + membershipEntry(entry)) }
                    }
                }
            case .rolePermissions:
                line()
                line(paint(section.title, .bold))
                for group in layout.rolePermissions {
                    line("  " + paint(t(group.role.key ?? group.role.name), .bold) + " \(t(group.role.name)) (\(t(group.role.id)))")
                    for entry in group.entries { line("    " + permissionEntry(entry)) }
                }
            case .machineAccess:
                line()
                line(paint(section.title, .bold))
                for group in layout.machineAccess {
                    line("  " + paint(t(group.machine.name), .bold) + " (\(t(group.machine.id))) can be called by")
                    for entry in group.entries { line("    " + machineEntry(entry)) }
                }
            case .accessPaths:
                line()
                line(paint(section.title, .bold))
                for group in layout.accessPaths {
                    line("  " + paint(t(group.organization.name), .bold) + " (\(t(group.organization.id)))")
                    for entry in group.entries {
                        line("    " + pathEntry(entry))
                        for field in entry.changes { line("        \(fieldChange(field))") }
                    }
                }
            case .roleSets:
                line()
                line(paint(section.title, .bold))
                for change in layout.roleSets {
                    line("  " + roleSetEntry(change))
                    for field in change.otherChanges { line("      \(fieldChange(field))") }
                }
            case .resources:
                recordSection(section.title, layout.resourcesAdded, layout.resourcesRemoved, layout.resourcesChanged) {
                    describe($0, withType: true)
                }
            case .entitlements:
                recordSection(section.title, diff.entitlementsAdded, diff.entitlementsRemoved, diff.entitlementsChanged) {
                    "\(t($0.name)) (\(t($0.id)))"
                }
            case .diagnostics:
                line()
                line(paint(section.title, .bold))
                for diagnostic in diff.diagnosticsAppeared {
                    line("  " + paint("+", .green) + " " + describe(diagnostic))
                }
                for diagnostic in diff.diagnosticsDisappeared {
                    line("  " + paint("-", .red) + " " + describe(diagnostic))
                }
            }
        }
        return out
    }

    private func t(_ text: String) -> String { TerminalText.escape(text) }

    private func describe(_ ref: SnapshotDiff.ResourceRef, withType: Bool = false) -> String {
        var text = withType ? "\(ref.type?.rawValue ?? "resource") " : ""
        if let key = ref.key, ref.type == .role { text += "\(t(key)) " }
        text += t(ref.name)
        if let email = ref.email { text += " <\(t(email))>" }
        return text + " (\(t(ref.id)))"
    }

    private func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.severity.rawValue) \(t(diagnostic.code.rawValue)) (\(t(diagnostic.subject))): \(t(diagnostic.message))"
    }

    private func fieldChange(_ change: SnapshotDiff.FieldChange) -> String {
        "\(t(change.field)): \(t(DiffFieldFormatter.describe(change)))"
    }

    private func marker(_ mark: DiffLayout.Mark) -> String {
        switch mark {
        case .added: paint("+", .green)
        case .removed: paint("-", .red)
        case .roleChanged, .changed: paint("~", .yellow)
        }
    }

    private func privilege(_ entry: DiffLayout.Entry) -> String {
        guard entry.privilegeIncrease else { return "" }
        var text = DiffTextRenderer.privilegeMark
        if let change = entry.roleChange {
            text += " (+\(change.gainedPrivileges.count) privileged permission\(change.gainedPrivileges.count == 1 ? "" : "s"))"
        }
        return "  " + paint(text, .alarm)
    }

    private func membershipEntry(_ entry: DiffLayout.Entry) -> String {
        var text = marker(entry.mark) + " " + describe(entry.subject)
        let membership = entry.membershipID.map { ", membership \(t($0))" } ?? ""
        switch entry.mark {
        case .roleChanged:
            let change = entry.roleChange!
            text += " role changed \(t(change.oldRoleKey ?? DiffLayout.noRole)) -> \(t(change.newRoleKey ?? DiffLayout.noRole))\(membership)"
        case .added, .removed:
            text += " " + entry.kinds.map(\.rawValue).joined(separator: "+") + " grant\(entry.kinds.count == 1 ? "" : "s")\(membership)"
        case .changed:
            text += " " + entry.kinds.map(\.rawValue).joined(separator: "+") + " grant\(membership): "
                + entry.changes.map(fieldChange).joined(separator: "; ")
        }
        return text + privilege(entry)
    }

    private func permissionEntry(_ entry: DiffLayout.Entry) -> String {
        var text = marker(entry.mark) + " " + (entry.subject.key.map { "\(t($0)) " } ?? "") + "\(t(entry.subject.name)) (\(t(entry.subject.id)))"
        if entry.mark == .changed {
            text += ": " + entry.changes.map(fieldChange).joined(separator: "; ")
        }
        return text + privilege(entry)
    }

    private func machineEntry(_ entry: DiffLayout.Entry) -> String {
        let verb = entry.mark == .removed ? "no longer" : entry.mark == .added ? "now" : "still"
        var text = marker(entry.mark) + " " + t(entry.subject.name) + " (\(t(entry.subject.id))) \(verb) in scope"
        if entry.mark == .changed { text += ": " + entry.changes.map(fieldChange).joined(separator: "; ") }
        return text
    }

    private func pathEntry(_ entry: DiffLayout.PathEntry) -> String {
        let path = entry.path
        var text = marker(entry.mark) + " \(t(path.kind.rawValue)) \(t(path.id)): \(t(path.principal)) -> "
        text += path.role.map { "\($0.key.map { t($0) + " " } ?? "")(\(t($0.id)))" } ?? "member only (\(t(path.entitlement)))"
        text += ", \(t(path.status))"
        if let user = path.matchingUser { text += ", matches " + describe(user) }
        return text + (path.privilegeIncrease ? "  " + paint(DiffTextRenderer.privilegeMark, .alarm) : "")
    }

    private func roleSetEntry(_ change: SnapshotDiff.RoleSetChange) -> String {
        let mark: DiffLayout.Mark = change.mark == .added ? .added : change.mark == .removed ? .removed : .changed
        var text = marker(mark) + " " + describe(change.roleSet, withType: true)
        let roles = change.rolesAdded.map { "+" + t($0) } + change.rolesRemoved.map { "-" + t($0) }
        if !roles.isEmpty { text += ": roles " + roles.joined(separator: " ") }
        return text
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func number(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
