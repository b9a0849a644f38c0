/* plan-text.c: a run's plan and durations in words. */

#include <glib/gi18n-lib.h>

#include "plan-text.h"

gchar *
nsp_duration_text (gdouble seconds)
{
  gint s = (gint) (seconds + 0.5);

  if (s < 60)
    return g_strdup_printf (_ ("%d s"), s);
  if (s < 3600)
    return g_strdup_printf (_ ("%d min %02d s"), s / 60, s % 60);
  return g_strdup_printf (_ ("%d h %02d min"), s / 3600, s / 60 % 60);
}

static gchar *
bytes_text (gdouble bytes)
{
  return g_format_size_full ((guint64) bytes, G_FORMAT_SIZE_IEC_UNITS);
}

gchar *
nsp_plan_text (const NstPlan *plan)
{
  const NstLevelPlan *last    = &plan->level[plan->levels - 1];
  gdouble             peak    = 0;
  gdouble             seconds = 0;
  GString            *text    = g_string_new (NULL);
  gchar              *budget, *most;
  gint                i;

  for (i = 0; i < plan->levels; i++)
    {
      peak = MAX (peak, plan->level[i].peak_bytes);
      seconds += plan->level[i].seconds;
    }

  g_string_append_printf (
      text,
      /* TRANSLATORS: the size of the result the run computes, then in how
         many levels (coarse to fine) it gets there. */
      g_dngettext (GETTEXT_PACKAGE, "The run: %d × %d px in %d level",
                   "The run: %d × %d px in %d levels", plan->levels),
      last->width, last->height, plan->levels);
  if (last->tile)
    g_string_append_printf (
        text,
        /* TRANSLATORS: follows "The run: 4000 × 3000 px in 4 levels".  The
           largest level is computed in tiles to fit in memory. */
        g_dngettext (GETTEXT_PACKAGE, ", the largest in %d tile of %d px",
                     ", the largest in %d tiles of %d px", last->tiles),
        last->tiles, last->tile);

  most   = bytes_text (peak);
  budget = bytes_text (plan->budget_bytes);
  /* TRANSLATORS: the estimated peak memory of the run, then the memory
     budget (the "Memory" setting, or what "automatic" picked). */
  g_string_append_printf (text, _ ("; about %s of the %s it may use"), most,
                          budget);
  g_free (most);
  g_free (budget);

  if (seconds > 0)
    {
      gchar *duration = nsp_duration_text (seconds);

      /* TRANSLATORS: the estimated time of the whole run on this machine. */
      g_string_append_printf (text, _ ("; about %s here"), duration);
      g_free (duration);
    }
  return g_string_free (text, FALSE);
}
