/* test-budget.c: the memory budget (params.memory) through the C API:
 * the plan nst_job_plan () makes, a run refused up front when even the
 * smallest tiles would not fit, a run made in tiles giving the untiled
 * run's image, and a tiled run that streams and stops as any other. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* The fixture's content at 384 px: large enough for several 128 px tiles
 * with their margins. */
static NstParams
large_params (int iterations)
{
  NstParams params = quick_params (iterations);
  params.size      = 384;
  return params;
}

/* The plan, with its seconds measured. */
static NstPlan
plan_of (Fixture *f, const NstParams *params)
{
  NstPlan plan;
  CHECK_OK (nst_job_plan (f->job, &f->content, &f->style, NULL, 1, params, 1,
                          &plan));
  return plan;
}

/* With the automatic budget a small run is one level, whole, with a
 * pair per evaluation (the article's 100 fill only in longer runs); two
 * scales give two levels,
 * the coarse one
 * a quarter of the evaluations at half the size, so a sixteenth of the
 * time. */
static void
case_plan (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = large_params (8);
  NstPlan   plan   = plan_of (&f, &params);
  CHECK (plan.levels == 1, "%d levels", plan.levels);
  CHECK (plan.budget_bytes > 64.0 * (1 << 20), "a budget of %g bytes",
         plan.budget_bytes);
  const NstLevelPlan *l = &plan.level[0];
  CHECK (l->width == 384 || l->height == 384, "working size %d×%d",
         l->width, l->height);
  CHECK (l->evaluations == 8 && l->tile == 0 && l->tiles == 1
             && l->history == 8,
         "evaluations %d, tile %d, tiles %d, history %d", l->evaluations,
         l->tile, l->tiles, l->history);
  CHECK (l->peak_bytes > 0 && l->peak_bytes <= plan.budget_bytes,
         "peak %g of a budget of %g", l->peak_bytes, plan.budget_bytes);

  CHECK (l->seconds > 0, "%g seconds estimated", l->seconds);
  /* Timed once per model and precision: a dialog plans after every
   * change. */
  NstPlan again = plan_of (&f, &params);
  CHECK (again.level[0].seconds == l->seconds,
         "a second plan timed anew: %g s, then %g s", l->seconds,
         again.level[0].seconds);

  params.scales = 2;
  plan          = plan_of (&f, &params);
  CHECK (plan.levels == 2 && plan.level[0].evaluations == 2
             && plan.level[0].width * 2 == plan.level[1].width,
         "%d levels, %d evaluations at %d px then %d px", plan.levels,
         plan.level[0].evaluations, plan.level[0].width, plan.level[1].width);
  double ratio = plan.level[0].seconds / plan.level[1].seconds;
  CHECK (ratio > 0.05 && ratio < 0.08,
         "the coarse level's time is %g of the fine one's, not a sixteenth",
         ratio);

  params.optimizer = NST_OPTIMIZER_ADAM;
  plan             = plan_of (&f, &params);
  CHECK (plan.level[1].history == 0, "Adam keeps %d pairs",
         plan.level[1].history);
  fixture_teardown (&f);
}

/* A budget too small for any plan: refused by nst_job_plan () and by
 * nst_job_run () before anything is computed, with a message that names
 * the budget and what to change, and the result untouched. */
static void
case_refused (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = large_params (2);
  params.memory    = 1;
  NstPlan    plan;
  NstStatus *st = nst_job_plan (f.job, &f.content, &f.style, NULL, 1,
                                &params, 0, &plan);
  CHECK (st && nst_status_code (st) == NST_ERROR_OUT_OF_MEMORY,
         "a 1 MiB budget was not refused");
  const char *message = nst_status_message (st);
  CHECK (strstr (message, "memory budget is 1 MiB")
             && strstr (message, "(memory)") && strstr (message, "384"),
         "the message does not name the budget, the parameter and the "
         "size: %s",
         message);
  /* What the process holds counts: libtorch and the network alone are
   * more than 64 MiB. */
  const char *in_use = strstr (message, " MiB already in use by the program");
  const char *number = in_use;
  while (number && number > message && number[-1] >= '0' && number[-1] <= '9')
    number--;
  CHECK (in_use && number < in_use && atoi (number) >= 64,
         "the message does not count the memory in use: %s", message);
  nst_status_free (st);

  NstImage result = new_image (f.content.width, f.content.height, 3, 0);
  for (int y = 0; y < result.height; y++)
    for (int x = 0; x < result.width; x++)
      pixel (&result, x, y)[0] = 0.25f;
  st = nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params, NULL,
                    NULL, &result);
  CHECK (st && nst_status_code (st) == NST_ERROR_OUT_OF_MEMORY,
         "the run was not refused");
  nst_status_free (st);
  for (int y = 0; y < result.height; y++)
    for (int x = 0; x < result.width; x++)
      CHECK (pixel (&result, x, y)[0] == 0.25f, "the result was written");
  free_image (&result);
  fixture_teardown (&f);
}

/* Whether `mib` plans the run whole (1), in tiles (0), or refuses it
 * (-1); the plan in *plan. */
static int
whole_at (Fixture *f, NstParams params, int mib, NstPlan *plan)
{
  params.memory = mib;
  NstStatus *st = nst_job_plan (f->job, &f->content, &f->style, NULL, 1,
                                &params, 0, plan);
  nst_status_free (st);
  return st ? -1 : plan->level[0].tile == 0;
}

/* The budget, in MiB, where `whole_at` first gives at least `kind`
 * (0: tiles, 1: whole), found by bisection below 1024 MiB. */
static int
first_budget (Fixture *f, NstParams params, int kind)
{
  NstPlan plan;
  int     lo = 1, hi = 1024;
  CHECK (whole_at (f, params, hi, &plan) == 1, "not whole at %d MiB", hi);
  while (hi - lo > 1)
    {
      int mid                                              = (lo + hi) / 2;
      *(whole_at (f, params, mid, &plan) >= kind ? &hi : &lo) = mid;
    }
  return hi;
}

/* A budget, in MiB, that plans the run in tiles, as large ones as leave
 * 24 MiB to either edge of the budgets that do: the plan counts what the
 * process holds, and the result images and what a run leaves resident
 * move the edges by a few MiB before the runs plan again.  The plan made
 * with it in *plan. */
static int
tiling_budget (Fixture *f, NstParams params, NstPlan *plan)
{
  int least = first_budget (f, params, 0);
  int whole = first_budget (f, params, 1);
  int mib   = whole - 24;
  CHECK (mib - least >= 24 && whole_at (f, params, mib, plan) == 0,
         "tiles only from %d MiB to %d MiB", least, whole - 1);
  return mib;
}

/* A run in tiles gives the untiled run's image (the tiled losses and
 * gradient are exact), and keeps enough pairs for its evaluations. */
static void
case_tiled_run (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = large_params (4);
  NstPlan   plan;
  NstImage whole = new_image (f.content.width, f.content.height, 3, 0);
  NstImage tiled = new_image (f.content.width, f.content.height, 3, 0);
  /* At 512 px the smallest tiles need much less than the whole: a wide
   * range of budgets plans tiles. */
  params.size = 512;
  int mib        = tiling_budget (&f, params, &plan);
  const NstLevelPlan *l = &plan.level[0];
  CHECK (l->tiles > 1 && l->history >= 4 && l->peak_bytes <= mib * 1048576.0,
         "at %d MiB: %d tiles of %d px, %d pairs, peak %g", mib, l->tiles,
         l->tile, l->history, l->peak_bytes);

  printf ("at %d MiB: %d×%d px in %d tiles of %d px, %d pairs, peak %.0f "
          "MiB\n",
          mib, l->width, l->height, l->tiles, l->tile, l->history,
          l->peak_bytes / 1048576.0);

  params.memory = mib;
  CHECK_OK (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params, NULL,
                         NULL, &tiled));
  params.memory = 0;
  CHECK_OK (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params, NULL,
                         NULL, &whole));
  double d = max_difference (&whole, &tiled);
  CHECK (d <= 1e-4, "tiled and whole runs differ by %g", d);
  CHECK (max_difference (&whole, &f.content) > 1e-3,
         "the run did not change the image");
  free_image (&whole);
  free_image (&tiled);
  fixture_teardown (&f);
}

typedef struct
{
  int evaluations;
  int frames;
  int frame_width, frame_height;
} Watched;

/* Stops after the third evaluation, as the plug-in's Stop. */
static int
stop_at_third (const NstProgress *progress, void *data)
{
  Watched *w = data;
  w->evaluations++;
  if (progress->image)
    {
      w->frames++;
      w->frame_width  = progress->image->width;
      w->frame_height = progress->image->height;
    }
  return w->evaluations < 3;
}

/* A tiled level streams whole frames at its working size, and Stop ends
 * it with the best image so far at the content's size. */
static void
case_tiled_stop (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = large_params (100);
  NstPlan   plan;
  NstImage  result     = new_image (f.content.width, f.content.height, 3, 0);
  Watched   w          = { 0 };
  params.size          = 512;
  params.preview_every = 1;
  params.memory        = tiling_budget (&f, params, &plan);
  CHECK_OK (nst_job_run (f.job, &f.content, &f.style, NULL, 1, &params,
                         stop_at_third, &w, &result));
  CHECK (w.evaluations == 3, "stopped after %d evaluations", w.evaluations);
  CHECK (w.frames == 3 && w.frame_width == plan.level[0].width
             && w.frame_height == plan.level[0].height,
         "%d frames of %d×%d px, for a level of %d×%d px", w.frames,
         w.frame_width, w.frame_height, plan.level[0].width,
         plan.level[0].height);
  CHECK (max_difference (&result, &f.content) > 1e-3,
         "the stopped run returned the content unchanged");
  free_image (&result);
  fixture_teardown (&f);
}

/* size 0 on a 12-megapixel layer: levels doubling from near 512 px up to
 * the layer's own size, each a quarter of the next one's evaluations,
 * whole at first and in tiles at the end within an 8 GiB budget; on a
 * 1024 px layer `scales` levels, as at any other size.  Planned only. */
static void
case_pyramid (void)
{
  Fixture   f      = fixture_setup (3);
  NstImage  layer  = new_image (4000, 3000, 3, 0);
  NstParams params = quick_params (64);
  params.size      = 0;
  params.scales    = 2;
  params.memory    = 8192;
  NstPlan plan;
  CHECK_OK (nst_job_plan (f.job, &layer, &f.style, NULL, 1, &params, 0,
                          &plan));
  CHECK (plan.levels == 4, "%d levels", plan.levels);
  for (int i = 0; i < plan.levels; i++)
    {
      const NstLevelPlan *l = &plan.level[i];
      printf ("level %d: %d×%d px, %d evaluations, %d tiles of %d px, %d "
              "pairs, peak %.0f MiB\n",
              i + 1, l->width, l->height, l->evaluations, l->tiles, l->tile,
              l->history, l->peak_bytes / 1048576.0);
      CHECK (l->width == 500 << i && l->height == 375 << i
                 && l->evaluations == 1 << 2 * i,
             "level %d: %d×%d px, %d evaluations", i + 1, l->width,
             l->height, l->evaluations);
      CHECK (l->peak_bytes <= plan.budget_bytes, "level %d: peak %g of %g",
             i + 1, l->peak_bytes, plan.budget_bytes);
    }
  CHECK (plan.level[0].tiles == 1 && plan.level[3].tiles > 1,
         "%d tiles at the coarsest level, %d at the finest",
         plan.level[0].tiles, plan.level[3].tiles);
  CHECK (nst_params_evaluations (&params, 4000, 3000) == 1 + 4 + 16 + 64,
         "nst_params_evaluations says %d for 4 levels",
         nst_params_evaluations (&params, 4000, 3000));
  CHECK (nst_params_evaluations (&params, 1024, 768) == 16 + 64,
         "nst_params_evaluations says %d at 1024 px, not 2 levels",
         nst_params_evaluations (&params, 1024, 768));
  params.size = 4000;
  CHECK (nst_params_evaluations (&params, 4000, 3000) == 16 + 64,
         "size 4000 made more levels than scales");
  free_image (&layer);
  fixture_teardown (&f);
}

#include "test-main.h"
