extension CircuitProfile {
  /// The profiles nbpscope ships, as the TOML a user would write (`circuit --profile X --print`).
  /// The first is the default.
  package static let namedSources: [(name: String, text: String)] = [
    (
      "nbp-2024",
      """
      # The circuit as the authors' package code has it since 15 August 2024 (MNIST20, the paper's
      # MNIST result): the default.
      name = "nbp-2024"
      summary = "today's circuit (lanl/spikingBackprop after 2024-08-15): gi -254*2^5, refractory 2 on sfc/sfl"

      [weights]       # weight units; encoded as mantissa*2^exp (|mantissa| <= 255, smallest exp)
      g = 8704        # 8192 + 512: cancels the bias, leaves +theta
      gm05 = 512      # with g: fires if input > 0
      gp05 = 8192     # cancels the bias only: fires if input > 1024
      1ge = 9280      # 8192 + 1024 + 64: fires a gate on its own
      1e = 520        # 512 + 8
      1i = -520
      gi = -8128      # -254 * 2^5

      [vetoes]        # windows (0-11) in which that window's gate gNN vetoes the group
      hidden = [8]          # h1, h1_copy, h1_copy2
      output = [0, 6, 10]   # o, o_copy, o_copy2
      backward = [4]        # h1T, oT-

      [refractory]    # ticks held after a spike; 0 = none (the chip register gets max(r, 1))
      sfc = 2
      sfl = 2
      sfl_nr = 0      # h1T fires in consecutive windows (5-6, 9-10)
      gate = 0

      [neuron]
      weight_exponent = 0   # plastic weights w add w*2^e; threshold and bias follow unless set
      # threshold = 1024    # derived: 1024 * 2^weight_exponent
      # bias = -8192        # derived: -8192 * 2^weight_exponent
      """
    ),
    (
      "fmnist-2024-07",
      """
      # The circuit while the authors ran Fashion-MNIST (July to mid-August 2024), before the commit
      # of 15 August 2024 "add refractory neurons (not needed) and automatically scale threshold by
      # weight exp, tweak some params".
      base = "nbp-2024"
      name = "fmnist-2024-07"
      summary = "the authors' circuit of July-August 2024: gi -254*2^6, vetoes in 0/6/8/10, refractory 0, 1e 516"

      [weights]
      1e = 516        # 512 + 4
      gi = -16256     # -254 * 2^6

      [vetoes]
      hidden = [0, 6, 8, 10]
      output = [0, 6, 8, 10]

      [refractory]
      sfc = 0
      sfl = 0
      """
    ),
  ]

  /// The names of the shipped profiles, the default first.
  package static var names: [String] { namedSources.map(\.name) }

  /// The default profile: today's circuit.
  package static let standard: CircuitProfile = named("nbp-2024")!

  /// A shipped profile by name. The shipped texts are tested to parse, so a failure here is a bug.
  package static func named(_ name: String) -> CircuitProfile? {
    guard let source = namedSources.first(where: { $0.name == name }) else { return nil }
    do {
      return try parse(source.text, file: "<profile \(name)>")
    } catch {
      preconditionFailure("shipped profile '\(name)' does not parse: \(error)")
    }
  }
}
