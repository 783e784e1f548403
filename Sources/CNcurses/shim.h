#ifndef NBPSCOPE_CNCURSES_SHIM_H
#define NBPSCOPE_CNCURSES_SHIM_H
// Only Scope's CursesBackend.swift imports this module. Swift cannot call function-like macros,
// cannot see attribute macros built from NCURSES_BITS, and (in language mode 6) cannot read C
// mutable globals such as stdscr or COLORS, so each is re-exposed here as a static inline function.

#define NCURSES_WIDECHAR 1          // cchar_t, setcchar, wadd_wch, wget_wch
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

// MARK: Globals

static inline WINDOW *nbp_stdscr(void) { return stdscr; }
static inline WINDOW *nbp_curscr(void) { return curscr; }
static inline FILE *nbp_stdin(void) { return stdin; }
static inline FILE *nbp_stdout(void) { return stdout; }
static inline int nbp_colors(void) { return COLORS; }
static inline int nbp_color_pairs(void) { return COLOR_PAIRS; }
static inline int nbp_lines(void) { return LINES; }
static inline int nbp_cols(void) { return COLS; }

static inline void nbp_getmaxyx(WINDOW *window, int *rows, int *columns) {
  int y, x;
  getmaxyx(window, y, x);
  *rows = y;
  *columns = x;
}

/// Whether the current terminal can move the cursor (`cup`); `dumb` and friends cannot.
static inline int nbp_can_address_cursor(void) {
  char *capability = tigetstr("cup");
  return capability != NULL && capability != (char *)-1;
}

// MARK: Attributes and colour pairs

static inline attr_t nbp_a_normal(void) { return A_NORMAL; }
static inline attr_t nbp_a_bold(void) { return A_BOLD; }
static inline attr_t nbp_a_dim(void) { return A_DIM; }
static inline attr_t nbp_a_reverse(void) { return A_REVERSE; }
static inline attr_t nbp_a_underline(void) { return A_UNDERLINE; }
static inline int nbp_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

// MARK: Keys

static inline int nbp_key_code_yes(void) { return KEY_CODE_YES; }
static inline int nbp_key_f(int n) { return KEY_F(n); }
static inline int nbp_key_resize(void) { return KEY_RESIZE; }

// MARK: Wide-character cells

/// Writes one cell: up to CCHARW_MAX-1 code points (a base character and its combining marks).
/// `pair` travels through setcchar's `opts` argument so pairs above 255 (and above SHRT_MAX) work.
static inline int nbp_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes,
                               int pair, int insert) {
  cchar_t cell;
  if (setcchar(&cell, text, attributes, 0, &pair) != OK) return ERR;
  if (wmove(window, y, x) != OK) return ERR;
  // Adding at the bottom-right corner would scroll (or fail); inserting never advances the cursor.
  return insert ? wins_wch(window, &cell) : wadd_wch(window, &cell);
}

/// Reads back the first code point of a cell (headless smoke tests).
static inline wchar_t nbp_cell_character(WINDOW *window, int y, int x) {
  cchar_t cell;
  wchar_t text[CCHARW_MAX + 1];
  attr_t attributes;
  short pair;
  if (mvwin_wch(window, y, x, &cell) != OK) return 0;
  if (getcchar(&cell, text, &attributes, &pair, NULL) == ERR) return 0;
  return text[0];
}

// MARK: Signals

// The handler only records the signal number; the input loop turns it into Key.interrupt.
// Writing a sig_atomic_t is the only work done in signal context. The state lives in function-local
// statics because Swift emits the static inline functions it calls but not file-scope statics; all
// of these functions are called from the one Swift file that imports this module, so there is a
// single copy of each.
static inline volatile sig_atomic_t *nbp_pending_signal_slot(void) {
  static volatile sig_atomic_t slot = 0;
  return &slot;
}

static inline struct sigaction *nbp_previous_actions(void) {
  static struct sigaction previous[2];  // SIGINT, SIGTERM
  return previous;
}

static inline void nbp_record_signal(int signal_number) { *nbp_pending_signal_slot() = signal_number; }

/// Installs the flag-setting handler for SIGINT and SIGTERM, remembering the previous handlers.
/// No SA_RESTART, so a blocking read returns early and the loop sees the flag at once.
static inline int nbp_install_signal_handlers(void) {
  struct sigaction action;
  action.sa_handler = nbp_record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  *nbp_pending_signal_slot() = 0;
  if (sigaction(SIGINT, &action, &nbp_previous_actions()[0]) != 0) return -1;
  if (sigaction(SIGTERM, &action, &nbp_previous_actions()[1]) != 0) return -1;
  return 0;
}

static inline void nbp_restore_signal_handlers(void) {
  sigaction(SIGINT, &nbp_previous_actions()[0], NULL);
  sigaction(SIGTERM, &nbp_previous_actions()[1], NULL);
}

/// Returns the pending signal number (0 if none) and clears it.
static inline int nbp_take_pending_signal(void) {
  int signal_number = *nbp_pending_signal_slot();
  *nbp_pending_signal_slot() = 0;
  return signal_number;
}

#endif
