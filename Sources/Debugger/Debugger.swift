// Debugging sessions live here (issue 6): a session over a tick source (live chip or recorded
// trace), the time model (tick → sample, phase, gate), stepping, breakpoints and the command
// language shared by the `:` prompt and batch mode. No terminal code.
// Placeholder: this target has no code yet; it compiles so the package layout is final.
