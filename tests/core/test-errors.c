/* test-errors.c: every bad image, parameter, weights path or device gives
 * the right code and a message a person can act on, and leaves the result
 * untouched. */

#include "testutil.h"

#include <math.h>
#include <string.h>

static NstModel *model;
static NstJob   *job;
static NstImage  content, style, result;

/* A message for people: a sentence or more, with none of libtorch's
 * internals. */
static void
check_message (const NstStatus *st, const char *what)
{
  const char *m = nst_status_message (st);
  size_t      n = strlen (m);
  CHECK (n >= 20 && m[n - 1] == '.', "%s: message \"%s\"", what, m);
  CHECK (! strstr (m, "c10::") && ! strstr (m, "at::") && ! strstr (m, ".cpp"),
         "%s: message shows internals: \"%s\"", what, m);
}

static void
expect (NstStatus *st, NstStatusCode code, const char *needle, const char *what)
{
  CHECK (nst_status_code (st) == code, "%s: code %d, expected %d (%s)", what,
         nst_status_code (st), code, nst_status_message (st));
  check_message (st, what);
  CHECK (! needle || strstr (nst_status_message (st), needle),
         "%s: \"%s\" does not mention \"%s\"", what, nst_status_message (st),
         needle);
  nst_status_free (st);
}

static NstStatus *
run_with (const NstImage  *c,
          const NstImage  *s,
          const double    *blend,
          int              n_styles,
          const NstParams *params,
          NstImage        *r)
{
  return nst_job_run (job, c, s, blend, n_styles, params, NULL, NULL, r);
}

static void
bad_params (void)
{
  NstParams params    = quick_params (2);
  params.style_weight = -1;
  expect (run_with (&content, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT,
          "style-weight must be between 0 and 1e+12, not -1.", "style weight");
  NstParams raw;
  memset (&raw, 0, sizeof raw);
  expect (run_with (&content, &style, NULL, 1, &raw, &result),
          NST_ERROR_INVALID_ARGUMENT, "nst_params_init", "uninitialised");
  expect (run_with (&content, &style, NULL, 1, NULL, &result),
          NST_ERROR_INVALID_ARGUMENT, NULL, "NULL params");

  /* Working size under 16 px: two scales of a 20 px image. */
  params        = quick_params (2);
  params.size   = 20;
  params.scales = 2;
  expect (run_with (&content, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "16 px", "tiny working size");
  params             = quick_params (2);
  params.style_scale = 0.2;
  expect (run_with (&content, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "style-scale", "tiny style");
}

static void
bad_images (void)
{
  NstParams params = quick_params (2);
  NstImage  im     = content;
  im.pixels        = NULL;
  expect (run_with (&im, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "content image", "NULL pixels");
  im       = content;
  im.width = 0;
  expect (run_with (&im, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "content image", "zero width");
  im          = style;
  im.channels = 2;
  expect (run_with (&content, &im, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "channels", "two channels");
  im        = style;
  im.stride = 10;
  expect (run_with (&content, &im, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "stride", "short stride");
  expect (run_with (NULL, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "content image", "no content");

  NstImage nan_image = new_image (content.width, content.height, 3, 0);
  memcpy (nan_image.pixels, content.pixels,
          sizeof (float) * content.stride * content.height);
  pixel (&nan_image, 5, 5)[1] = NAN;
  expect (run_with (&nan_image, &style, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "NaN", "NaN pixel");
  free_image (&nan_image);

  NstImage small = new_image (content.width - 1, content.height, 3, 0);
  expect (run_with (&content, &style, NULL, 1, &params, &small),
          NST_ERROR_INVALID_ARGUMENT, "size", "result of another size");
  free_image (&small);
  expect (run_with (&content, &style, NULL, 1, &params, NULL),
          NST_ERROR_INVALID_ARGUMENT, "result image", "no result");
}

static void
bad_styles (void)
{
  NstParams params    = quick_params (2);
  NstImage  styles[2] = { style, style };
  expect (run_with (&content, styles, NULL, 0, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "style image", "no styles");
  expect (run_with (&content, NULL, NULL, 1, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "style image", "NULL styles");
  double negative[2] = { 1, -1 };
  expect (run_with (&content, styles, negative, 2, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "style image 2", "negative blend");
  double nan_blend[2] = { NAN, 1 };
  expect (run_with (&content, styles, nan_blend, 2, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "style image 1", "NaN blend");
  double zero[2] = { 0, 0 };
  expect (run_with (&content, styles, zero, 2, &params, &result),
          NST_ERROR_INVALID_ARGUMENT, "zero", "zero blend");
}

static void
bad_calls (void)
{
  NstParams params = quick_params (2);
  expect (nst_job_run (NULL, &content, &style, NULL, 1, &params, NULL, NULL,
                       &result),
          NST_ERROR_INVALID_ARGUMENT, NULL, "NULL job");
  NstJob *no_job = (NstJob *) &content;
  expect (nst_job_new (NULL, &no_job), NST_ERROR_INVALID_ARGUMENT,
          "nst_model_load", "job without a model");
  CHECK (no_job == NULL, "*job set on failure");

  NstLosses l;
  NstImage  other = new_image (content.width, content.height - 1, 3, 0);
  expect (nst_job_evaluate (job, &content, &style, NULL, 1, &params, &other, &l,
                            NULL),
          NST_ERROR_INVALID_ARGUMENT, "size", "evaluate at another size");
  NstImage grad4 = new_image (content.width, content.height, 4, 0);
  expect (nst_job_evaluate (job, &content, &style, NULL, 1, &params, &content,
                            &l, &grad4),
          NST_ERROR_INVALID_ARGUMENT, "3 channels", "RGBA gradient");
  free_image (&other);
  free_image (&grad4);
}

static void
bad_weights_and_device (void)
{
  NstModel *m = (NstModel *) &content;
  expect (nst_model_load ("/nonexistent/vgg19.safetensors", NST_DEVICE_CPU, &m),
          NST_ERROR_WEIGHTS, "nst-download-weights", "missing weights");
  CHECK (m == NULL, "*model set on failure");
  expect (nst_model_load (NULL, NST_DEVICE_CPU, &m), NST_ERROR_INVALID_ARGUMENT,
          NULL, "NULL path");
  if (nst_cuda_device_count () == 0)
    expect (nst_model_load (getenv ("NST_TEST_WEIGHTS"), NST_DEVICE_CUDA, &m),
            NST_ERROR_DEVICE, "auto or cpu", "CUDA without a GPU");
}

int
main (void)
{
  model   = load_test_model ();
  job     = new_test_job (model);
  content = load_test_image ("content-64.png", 3);
  style   = load_test_image ("style-48.png", 3);
  result  = new_image (content.width, content.height, 4, 0);
  for (size_t i = 0; i < result.stride * result.height; i++)
    result.pixels[i] = -3.0f;

  bad_params ();
  bad_images ();
  bad_styles ();
  bad_calls ();
  bad_weights_and_device ();

  for (size_t i = 0; i < result.stride * result.height; i++)
    CHECK (result.pixels[i] == -3.0f, "a failed run wrote the result");
  free_image (&content);
  free_image (&style);
  free_image (&result);
  nst_job_free (job);
  nst_model_free (model);
  return 0;
}
