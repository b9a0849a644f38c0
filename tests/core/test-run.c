/* test-run.c: nst_job_run () and nst_job_evaluate () through the C API, on
 * the synthetic weights and the tiny test images.
 *
 * usage: test-run CASE   (one case per meson test; see `cases` below)
 *
 * Synthetic weights are random: these tests check behaviour (counts,
 * sizes, ranges, determinism, properties of the colour modes), never how
 * the result looks.
 */

#define _POSIX_C_SOURCE 200809L

#include "testutil.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

/* What the progress callback saw. */
typedef struct
{
  int         calls;
  int         frames;
  int         frame_at[64];
  int         frame_width[64];
  int         frame_height[64];
  double      frame_fraction[64];
  int         per_scale[8]; /* evaluations made at each scale */
  int         stop_at;      /* return 0 at this evaluation (0: never) */
  atomic_int  seen;         /* for the cancelling thread */
  double      first_total, last_total, min_total;
  NstProgress last;
  NstImage    last_frame; /* copy of the last frame */
  int         bad;        /* a field was out of order */
} Recorder;

/* The cost-weighted share of the plan done grows, ends at 1 exactly at the
 * last planned evaluation, equals the evaluations' share at one scale, and
 * the time left is an estimate of a few seconds here. */
static int
progress_fraction_ok (const NstProgress *p, const Recorder *r)
{
  double by_count = (double) p->evaluation / p->evaluations;
  return p->fraction > 0 && p->fraction <= 1
         && (r->calls == 1 || p->fraction > r->last.fraction)
         && (p->evaluation != p->evaluations || p->fraction == 1)
         && (p->scales > 1 || fabs (p->fraction - by_count) < 1e-12)
         && p->seconds_left >= 0 && p->seconds_left < 1e4;
}

static int
record (const NstProgress *p, void *data)
{
  Recorder *r = data;
  r->calls++;
  /* The plan is known from the first evaluation on: the bar and the time
   * left follow it. */
  if (p->evaluation != r->calls || p->evaluations < p->evaluation
      || (r->calls > 1 && p->evaluations != r->last.evaluations) || p->scale < 1
      || p->scale > p->scales || p->scales > 8
      || (r->calls > 1 && p->scale < r->last.scale) || ! isfinite (p->total)
      || p->seconds < r->last.seconds || ! progress_fraction_ok (p, r))
    r->bad = 1;
  else
    r->per_scale[p->scale - 1]++;
  if (r->calls == 1)
    r->first_total = r->min_total = p->total;
  r->min_total  = fmin (r->min_total, p->total);
  r->last_total = p->total;
  r->last       = *p;
  r->last.image = NULL;
  if (p->image)
    {
      const NstImage *im = p->image;
      if (r->frames < 64)
        {
          r->frame_at[r->frames]       = p->evaluation;
          r->frame_width[r->frames]    = im->width;
          r->frame_height[r->frames]   = im->height;
          r->frame_fraction[r->frames] = p->fraction;
        }
      r->frames++;
      if (im->channels != 3 || im->stride < (size_t) im->width * 3)
        r->bad = 1;
      free_image (&r->last_frame);
      r->last_frame = new_image (im->width, im->height, 3, 0);
      for (int y = 0; y < im->height; y++)
        memcpy (pixel (&r->last_frame, 0, y), im->pixels + y * im->stride,
                sizeof (float) * 3 * im->width);
    }
  atomic_store (&r->seen, p->evaluation);
  return r->stop_at == 0 || p->evaluation < r->stop_at;
}

static NstStatus *
run (Fixture *f, const NstParams *params, Recorder *r, NstImage *result)
{
  return nst_job_run (f->job, &f->content, &f->style, NULL, 1, params,
                      r ? record : NULL, r, result);
}

/* 6 evaluations at the content's own size: in range, its size, alpha
 * kept, the loss lowered. */
static void
case_short (void)
{
  Fixture f = fixture_setup (4);
  for (int y = 0; y < f.content.height; y++)
    for (int x = 0; x < f.content.width; x++)
      pixel (&f.content, x, y)[3] = (float) ((x * 7 + y * 3) % 11) / 10.0f;
  NstParams params = quick_params (6);
  NstImage  result = new_image (f.content.width, f.content.height, 4, 5);
  Recorder  r      = { 0 };
  CHECK_OK (run (&f, &params, &r, &result));

  CHECK (r.calls == 6, "the callback saw %d evaluations, not 6", r.calls);
  CHECK (! r.bad, "a progress report was inconsistent");
  CHECK (r.last.evaluations == 6 && r.last.scales == 1,
         "planned %d evaluations in %d scales", r.last.evaluations,
         r.last.scales);
  CHECK (r.min_total < r.first_total, "the loss never fell below %g",
         r.first_total);
  check_in_range (&result);
  CHECK (max_difference (&result, &f.content) > 1e-4,
         "the result is the content image");
  for (int y = 0; y < result.height; y++)
    for (int x = 0; x < result.width; x++)
      CHECK (pixel (&result, x, y)[3] == pixel (&f.content, x, y)[3],
             "alpha at (%d, %d) changed", x, y);

  /* The result is the evaluated image with the lowest loss. */
  NstLosses l;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, &f.style, NULL, 1, &params,
                              &result, &l, NULL));
  CHECK (fabs (l.total - r.min_total) <= 1e-4 * r.min_total,
         "the result's loss is %g, the lowest seen %g", l.total, r.min_total);
  free_image (&result);
  free_image (&r.last_frame);
  fixture_teardown (&f);
}

/* Frames every preview_every evaluations and at the end; the last one is
 * the result (same size, no resizing). */
static void
case_frames (void)
{
  Fixture   f          = fixture_setup (3);
  NstParams params     = quick_params (7);
  params.preview_every = 3;
  NstImage result      = new_image (f.content.width, f.content.height, 3, 0);
  Recorder r           = { 0 };
  CHECK_OK (run (&f, &params, &r, &result));
  CHECK (r.calls == 7, "%d evaluations, not 7", r.calls);
  CHECK (r.frames == 3 && r.frame_at[0] == 3 && r.frame_at[1] == 6
             && r.frame_at[2] == 7,
         "%d frames, the first at %d", r.frames, r.frame_at[0]);
  CHECK (! r.bad, "a frame or report was malformed");
  CHECK (r.last_frame.width == result.width
             && r.last_frame.height == result.height,
         "the frame is %dx%d", r.last_frame.width, r.last_frame.height);
  CHECK (images_identical (&r.last_frame, &result),
         "the last frame differs from the result");
  free_image (&result);
  free_image (&r.last_frame);
  fixture_teardown (&f);
}

/* The callback returning 0 stops the run successfully. */
static void
case_stop (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (20);
  NstImage  result = new_image (f.content.width, f.content.height, 3, 0);
  result.pixels[0] = -5.0f;
  Recorder r       = { 0 };
  r.stop_at        = 3;
  CHECK_OK (run (&f, &params, &r, &result));
  CHECK (r.calls == 3, "%d evaluations after a stop at 3", r.calls);
  CHECK (result.pixels[0] >= 0.0f, "no result was written");
  check_in_range (&result);
  free_image (&result);
  free_image (&r.last_frame);
  fixture_teardown (&f);
}

static void *
cancel_after_two (void *data)
{
  Fixture  *f = ((void **) data)[0];
  Recorder *r = ((void **) data)[1];
  while (atomic_load (&r->seen) < 2)
    {
      struct timespec ts = { 0, 1000000 };
      nanosleep (&ts, NULL);
    }
  nst_job_cancel (f->job);
  return NULL;
}

/* nst_job_cancel () from another thread: NST_ERROR_CANCELLED, the result
 * untouched; a cancel before a run cancels that run; the flag is then
 * cleared. */
static void
case_cancel (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (200);
  NstImage  result = new_image (f.content.width, f.content.height, 3, 0);
  for (size_t i = 0; i < result.stride * result.height; i++)
    result.pixels[i] = -7.0f;

  Recorder  r = { 0 };
  pthread_t thread;
  void     *args[2] = { &f, &r };
  CHECK (pthread_create (&thread, NULL, cancel_after_two, args) == 0,
         "no thread");
  NstStatus *st = run (&f, &params, &r, &result);
  pthread_join (thread, NULL);
  CHECK (nst_status_code (st) == NST_ERROR_CANCELLED, "code %d: %s",
         nst_status_code (st), nst_status_message (st));
  CHECK (strlen (nst_status_message (st)) > 0, "no message");
  nst_status_free (st);
  CHECK (r.calls >= 2 && r.calls < 200, "%d evaluations", r.calls);
  for (size_t i = 0; i < result.stride * result.height; i++)
    CHECK (result.pixels[i] == -7.0f, "the result was written to");

  /* Requested before the run: that run is cancelled at once. */
  nst_job_cancel (f.job);
  Recorder r2 = { 0 };
  st          = run (&f, &params, &r2, &result);
  CHECK (nst_status_code (st) == NST_ERROR_CANCELLED && r2.calls == 0,
         "code %d after %d evaluations", nst_status_code (st), r2.calls);
  nst_status_free (st);

  /* Cleared: the next run completes. */
  params.iterations = 2;
  Recorder r3       = { 0 };
  CHECK_OK (run (&f, &params, &r3, &result));
  CHECK (r3.calls == 2, "%d evaluations", r3.calls);
  free_image (&result);
  free_image (&r.last_frame);
  free_image (&r2.last_frame);
  free_image (&r3.last_frame);
  fixture_teardown (&f);
}

/* Same inputs, parameters and seed: the same bytes (content and noise
 * starts, two styles); another seed: another start image. */
static void
case_determinism (void)
{
  Fixture  f         = fixture_setup (3);
  NstImage styles[2] = { f.style, f.style2 };
  double   blend[2]  = { 3.0, 1.0 };
  NstImage a         = new_image (f.content.width, f.content.height, 3, 0);
  NstImage b         = new_image (f.content.width, f.content.height, 3, 0);
  for (int init = NST_INIT_CONTENT; init <= NST_INIT_NOISE; init++)
    {
      NstParams params = quick_params (3);
      params.init      = init;
      params.seed      = 42;
      CHECK_OK (nst_job_run (f.job, &f.content, styles, blend, 2, &params, NULL,
                             NULL, &a));
      NstJob *other = new_test_job (f.model);
      CHECK_OK (nst_job_run (other, &f.content, styles, blend, 2, &params, NULL,
                             NULL, &b));
      nst_job_free (other);
      CHECK (images_identical (&a, &b), "init %d: two runs differ by %g", init,
             max_difference (&a, &b));
    }

  /* One evaluation returns the start image: the noise itself. */
  NstParams params = quick_params (1);
  params.init      = NST_INIT_NOISE;
  params.seed      = 1;
  CHECK_OK (run (&f, &params, NULL, &a));
  params.seed = 2;
  CHECK_OK (run (&f, &params, NULL, &b));
  CHECK (max_difference (&a, &b) > 0.1, "seeds 1 and 2 give the same noise");
  CHECK (max_difference (&a, &f.content) > 0.1, "noise start is the content");
  params.init = NST_INIT_CONTENT;
  CHECK_OK (run (&f, &params, NULL, &a));
  CHECK (max_difference (&a, &f.content) < 1e-6,
         "content start differs from the content by %g",
         max_difference (&a, &f.content));
  free_image (&a);
  free_image (&b);
  fixture_teardown (&f);
}

/* scales=2: `iterations` at the final scale, fewer at the coarse one, the
 * plan's total made, a frame at the end of each scale at its working
 * size. */
static void
case_scales (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (8);
  params.scales    = 2;
  NstImage result  = new_image (f.content.width, f.content.height, 3, 0);
  Recorder r       = { 0 };
  CHECK_OK (run (&f, &params, &r, &result));
  CHECK (! r.bad, "a progress report was inconsistent");
  CHECK (r.calls == r.last.evaluations && r.last.scales == 2
             && r.last.scale == 2,
         "%d calls of %d planned, scale %d of %d", r.calls, r.last.evaluations,
         r.last.scale, r.last.scales);
  CHECK (r.per_scale[1] == 8 && r.per_scale[0] >= 1 && r.per_scale[0] < 8,
         "%d evaluations at the coarse scale, %d at the final one, not fewer "
         "and 8",
         r.per_scale[0], r.per_scale[1]);
  CHECK (r.frames == 2 && r.frame_at[0] == r.per_scale[0]
             && r.frame_at[1] == r.calls,
         "%d frames", r.frames);
  CHECK (r.frame_width[0] == 32 && r.frame_width[1] == 64,
         "frames %d and %d px wide, not 32 and 64", r.frame_width[0],
         r.frame_width[1]);
  /* The bar weighs each evaluation by its pixels: after the coarse scale
   * it shows that scale's share of the work, not of the evaluations. */
  double coarse
      = (double) r.per_scale[0] * r.frame_width[0] * r.frame_height[0];
  double fine = 8.0 * r.frame_width[1] * r.frame_height[1];
  CHECK (fabs (r.frame_fraction[0] - coarse / (coarse + fine)) < 1e-12,
         "%.4f of the bar after the coarse scale, not %.4f",
         r.frame_fraction[0], coarse / (coarse + fine));
  check_in_range (&result);
  free_image (&result);
  free_image (&r.last_frame);
  fixture_teardown (&f);
}

/* For 1 to 3 scales (and Adam at 3): the total the first progress
 * report plans is the number of evaluations made, the final scale makes
 * `iterations` of them and no coarser scale more than the next finer
 * one. */
static void
case_plan (void)
{
  Fixture f = fixture_setup (3);
  for (int i = 0; i < 4; i++)
    {
      int       scales = i < 3 ? i + 1 : 3;
      int       evaluations;
      NstParams params = quick_params (5);
      params.scales    = scales;
      params.size      = 96; /* 96×65: 16 px high at the coarsest of 3 */
      params.optimizer = i == 3 ? NST_OPTIMIZER_ADAM : NST_OPTIMIZER_LBFGS;
      NstImage result  = new_image (f.content.width, f.content.height, 3, 0);
      Recorder r       = { 0 };
      CHECK_OK (run (&f, &params, &r, &result));
      CHECK (! r.bad,
             "scales %d: a progress report was inconsistent "
             "(the plan changed?)",
             scales);
      CHECK (r.calls == r.last.evaluations,
             "scales %d: %d evaluations made, %d planned", scales, r.calls,
             r.last.evaluations);
      evaluations = nst_params_evaluations (&params, f.content.width,
                                            f.content.height);
      CHECK (evaluations == r.calls,
             "scales %d: nst_params_evaluations says %d, the run made %d",
             scales, evaluations, r.calls);
      CHECK (r.per_scale[scales - 1] == 5,
             "scales %d: %d evaluations at the final scale, not 5", scales,
             r.per_scale[scales - 1]);
      for (int s = 0; s + 1 < scales; s++)
        CHECK (r.per_scale[s] >= 1 && r.per_scale[s] <= r.per_scale[s + 1],
               "scales %d: %d evaluations at scale %d, %d at the next", scales,
               r.per_scale[s], s + 1, r.per_scale[s + 1]);
      free_image (&result);
      free_image (&r.last_frame);
    }
  fixture_teardown (&f);
}

/* Adam runs, stays in range and lowers the loss. */
static void
case_adam (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (8);
  params.optimizer = NST_OPTIMIZER_ADAM;
  NstImage result  = new_image (f.content.width, f.content.height, 3, 0);
  Recorder r       = { 0 };
  CHECK_OK (run (&f, &params, &r, &result));
  CHECK (r.calls == 8, "%d evaluations", r.calls);
  CHECK (r.last_total < r.first_total, "the loss went from %g to %g",
         r.first_total, r.last_total);
  check_in_range (&result);
  free_image (&result);
  free_image (&r.last_frame);
  fixture_teardown (&f);
}

static double
luma (const float *p)
{
  return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

/* preserve-colors=luminance: wherever the result was not clamped, its
 * chroma (RGB minus luminance, i.e. YIQ's I and Q) is the content's. */
static void
case_luminance (void)
{
  Fixture   f            = fixture_setup (3);
  NstParams params       = quick_params (6);
  params.preserve_colors = NST_PRESERVE_COLORS_LUMINANCE;
  NstImage result        = new_image (f.content.width, f.content.height, 3, 0);
  CHECK_OK (run (&f, &params, NULL, &result));
  int checked = 0;
  for (int y = 0; y < result.height; y++)
    for (int x = 0; x < result.width; x++)
      {
        const float *o = pixel (&result, x, y), *c = pixel (&f.content, x, y);
        if (fmin (fmin (o[0], o[1]), o[2]) <= 0.0f
            || fmax (fmax (o[0], o[1]), o[2]) >= 1.0f)
          continue;
        checked++;
        for (int k = 0; k < 3; k++)
          CHECK (fabs ((o[k] - luma (o)) - (c[k] - luma (c))) < 1e-5,
                 "chroma at (%d, %d) channel %d differs", x, y, k);
      }
  CHECK (checked > result.width * result.height / 2, "only %d pixels unclamped",
         checked);
  CHECK (max_difference (&result, &f.content) > 1e-4,
         "the result is the content image");
  free_image (&result);
  fixture_teardown (&f);
}

/* nst_job_evaluate (): zero content loss at the content, the total as the
 * weighted sum, params.size ignored, the gradient pointing uphill, blend
 * weights; and preserve-colors=match recolouring a style that is the
 * content with its contrast halved back into the content (zero style
 * loss). */
static void
case_evaluate (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (1);
  params.size      = 512;
  params.tv_weight = 10;
  NstImage  grad   = new_image (f.content.width, f.content.height, 3, 0);
  NstLosses l;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, &f.style, NULL, 1, &params,
                              &f.content, &l, &grad));
  CHECK (l.content == 0.0, "content loss %g at the content", l.content);
  double expect = params.style_weight * l.style + params.tv_weight * l.tv;
  CHECK (fabs (l.total - expect) <= 1e-5 * expect, "total %g, expected %g",
         l.total, expect);

  /* A small step against the gradient lowers the loss by about h·g·d,
   * d the gradient without the components that would leave [0, 1]. */
  double g2 = 0, gd = 0;
  for (int y = 0; y < grad.height; y++)
    for (int x = 0; x < grad.width * 3; x++)
      g2 += (double) pixel (&grad, 0, y)[x] * pixel (&grad, 0, y)[x];
  CHECK (g2 > 0, "the gradient is zero");
  double   h     = 1e-3 * l.total / g2;
  NstImage moved = new_image (f.content.width, f.content.height, 3, 0);
  for (int y = 0; y < grad.height; y++)
    for (int x = 0; x < grad.width * 3; x++)
      {
        float g = pixel (&grad, 0, y)[x], c = pixel (&f.content, 0, y)[x];
        float v = c - h * g;
        if (v < 0.0f || v > 1.0f)
          v = c;
        else
          gd += (double) g * g;
        pixel (&moved, 0, y)[x] = v;
      }
  CHECK (gd > 0.5 * g2, "most of the step leaves [0, 1]");
  NstLosses l2;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, &f.style, NULL, 1, &params,
                              &moved, &l2, NULL));
  double ratio = (l.total - l2.total) / (h * gd);
  CHECK (ratio > 0.7 && ratio < 1.3,
         "the loss fell by %g, the gradient predicts %g", l.total - l2.total,
         h * gd);

  /* Blend weights: a zero weight drops a style, equal weights of one
   * style are that style. */
  NstImage  two[2] = { f.style, f.style2 }, same[2] = { f.style, f.style };
  double    one_zero[2] = { 1, 0 }, equal[2] = { 2, 2 };
  NstLosses blended;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, two, one_zero, 2, &params,
                              &f.content, &blended, NULL));
  CHECK (blended.style == l.style, "blend 1:0 gives style loss %g, not %g",
         blended.style, l.style);
  CHECK_OK (nst_job_evaluate (f.job, &f.content, same, equal, 2, &params,
                              &f.content, &blended, NULL));
  CHECK (blended.style == l.style, "blend 2:2 of one style gives %g, not %g",
         blended.style, l.style);
  CHECK_OK (nst_job_evaluate (f.job, &f.content, two, NULL, 2, &params,
                              &f.content, &blended, NULL));
  CHECK (blended.style != l.style, "a second style changed nothing");

  NstImage low = new_image (f.content.width, f.content.height, 3, 0);
  for (int y = 0; y < low.height; y++)
    for (int x = 0; x < low.width * 3; x++)
      pixel (&low, 0, y)[x] = 0.5f * pixel (&f.content, 0, y)[x] + 0.25f;
  NstLosses plain, matched;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, &low, NULL, 1, &params,
                              &f.content, &plain, NULL));
  params.preserve_colors = NST_PRESERVE_COLORS_MATCH;
  CHECK_OK (nst_job_evaluate (f.job, &f.content, &low, NULL, 1, &params,
                              &f.content, &matched, NULL));
  CHECK (plain.style > 0 && matched.style < 1e-3 * plain.style,
         "style loss %g matched, %g plain", matched.style, plain.style);
  free_image (&grad);
  free_image (&moved);
  free_image (&low);
  fixture_teardown (&f);
}

/* A style frame sizes the styles as for a picture of that size: a frame of
 * twice the content's size is style_scale 2 without one, a frame of the
 * content's own size is no frame; a half-empty size is refused. */
static void
case_style_frame (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (4);
  int       w = f.content.width, h = f.content.height;
  NstImage  scaled = new_image (w, h, 3, 0), framed = new_image (w, h, 3, 0);
  NstImage  plain = new_image (w, h, 3, 0), own = new_image (w, h, 3, 0);

  params.style_scale = 2.0;
  CHECK_OK (run (&f, &params, NULL, &scaled));
  params.style_scale = 1.0;
  CHECK_OK (run (&f, &params, NULL, &plain));
  CHECK (! images_identical (&scaled, &plain), "style_scale changed nothing");

  CHECK_OK (nst_job_set_style_frame (f.job, 2 * w, 2 * h));
  CHECK_OK (run (&f, &params, NULL, &framed));
  CHECK (images_identical (&framed, &scaled),
         "a frame of twice the size differs from style_scale 2 by %g",
         max_difference (&framed, &scaled));

  CHECK_OK (nst_job_set_style_frame (f.job, w, h));
  CHECK_OK (run (&f, &params, NULL, &own));
  CHECK (images_identical (&own, &plain),
         "a frame of the content's size differs from none by %g",
         max_difference (&own, &plain));

  NstStatus *st = nst_job_set_style_frame (f.job, 5, 0);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT,
         "a 5 × 0 frame was taken");
  nst_status_free (st);
  CHECK_OK (nst_job_set_style_frame (f.job, 0, 0));
  free_image (&scaled);
  free_image (&framed);
  free_image (&plain);
  free_image (&own);
  fixture_teardown (&f);
}

#include "test-main.h"
