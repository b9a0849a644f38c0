/* regions.h: the styles' regions (styles by region, Gatys et al. 2017) as
 * the engine's masks: where each style paints on the content, and where it
 * is taken from on its own layer.  Values name them by channel id
 * (NspValues' region_ids and source_mask_ids); here they are checked and
 * read, for nst_job_set_style_regions ().
 */

#ifndef NSP_REGIONS_H
#define NSP_REGIONS_H

#include <gegl.h>

#include "values.h"

G_BEGIN_DECLS

/* Checks the regions of `values` (each a channel, the selection or a layer
 * mask of the right image, covering some of what it masks) and reads them:
 * content_masks[i] over exactly `region` of `drawable` (its own
 * coordinates), source_masks[i] over the whole style layer i, 1 channel,
 * 0 where the mask item does not reach; pixels NULL for a style without
 * one.  Both arrays have NST_MAX_STYLES entries, empty on entry.  FALSE
 * with *error set (free with g_free) when one is wrong; the arrays are then
 * empty.  Release with nsp_regions_clear. */
gboolean nsp_regions_read (gint32               drawable,
                           const GeglRectangle *region,
                           const NspValues     *values,
                           NstImage            *content_masks,
                           NstImage            *source_masks,
                           gchar              **error);

void nsp_regions_clear (NstImage *content_masks, NstImage *source_masks);

G_END_DECLS

#endif /* NSP_REGIONS_H */
