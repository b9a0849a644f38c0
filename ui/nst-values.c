/* nst-values.c: defaults of NstValues. */

#include "nst-values.h"

#include <string.h>

void
nst_values_init (NstValues *values)
{
  gint i;

  memset (values, 0, sizeof (*values));
  values->version = NST_VALUES_VERSION;
  nst_params_init (&values->params);
  values->n_styles = 1;
  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      values->style_ids[i] = -1;
      values->style_blend[i] = 1.0;
    }
}
