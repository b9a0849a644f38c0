/* test-pixels.c: plugin/common/pixels.c's resampling without GIMP.
 *
 * nsp_image_resample () of any channel count: the RGB of an RGBA image
 * with a padded stride (the dialog's "before"), and a 1-channel mask (the
 * styles' regions outlined over it), reduced by averaging and enlarged to
 * the nearest pixel, from a rectangle inside the image.
 */

#include <glib.h>
#include <math.h>

#include "../check.h"
#include "common/pixels.h"

static gboolean
near (gfloat a, gfloat b)
{
  return fabsf (a - b) < 1e-6f;
}

/* 4 × 2 px RGBA, rows padded by 3 floats: pixel (x, y)'s channel c is
 * 10 y + x + c / 10. */
static void
test_rgb_of_rgba (void)
{
  gfloat   pixels[2 * 19];
  NstImage src = { pixels, 4, 2, 4, 19 };
  gfloat  *dest;
  gint     x, y, c;

  for (y = 0; y < 2; y++)
    for (x = 0; x < 4; x++)
      for (c = 0; c < 4; c++)
        pixels[y * 19 + x * 4 + c] = 10 * y + x + c / 10.0f;

  /* Columns 1 to 3 of both rows into 1 × 1: their average. */
  dest = nsp_image_resample (&src, 3, 1, 0, 3, 2, 1, 1);
  CHECK (dest, "out of memory");
  for (c = 0; c < 3; c++)
    CHECK (near (dest[c], 5 + 2 + c / 10.0f), "channel %d is %g", c, dest[c]);
  g_free (dest);

  /* Column 2 of row 1 enlarged to 2 × 2: that pixel, 3 channels each. */
  dest = nsp_image_resample (&src, 3, 2, 1, 1, 1, 2, 2);
  CHECK (dest, "out of memory");
  for (x = 0; x < 4; x++)
    for (c = 0; c < 3; c++)
      CHECK (near (dest[x * 3 + c], 12 + c / 10.0f), "pixel %d, %d is %g", x, c,
             dest[x * 3 + c]);
  g_free (dest);
}

/* A 4 × 2 px mask, the left half 1: halved, its left pixel is 1 and its
 * right 0; a 2 × 1 px rectangle across the edge averages to 0.5; doubled,
 * a 2 × 1 px rectangle is two 2 × 2 blocks. */
static void
test_mask (void)
{
  gfloat   pixels[8] = { 1, 1, 0, 0, 1, 1, 0, 0.5f };
  NstImage src       = { pixels, 4, 2, 1, 4 };
  gfloat  *dest;

  dest = nsp_image_resample (&src, 1, 0, 0, 4, 2, 2, 1);
  CHECK (dest, "out of memory");
  CHECK (near (dest[0], 1) && near (dest[1], 0.125f), "halved: %g, %g", dest[0],
         dest[1]);
  g_free (dest);

  dest = nsp_image_resample (&src, 1, 1, 0, 2, 1, 1, 1);
  CHECK (dest && near (dest[0], 0.5f), "across the edge: %g",
         dest ? dest[0] : -1);
  g_free (dest);

  dest = nsp_image_resample (&src, 1, 2, 1, 2, 1, 4, 2);
  CHECK (dest, "out of memory");
  CHECK (near (dest[0], 0) && near (dest[1], 0) && near (dest[2], 0.5f)
             && near (dest[3], 0.5f) && near (dest[4], 0)
             && near (dest[7], 0.5f),
         "doubled: %g %g %g %g / %g %g %g %g", dest[0], dest[1], dest[2],
         dest[3], dest[4], dest[5], dest[6], dest[7]);
  g_free (dest);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pixels/rgb-of-rgba", test_rgb_of_rgba);
  g_test_add_func ("/pixels/mask", test_mask);
  return g_test_run ();
}
