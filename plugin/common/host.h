/* host.h: what the plug-in asks of the GIMP it runs in, after G'MIC-Qt's
 * host layer: a handful of operations on images and items by id.
 *
 * gimp2/host.c implements them on GIMP 2.10, gimp3/host.c on GIMP 3.0;
 * everything above (run.c, inputs.c, interactive.c) is shared.  Items and
 * images cross as ids, which both GIMPs have.  Pixels cross as GeglBuffers,
 * read and written by layer-io.c for both, as NstImage: non-linear sRGB
 * floats in [0, 1], whatever the image's mode, precision or colour space
 * (babl converts).  Regions are in the drawable's own coordinates.
 * Progress (gimp_progress_*) and gimp_displays_flush have the same API in
 * both GIMPs, and run.c calls them directly.
 */

#ifndef NSP_HOST_H
#define NSP_HOST_H

#include <gegl.h>

#include "nst.h"

G_BEGIN_DECLS

/* ---- items and images --------------------------------------------------- */

/* In this order: each kind is also the ones before it but NONE (a group is
 * a layer, a layer is a drawable). */
typedef enum
{
  NSP_ITEM_NONE,     /* no such item: deleted, or its image closed */
  NSP_ITEM_OTHER,    /* an item without pixels: a path */
  NSP_ITEM_DRAWABLE, /* a channel or a layer mask */
  NSP_ITEM_LAYER,
  NSP_ITEM_GROUP /* a layer group: no pixels of its own */
} NspItemKind;

NspItemKind nsp_host_item_kind (gint32 item);
gint32      nsp_host_item_image (gint32 item);
/* Free with g_free. */
gchar *nsp_host_item_name (gint32 item);
/* Where the drawable's pixel (0, 0) lies in its image: a layer's offsets,
 * its mask's too; 0, 0 for a channel. */
void nsp_host_item_offsets (gint32 drawable, gint *x, gint *y);

/* What can say where a style paints on `image` (styles by region): its
 * selection channel, -1 when nothing is selected; and its channels, then
 * the masks of its layers (inside layer groups too), top to bottom, as a
 * new array of *n ids (g_free).  The layer a layer mask belongs to: -1 for
 * any other item. */
gint32  nsp_host_image_selection (gint32 image);
gint32 *nsp_host_image_masks (gint32 image, gint *n);
gint32  nsp_host_mask_layer (gint32 item);

gboolean nsp_host_image_exists (gint32 image);
/* The image's file name ("starry_night.jpg"); free with g_free. */
gchar *nsp_host_image_name (gint32 image);
/* The layer the user works on; -1 when none. */
gint32   nsp_host_image_active_layer (gint32 image);
gboolean nsp_host_image_is_dirty (gint32 image);
void     nsp_host_image_clean (gint32 image);

/* ---- reading ------------------------------------------------------------ */

/* The part of `drawable` to work on: the selection's bounding box clipped
 * to the drawable, or all of it without a selection.  FALSE when the
 * selection does not touch the drawable. */
gboolean nsp_host_region (gint32 drawable, GeglRectangle *region);

/* The pixels of `drawable`, for layer-io.c; unref when done.  shadow: its
 * shadow buffer, which nsp_host_flush merges. */
GeglBuffer *nsp_host_buffer (gint32 drawable, gboolean shadow);

/* After layer-io.c wrote `region` of `drawable`: the shadow buffer merged
 * as one undo step, blended through the selection (shadow), and the region
 * shown anew. */
void
nsp_host_flush (gint32 drawable, const GeglRectangle *region, gboolean shadow);

/* ---- the temporary preview layer ---------------------------------------- */

/* Outside the undo history: a new transparent layer covering `region` of
 * `drawable`, just above it, masked by the selection; its id.  Adding it
 * makes it the active layer.  Its pixels: nsp_layer_write_frame. */
gint32 nsp_host_preview_add (gint32               image,
                             gint32               drawable,
                             const GeglRectangle *region,
                             const gchar         *name);

/* Outside the undo history; `active` becomes the active layer again if the
 * preview was. */
void nsp_host_preview_remove (gint32 image, gint32 preview, gint32 active);

/* ---- the result --------------------------------------------------------- */

/* One undo step: `result` (region-sized, 3 or 4 channels) as a new layer
 * named `layer_name` above `drawable`, masked by the selection; or, with
 * layer_name NULL, into `region` of `drawable`, blended through the
 * selection.  The new layer, the drawable if it is a layer, or -1. */
gint32 nsp_host_apply (gint32               image,
                       gint32               drawable,
                       const GeglRectangle *region,
                       const NstImage      *result,
                       const gchar         *layer_name);

/* ---- pixels through a GeglBuffer: layer-io.c, for both hosts ------------ */

/* Reads `region` of `drawable` at full size into *image (allocated here;
 * release with nsp_image_clear) with 3 (RGB) or 4 (RGBA) channels, clamped
 * to [0, 1].  Never downscaled here: the engine resizes, as for the CLI.
 * FALSE with *error set when memory runs out. */
gboolean nsp_layer_read (gint32               drawable,
                         const GeglRectangle *region,
                         gint                 channels,
                         NstImage            *image,
                         gchar              **error);

/* Reads `rect` of the channel or layer mask `mask`, in the mask's own
 * coordinates, into *image (allocated here; release with
 * nsp_image_clear) with 1 channel: the values as GIMP shows them, 0 where
 * `rect` leaves the mask, clamped to [0, 1].  FALSE with *error set when
 * memory runs out. */
gboolean nsp_mask_read (gint32               mask,
                        const GeglRectangle *rect,
                        NstImage            *image,
                        gchar              **error);

/* The whole of `drawable`, in its own coordinates, and whether it has an
 * alpha channel, from its buffer. */
void     nsp_layer_extent (gint32 drawable, GeglRectangle *whole);
gboolean nsp_layer_has_alpha (gint32 drawable);

/* Writes *image (region-sized, 3 or 4 channels) into `region` of
 * `drawable`: the result (a host's nsp_host_apply).
 * shadow: through the shadow buffer, merged as one undo step and blended
 * through the selection; otherwise straight into the drawable's pixels,
 * which records no undo. */
void nsp_layer_write (gint32               drawable,
                      const GeglRectangle *region,
                      const NstImage      *image,
                      gboolean             shadow);

/* Writes the RGB frame (frame_width × frame_height × 3 floats, packed),
 * resampled bilinearly to width × height, into `layer` (the preview, of
 * that size) with alpha `alpha` (width × height floats; NULL: opaque), a
 * strip at a time; records no undo.  FALSE when not even a strip could be
 * allocated. */
gboolean nsp_layer_write_frame (gint32        layer,
                                gint          width,
                                gint          height,
                                const gfloat *frame,
                                gint          frame_width,
                                gint          frame_height,
                                const gfloat *alpha);

G_END_DECLS

#endif /* NSP_HOST_H */
