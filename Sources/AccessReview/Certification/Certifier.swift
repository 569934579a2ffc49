import SnapshotFormat

/// `certify`: every row of the decision files checked against the snapshot, then every membership
/// checked for a decision. A row is taken only when it names a membership of the snapshot exactly as the
/// snapshot holds it (digest, membership, organization, user, role) with a valid decision; two rows that
/// disagree cancel each other. Nothing a row says is trusted beyond the membership id it names.
public enum Certifier {
    /// Certifies `index`'s snapshot with `files` (in the order given), as of `certifiedAt`: every
    /// membership, or those of the organizations of `scope` (`certify --org`; its findings filters play
    /// no part).
    public static func certify(
        _ index: AccessIndex, files: [DecisionFile], certifiedAt: String, scope: ReviewScope = .everything,
        limits: CSVReader.Limits = .decisions
    ) throws(DecisionFileError) -> Certification {
        var checker = RowChecker(index: index, scope: scope)
        var fileRows: [(name: String, rows: Int)] = []
        for file in files {
            let records: [CSVReader.Record]
            do {
                records = try CSVReader.records(file.bytes, limits: limits)
            } catch {
                throw DecisionFileError(file: file.name, line: error.line, reason: "not a CSV file this tool reads: \(error.reason)")
            }
            guard let header = records.first else {
                throw DecisionFileError(file: file.name, line: 1, reason: "it is empty; a workbook starts with its header row")
            }
            let columns = try columnPositions(header, file: file.name)
            for record in records.dropFirst() {
                guard record.fields.count == header.fields.count else {
                    throw DecisionFileError(
                        file: file.name, line: record.line,
                        reason: "the row has \(record.fields.count) fields, the header \(header.fields.count)")
                }
                checker.check(record, columns: columns, file: file.name)
            }
            fileRows.append((file.name, records.count - 1))
        }
        let snapshot = index.snapshot
        let decisions = checker.decisions()
        return Certification(
            snapshotDigest: snapshot.digest, snapshotGeneratedAt: snapshot.generatedAt, instance: snapshot.source.instance,
            snapshotComplete: snapshot.complete, certifiedAt: certifiedAt, files: fileRows, decisions: decisions,
            problems: checker.problems + checker.missing(), organizations: checker.completion(of: decisions),
            membershipCount: scope.organizationIDs == nil
                ? index.memberships.count : checker.organizations.reduce(0) { $0 + index.memberships(of: $1.id).count },
            organizationScope: scope.organizationIDs == nil ? nil : checker.organizations.map(\.id))
    }

    /// Where each required column is, found by name; a missing or repeated one refuses the file.
    static func columnPositions(_ header: CSVReader.Record, file: String) throws(DecisionFileError) -> [WorkbookColumn: Int] {
        var positions: [WorkbookColumn: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            guard let column = WorkbookColumn(rawValue: name.trimmingSpaces) else { continue }
            guard positions[column] == nil else {
                throw DecisionFileError(file: file, line: header.line, reason: "the header has the column \(column.rawValue) twice")
            }
            positions[column] = position
        }
        let missing = WorkbookColumn.required.filter { positions[$0] == nil }
        guard missing.isEmpty else {
            throw DecisionFileError(
                file: file, line: header.line,
                reason: "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.map(\.rawValue).joined(separator: ", ")) (write the workbook with review --format workbook)")
        }
        return positions
    }
}
