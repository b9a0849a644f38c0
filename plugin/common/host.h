/* layer-io.h: the plug-in's glue to libgimp: pixels, layers, items.
 *
 * Every libgimp call of the shared run logic (run.c, inputs.c,
 * interactive.c) that differs between GIMP versions lives behind these
 * functions: layer-io.c implements them on GIMP 2.10, gimp3/layer-io-gimp3.c
 * on GIMP 3.0.  Items and images cross as ids, which both have.  Pixels
 * cross as NstImage: non-linear sRGB floats in [0, 1], whatever the image's
 * mode, precision or colour space (babl converts).  Regions are in the
 * drawable's own coordinates.  (Progress and gimp_displays_flush have the
 * same API in both and are called directly.)
 */

#ifndef NSP_HOST_H
#define NSP_HOST_H

#include <gegl.h>

#include "nst.h"

G_BEGIN_DECLS

/* The part of `drawable` to work on: the selection's bounding box clipped
 * to the drawable, or all of it without a selection.  FALSE when the
 * selection does not touch the drawable. */
gboolean nsp_layer_region (gint32 drawable, GeglRectangle *region);

/* Reads `region` of `drawable` at full size into *image (allocated here;
 * release with nsp_image_clear) with 3 (RGB) or 4 (RGBA) channels, clamped
 * to [0, 1].  Never downscaled here: the engine resizes, as for the CLI.
 * FALSE with *error set when memory runs out. */
gboolean nsp_layer_read (gint32               drawable,
                         const GeglRectangle *region,
                         gint                 channels,
                         NstImage            *image,
                         gchar              **error);

/* Writes *image (region-sized, 3 or 4 channels) into `region` of
 * `drawable`.  shadow: through the shadow buffer, merged as one undo step
 * and blended through the selection; otherwise straight into the
 * drawable's pixels, which records no undo. */
void nsp_layer_write (gint32               drawable,
                      const GeglRectangle *region,
                      const NstImage      *image,
                      gboolean             shadow);

/* A new transparent layer of the image's mode with alpha, covering
 * `region` of `drawable`, inserted just above it (above the layer of a
 * mask; at the top for a channel).  Returns its id. */
gint32 nsp_layer_new_above (gint32               image,
                            gint32               drawable,
                            const GeglRectangle *region,
                            const gchar         *name);

/* Adds a mask made from the current selection to `layer`, when the image
 * has a selection. */
void nsp_layer_mask_selection (gint32 image, gint32 layer);

/* ---- items and images by id ------------------------------------------- */

gboolean nsp_item_is_valid (gint32 item);
gboolean nsp_item_is_drawable (gint32 item);
gboolean nsp_item_is_layer (gint32 item);
gboolean nsp_item_is_group (gint32 item);
gint32   nsp_item_get_image (gint32 item);
/* Free with g_free. */
gchar *nsp_item_get_name (gint32 item);

gboolean nsp_drawable_has_alpha (gint32 drawable);
void     nsp_drawable_get_size (gint32 drawable, gint *width, gint *height);

gboolean nsp_image_is_valid (gint32 image);
/* Free with g_free. */
gchar *nsp_image_get_name (gint32 image);
/* The layer the user works on; -1 when none. */
gint32   nsp_image_get_active_layer (gint32 image);
void     nsp_image_set_active_layer (gint32 image, gint32 layer);
gboolean nsp_image_is_dirty (gint32 image);
void     nsp_image_clean_all (gint32 image);
void     nsp_image_undo_freeze (gint32 image);
void     nsp_image_undo_thaw (gint32 image);
void     nsp_image_undo_group_start (gint32 image);
void     nsp_image_undo_group_end (gint32 image);
void     nsp_image_remove_layer (gint32 image, gint32 layer);

G_END_DECLS

#endif /* NSP_HOST_H */
