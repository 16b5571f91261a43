#ifndef ONEWINDOW_CNCURSESW_SHIM_H
#define ONEWINDOW_CNCURSESW_SHIM_H
// Without these, get_wch, cchar_t and the *_wch functions are invisible to Swift.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros and globals Swift cannot import (NCURSES_BITS, KEY_F(n), stdscr under strict concurrency).
static inline WINDOW *ow_stdscr(void) { return stdscr; }
static inline int ow_lines(void) { return LINES; }
static inline int ow_cols(void) { return COLS; }
static inline int ow_key_f(int n) { return KEY_F(n); }
static inline attr_t ow_a_normal(void) { return A_NORMAL; }
static inline attr_t ow_a_bold(void) { return A_BOLD; }
static inline attr_t ow_a_reverse(void) { return A_REVERSE; }
static inline attr_t ow_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ow_a_dim(void) { return A_DIM; }

// One call per run of text: set attributes and colour pair, write at most n wide characters.
static inline int ow_put(int y, int x, const wchar_t *s, int n, attr_t attr, short pair) {
    attr_set(attr, pair, NULL);
    return mvaddnwstr(y, x, s, n);
}

// Sets the locale from the environment; falls back to C.UTF-8 (the only UTF-8 locale on a bare Debian).
// Returns 1 when the codeset is UTF-8.
static inline int ow_setup_locale(void) {
    if (setlocale(LC_ALL, "") == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
        if (setlocale(LC_ALL, "C.UTF-8") == NULL) return 0;
    }
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}
#endif
