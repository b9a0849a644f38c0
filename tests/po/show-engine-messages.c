/* show-engine-messages.c: prints what the engine says, one message a line,
 * for mistakes a user makes: a weights file that is empty, a folder given
 * as the weights file, style blend weights all zero, iterations out of
 * range.  The engine words them through the gimp-neural-style text domain,
 * bound here to the built catalogs as the plug-in binds it, so with
 * LANGUAGE=de they must come out German (check-catalogs.py compares them
 * with the catalog) and in the C locale English. */

#include "nst.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void
show (NstStatus *status)
{
  /* A message spanning lines would break the one-per-line output. */
  const char *message = nst_status_message (status);
  printf ("%s\n", strchr (message, '\n') ? "(several lines)" : message);
  nst_status_free (status);
}

int
main (int argc, char **argv)
{
  NstModel *model = NULL;
  NstParams params;
  double    blend[2] = { 0, 0 };

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s LOCALEDIR EMPTY-FILE FOLDER\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, argv[1]);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  show (nst_model_load (argv[2], NST_DEVICE_CPU, &model));
  show (nst_model_load (argv[3], NST_DEVICE_CPU, &model));
  show (nst_style_blend_normalise (blend, 2, NULL));
  nst_params_init (&params);
  params.iterations = 0;
  show (nst_params_validate (&params));
  nst_model_free (model);
  return 0;
}
