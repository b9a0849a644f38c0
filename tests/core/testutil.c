/* testutil.c: shared helpers of the core tests. */
#include "testutil.h"

#include <math.h>
#include <png.h>
#include <string.h>

void
check_ok (NstStatus *st, const char *file, int line, const char *expr)
{
  if (st)
    {
      fprintf (stderr, "%s:%d: %s failed (code %d): %s\n", file, line, expr,
               nst_status_code (st), nst_status_message (st));
      nst_status_free (st);
      exit (1);
    }
}

NstImage
new_image (int width, int height, int channels, size_t pad)
{
  NstImage image
      = { NULL, width, height, channels, (size_t) width * channels + pad };
  image.pixels = calloc (image.stride * height, sizeof (float));
  CHECK (image.pixels, "out of memory");
  return image;
}

void
free_image (NstImage *image)
{
  free (image->pixels);
  image->pixels = NULL;
}

double
max_difference (const NstImage *a, const NstImage *b)
{
  double d = 0;
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      for (int c = 0; c < 3; c++)
        d = fmax (d, fabs (pixel (a, x, y)[c] - pixel (b, x, y)[c]));
  return d;
}

float *
pixel (const NstImage *image, int x, int y)
{
  return image->pixels + (size_t) y * image->stride
         + (size_t) x * image->channels;
}

NstImage
load_test_image (const char *name, int channels)
{
  const char *dir = getenv ("NST_TEST_DATA");
  char        path[4096];
  CHECK (dir, "NST_TEST_DATA is not set: run the tests with meson test");
  snprintf (path, sizeof path, "%s/%s", dir, name);

  png_image png;
  memset (&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  CHECK (png_image_begin_read_from_file (&png, path), "%s: %s", path,
         png.message);
  png.format           = PNG_FORMAT_RGBA;
  unsigned char *bytes = malloc (PNG_IMAGE_SIZE (png));
  CHECK (bytes, "out of memory");
  CHECK (png_image_finish_read (&png, NULL, bytes, 0, NULL), "%s: %s", path,
         png.message);

  NstImage image = new_image ((int) png.width, (int) png.height, channels, 0);
  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width; x++)
      for (int c = 0; c < channels; c++)
        pixel (&image, x, y)[c]
            = bytes[((size_t) y * png.width + x) * 4 + c] / 255.0f;
  free (bytes);
  return image;
}

NstModel *
load_test_model (void)
{
  const char *path  = getenv ("NST_TEST_WEIGHTS");
  NstModel   *model = NULL;
  CHECK (path && *path, "NST_TEST_WEIGHTS is not set: run with meson test");
  CHECK_OK (nst_model_load (path, NST_DEVICE_CPU, &model));
  return model;
}

NstJob *
new_test_job (NstModel *model)
{
  NstJob *job = NULL;
  CHECK_OK (nst_job_new (model, &job));
  return job;
}

Fixture
fixture_setup (int content_channels)
{
  Fixture f;
  f.model   = load_test_model ();
  f.job     = new_test_job (f.model);
  f.content = load_test_image ("content-64.png", content_channels);
  f.style   = load_test_image ("style-48.png", 3);
  f.style2  = load_test_image ("style2-40.png", 3);
  return f;
}

void
fixture_teardown (Fixture *f)
{
  free_image (&f->content);
  free_image (&f->style);
  free_image (&f->style2);
  nst_job_free (f->job);
  nst_model_free (f->model);
}

NstParams
quick_params (int iterations)
{
  NstParams params;
  nst_params_init (&params);
  params.iterations    = iterations;
  params.size          = 0;
  params.device        = NST_DEVICE_CPU;
  params.preview_every = 0;
  /* One scale: `iterations` is then every evaluation the run makes; the
     coarse-to-fine cases set scales themselves. */
  params.scales = 1;
  /* The article's arithmetic; mixed precision has its own test. */
  params.precision = NST_PRECISION_FP32;
  return params;
}

int
images_identical (const NstImage *a, const NstImage *b)
{
  if (a->width != b->width || a->height != b->height
      || a->channels != b->channels)
    return 0;
  for (int y = 0; y < a->height; y++)
    if (memcmp (pixel (a, 0, y), pixel (b, 0, y),
                sizeof (float) * a->width * a->channels)
        != 0)
      return 0;
  return 1;
}

int
run_test_case (int argc, char **argv, const TestCase *cases, size_t n)
{
  for (size_t i = 0; argc == 2 && i < n; i++)
    if (strcmp (argv[1], cases[i].name) == 0)
      {
        cases[i].run ();
        return 0;
      }
  fprintf (stderr, "usage: %s CASE, one of:", argv[0]);
  for (size_t i = 0; i < n; i++)
    fprintf (stderr, " %s", cases[i].name);
  fputc ('\n', stderr);
  return 2;
}

void
check_in_range (const NstImage *im)
{
  for (int y = 0; y < im->height; y++)
    for (int x = 0; x < im->width; x++)
      for (int c = 0; c < 3; c++)
        {
          float v = pixel (im, x, y)[c];
          CHECK (v >= 0.0f && v <= 1.0f, "pixel (%d, %d) is %g", x, y, v);
        }
}
