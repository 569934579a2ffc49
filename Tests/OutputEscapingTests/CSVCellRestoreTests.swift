@testable import OutputEscaping
import Testing

/// `CSVCell.restored` undoes exactly the formula guard `CSVCell.neutralised` adds, so `certify` reads
/// back the values a workbook wrote; a cell a person typed with a leading `'` before text stays as typed.
@Suite struct CSVCellRestoreTests {
    @Test func restoredUndoesNeutralisedForEveryHostileString() {
        for text in HostileAlphabet.strings(count: 1000, seed: 0x15) {
            #expect(CSVCell.restored(CSVCell.neutralised(text)) == text, "\(text.debugDescription)")
        }
        for start in CSVCell.formulaStarts {
            let text = String(start) + "SUM(A1)"
            #expect(CSVCell.neutralised(text) == "'" + text)
            #expect(CSVCell.restored("'" + text) == text)
        }
    }

    @Test func cellsWithoutTheGuardStayAsTheyAre() {
        for cell in ["plain", "", "'", "'a", "''", "a'=b", "org:admin"] {
            #expect(CSVCell.restored(cell) == cell)
            #expect(CSVCell.neutralised(cell) == cell)
        }
        // A value that itself begins with quotes before a formula start gets one more, so it reads back.
        #expect(CSVCell.neutralised("'=x") == "''=x" && CSVCell.restored("''=x") == "'=x")
    }
}
