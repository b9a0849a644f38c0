/* header-c11.c: nst.h is plain C11.  meson compiles this file with
 * -std=c11 -pedantic -Werror (and the usual warnings); that it builds is
 * the test.  Running it checks that the header's constants and the
 * library agree. */

#include "nst.h"

#include <stdio.h>

int
main (void)
{
  NstParams params;
  nst_params_init (&params);
  NstStatus *st = nst_params_validate (&params);
  int        ok = st == NULL && nst_api_version () == NST_API_VERSION
           && params.init == NST_INIT_CONTENT
           && nst_status_code (NULL) == NST_OK;
  nst_status_free (st);
  if (! ok)
    fprintf (stderr, "nst.h and the library disagree\n");
  return ok ? 0 : 1;
}
