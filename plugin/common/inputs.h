/* inputs.h: everything a run reads from the image before the engine
 * starts: the region, the content and style pixels, the weights path.
 * Shared by the full run and the dialog's live preview, so both read the
 * same pixels the same way.
 */

#ifndef NSP_INPUTS_H
#define NSP_INPUTS_H

#include <gegl.h>

#include "values.h"

G_BEGIN_DECLS

typedef struct
{
  GeglRectangle region;  /* of the content drawable, its own coordinates */
  NstImage      content; /* the region, RGBA (full run) or RGB (preview) */
  NstImage      styles[NST_MAX_STYLES]; /* RGB */
  /* nsp_regions_read's: over the region, and over each style layer;
   * empty entries where a style has none. */
  NstImage content_masks[NST_MAX_STYLES];
  NstImage source_masks[NST_MAX_STYLES];
  gchar   *weights; /* the file found (nst_free) */
} NspInputs;

/* The checks that apply to values from any source (arguments, last
 * values, the dialog): style count, style drawables still there, blend
 * weights, the table's ranges.  FALSE with *error set (free with g_free)
 * when one fails. */
gboolean nsp_values_check (const NspValues *values, gchar **error);

/* Checks `values` and reads the inputs for stylising `drawable`: the
 * content (RGBA for the full run, RGB for a preview), the styles' regions,
 * and the styles at their full size, whatever the working size: the engine
 * resizes them, so the run, the preview and the CLI given the same files and
 * sizes compute the same thing.  FALSE with *error set (free with g_free) when
 * a value is wrong, the selection misses the drawable, a region is wrong, the
 * weights are missing or memory runs out; *inputs is then empty. Release with
 * nsp_inputs_clear. */
gboolean nsp_inputs_read (gint32           drawable,
                          const NspValues *values,
                          gboolean         preview,
                          NspInputs       *inputs,
                          gchar          **error);

void nsp_inputs_clear (NspInputs *inputs);

G_END_DECLS

#endif /* NSP_INPUTS_H */
