import NumPy
import Testing

/// Seeded random damage to valid images: each must parse or throw a one-line NumPyError.
struct MutationTests {
  enum Damage: CaseIterable {
    case truncate, flipBit, insertByte, deleteByte, overwriteWord
  }

  static func mutate(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
    var copy = bytes
    // Several small injuries at once reach states one alone cannot (e.g. past a CRC check).
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      let position = copy.isEmpty ? 0 : Int.random(in: 0..<copy.count, using: &random)
      switch Damage.allCases.randomElement(using: &random)! {
      case .truncate:
        copy.removeSubrange(position...)
      case .flipBit where !copy.isEmpty:
        copy[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
      case .insertByte:
        copy.insert(UInt8.random(in: 0...255, using: &random), at: position)
      case .deleteByte where !copy.isEmpty:
        copy.remove(at: position)
      case .overwriteWord where position + 4 <= copy.count:
        // Sizes and offsets are words; extreme values probe the overflow checks.
        let word: [UInt8] = [[0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0x7F]]
          .randomElement(using: &random)!
        copy.replaceSubrange(position..<position + 4, with: word)
      default:
        break
      }
    }
    return copy
  }

  @Test func npyImagesSurviveMutation() throws {
    var random = SplitMix64(state: 0x5EED_0001)
    let sources = try ["f8_2d_f.npy", "i2_v3.npy", "b1_1d.npy", "f8_0d.npy"].map(Fixtures.bytes)
    var parsed = 0
    for round in 0..<10_000 {
      let image = Self.mutate(sources[round % sources.count], using: &random)
      do {
        let array = try NpyArray.parse(image, name: "m.npy")
        _ = array.doubles()
        parsed += 1
      } catch {
        #expect(!error.description.contains("\n"))
      }
    }
    // Some mutations (e.g. a flipped data bit) leave valid files; most must not.
    #expect(parsed > 0 && parsed < 10_000)
  }

  @Test func npzImagesSurviveMutation() throws {
    var random = SplitMix64(state: 0x5EED_0002)
    let sources = try ["savez.npz", "savez_compressed.npz", "zip64.npz", "streamed_compressed.npz"]
      .map(Fixtures.bytes)
    var parsed = 0
    for round in 0..<10_000 {
      let image = Self.mutate(sources[round % sources.count], using: &random)
      do {
        _ = try NpzArchive.parse(image, file: "m.npz")
        parsed += 1
      } catch {
        #expect(!error.description.contains("\n"))
      }
    }
    #expect(parsed < 10_000)
  }
}
