/* weights-probe: the weights part of the C API, driven by the test scripts.
 *
 *   weights-probe find [EXPLICIT]   nst_weights_find; prints the path
 *   weights-probe load PATH...      nst_model_load on the CPU, each in turn
 *                                   (one process: libtorch starts once)
 *   weights-probe losses PATH...    load, then nst_job_evaluate on a small
 *                                   generated picture; prints the content
 *                                   and style losses
 *
 * Prints one block per call, ended by a line "--": "ok …" on success, or
 * "error" and the code's name (NST_ERROR_WEIGHTS) then the status message,
 * so the scripts can check code and wording.  Exits 0 when every call
 * succeeded, 1 otherwise.
 */

#include "nst.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
code_name (NstStatusCode code)
{
  switch (code)
    {
    case NST_OK:
      return "NST_OK";
    case NST_ERROR_INVALID_ARGUMENT:
      return "NST_ERROR_INVALID_ARGUMENT";
    case NST_ERROR_WEIGHTS:
      return "NST_ERROR_WEIGHTS";
    case NST_ERROR_DEVICE:
      return "NST_ERROR_DEVICE";
    case NST_ERROR_OUT_OF_MEMORY:
      return "NST_ERROR_OUT_OF_MEMORY";
    case NST_ERROR_CANCELLED:
      return "NST_ERROR_CANCELLED";
    case NST_ERROR_INTERNAL:
      return "NST_ERROR_INTERNAL";
    }
  return "unknown code";
}

static int
report (NstStatus *st)
{
  printf ("error %s\n%s\n--\n", code_name (nst_status_code (st)),
          nst_status_message (st));
  nst_status_free (st);
  return 1;
}

/* A smooth deterministic picture: the losses then depend only on the
 * weights, not on image files. */
static void
fill (NstImage *img, float *pixels, int w, int h, double phase)
{
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        pixels[(y * w + x) * 3 + c]
            = (float)(0.5 + 0.45 * sin (phase + 0.31 * x + 0.17 * y * (c + 1)));
  img->pixels = pixels;
  img->width = w;
  img->height = h;
  img->channels = 3;
  img->stride = (size_t)w * 3;
}

static int
load (const char *path)
{
  NstModel  *model = NULL;
  NstStatus *st = nst_model_load (path, NST_DEVICE_CPU, &model);
  nst_model_free (model);
  if (st)
    return report (st);
  printf ("ok\n--\n");
  return 0;
}

static int
losses (const char *path)
{
  enum
  {
    W = 32,
    H = 24
  };
  static float content_px[W * H * 3], style_px[W * H * 3], image_px[W * H * 3];
  NstImage     content, style, image;
  fill (&content, content_px, W, H, 0.0);
  fill (&style, style_px, W, H, 1.3);
  fill (&image, image_px, W, H, 2.6);

  NstParams params;
  nst_params_init (&params);
  params.device = NST_DEVICE_CPU;
  /* The file's dtype is what is compared: compute in fp32 throughout. */
  params.precision = NST_PRECISION_FP32;

  NstModel  *model = NULL;
  NstJob    *job = NULL;
  NstLosses  l;
  NstStatus *st = nst_model_load (path, NST_DEVICE_CPU, &model);
  if (!st)
    st = nst_job_new (model, &job);
  /* A third picture as the image: content and style losses both > 0. */
  if (!st)
    st = nst_job_evaluate (job, &content, &style, NULL, 1, &params, &image, &l,
                           NULL);
  nst_job_free (job);
  nst_model_free (model);
  if (st)
    return report (st);
  printf ("ok %.17g %.17g\n--\n", l.content, l.style);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "find") == 0 && argc <= 3)
    {
      char      *path = NULL;
      NstStatus *st = nst_weights_find (argc == 3 ? argv[2] : NULL, &path);
      if (st)
        return report (st);
      printf ("ok %s\n--\n", path);
      nst_free (path);
      return 0;
    }
  if (argc >= 3
      && (strcmp (argv[1], "load") == 0 || strcmp (argv[1], "losses") == 0))
    {
      int (*each) (const char *)
          = strcmp (argv[1], "load") == 0 ? load : losses;
      int failed = 0;
      for (int i = 2; i < argc; i++)
        failed |= each (argv[i]);
      return failed;
    }
  fprintf (stderr, "usage: %s find [PATH] | load PATH... | losses PATH...\n",
           argv[0]);
  return 2;
}
