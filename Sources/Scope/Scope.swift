// The terminal front end lives here (issue 6): a cell buffer that pure widgets draw into, a frame
// diff, and a small terminal protocol with an ncurses backend and an in-memory one for tests.
// Placeholder: this target has no code yet; it compiles so the package layout is final.
