/* test-worker.c: plugin/common/worker.c without GIMP.
 *
 * The engine on its thread, reported to a GMainLoop: a run to the end
 * (its last frame, what the streamed layer shows last, is the result),
 * Stop (a result), Cancel (none), missing weights (an error), a cancel
 * before the engine starts, a worker freed from its own callback
 * (nothing called after), and the plan a dialog's preview asks for: before
 * the run, alone, or refused.  Uses the synthetic weights
 * ($NST_TEST_WEIGHTS).
 */

#include <glib.h>
#include <string.h>

#include "../check.h"
#include "common/worker.h"
#include "common/pixels.h"

typedef enum
{
  ACT_NONE,
  ACT_STOP,
  ACT_CANCEL,
  ACT_FREE
} Act;

typedef enum
{
  PLAN_NONE,
  PLAN_AND_RUN,
  PLAN_ONLY,
  PLAN_REFUSED, /* a budget of 1 MiB for the planned run, then the run */
  PLAN_CROPPED  /* the plan of the whole, then a run of a crop */
} PlanAsked;

typedef struct
{
  Act             act; /* what to do at the first progress */
  PlanAsked       plan;
  const NstImage *region; /* the style's content mask; NULL: none */
  GMainLoop      *loop;
  NspWorker      *worker;
  gint            progress_calls;
  gint            frames;
  gint            last_evaluation;
  gint            frame_width;
  gint            frame_height;
  gfloat         *frame;           /* the last frame */
  gboolean        frame_is_result; /* equals the result's RGB */
  gboolean        image_seen;      /* progress->image must be NULL */
  gint            done_calls;
  NstStatusCode   code;
  gboolean        have_result;
  gint            result_width;
  gint            result_channels;
  gboolean        message_empty;
  gboolean        content_taken;
  gint            plan_calls;
  gboolean        plan_after_progress;
  NstPlan         plan_got;
  NstStatusCode   plan_code;
} Watch;

static NstImage content;
static NstImage style;

static void
make_images (void)
{
  gint i;

  CHECK (nsp_image_alloc (&content, 32, 24, 4), "out of memory");
  CHECK (nsp_image_alloc (&style, 20, 16, 3), "out of memory");
  for (i = 0; i < 32 * 24 * 4; i++)
    content.pixels[i] = (i % 4 == 3) ? 1.0f : (i % 13) / 13.0f;
  for (i = 0; i < 20 * 16 * 3; i++)
    style.pixels[i] = (i % 7) / 7.0f;
}

static void
on_plan (const NstStatus *status, const NstPlan *plan, gpointer data)
{
  Watch *w = data;

  w->plan_calls++;
  w->plan_after_progress = w->progress_calls > 0;
  w->plan_code           = nst_status_code (status);
  if (plan)
    w->plan_got = *plan;
}

static void
on_progress (const NstProgress *progress,
             const gfloat      *frame,
             gint               frame_width,
             gint               frame_height,
             gpointer           data)
{
  Watch *w = data;

  w->progress_calls++;
  w->last_evaluation = progress->evaluation;
  w->image_seen |= progress->image != NULL;
  if (frame)
    {
      w->frames++;
      w->frame_width  = frame_width;
      w->frame_height = frame_height;
      g_free (w->frame);
      w->frame
          = g_memdup2 (frame, sizeof (gfloat) * 3 * frame_width * frame_height);
    }

  if (w->progress_calls == 1)
    switch (w->act)
      {
      case ACT_STOP:
        nsp_worker_stop (w->worker);
        break;
      case ACT_CANCEL:
        nsp_worker_cancel (w->worker);
        break;
      case ACT_FREE:
        nsp_worker_free (w->worker);
        w->worker = NULL;
        break;
      case ACT_NONE:
        break;
      }
}

static void
on_done (const NstStatus *status, const NstImage *result, gpointer data)
{
  Watch *w = data;

  w->done_calls++;
  w->code          = nst_status_code (status);
  w->message_empty = ! *nst_status_message (status);
  w->have_result   = result != NULL;
  if (result)
    {
      gint i;

      w->result_width    = result->width;
      w->result_channels = result->channels;
      /* What the streamed layer shows last is the result itself. */
      w->frame_is_result = w->frame && w->frame_width == result->width
                           && w->frame_height == result->height;
      for (i = 0; w->frame_is_result && i < result->width * result->height; i++)
        w->frame_is_result
            = ! memcmp (w->frame + 3 * i, result->pixels + result->channels * i,
                        3 * sizeof (gfloat));
    }
  g_main_loop_quit (w->loop);
}

static gboolean
give_up (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs one worker until done (or `seconds` when no done is expected). */
static void
watch_run (Watch       *w,
           const gchar *weights,
           gint         iterations,
           gboolean     cancel_at_once,
           guint        seconds)
{
  NstParams     params, plan_params;
  NstImage      mine;
  gdouble       blend = 1.0;
  NspWorkerCrop crop  = { 8, 4, 20, 16, content.width, content.height };

  CHECK (
      nsp_image_alloc (&mine, content.width, content.height, content.channels),
      "out of memory");
  memcpy (mine.pixels, content.pixels,
          sizeof (gfloat) * content.width * content.height * content.channels);

  nst_params_init (&params);
  params.iterations    = iterations;
  params.size          = 0;
  params.scales        = 1;
  params.preview_every = 1;
  params.device        = NST_DEVICE_CPU;
  params.init          = NST_INIT_NOISE;

  plan_params = params;
  if (w->plan == PLAN_REFUSED)
    plan_params.memory = 1;

  w->loop   = g_main_loop_new (NULL, FALSE);
  w->worker = nsp_worker_start (weights, &mine, &style, &blend, 1, w->region,
                                NULL, w->plan == PLAN_ONLY ? NULL : &params,
                                w->plan == PLAN_NONE ? NULL : &plan_params,
                                w->plan == PLAN_CROPPED ? &crop : NULL, on_plan,
                                on_progress, on_done, w);
  /* The layer's pixels are the worker's now, not a copy. */
  w->content_taken = mine.pixels == NULL;
  if (cancel_at_once)
    nsp_worker_cancel (w->worker);
  g_timeout_add_seconds (seconds, give_up, w->loop);
  g_main_loop_run (w->loop);
  nsp_worker_free (w->worker);
  g_main_loop_unref (w->loop);
  g_clear_pointer (&w->frame, g_free);
}

static const gchar *
weights (void)
{
  const gchar *path = g_getenv ("NST_TEST_WEIGHTS");

  CHECK (path, "NST_TEST_WEIGHTS is not set: run the test through meson");
  return path;
}

static void
test_to_the_end (void)
{
  Watch w = { .act = ACT_NONE };

  watch_run (&w, weights (), 5, FALSE, 120);
  CHECK (w.done_calls == 1, "w.done_calls is %d", w.done_calls);
  CHECK (w.code == NST_OK, "w.code is %d", (int) w.code);
  CHECK (w.have_result, "no result image");
  CHECK (w.result_width == 32, "w.result_width is %d", w.result_width);
  CHECK (w.result_channels == 4, "w.result_channels is %d", w.result_channels);
  CHECK (w.last_evaluation == 5, "w.last_evaluation is %d", w.last_evaluation);
  CHECK (w.frames >= 1, "w.frames is %d", w.frames);
  CHECK (w.frame_width == 32, "w.frame_width is %d", w.frame_width);
  CHECK (w.frame_height == 24, "w.frame_height is %d", w.frame_height);
  CHECK (w.frame_is_result, "the last frame is not the result");
  CHECK (! w.image_seen, "progress->image is set");
}

static void
test_stop (void)
{
  Watch w = { .act = ACT_STOP };

  watch_run (&w, weights (), 100000, FALSE, 120);
  CHECK (w.done_calls == 1, "w.done_calls is %d", w.done_calls);
  CHECK (w.code == NST_OK, "w.code is %d", (int) w.code);
  CHECK (w.have_result, "no result image");
  CHECK (w.last_evaluation < 100, "w.last_evaluation is %d", w.last_evaluation);
}

static void
test_cancel (void)
{
  Watch w = { .act = ACT_CANCEL };

  watch_run (&w, weights (), 100000, FALSE, 120);
  CHECK (w.done_calls == 1, "w.done_calls is %d", w.done_calls);
  CHECK (w.code == NST_ERROR_CANCELLED, "w.code is %d", (int) w.code);
  CHECK (! w.have_result, "a result image although there must be none");
}

static void
test_cancel_before_start (void)
{
  Watch w = { .act = ACT_NONE };

  watch_run (&w, weights (), 100000, TRUE, 120);
  CHECK (w.done_calls == 1, "w.done_calls is %d", w.done_calls);
  CHECK (w.code == NST_ERROR_CANCELLED, "w.code is %d", (int) w.code);
  CHECK (! w.have_result, "a result image although there must be none");
}

static void
test_missing_weights (void)
{
  Watch w = { .act = ACT_NONE };

  watch_run (&w, "/nonexistent/vgg19.safetensors", 5, FALSE, 120);
  CHECK (w.done_calls == 1, "w.done_calls is %d", w.done_calls);
  CHECK (w.code == NST_ERROR_WEIGHTS, "w.code is %d", (int) w.code);
  CHECK (! w.message_empty, "the error has no message");
  CHECK (! w.have_result, "a result image although there must be none");
  CHECK (w.progress_calls == 0, "w.progress_calls is %d", w.progress_calls);
}

/* Freed from its first progress callback: nothing may be called after,
 * and the loop only ends by the timeout. */
static void
test_free_in_callback (void)
{
  Watch w = { .act = ACT_FREE };

  watch_run (&w, weights (), 100000, FALSE, 3);
  CHECK (w.progress_calls == 1, "w.progress_calls is %d", w.progress_calls);
  CHECK (w.done_calls == 0, "w.done_calls is %d", w.done_calls);
}

static void
test_content_taken (void)
{
  Watch w = { .act = ACT_NONE };

  watch_run (&w, weights (), 1, FALSE, 120);
  CHECK (w.content_taken, "the content was copied, not taken");
  CHECK (w.plan_calls == 0, "a plan came unasked: %d", w.plan_calls);
}

/* A dialog's preview: the full run's plan first, then the preview's run. */
static void
test_plan_then_run (void)
{
  Watch w = { .act = ACT_NONE, .plan = PLAN_AND_RUN };

  watch_run (&w, weights (), 5, FALSE, 120);
  CHECK (w.plan_calls == 1, "w.plan_calls is %d", w.plan_calls);
  CHECK (! w.plan_after_progress, "the plan came after progress");
  CHECK (w.plan_code == NST_OK, "w.plan_code is %d", (int) w.plan_code);
  CHECK (w.plan_got.levels == 1, "levels: %d", w.plan_got.levels);
  CHECK (w.plan_got.level[0].width == 32 && w.plan_got.level[0].height == 24,
         "level size %d x %d", w.plan_got.level[0].width,
         w.plan_got.level[0].height);
  CHECK (w.plan_got.level[0].evaluations == 5, "evaluations: %d",
         w.plan_got.level[0].evaluations);
  CHECK (w.plan_got.level[0].seconds > 0, "the time was not measured");
  CHECK (w.done_calls == 1 && w.have_result, "the run after the plan did "
                                             "not finish with a result");
}

static void
test_plan_only (void)
{
  Watch w = { .act = ACT_NONE, .plan = PLAN_ONLY };

  watch_run (&w, weights (), 5, FALSE, 120);
  CHECK (w.plan_calls == 1, "w.plan_calls is %d", w.plan_calls);
  CHECK (w.plan_got.levels == 1, "levels: %d", w.plan_got.levels);
  CHECK (w.progress_calls == 0, "a plan alone ran: %d progress calls",
         w.progress_calls);
  CHECK (w.done_calls == 1, "w.done_calls is %d", w.done_calls);
  CHECK (w.code == NST_OK && ! w.have_result,
         "a plan alone ends without status and result (code %d, result %d)",
         (int) w.code, w.have_result);
}

/* A zoomed preview: the plan is of the whole, the run and its frames of
 * the crop only. */
static void
test_plan_cropped (void)
{
  Watch w = { .act = ACT_NONE, .plan = PLAN_CROPPED };

  watch_run (&w, weights (), 5, FALSE, 120);
  CHECK (w.plan_calls == 1 && w.plan_code == NST_OK, "plan: %d calls, code %d",
         w.plan_calls, (int) w.plan_code);
  CHECK (w.plan_got.level[0].width == 32 && w.plan_got.level[0].height == 24,
         "the plan is of %d x %d, not the whole", w.plan_got.level[0].width,
         w.plan_got.level[0].height);
  CHECK (w.done_calls == 1 && w.have_result && w.result_width == 20,
         "the crop's result: done %d, result %d, width %d", w.done_calls,
         w.have_result, w.result_width);
  CHECK (w.frame_width == 20 && w.frame_height == 16 && w.frame_is_result,
         "the last frame is %d x %d%s", w.frame_width, w.frame_height,
         w.frame_is_result ? "" : ", not the result");
}

/* A content mask of the whole content, 1 on columns [x0, x1). */
static void
columns_mask (NstImage *mask, gint x0, gint x1)
{
  gint x, y;

  CHECK (nsp_image_alloc (mask, content.width, content.height, 1),
         "out of memory");
  for (y = 0; y < content.height; y++)
    for (x = x0; x < x1; x++)
      mask->pixels[y * content.width + x] = 1.0f;
}

/* A zoomed preview with a region: the region is cropped with the content.
 * Uncropped, the run would refuse its size; cropped, a region only outside
 * the crop paints nowhere, which the engine refuses. */
static void
test_regions_cropped (void)
{
  NstImage inside, outside;
  Watch    w    = { .act = ACT_NONE, .plan = PLAN_CROPPED, .region = &inside };
  Watch    none = { .act = ACT_NONE, .plan = PLAN_CROPPED, .region = &outside };

  columns_mask (&inside, 10, 20); /* inside the crop, columns 8 to 27 */
  columns_mask (&outside, 0, 8);
  watch_run (&w, weights (), 3, FALSE, 120);
  CHECK (w.plan_calls == 1 && w.plan_code == NST_OK,
         "plan with a region: %d calls, code %d", w.plan_calls,
         (int) w.plan_code);
  CHECK (w.done_calls == 1 && w.have_result && w.result_width == 20,
         "the crop's result with a region: done %d, code %d, result %d, "
         "width %d",
         w.done_calls, (int) w.code, w.have_result, w.result_width);
  watch_run (&none, weights (), 3, FALSE, 120);
  CHECK (none.done_calls == 1 && ! none.have_result
             && none.code == NST_ERROR_INVALID_ARGUMENT,
         "a region outside the crop: done %d, code %d, result %d",
         none.done_calls, (int) none.code, none.have_result);
  nsp_image_clear (&inside);
  nsp_image_clear (&outside);
}

/* The planned run does not fit: the plan says so, the preview still runs. */
static void
test_plan_refused (void)
{
  Watch w = { .act = ACT_NONE, .plan = PLAN_REFUSED };

  watch_run (&w, weights (), 2, FALSE, 120);
  CHECK (w.plan_calls == 1, "w.plan_calls is %d", w.plan_calls);
  CHECK (w.plan_code == NST_ERROR_OUT_OF_MEMORY, "w.plan_code is %d",
         (int) w.plan_code);
  CHECK (w.done_calls == 1 && w.have_result, "the preview's run did not "
                                             "finish with a result");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  make_images ();

  g_test_add_func ("/worker/to-the-end", test_to_the_end);
  g_test_add_func ("/worker/stop", test_stop);
  g_test_add_func ("/worker/cancel", test_cancel);
  g_test_add_func ("/worker/cancel-before-start", test_cancel_before_start);
  g_test_add_func ("/worker/missing-weights", test_missing_weights);
  g_test_add_func ("/worker/free-in-callback", test_free_in_callback);
  g_test_add_func ("/worker/content-taken", test_content_taken);
  g_test_add_func ("/worker/plan-then-run", test_plan_then_run);
  g_test_add_func ("/worker/plan-only", test_plan_only);
  g_test_add_func ("/worker/plan-cropped", test_plan_cropped);
  g_test_add_func ("/worker/plan-refused", test_plan_refused);
  g_test_add_func ("/worker/regions-cropped", test_regions_cropped);
  return g_test_run ();
}
