/* values.c: defaults of NspValues. */

#include "values.h"

#include <string.h>

void
nsp_values_init (NspValues *values)
{
  gint i;

  memset (values, 0, sizeof (*values));
  values->version = NSP_VALUES_VERSION;
  nst_params_init (&values->params);
  values->n_styles = 1;
  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      values->style_ids[i]       = -1;
      values->style_blend[i]     = NST_STYLE_BLEND_DEFAULT;
      values->region_ids[i]      = -1;
      values->source_mask_ids[i] = -1;
    }
}

gboolean
nsp_values_blend_valid (const NspValues *values)
{
  NstStatus *status
      = nst_style_blend_normalise (values->style_blend, values->n_styles, NULL);

  nst_status_free (status);
  return status == NULL;
}
