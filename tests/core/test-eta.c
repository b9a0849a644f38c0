/* test-eta.c: the time left that nst_job_run () reports (seconds_left)
 * against the time the run really took.
 *
 * usage: test-eta
 *          the test: a three-scale run of a few seconds, whose predicted
 *          total (seconds + seconds_left) must be within 25 % of the real
 *          one from the 10th evaluation on (see eta_test ())
 *        test-eta CONTENT STYLE SIZE SCALES ITERATIONS [MEMORY [PLAN]]
 *          a measurement: CONTENT and STYLE are PNGs under $NST_TEST_DATA,
 *          MEMORY the budget in MiB (0: automatic), PLAN 1 to time the
 *          model with nst_job_plan () first, as the GIMP dialogs do; prints
 *          every report's error, then the errors at the 10th evaluation and
 *          at 25 % and 50 % of the real time
 */

#define _POSIX_C_SOURCE 200809L

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_REPORTS 4096

typedef struct
{
  int    reports;
  int    scale[MAX_REPORTS];
  double seconds[MAX_REPORTS];
  double left[MAX_REPORTS];
} Trace;

static int
record (const NstProgress *p, void *data)
{
  Trace *t = data;
  if (t->reports < MAX_REPORTS)
    {
      t->scale[t->reports]   = p->scale;
      t->seconds[t->reports] = p->seconds;
      t->left[t->reports]    = p->seconds_left;
      t->reports++;
    }
  return 1;
}

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Runs the job, and returns its real time in seconds. */
static double
traced_run (Fixture *f, const NstParams *params, Trace *t)
{
  NstImage result = new_image (f->content.width, f->content.height, 3, 0);
  t->reports      = 0;
  double start    = now ();
  CHECK_OK (nst_job_run (f->job, &f->content, &f->style, NULL, 1, params,
                         record, t, &result));
  double total = now () - start;
  free_image (&result);
  return total;
}

/* The predicted total's error at report i (0-based), relative. */
static double
error_at (const Trace *t, int i, double total)
{
  return (t->seconds[i] + t->left[i] - total) / total;
}

/* The first report at `share` of the real time or later. */
static int
report_at_time (const Trace *t, double share, double total)
{
  int i = 0;
  while (i < t->reports - 1 && t->seconds[i] < share * total)
    i++;
  return i;
}

/* The largest error of the predicted total from the 10th report on; in
 * *at the report's index. */
static double
worst_error (const Trace *t, double total, int *at)
{
  *at = 9;
  for (int i = 9; i < t->reports; i++)
    if (fabs (error_at (t, i, total)) > fabs (error_at (t, *at, total)))
      *at = i;
  return error_at (t, *at, total);
}

/* The test: a three-scale run at 32, 64 and 128 px, 3 + 10 + 40
 * evaluations.  At the 10th evaluation, in the middle level, all of the
 * largest level lies ahead, and these small levels cost far more per pixel
 * than it (the old extrapolation from the time since the start predicted
 * 40 % too much there).  A run's speed changes when other processes
 * start or stop, which no estimate can foresee: of up to three runs, one
 * must stay within 25 % throughout. */
static void
eta_test (void)
{
  Fixture   f      = fixture_setup (3);
  NstParams params = quick_params (40);
  params.size      = 128;
  params.scales    = 3;
  Trace  t;
  double error = INFINITY;
  for (int run = 1; run <= 3 && fabs (error) > 0.25; run++)
    {
      double total = traced_run (&f, &params, &t);
      int    at;
      error = worst_error (&t, total, &at);
      printf ("run %d: %d evaluations in %.2f s; the worst predicted total "
              "from the 10th on: %.2f s at evaluation %d (%+.0f %%)\n",
              run, t.reports, total, t.seconds[at] + t.left[at], at + 1,
              100 * error);
    }
  CHECK (fabs (error) <= 0.25,
         "the predicted total is off by more than 25 %% in every run");
  fixture_teardown (&f);
}

static void
eta_measure (char **argv, int argc)
{
  Fixture f = { 0 };
  f.model   = load_test_model ();
  f.job     = new_test_job (f.model);
  f.content = load_test_image (argv[1], 3);
  f.style   = load_test_image (argv[2], 3);

  NstParams params = quick_params (atoi (argv[5]));
  params.size      = atoi (argv[3]);
  params.scales    = atoi (argv[4]);
  params.memory    = argc > 6 ? atoi (argv[6]) : 0;
  NstPlan plan;
  CHECK_OK (nst_job_plan (f.job, &f.content, &f.style, NULL, 1, &params,
                          argc > 7 && atoi (argv[7]), &plan));
  for (int i = 0; i < plan.levels; i++)
    printf ("level %d: %d×%d px, %d evaluations, %d tiles, %.2f s planned\n",
            i + 1, plan.level[i].width, plan.level[i].height,
            plan.level[i].evaluations, plan.level[i].tiles,
            plan.level[i].seconds);
  Trace  t;
  double total = traced_run (&f, &params, &t);
  for (int i = 0; i < t.reports; i++)
    printf ("eval %d scale %d seconds %.3f left %.3f error %+.1f %%\n", i + 1,
            t.scale[i], t.seconds[i], t.left[i], 100 * error_at (&t, i, total));
  int at10 = t.reports >= 10 ? 9 : t.reports - 1;
  int at25 = report_at_time (&t, 0.25, total);
  int at50 = report_at_time (&t, 0.5, total);
  printf ("total %.2f s; error at eval 10: %+.1f %%, at 25 %% (eval %d): "
          "%+.1f %%, at 50 %% (eval %d): %+.1f %%\n",
          total, 100 * error_at (&t, at10, total), at25 + 1,
          100 * error_at (&t, at25, total), at50 + 1,
          100 * error_at (&t, at50, total));
  free_image (&f.content);
  free_image (&f.style);
  nst_job_free (f.job);
  nst_model_free (f.model);
}

int
main (int argc, char **argv)
{
  if (argc == 1)
    eta_test ();
  else if (argc >= 6)
    eta_measure (argv, argc);
  else
    {
      fprintf (stderr,
               "usage: %s [CONTENT STYLE SIZE SCALES ITERATIONS "
               "[MEMORY [PLAN]]]\n",
               argv[0]);
      return 2;
    }
  return 0;
}
