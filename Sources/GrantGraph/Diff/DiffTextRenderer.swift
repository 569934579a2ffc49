/// The diff for a person at a terminal: header, headline counts, then grants by organization and role,
/// role permissions, resources, entitlements and diagnostics. ANSI colors only when `color` is set.
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
                for field in change.changes { line("      \(field.field): \(DiffFieldFormatter.describe(field))") }
            }
        }

        line(paint("clerk-grants diff of \(diff.new.instance)", .bold))
        if diff.old.instance != diff.new.instance { line("  (old instance: \(diff.old.instance))") }
        line("  old  \(diff.old.generatedAt)  \(diff.old.digest)\(diff.old.complete ? "" : "  INCOMPLETE")")
        line("  new  \(diff.new.generatedAt)  \(diff.new.digest)\(diff.new.complete ? "" : "  INCOMPLETE")")
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
        if !layout.organizations.isEmpty {
            line()
            line(paint("Grants", .bold))
            for group in layout.organizations {
                line("  " + paint(group.organization.name, .bold) + " (\(group.organization.id))")
                for role in group.roles {
                    line("    " + role.roleKey)
                    for entry in role.entries { line("      " + membershipEntry(entry)) }
                }
            }
        }
        if !layout.rolePermissions.isEmpty {
            line()
            line(paint("Role permissions", .bold))
            for group in layout.rolePermissions {
                line("  " + paint(group.role.key ?? group.role.name, .bold) + " \(group.role.name) (\(group.role.id))")
                for entry in group.entries { line("    " + permissionEntry(entry)) }
            }
        }
        recordSection("Resources", diff.resourcesAdded, diff.resourcesRemoved, diff.resourcesChanged) {
            describe($0, withType: true)
        }
        recordSection("Entitlements", diff.entitlementsAdded, diff.entitlementsRemoved, diff.entitlementsChanged) {
            "\($0.name) (\($0.id))"
        }
        if !(diff.diagnosticsAppeared.isEmpty && diff.diagnosticsDisappeared.isEmpty) {
            line()
            line(paint("Diagnostics", .bold))
            for diagnostic in diff.diagnosticsAppeared {
                line("  " + paint("+", .green) + " \(diagnostic.severity.rawValue) \(diagnostic.code) (\(diagnostic.subject)): \(diagnostic.message)")
            }
            for diagnostic in diff.diagnosticsDisappeared {
                line("  " + paint("-", .red) + " \(diagnostic.severity.rawValue) \(diagnostic.code) (\(diagnostic.subject)): \(diagnostic.message)")
            }
        }
        return out
    }

    private func describe(_ ref: SnapshotDiff.ResourceRef, withType: Bool = false) -> String {
        var text = withType ? "\(ref.type?.rawValue ?? "resource") " : ""
        if let key = ref.key, ref.type == .role { text += "\(key) " }
        text += ref.name
        if let email = ref.email { text += " <\(email)>" }
        return text + " (\(ref.id))"
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
        let membership = entry.membershipID.map { ", membership \($0)" } ?? ""
        switch entry.mark {
        case .roleChanged:
            let change = entry.roleChange!
            text += " role changed \(change.oldRoleKey ?? DiffLayout.noRole) -> \(change.newRoleKey ?? DiffLayout.noRole)\(membership)"
        case .added, .removed:
            text += " " + entry.kinds.map(\.rawValue).joined(separator: "+") + " grant\(entry.kinds.count == 1 ? "" : "s")\(membership)"
        case .changed:
            text += " " + entry.kinds.map(\.rawValue).joined(separator: "+") + " grant\(membership): "
                + entry.changes.map { "\($0.field): \(DiffFieldFormatter.describe($0))" }.joined(separator: "; ")
        }
        return text + privilege(entry)
    }

    private func permissionEntry(_ entry: DiffLayout.Entry) -> String {
        var text = marker(entry.mark) + " " + (entry.subject.key.map { "\($0) " } ?? "") + "\(entry.subject.name) (\(entry.subject.id))"
        if entry.mark == .changed {
            text += ": " + entry.changes.map { "\($0.field): \(DiffFieldFormatter.describe($0))" }.joined(separator: "; ")
        }
        return text + privilege(entry)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private func number(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
