/* show-translation.c: prints every label, help text and choice of the
 * parameter table, and every preset's label and help, as gettext translates it
 * at run time, one "msgid<TAB>translation" per line.  With LANGUAGE=de and the
 * built catalogs' folder as argument, it shows whether German really comes out
 * (check-catalogs.py compares it with de.po). */

#include <libintl.h>
#include <locale.h>
#include <stdio.h>

#define N_(s) s

static void
show (const char *msgid)
{
  printf ("%s\t%s\n", msgid, dgettext (GETTEXT_PACKAGE, msgid));
}

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s LOCALEDIR\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, argv[1]);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

#define NST_CHOICE(constant, nick, label) show (label);
#define NST_PARAM_INT(field, name, label, help, def, min, max, ui, ui_min,     \
                      ui_max, place)                                           \
  show (label);                                                                \
  show (help);
#define NST_PARAM_DOUBLE(field, name, label, help, def, min, max, ui, ui_min,  \
                         ui_max, place)                                        \
  show (label);                                                                \
  show (help);
#define NST_PARAM_ENUM(field, name, label, help, def, ctype, place)            \
  show (label);                                                                \
  show (help);
#include "nst-params.def"
#define NST_PRESET_BEGIN(id, nick, label, help)                                \
  show (label);                                                                \
  show (help);
#include "nst-presets.def"

  return 0;
}
