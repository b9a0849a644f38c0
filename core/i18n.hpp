// i18n.hpp: the engine's messages for people, in the host's language.
//
// They come from the catalogs of the plug-in's text domain (po/), which the
// plug-in binds and whose locale GIMP sets.  The command-line tool never
// calls setlocale (), so gettext stays in the C locale there and every
// message is the English msgid: scripts and the tests see fixed English.
//
// Messages stay English where only a programmer can act on them (misuse of
// the C API, bugs inside the engine): they are reported to be read by the
// developers, and a translation would hide them from a search.
#pragma once

#include <libintl.h>

#include <cstdarg>
#include <string>

#ifndef GETTEXT_PACKAGE
#error "core/ is compiled with -DGETTEXT_PACKAGE (see core/meson.build)"
#endif

#define _(s) dgettext (GETTEXT_PACKAGE, s)
#define N_(s) s

namespace nst
{

// printf into a std::string, for whole translated sentences with their
// placeholders (translators see the sentence, never fragments).  The
// format attribute lets the compiler check the arguments against the
// msgid (dgettext keeps its argument's format).
std::string string_printf (const char *format, ...)
    __attribute__ ((format (printf, 1, 2)));
std::string vstring_printf (const char *format, va_list args)
    __attribute__ ((format (printf, 1, 0)));

} // namespace nst
