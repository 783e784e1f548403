import Scope
import Testing

struct InspectorTests {
  let inspector = Inspector(
    title: "h1 neuron 17", rows: [.init("spikes", "3"), .init("v", "-1204"), .init("u", "17")])

  @Test func alignedKeysAndValues() {
    let buffer = rendered(inspector, width: 20, height: 4)
    #expect(buffer.lines == [
      "h1 neuron 17        ",
      "spikes 3            ",
      "v      -1204        ",
      "u      17           ",
    ])
    #expect(buffer[0, 1].style == Theme.dark.dimText)
    #expect(buffer[7, 1].style == Theme.dark.text)
  }

  @Test func rowsThatDoNotFitAreCounted() {
    #expect(rendered(inspector, width: 16, height: 3).lines == [
      "h1 neuron 17    ",
      "spikes 3        ",
      "… 2 more        ",
    ])
  }

  @Test func longValuesAreCut() {
    let wide = Inspector(title: "t", rows: [.init("k", "a long value")])
    #expect(rendered(wide, width: 8, height: 2).lines == ["t       ", "k a lon…"])
  }
}
