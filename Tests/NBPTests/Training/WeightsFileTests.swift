import Foundation
import NumPy
import Testing

@testable import NBP

@Suite struct WeightsFileTests {
  @Test func roundTripThroughNpz() throws {
    let weights = NBPWeights.initial(input: 20, hidden: 8, output: 3, seed: 9)
    let archive = weights.archive(seed: 9, epoch: 2, dataset: "mnist20")
    #expect(archive.members.map(\.name) == ["w1", "w2", "w2Tp", "w2Tm", "seed", "epoch", "dataset"])
    #expect(archive["w1"]?.shape == [8, 20])
    #expect(archive["w2"]?.shape == [3, 8])
    #expect(archive["w2Tp"]?.shape == [8, 3])
    let parsed = try NpzArchive.parse(archive.serialized(), file: "w.npz")
    #expect(try NBPWeights(archive: parsed, file: "w.npz") == weights)
    // The authors' layout: w1[hidden, input] is the chip's [input][hidden] transposed.
    let w1 = try parsed["w1"]!.integers(name: "w1")
    #expect(w1[3 * 20 + 5] == Int64(weights.w1[5 * 8 + 3]))
  }

  /// Float64 arrays with only w1 and w2, as the authors' numpy code saves them.
  @Test func float64WithDerivedCopies() throws {
    let w1 = (0..<12).map { Double(($0 % 5) * 2 - 4) }  // hidden 3 × input 4
    let w2 = [2.0, -4, 6, -256, 254, 0]  // output 2 × hidden 3
    let archive = NpzArchive(members: [
      ("w1", NpyArray(shape: [3, 4], doubles: w1)), ("w2", NpyArray(shape: [2, 3], doubles: w2)),
    ])
    let weights = try NBPWeights(archive: archive, file: "a.npz")
    #expect(weights.input == 4 && weights.hidden == 3 && weights.output == 2)
    // W2Tp = W2ᵀ and W2Tm = −W2ᵀ in the chip's [output][hidden] layout; −(−256) clips to 254.
    #expect(weights.w2Tp == [2, -4, 6, -256, 254, 0])
    #expect(weights.w2Tm == [-2, 4, -6, 254, -254, 0])
  }

  struct BadCase: CustomTestStringConvertible, Sendable {
    let id: String
    let w1: [Double]
    let message: String
    var testDescription: String { id }
  }

  @Test(arguments: [
    BadCase(id: "fraction", w1: [2, 2.5, 0, 0], message: "w1: element 1 (C order)"),
    BadCase(id: "range", w1: [2, 4, 300, 0], message: "'w1'[1, 0] is 300, expected an even integer in -256...254"),
    BadCase(id: "odd", w1: [2, 4, 0, 3], message: "'w1'[1, 1] is 3, expected an even integer"),
  ])
  func badWeightsNameTheKeyAndIndex(_ c: BadCase) throws {
    let archive = NpzArchive(members: [
      ("w1", NpyArray(shape: [2, 2], doubles: c.w1)), ("w2", NpyArray(shape: [2, 2], doubles: [0, 0, 0, 0])),
    ])
    do {
      _ = try NBPWeights(archive: archive, file: "bad.npz")
      Issue.record("expected an error")
    } catch let error as WeightsFileError {
      #expect(error.description.hasPrefix("bad.npz: "))
      #expect(error.description.contains(c.message), "\(error.description)")
    }
  }

  @Test func missingKeys() {
    let archive = NpzArchive(members: [("weights", NpyArray(shape: [1], doubles: [0]))])
    #expect(throws: WeightsFileError.self) { try NBPWeights(archive: archive, file: "x.npz") }
  }

  /// Shapes that cannot make a circuit, and half of the transposed pair, are refused by name.
  @Test func shapesThatDoNotFitAreRefused() {
    func message(_ members: [(String, NpyArray)]) -> String {
      do {
        _ = try NBPWeights(archive: NpzArchive(members: members), file: "w.npz")
        return "accepted"
      } catch {
        return "\(error)"
      }
    }
    let w1 = NpyArray(shape: [2, 3], doubles: [0, 2, 4, 6, 8, 10])
    #expect(message([("w1", w1), ("w2", NpyArray(shape: [0, 2], doubles: []))]) == "w.npz: 'w2' has shape [0, 2], expected at least one output")
    #expect(
      message([("w1", NpyArray(shape: [0, 3], doubles: [])), ("w2", NpyArray(shape: [2, 0], doubles: []))])
        == "w.npz: 'w1' has shape [0, 3], expected at least one hidden unit and one input")
    let w2 = NpyArray(shape: [1, 2], doubles: [2, 4])
    #expect(
      message([("w1", w1), ("w2", w2), ("w2Tp", NpyArray(shape: [2, 1], doubles: [2, 4]))])
        == "w.npz: 'w2Tp' without 'w2Tm': give both transposed copies of 'w2' or neither")
    #expect(message([("w1", w1), ("w2", w2)]) == "accepted")
  }
}
