/* plan-text.h: a run's plan and durations in words, for GIMP's progress
 * and the dialogs, in the user's language.
 */

#ifndef NSP_PLAN_TEXT_H
#define NSP_PLAN_TEXT_H

#include <glib.h>

#include "nst.h"

G_BEGIN_DECLS

/* "45 s", "3 min 05 s", "2 h 10 min"; free with g_free. */
gchar *nsp_duration_text (gdouble seconds);

/* What a full run will do, in one sentence for the dialog: its size and
 * levels, the tiles of the largest level, the estimated peak memory
 * against the budget and the estimated time.  Free with g_free. */
gchar *nsp_plan_text (const NstPlan *plan);

G_END_DECLS

#endif /* NSP_PLAN_TEXT_H */
