import ArgumentParser

/// The `nbpscope` command line: wiring only; every behaviour lives in the library targets.
@main
struct NBPScopeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nbpscope",
    abstract: "A terminal debugger for spiking neural dynamics on an emulated Loihi 1 chip.",
    discussion: """
      nbpscope emulates Intel's Loihi 1 bit for bit and runs the synfire-gated backpropagation \
      circuit (nBP) of Renner et al. (2024) on it.
      """,
    version: "0.1.0",
    subcommands: [
      Tui.self, Sim.self, CircuitCommand.self, Train.self, Eval.self, Debug.self, Record.self, Trace.self,
      Export.self, Import.self, Plot.self, Bench.self,
    ],
    defaultSubcommand: Tui.self)
}

/// A failure worth one line on stderr and exit code 1; the text is complete as it stands.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
