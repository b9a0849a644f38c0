/* pixels.c: float pixel buffers for the plug-in. */

#include "pixels.h"

#include <string.h>

gboolean
nsp_image_alloc (NstImage *image, gint width, gint height, gint channels)
{
  gsize n = (gsize) width * (gsize) height * (gsize) channels;

  memset (image, 0, sizeof (*image));
  /* Layers can be huge: fail with a message rather than abort. */
  image->pixels = g_try_malloc0_n (MAX (n, 1), sizeof (gfloat));
  if (! image->pixels)
    return FALSE;

  image->width    = width;
  image->height   = height;
  image->channels = channels;
  image->stride   = (size_t) width * channels;
  return TRUE;
}

void
nsp_image_clear (NstImage *image)
{
  g_free (image->pixels);
  memset (image, 0, sizeof (*image));
}

void
nsp_image_clamp (NstImage *image)
{
  gint y;

  for (y = 0; y < image->height; y++)
    {
      gfloat *row = image->pixels + (gsize) y * image->stride;
      gint    i;

      for (i = 0; i < image->width * image->channels; i++)
        row[i] = CLAMP (row[i], 0.0f, 1.0f);
    }
}

gfloat *
nsp_image_dup_alpha (const NstImage *image)
{
  gfloat *alpha;
  gint    x, y;

  if (image->channels != 4)
    return NULL;

  alpha = g_new (gfloat, (gsize) image->width * image->height);
  for (y = 0; y < image->height; y++)
    {
      const gfloat *row = image->pixels + (gsize) y * image->stride;

      for (x = 0; x < image->width; x++)
        alpha[(gsize) y * image->width + x] = row[x * 4 + 3];
    }
  return alpha;
}

/* Source coordinate of destination pixel `d` (pixel centres aligned), split
 * into the two neighbours and the weight of the second. */
static void
sample_position (
    gint d, gint dest_size, gint src_size, gint *i0, gint *i1, gfloat *t)
{
  gdouble s = (d + 0.5) * src_size / dest_size - 0.5;

  s   = CLAMP (s, 0.0, src_size - 1.0);
  *i0 = (gint) s;
  *i1 = MIN (*i0 + 1, src_size - 1);
  *t  = (gfloat) (s - *i0);
}

void
nsp_image_fill_from_frame (NstImage     *dest,
                           gint          full_height,
                           gint          first_row,
                           const gfloat *frame,
                           gint          frame_width,
                           gint          frame_height,
                           const gfloat *alpha)
{
  gint x, y, c;

  for (y = 0; y < dest->height; y++)
    {
      gint          row = first_row + y;
      gfloat       *out = dest->pixels + (gsize) y * dest->stride;
      const gfloat *r0, *r1;
      gint          y0, y1;
      gfloat        ty;

      sample_position (row, full_height, frame_height, &y0, &y1, &ty);
      r0 = frame + (gsize) y0 * frame_width * 3;
      r1 = frame + (gsize) y1 * frame_width * 3;

      for (x = 0; x < dest->width; x++)
        {
          gint   x0, x1;
          gfloat tx;

          sample_position (x, dest->width, frame_width, &x0, &x1, &tx);
          for (c = 0; c < 3; c++)
            {
              gfloat top = r0[x0 * 3 + c] * (1 - tx) + r0[x1 * 3 + c] * tx;
              gfloat bot = r1[x0 * 3 + c] * (1 - tx) + r1[x1 * 3 + c] * tx;

              out[x * 4 + c] = top * (1 - ty) + bot * ty;
            }
          out[x * 4 + 3] = alpha ? alpha[(gsize) row * dest->width + x] : 1.0f;
        }
    }
}

/* Source pixels first … last − 1 that destination pixel i of n covers,
 * in a span of `size` starting at `start`: at least one. */
static void
resample_span (gint start, gint size, gint i, gint n, gint *first, gint *last)
{
  *first = start + (gint) ((gint64) i * size / n);
  *last  = start + (gint) (((gint64) i + 1) * size / n);
  if (*last <= *first)
    *last = *first + 1;
}

gfloat *
nsp_image_resample (const NstImage *src,
                    gint            channels,
                    gint            x,
                    gint            y,
                    gint            width,
                    gint            height,
                    gint            dest_width,
                    gint            dest_height)
{
  gfloat *dest;
  gint    dx, dy, sx, sy, c;

  g_return_val_if_fail (
      channels >= 1 && channels <= src->channels && channels <= 4, NULL);
  dest = g_try_malloc_n ((gsize) dest_width * dest_height,
                         channels * sizeof (gfloat));
  if (! dest)
    return NULL;
  for (dy = 0; dy < dest_height; dy++)
    {
      gint y0, y1;

      resample_span (y, height, dy, dest_height, &y0, &y1);
      for (dx = 0; dx < dest_width; dx++)
        {
          gdouble sum[4] = { 0, 0, 0, 0 };
          gint    x0, x1;

          resample_span (x, width, dx, dest_width, &x0, &x1);
          for (sy = y0; sy < y1; sy++)
            for (sx = x0; sx < x1; sx++)
              for (c = 0; c < channels; c++)
                sum[c] += src->pixels[(gsize) sy * src->stride
                                      + (gsize) sx * src->channels + c];
          for (c = 0; c < channels; c++)
            dest[((gsize) dy * dest_width + dx) * channels + c]
                = (gfloat) (sum[c] / ((gdouble) (y1 - y0) * (x1 - x0)));
        }
    }
  return dest;
}

guchar *
nsp_frame_to_bytes (const gfloat *rgb, gint width, gint height)
{
  gsize   n     = (gsize) width * height * 3;
  guchar *bytes = g_malloc (n);
  gsize   i;

  for (i = 0; i < n; i++)
    bytes[i] = (guchar) (CLAMP (rgb[i], 0.0f, 1.0f) * 255.0f + 0.5f);
  return bytes;
}
