// The nBP circuit core lives here (issue 4): the 12-phase synfire-gated backprop topology as data,
// its builder onto a Loihi network, the sample driver, IDX data sets and preprocessing, and the
// non-spiking reference model that the circuit must match weight for weight.
// Placeholder: this target has no code yet; it compiles so the package layout is final.
