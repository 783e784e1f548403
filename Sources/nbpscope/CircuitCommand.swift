import ArgumentParser
import NBP

extension NBPScopeCommand {
  /// `nbpscope circuit`: prints the nBP topology.
  struct CircuitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "circuit",
      abstract: "Print the nBP circuit: populations, connections, synapse totals, phase table.")

    @Option(help: ArgumentHelp("Input layer size (400 for mnist20, 784 for mnist28/fmnist28).", valueName: "n"))
    var input = 400
    @Option(help: ArgumentHelp("Hidden layer size.", valueName: "n")) var hidden = 400
    @Option(help: ArgumentHelp("Output layer size.", valueName: "n")) var output = 10
    @Flag(help: "The 4-gate inference circuit instead of the 12-gate training circuit.")
    var inference = false

    func validate() throws {
      guard input > 0, hidden > 0, output > 1 else {
        throw ValidationError("Sizes must be positive, with at least 2 outputs.")
      }
    }

    func run() throws {
      let topology =
        inference
        ? Topology.inference(input: input, hidden: hidden, output: output)
        : Topology.training(input: input, hidden: hidden, output: output)
      let weights = NBPWeights.initial(input: input, hidden: hidden, output: output, seed: 0)
      print(try CircuitNetwork(topology: topology, weights: weights).summary)
    }
  }
}
