/* test-regions.c: styles by region (nst_job_set_style_regions) through the
 * C API, on the synthetic weights and the tiny test images.
 *
 * usage: test-regions CASE   (one case per meson test)
 *
 * The guided Gram matrices themselves are checked against a Python
 * implementation of the paper's formula by the reference suite; these
 * cases check how regions combine, that runs with them work, and what is
 * refused.
 */

#include "testutil.h"

#include <math.h>
#include <string.h>

/* A 1-channel mask of the content's size: 1 left of `edge` (a share of the
 * width), 0 right of it, with a linear ramp `feather` px wide between
 * (0: a hard edge); `inverted` swaps the sides. */
static NstImage
ramp_mask (int width, int height, double edge, double feather, int inverted)
{
  NstImage m = new_image (width, height, 1, 3);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double d = x + 0.5 - edge * width, v;
        if (feather > 0)
          v = fmin (1.0, fmax (0.0, 0.5 - d / feather));
        else
          v = d < 0 ? 1.0 : 0.0;
        pixel (&m, x, y)[0] = (float) (inverted ? 1.0 - v : v);
      }
  return m;
}

static NstImage
filled_mask (int width, int height, float value)
{
  NstImage m = new_image (width, height, 1, 0);
  for (size_t i = 0; i < (size_t) width * height; i++)
    m.pixels[i] = value;
  return m;
}

static NstLosses
evaluate (Fixture        *f,
          const NstImage *styles,
          const double   *blend,
          int             n,
          const NstImage *content_masks,
          const NstImage *source_masks)
{
  NstParams params = quick_params (1);
  NstLosses l;
  CHECK_OK (nst_job_set_style_regions (f->job, n, content_masks, source_masks));
  CHECK_OK (nst_job_evaluate (f->job, &f->content, styles, blend, n, &params,
                              &f->content, &l, NULL));
  return l;
}

static int
near (double a, double b, double rel)
{
  return fabs (a - b) <= rel * fmax (fabs (a), fabs (b));
}

/* Two styles in complementary soft regions give the sum of the two
 * single-region losses, whatever their blend weights; a style without a
 * mask keeps the blend among such styles and adds to the regions; an
 * all-ones mask is no mask; a soft mask and a source mask change the
 * loss. */
static void
case_sum (void)
{
  Fixture  f = fixture_setup (3);
  int      w = f.content.width, h = f.content.height;
  NstImage m      = ramp_mask (w, h, 0.5, 12, 0),
           rest   = ramp_mask (w, h, 0.5, 12, 1);
  NstImage two[2] = { f.style, f.style2 }, masks[2] = { m, rest };

  NstLosses plain   = evaluate (&f, &f.style, NULL, 1, NULL, NULL);
  NstLosses alone_1 = evaluate (&f, &f.style, NULL, 1, &m, NULL);
  NstLosses alone_2 = evaluate (&f, &f.style2, NULL, 1, &rest, NULL);
  NstLosses both    = evaluate (&f, two, NULL, 2, masks, NULL);
  printf ("style losses: first style in its region %.9g, second in the "
          "other %.9g, both %.9g\n",
          alone_1.style, alone_2.style, both.style);
  CHECK (near (both.style, alone_1.style + alone_2.style, 1e-6),
         "two regions give %.9g, their single losses add to %.9g", both.style,
         alone_1.style + alone_2.style);
  CHECK (both.content == plain.content, "the content loss changed");
  CHECK (! near (alone_1.style, plain.style, 1e-3),
         "a soft region changes nothing (%g)", plain.style);

  /* Blend weights do not weigh styles painted in a region. */
  double    weights[2] = { 5, 1 };
  NstLosses blended    = evaluate (&f, two, weights, 2, masks, NULL);
  CHECK (blended.style == both.style,
         "blend 5:1 of regions gives %.9g, not %.9g", blended.style,
         both.style);

  /* The first style everywhere, the second in a region: the first's own
   * loss plus the second's region term, the blend normalised among the
   * styles painted everywhere (here the first alone). */
  NstImage  second_only[2] = { { 0 }, rest };
  NstLosses mixed          = evaluate (&f, two, weights, 2, second_only, NULL);
  CHECK (near (mixed.style, plain.style + alone_2.style, 1e-6),
         "a style everywhere and one in a region give %.9g, not %.9g",
         mixed.style, plain.style + alone_2.style);

  /* A mask of ones is the whole image (within float rounding: the
   * guided path multiplies by 1 and sums the mask). */
  NstImage  ones     = filled_mask (w, h, 1.0f);
  NstLosses all_ones = evaluate (&f, &f.style, NULL, 1, &ones, NULL);
  CHECK (near (all_ones.style, plain.style, 1e-6),
         "an all-ones region gives %.9g, no region %.9g", all_ones.style,
         plain.style);

  /* A source mask takes the style from part of its image. */
  NstImage  source  = ramp_mask (f.style.width, f.style.height, 0.3, 6, 0);
  NstLosses sourced = evaluate (&f, &f.style, NULL, 1, NULL, &source);
  CHECK (! near (sourced.style, plain.style, 1e-3),
         "a source mask changes nothing (%g)", plain.style);

  /* Cleared: exactly the loss without regions. */
  CHECK_OK (nst_job_set_style_regions (f.job, 0, NULL, NULL));
  NstParams params = quick_params (1);
  NstLosses again;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, &f.style, NULL, 1, &params,
                              &f.content, &again, NULL));
  CHECK (again.style == plain.style && again.total == plain.total,
         "after clearing the regions the loss is %.9g, not %.9g", again.style,
         plain.style);
  free_image (&m);
  free_image (&rest);
  free_image (&ones);
  free_image (&source);
  fixture_teardown (&f);
}

/* Runs with a hard and a feathered pair of regions (one with a source
 * mask), at one scale and at two, and with a style frame: each completes,
 * in range, and the masks change the result.  Whole-image entries, and
 * clearing, give the run without regions byte for byte.  A plan counts
 * the regions' memory. */
static void
case_run (void)
{
  Fixture  f = fixture_setup (3);
  int      w = f.content.width, h = f.content.height;
  NstImage two[2] = { f.style, f.style2 };
  NstImage hard[2]
      = { ramp_mask (w, h, 0.5, 0, 0), ramp_mask (w, h, 0.5, 0, 1) };
  NstImage soft[2]
      = { ramp_mask (w, h, 0.4, 20, 0), ramp_mask (w, h, 0.4, 20, 1) };
  NstImage sources[2]
      = { { 0 }, ramp_mask (f.style2.width, f.style2.height, 0.5, 8, 1) };
  NstImage plain  = new_image (w, h, 3, 0);
  NstImage result = new_image (w, h, 3, 0);
  NstImage other  = new_image (w, h, 3, 0);

  NstParams params = quick_params (4);
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &plain));

  CHECK_OK (nst_job_set_style_regions (f.job, 2, hard, NULL));
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &result));
  check_in_range (&result);
  CHECK (max_difference (&result, &plain) > 1e-4,
         "hard regions give the run without them");

  CHECK_OK (nst_job_set_style_regions (f.job, 2, soft, sources));
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &other));
  check_in_range (&other);
  CHECK (max_difference (&other, &result) > 1e-4,
         "feathered regions give the hard ones' result");

  /* Masks resized with each level (scales 2) and with the style frame. */
  params.scales = 2;
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &other));
  check_in_range (&other);
  params.scales = 1;
  CHECK_OK (nst_job_set_style_frame (f.job, 2 * w, 2 * h));
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &other));
  check_in_range (&other);
  CHECK_OK (nst_job_set_style_frame (f.job, 0, 0));

  /* The plan counts what the regions' guided Gram matrices keep. */
  NstPlan with, without;
  CHECK_OK (nst_job_plan (f.job, &f.content, two, NULL, 2, &params, 0, &with));
  CHECK_OK (nst_job_set_style_regions (f.job, 0, NULL, NULL));
  CHECK_OK (
      nst_job_plan (f.job, &f.content, two, NULL, 2, &params, 0, &without));
  CHECK (with.level[0].peak_bytes > without.level[0].peak_bytes,
         "the plan's peak is %g bytes with regions, %g without",
         with.level[0].peak_bytes, without.level[0].peak_bytes);

  /* No masks at all: the run without regions, byte for byte. */
  NstImage whole[2] = { { 0 }, { 0 } };
  CHECK_OK (nst_job_set_style_regions (f.job, 2, whole, whole));
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &result));
  CHECK (images_identical (&result, &plain),
         "whole-image entries differ from no regions by %g",
         max_difference (&result, &plain));
  CHECK_OK (nst_job_set_style_regions (f.job, 0, NULL, NULL));
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &result));
  CHECK (images_identical (&result, &plain),
         "after clearing, the run differs from one without regions by %g",
         max_difference (&result, &plain));
  for (int i = 0; i < 2; i++)
    {
      free_image (&hard[i]);
      free_image (&soft[i]);
    }
  free_image (&sources[1]);
  free_image (&plain);
  free_image (&result);
  free_image (&other);
  fixture_teardown (&f);
}

/* `st` is INVALID_ARGUMENT with a message containing each of `words`. */
static void
expect_refused (NstStatus  *st,
                const char *what,
                const char *word1,
                const char *word2)
{
  const char *message = nst_status_message (st);
  printf ("%s: %s\n", what, message);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT, "%s: code %d (%s)",
         what, nst_status_code (st), message);
  CHECK (strstr (message, word1) && (! word2 || strstr (message, word2)),
         "%s: the message lacks '%s' or '%s': %s", what, word1,
         word2 ? word2 : "", message);
  nst_status_free (st);
}

/* Masks of the wrong size, channels or values, a style painted nowhere, and
 * a run with another number of styles are refused with a message; a refused
 * call leaves the regions as they were. */
static void
case_refused (void)
{
  Fixture   f = fixture_setup (3);
  int       w = f.content.width, h = f.content.height;
  NstParams params = quick_params (1);
  NstImage  result = new_image (w, h, 3, 0);
  NstImage  two[2] = { f.style, f.style2 };
  NstImage  good   = ramp_mask (w, h, 0.5, 8, 0);

  /* Sizes: checked by the run, against the content and the style. */
  NstImage small = ramp_mask (w - 1, h, 0.5, 8, 0);
  CHECK_OK (nst_job_set_style_regions (f.job, 1, &small, NULL));
  expect_refused (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params,
                               NULL, NULL, &result),
                  "content mask of the wrong size", "region mask",
                  "size of the content image");
  CHECK_OK (nst_job_set_style_regions (f.job, 1, NULL, &good));
  expect_refused (nst_job_evaluate (f.job, &f.content, &f.style, NULL, 1,
                                    &params, &f.content, &(NstLosses){ 0 },
                                    NULL),
                  "source mask of the content's size", "source mask",
                  "size of the style image");

  /* Channels, values, nothing selected: refused when set. */
  NstImage rgb = new_image (w, h, 3, 0);
  for (size_t i = 0; i < rgb.stride * h; i++)
    rgb.pixels[i] = 1.0f;
  expect_refused (nst_job_set_style_regions (f.job, 1, &rgb, NULL),
                  "an RGB mask", "3 channels", "1 (grey)");
  NstImage bright          = filled_mask (w, h, 1.0f);
  pixel (&bright, 3, 4)[0] = 1.5f;
  expect_refused (nst_job_set_style_regions (f.job, 1, &bright, NULL),
                  "a value of 1.5", "1.5", "outside 0 to 1");
  pixel (&bright, 3, 4)[0] = NAN;
  expect_refused (nst_job_set_style_regions (f.job, 1, NULL, &bright), "a NaN",
                  "source mask", "not numbers");
  NstImage black = filled_mask (w, h, 0.0f);
  expect_refused (nst_job_set_style_regions (f.job, 1, &black, NULL),
                  "a black mask", "0 everywhere", NULL);
  expect_refused (nst_job_set_style_regions (f.job, 0, &good, NULL),
                  "no styles", "at least one style", NULL);

  /* The last good setting stands: regions for two styles, refused by a run
   * with one, taken by a run with two. */
  NstImage masks[2] = { good, { 0 } };
  CHECK_OK (nst_job_set_style_regions (f.job, 2, masks, NULL));
  expect_refused (nst_job_set_style_regions (f.job, 2, masks, &bright),
                  "a later NaN", "style image 1", "not numbers");
  expect_refused (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params,
                               NULL, NULL, &result),
                  "two regions for one style", "set for 2", NULL);
  CHECK_OK (nst_job_run (f.job, &f.content, two, NULL, 2, &params, NULL, NULL,
                         &result));
  free_image (&result);
  free_image (&good);
  free_image (&small);
  free_image (&rgb);
  free_image (&bright);
  free_image (&black);
  fixture_teardown (&f);
}

#include "test-main.h"
