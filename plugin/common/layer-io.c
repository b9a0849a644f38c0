/* layer-io.c: a drawable's pixels as NstImage, through the GeglBuffer its
 * GIMP hands over: the same for GIMP 2.10 and 3.0. */

#include <glib/gi18n-lib.h>

#include "host.h"
#include "pixels.h"

/* Non-linear sRGB: the engine's colour space; babl converts from grey,
 * indexed, 8/16/32-bit, linear or not, and from the image's own profile. */
static const Babl *
float_format (gint channels)
{
  return babl_format (channels == 4 ? "R'G'B'A float" : "R'G'B' float");
}

/* *image for reading `drawable`; the error names it. */
static gboolean
alloc_for (gint32    drawable,
           gint      width,
           gint      height,
           gint      channels,
           NstImage *image,
           gchar   **error)
{
  if (! nsp_image_alloc (image, width, height, channels))
    {
      gchar *name = nsp_host_item_name (drawable);

      *error = g_strdup_printf (_ ("Not enough memory to read “%s” "
                                   "(%d × %d pixels).  Close other images or "
                                   "work on a selection."),
                                name, width, height);
      g_free (name);
      return FALSE;
    }
  return TRUE;
}

gboolean
nsp_layer_read (gint32               drawable,
                const GeglRectangle *region,
                gint                 channels,
                NstImage            *image,
                gchar              **error)
{
  GeglBuffer *buffer;

  if (! alloc_for (drawable, region->width, region->height, channels, image,
                   error))
    return FALSE;

  buffer = nsp_host_buffer (drawable, FALSE);
  gegl_buffer_get (buffer, region, 1.0, float_format (channels), image->pixels,
                   image->stride * sizeof (gfloat), GEGL_ABYSS_NONE);
  g_object_unref (buffer);

  nsp_image_clamp (image);
  return TRUE;
}

/* Floats of the mask's own grey model (Y, Y' or Y~, by the image's
 * precision), so that a value is what GIMP shows: a mask's 50 % grey is
 * half the style, not the linear light of a perceptual grey. */
static const Babl *
mask_format (const Babl *stored)
{
  BablModelFlag flags = babl_get_model_flags (babl_format_get_model (stored));
  const gchar  *name  = "Y float";

  if (flags & BABL_MODEL_FLAG_PERCEPTUAL)
    name = "Y~ float";
  else if (flags & BABL_MODEL_FLAG_NONLINEAR)
    name = "Y' float";
  return babl_format_with_space (name, babl_format_get_space (stored));
}

gboolean
nsp_mask_read (gint32               mask,
               const GeglRectangle *rect,
               NstImage            *image,
               gchar              **error)
{
  GeglBuffer *buffer;
  const Babl *stored;

  if (! alloc_for (mask, rect->width, rect->height, 1, image, error))
    return FALSE;

  buffer = nsp_host_buffer (mask, FALSE);
  stored = gegl_buffer_get_format (buffer);
  gegl_buffer_get (buffer, rect, 1.0, mask_format (stored), image->pixels,
                   image->stride * sizeof (gfloat), GEGL_ABYSS_NONE);
  g_object_unref (buffer);

  nsp_image_clamp (image);
  return TRUE;
}

void
nsp_layer_extent (gint32 drawable, GeglRectangle *whole)
{
  GeglBuffer *buffer = nsp_host_buffer (drawable, FALSE);

  *whole = *gegl_buffer_get_extent (buffer);
  g_object_unref (buffer);
}

/* A drawable's buffer has the drawable's format, alpha included. */
gboolean
nsp_layer_has_alpha (gint32 drawable)
{
  GeglBuffer *buffer = nsp_host_buffer (drawable, FALSE);
  gboolean    alpha  = babl_format_has_alpha (gegl_buffer_get_format (buffer));

  g_object_unref (buffer);
  return alpha;
}

void
nsp_layer_write (gint32               drawable,
                 const GeglRectangle *region,
                 const NstImage      *image,
                 gboolean             shadow)
{
  GeglBuffer *buffer = nsp_host_buffer (drawable, shadow);

  gegl_buffer_set (buffer, region, 0, float_format (image->channels),
                   image->pixels, image->stride * sizeof (gfloat));
  /* Unreffing flushes the tiles to GIMP before the merge and update. */
  g_object_unref (buffer);
  nsp_host_flush (drawable, region, shadow);
}

/* Rows per strip: a 50-megapixel layer's preview then needs a few MB, not
 * one more full-size copy. */
#define FRAME_STRIP_ROWS 64

gboolean
nsp_layer_write_frame (gint32        layer,
                       gint          width,
                       gint          height,
                       const gfloat *frame,
                       gint          frame_width,
                       gint          frame_height,
                       const gfloat *alpha)
{
  GeglRectangle whole = { 0, 0, width, height };
  GeglBuffer   *buffer;
  NstImage      strip;
  gint          rows = MIN (FRAME_STRIP_ROWS, height);
  gint          y;

  if (! nsp_image_alloc (&strip, width, rows, 4))
    return FALSE;

  buffer = nsp_host_buffer (layer, FALSE);
  for (y = 0; y < height; y += rows)
    {
      GeglRectangle part = { 0, y, width, MIN (rows, height - y) };

      strip.height = part.height;
      nsp_image_fill_from_frame (&strip, height, y, frame, frame_width,
                                 frame_height, alpha);
      gegl_buffer_set (buffer, &part, 0, float_format (4), strip.pixels,
                       strip.stride * sizeof (gfloat));
    }
  g_object_unref (buffer);
  nsp_image_clear (&strip);

  nsp_host_flush (layer, &whole, FALSE);
  return TRUE;
}
