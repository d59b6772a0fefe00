#ifndef WUYE_NCURSES_SHIM_H
#define WUYE_NCURSES_SHIM_H

// Wide-character ncurses: cchar_t, get_wch, mvaddnwstr … need this before the header.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

// Swift cannot read these C globals or macros: small wrappers it can call.
static inline WINDOW *wuye_stdscr(void) { return stdscr; }
static inline int wuye_lines(void) { return LINES; }
static inline int wuye_cols(void) { return COLS; }
static inline int wuye_colors(void) { return COLORS; }
static inline int wuye_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t wuye_a_bold(void) { return A_BOLD; }
static inline attr_t wuye_a_reverse(void) { return A_REVERSE; }
static inline attr_t wuye_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wuye_a_dim(void) { return A_DIM; }
static inline int wuye_key_f(int n) { return KEY_F(n); }
static inline int wuye_key_code_yes(void) { return KEY_CODE_YES; }
static inline int wuye_err(void) { return ERR; }

// Draws `n` wide characters at (y, x) with attributes and a colour pair.
static inline int wuye_draw(int y, int x, const wchar_t *s, int n, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    return mvaddnwstr(y, x, s, n);
}

static inline int wuye_get_wch(wint_t *ch) { return get_wch(ch); }

#endif
