import Budgets
import Files
import ArgumentParser
import Loihi

extension NBPScopeCommand {
  /// `nbpscope sim NET.json [--out FILE]`: runs a JSON-described network and prints its probes.
  struct Sim: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a network described in JSON and write its probes as CSV.",
      discussion: """
        Output: a header 'tick,probe,index,value', then for each tick, for each probe in the \
        order listed, one row per element. See docs/network-json.md for the input format.
        """)

    @Argument(help: ArgumentHelp("The network description.", valueName: "NET.json"))
    var network: String

    @Option(name: .long, help: ArgumentHelp("Write the CSV here instead of stdout.", valueName: "FILE"))
    var out: String?

    @OptionGroup var budgetOptions: BudgetOptions

    func run() throws {
      let budget = try budgetOptions.resolved
      let spec: SimulationSpec
      do {
        spec = try SimulationSpec(json: try readInput(network), budget: budget)
        try budget.check(.probeRows, spec.probeRows)
      } catch let error as CommandFailure {
        throw error
      } catch {
        throw CommandFailure("\(network): \(error)")
      }
      let output = try AtomicOutput(path: out)
      var chip = Chip(network: spec.network, seed: spec.seed)
      var writer = ProbeCSVWriter()
      for _ in 0..<spec.ticks {
        chip.step()
        if !spec.probes.isEmpty { writer.append(spec.probes, of: chip) }
        if writer.bytes.count > 1 << 20 { try output.write(writer.drain()) }
      }
      try output.write(writer.drain())
      try output.commit()
    }
  }
}
