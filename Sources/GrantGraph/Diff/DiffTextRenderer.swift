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
        if !(diff.resourcesAdded.isEmpty && diff.resourcesRemoved.isEmpty && diff.resourcesChanged.isEmpty) {
            line()
            line(paint("Resources", .bold))
            for resource in diff.resourcesAdded { line("  " + paint("+", .green) + " " + describe(resource, withType: true)) }
            for resource in diff.resourcesRemoved { line("  " + paint("-", .red) + " " + describe(resource, withType: true)) }
            for change in diff.resourcesChanged {
                line("  " + paint("~", .yellow) + " " + describe(change.resource, withType: true))
                for field in change.changes { line("      \(field.field): \(DiffFieldFormatter.describe(field))") }
            }
        }
        if !(diff.entitlementsAdded.isEmpty && diff.entitlementsRemoved.isEmpty && diff.entitlementsChanged.isEmpty) {
            line()
            line(paint("Entitlements", .bold))
            for entitlement in diff.entitlementsAdded { line("  " + paint("+", .green) + " \(entitlement.name) (\(entitlement.id))") }
            for entitlement in diff.entitlementsRemoved { line("  " + paint("-", .red) + " \(entitlement.name) (\(entitlement.id))") }
            for change in diff.entitlementsChanged {
                line("  " + paint("~", .yellow) + " \(change.entitlement.name) (\(change.entitlement.id))")
                for field in change.changes { line("      \(field.field): \(DiffFieldFormatter.describe(field))") }
            }
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
