/* pixels.h: float pixel buffers (NstImage) for the plug-in: allocation,
 * clamping and resampling.  Plain C on GLib; no libgimp here.
 */

#ifndef NSP_PIXELS_H
#define NSP_PIXELS_H

#include <glib.h>

#include "nst.h"

G_BEGIN_DECLS

/* Allocates width × height × channels floats (zeroed, tightly packed) into
 * *image.  FALSE when memory runs out; *image is then empty.  Release with
 * nsp_image_clear. */
gboolean
nsp_image_alloc (NstImage *image, gint width, gint height, gint channels);

/* Frees the pixels and empties *image.  An empty image is fine. */
void nsp_image_clear (NstImage *image);

/* Clamps every value to [0, 1]: high bit-depth images may hold values
 * outside the range the engine accepts. */
void nsp_image_clamp (NstImage *image);

/* The alpha channel of a 4-channel image as a new array of width × height
 * floats (free with g_free), or NULL for other images. */
gfloat *nsp_image_dup_alpha (const NstImage *image);

/* Resamples the RGB frame (frame_width × frame_height × 3, packed)
 * bilinearly to full_height rows of dest->width pixels, and writes rows
 * first_row … first_row + dest->height − 1 of that into `dest`, a
 * 4-channel strip, whose alpha becomes those rows of `alpha` (dest->width ×
 * full_height floats) or 1 where `alpha` is NULL. */
void nsp_image_fill_from_frame (NstImage     *dest,
                                gint          full_height,
                                gint          first_row,
                                const gfloat *frame,
                                gint          frame_width,
                                gint          frame_height,
                                const gfloat *alpha);

/* The rectangle x, y, width × height of `src`'s first `channels` channels
 * (3 for an RGB or RGBA image's RGB, 1 for a mask), resampled to
 * dest_width × dest_height by averaging the pixels each destination pixel
 * covers (the nearest one when enlarging), as a new packed array of
 * dest_width × dest_height × channels floats (free with g_free), or NULL
 * when memory runs out. */
gfloat *nsp_image_resample (const NstImage *src,
                            gint            channels,
                            gint            x,
                            gint            y,
                            gint            width,
                            gint            height,
                            gint            dest_width,
                            gint            dest_height);

/* The RGB frame (width × height × 3 floats) as 8-bit RGB, clamped to
 * [0, 1], for a dialog's preview area; free with g_free. */
guchar *nsp_frame_to_bytes (const gfloat *rgb, gint width, gint height);

G_END_DECLS

#endif /* NSP_PIXELS_H */
