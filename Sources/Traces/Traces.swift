// Spike traces live here (issue 5): the chunked, checksummed, indexed native trace format, its
// reader and crash-safe writer, and import/export of NumPy .npz, CSV, NEST and VCD.
// Placeholder: this target has no code yet; it compiles so the package layout is final.
