import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// Machine-to-machine access (snapshot 1.1): each listed machine is a resource with one `access`
/// entitlement, and each entry of a machine's `scoped_machines` is a grant of the scoped machine's access
/// to the machine whose scope lists it (it may call that machine). A scope naming a machine the list did not
/// return has no entitlement to point at: no grant, and a `dangling_machine` diagnostic.
struct MachineAccess {
    /// Sorted by id.
    let entitlements: [Entitlement]
    /// Sorted by id, one per (caller, called) pair however often a scope repeats it.
    let grants: [Grant]
    let diagnostics: [Diagnostic]

    /// `machines`: the first of each id, in list order.
    init(_ machines: [ClerkMachine]) {
        let names = Dictionary(machines.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        entitlements = machines.map { machine in
            Entitlement(
                resource: Resource.id(.machine, machine.id), kind: .access, slug: "access", purpose: .assignment,
                grantableTo: [.machine], displayName: "Call \(machine.name)")
        }.sorted { codePointPrecedes($0.id, $1.id) }
        var grants: [String: Grant] = [:]
        var callersOfUnlisted: [String: Set<String>] = [:]
        for caller in machines {
            for called in caller.scopedMachines {
                guard names[called.id] != nil else {
                    callersOfUnlisted[called.id, default: []].insert(caller.id)
                    continue
                }
                let grant = Grant(
                    entitlement: Entitlement.accessID(machine: called.id), principal: Resource.id(.machine, caller.id),
                    source: Grant.Source())
                grants[grant.id] = grants[grant.id] ?? grant
            }
        }
        self.grants = grants.values.sorted { codePointPrecedes($0.id, $1.id) }
        diagnostics = callersOfUnlisted.map { called, callers in
            Diagnostic(
                code: .danglingMachine, severity: .warning,
                message:
                    "machine \(called) is in the scope of \(callers.sorted(by: codePointPrecedes).joined(separator: ", ")) but not in the machine list; no grant is recorded",
                subject: Resource.id(.machine, called))
        }
    }
}
