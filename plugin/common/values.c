/* values.c: defaults and rules of NspValues. */

#include "values.h"

#include <string.h>

#include "host.h"

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

gboolean
nsp_values_source_mask_fits (gint32 mask, gint32 style)
{
  return mask != -1 && style != -1 && nsp_host_item_kind (mask) != NSP_ITEM_NONE
         && nsp_host_item_image (mask) == nsp_host_item_image (style);
}
