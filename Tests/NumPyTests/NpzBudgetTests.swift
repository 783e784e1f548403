import Budgets
import NumPy
import Testing

/// An npz is measured by its directory before any member is inflated, and members a reader does
/// not ask for are never inflated.
@Suite struct NpzBudgetTests {
  static let archive = NpzArchive(members: [
    ("w1", NpyArray(shape: [2], int32s: [1, 2])),
    ("big", NpyArray(shape: [4096], int32s: Array(repeating: 7, count: 4096))),
  ]).serialized()

  @Test func membersOverTheByteBudgetAreRefusedBeforeInflating() throws {
    var budget = ResourceBudget.standard
    budget[.npzBytes] = 1000
    do {
      _ = try NpzArchive.parse(Self.archive, file: "w.npz", budget: budget)
      Issue.record("accepted")
    } catch {
      #expect(error.description.contains("w.npz"))
      #expect(error.description.contains("big.npy"))
      #expect(error.description.contains("at most 1,000 bytes of npz members (the budget; raise it with --budget npz-bytes=N)"))
    }
    // Only what is read counts: the small member alone is within the budget.
    let only = try NpzArchive.parse(Self.archive, file: "w.npz", only: ["w1"], budget: budget)
    #expect(only.members.map(\.name) == ["w1"])
    #expect(only.names == ["w1", "big"])
    #expect(try only["w1"]?.integers(name: "w1") == [1, 2])
  }

  @Test func memberCountIsBudgeted() throws {
    var budget = ResourceBudget.standard
    budget[.npzMembers] = 1
    do {
      _ = try NpzArchive.parse(Self.archive, file: "w.npz", budget: budget)
      Issue.record("accepted")
    } catch {
      #expect(error.description.contains("expected at most 1 npz members (the budget; raise it with --budget npz-members=N), found 2"))
    }
  }
}
