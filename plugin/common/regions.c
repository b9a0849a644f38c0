/* regions.c: the styles' regions, checked and read as masks. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "host.h"
#include "pixels.h"
#include "regions.h"

/* One side of a style's region: the content it paints, or the style layer
 * it is taken from. */
typedef struct
{
  const gchar *label;  /* "Region of style %d" */
  const gchar *remedy; /* what to give instead */
  const gchar *empty;  /* the problem of a mask black over its area */
} Side;

static gboolean
all_zero (const NstImage *mask)
{
  gint y, x;

  for (y = 0; y < mask->height; y++)
    for (x = 0; x < mask->width; x++)
      if (mask->pixels[(gsize) y * mask->stride + x] > 0.0f)
        return FALSE;
  return TRUE;
}

/* `mask` read over `area` of `target` (in the target's own coordinates),
 * after checking it may be: a channel-like drawable of the target's
 * image. */
static gboolean
mask_read (const Side          *side,
           gint                 style,
           gint32               mask,
           gint32               target,
           const GeglRectangle *area,
           NstImage            *image,
           gchar              **error)
{
  NspItemKind   kind  = nsp_host_item_kind (mask);
  gchar        *label = g_strdup_printf (_ (side->label), style + 1);
  gchar        *name = kind != NSP_ITEM_NONE ? nsp_host_item_name (mask) : NULL;
  gchar        *problem = NULL;
  GeglRectangle rect    = *area;
  gint          tx, ty, mx, my;

  if (kind == NSP_ITEM_NONE)
    problem = g_strdup (_ ("no such channel: it was deleted, or its image "
                           "closed."));
  else if (kind != NSP_ITEM_DRAWABLE)
    problem = g_strdup_printf (_ ("“%s” is a layer or a path, not a channel "
                                  "or a layer mask."),
                               name);
  else if (nsp_host_item_image (mask) != nsp_host_item_image (target))
    problem = g_strdup_printf (_ ("“%s” is in another image."), name);

  if (! problem)
    {
      /* Both drawables' pixel grids, placed in their image. */
      nsp_host_item_offsets (target, &tx, &ty);
      nsp_host_item_offsets (mask, &mx, &my);
      rect.x += tx - mx;
      rect.y += ty - my;
      if (! nsp_mask_read (mask, &rect, image, error))
        {
          g_free (label);
          g_free (name);
          return FALSE;
        }
      if (all_zero (image))
        {
          nsp_image_clear (image);
          problem = g_strdup_printf (_ (side->empty), name);
        }
    }

  if (problem)
    *error = g_strdup_printf ("%s (id %d): %s  %s", label, mask, problem,
                              _ (side->remedy));
  g_free (problem);
  g_free (label);
  g_free (name);
  return *error == NULL;
}

gboolean
nsp_regions_read (gint32               drawable,
                  const GeglRectangle *region,
                  const NspValues     *values,
                  NstImage            *content_masks,
                  NstImage            *source_masks,
                  gchar              **error)
{
  static const Side content
      = { N_ ("Region of style %d"),
          N_ ("Give a channel, the selection or a layer mask of the image "
              "being repainted, or -1 for the whole image."),
          N_ ("“%s” is black over all of the part being repainted: the "
              "style would be painted nowhere.") };
  static const Side source
      = { N_ ("Source mask of style %d"),
          N_ ("Give a channel or a layer mask of the style layer's image, "
              "or -1 for all of the style layer."),
          N_ ("“%s” is black over all of the style layer: the style would "
              "be taken from nowhere.") };
  gint i;

  *error = NULL;
  for (i = 0; i < values->n_styles; i++)
    {
      gint32        style = values->style_ids[i];
      GeglRectangle whole;

      if (values->region_ids[i] != -1
          && ! mask_read (&content, i, values->region_ids[i], drawable, region,
                          &content_masks[i], error))
        break;

      nsp_layer_extent (style, &whole);
      if (values->source_mask_ids[i] != -1
          && ! mask_read (&source, i, values->source_mask_ids[i], style, &whole,
                          &source_masks[i], error))
        break;
    }
  if (*error)
    nsp_regions_clear (content_masks, source_masks);
  return *error == NULL;
}

void
nsp_regions_clear (NstImage *content_masks, NstImage *source_masks)
{
  gint i;

  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      nsp_image_clear (&content_masks[i]);
      nsp_image_clear (&source_masks[i]);
    }
}
