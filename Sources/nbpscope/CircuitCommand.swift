import ArgumentParser
import NBP

extension NBPScopeCommand {
  /// `nbpscope circuit`: prints the nBP topology, a profile, or what differs between two profiles.
  struct CircuitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "circuit",
      abstract: "Print the nBP circuit: populations, connections, synapse totals, phase table.",
      discussion: """
        --profile picks the circuit version; --print-profile prints it as a complete TOML file \
        (a starting point for your own), --diff B lists what differs from profile B.
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: ArgumentHelp("Input layer size (400 for mnist20, 784 for mnist28/fmnist28).", valueName: "n"))
    var input = 400
    @Option(help: ArgumentHelp("Hidden layer size.", valueName: "n")) var hidden = 400
    @Option(help: ArgumentHelp("Output layer size.", valueName: "n")) var output = 10
    @Flag(help: "The 4-gate inference circuit instead of the 12-gate training circuit.")
    var inference = false
    @Option(help: ArgumentHelp("List what differs from this profile.", valueName: "NAME|FILE.toml"))
    var diff: String?
    @Flag(help: "Print the profile as TOML instead of the circuit.") var printProfile = false

    func validate() throws {
      guard input > 0, hidden > 0, output > 1 else {
        throw ValidationError("Sizes must be positive, with at least 2 outputs.")
      }
    }

    func run() throws {
      let profile = try profileOptions.resolved()
      if let diff {
        print(profile.diffReport(against: try ProfileOptions(profile: diff).resolved()))
        return
      }
      if printProfile {
        print(profile.toml)
        return
      }
      let topology =
        inference
        ? Topology.inference(input: input, hidden: hidden, output: output, profile: profile)
        : Topology.training(input: input, hidden: hidden, output: output, profile: profile)
      let weights = NBPWeights.initial(input: input, hidden: hidden, output: output, seed: 0)
      print("profile: \(profile.name) (\(profile.summary))")
      print(try CircuitNetwork(topology: topology, weights: weights).summary)
    }
  }
}
