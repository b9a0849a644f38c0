/* plan.c: neural-style --plan. */
#include "plan.h"

#include "util.h"

#include <stdio.h>

/* "850 MiB", "3.2 GiB" */
static void
print_bytes (double bytes)
{
  if (bytes < 1024.0 * 1024 * 1024)
    printf ("%.0f MiB", bytes / (1024.0 * 1024));
  else
    printf ("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
}

/* "40 s", "12 min", "3 h 05 min" */
static void
print_duration (double seconds)
{
  if (seconds < 90)
    printf ("%.0f s", seconds);
  else if (seconds < 90 * 60)
    printf ("%.0f min", seconds / 60);
  else
    printf ("%d h %02d min", (int) (seconds / 3600),
            (int) (seconds / 60) % 60);
}

int
plan_print (const CliOptions *options,
            const NstImage   *content,
            const NstImage   *styles,
            const CliRegions *regions,
            NstModel         *model)
{
  NstJob    *job    = NULL;
  NstPlan    plan;
  NstStatus *status = nst_job_new (model, &job);
  if (! status)
    status = regions_apply (regions, options->n_styles, job);
  if (! status)
    status = nst_job_plan (job, content, styles, options->style_blend,
                           options->n_styles, &options->params, 1, &plan);
  nst_job_free (job);
  if (status)
    {
      cli_error ("%s", nst_status_message (status));
      nst_status_free (status);
      return CLI_EXIT_FAILURE;
    }

  double total = 0;
  printf ("%s: %d x %d px, memory budget ", options->content, content->width,
          content->height);
  print_bytes (plan.budget_bytes);
  printf (options->params.memory ? "\n" : " (3/4 of what is available)\n");
  for (int i = 0; i < plan.levels; i++)
    {
      const NstLevelPlan *l = &plan.level[i];
      printf ("level %d of %d: %d x %d px, %d evaluations, ", i + 1,
              plan.levels, l->width, l->height, l->evaluations);
      if (l->tile)
        printf ("%d tiles of %d px", l->tiles, l->tile);
      else
        printf ("whole");
      if (l->history)
        printf (", %d L-BFGS pairs", l->history);
      printf (", peak about ");
      print_bytes (l->peak_bytes);
      printf (", about ");
      print_duration (l->seconds);
      putchar ('\n');
      total += l->seconds;
    }
  printf ("in all: about ");
  print_duration (total);
  printf (" on %s\n", nst_model_device_name (model));
  return CLI_EXIT_OK;
}
