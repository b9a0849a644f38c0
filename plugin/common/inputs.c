/* inputs.c: what a run reads before the engine starts. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "inputs.h"
#include "host.h"
#include "pixels.h"
#include "regions.h"

gboolean
nsp_values_check (const NspValues *values, gchar **error)
{
  NstStatus *status;
  gint       i;

  if (values->n_styles < 1 || values->n_styles > NST_MAX_STYLES)
    {
      *error = g_strdup_printf (_ ("Choose between 1 and %d style layers "
                                   "(got %d)."),
                                NST_MAX_STYLES, values->n_styles);
      return FALSE;
    }

  for (i = 0; i < values->n_styles; i++)
    {
      gint32 id = values->style_ids[i];

      if (nsp_host_item_kind (id) == NSP_ITEM_NONE)
        {
          *error = g_strdup_printf (_ ("Style %d (drawable id %d) does not "
                                       "exist: its layer was deleted or its "
                                       "image closed.  Choose another style "
                                       "layer."),
                                    i + 1, id);
          return FALSE;
        }
      if (nsp_host_item_kind (id) < NSP_ITEM_DRAWABLE)
        {
          *error = g_strdup_printf (_ ("Style %d (id %d) is not a layer or "
                                       "channel.  Choose a style layer."),
                                    i + 1, id);
          return FALSE;
        }
    }

  /* The engine's rule for the blend weights, not a copy of it; the
   * weights given, as the CLI quotes its --style-blend. */
  status
      = nst_style_blend_normalise (values->style_blend, values->n_styles, NULL);
  if (status)
    {
      GString *weights = g_string_new (NULL);

      for (i = 0; i < values->n_styles; i++)
        g_string_append_printf (weights, "%s%g", i ? ", " : "",
                                values->style_blend[i]);
      *error = g_strdup_printf (_ ("style-blend (%s): %s"), weights->str,
                                nst_status_message (status));
      g_string_free (weights, TRUE);
      nst_status_free (status);
      return FALSE;
    }
  status = nst_params_validate (&values->params);
  if (status)
    {
      *error = g_strdup (nst_status_message (status));
      nst_status_free (status);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_styles (const NspValues *values, NspInputs *inputs, gchar **error)
{
  gint i;

  for (i = 0; i < values->n_styles; i++)
    {
      gint32        id = values->style_ids[i];
      GeglRectangle whole;

      nsp_layer_extent (id, &whole);
      if (! nsp_layer_read (id, &whole, 3, &inputs->styles[i], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
nsp_inputs_read (gint32           drawable,
                 const NspValues *values,
                 gboolean         preview,
                 NspInputs       *inputs,
                 gchar          **error)
{
  NstStatus *status;

  memset (inputs, 0, sizeof (*inputs));

  if (nsp_host_item_kind (drawable) < NSP_ITEM_DRAWABLE)
    {
      *error = g_strdup (_ ("The layer to repaint does not exist any more."));
      return FALSE;
    }
  if (! nsp_values_check (values, error))
    return FALSE;
  if (! nsp_host_region (drawable, &inputs->region))
    {
      *error = g_strdup (_ ("The selection does not touch the layer.  Select "
                            "part of the layer, or remove the selection with "
                            "Select ▸ None."));
      return FALSE;
    }

  if (! nsp_regions_read (drawable, &inputs->region, values,
                          inputs->content_masks, inputs->source_masks, error))
    return FALSE;

  /* A missing weights file is the commonest failure: say so before the
   * image is touched at all. */
  status = nst_weights_find (
      values->weights_path[0] ? values->weights_path : NULL, &inputs->weights);
  if (status)
    {
      *error = g_strdup (nst_status_message (status));
      nst_status_free (status);
      nsp_inputs_clear (inputs);
      return FALSE;
    }

  if (! nsp_layer_read (drawable, &inputs->region, preview ? 3 : 4,
                        &inputs->content, error)
      || ! read_styles (values, inputs, error))
    {
      nsp_inputs_clear (inputs);
      return FALSE;
    }
  return TRUE;
}

void
nsp_inputs_clear (NspInputs *inputs)
{
  gint i;

  nsp_image_clear (&inputs->content);
  for (i = 0; i < NST_MAX_STYLES; i++)
    nsp_image_clear (&inputs->styles[i]);
  nsp_regions_clear (inputs->content_masks, inputs->source_masks);
  nst_free (inputs->weights);
  inputs->weights = NULL;
}
