/* nsp-dialog.h: the GTK2 dialog artists use in GIMP 2.10 (Filters ▸
 * Artistic ▸ Neural Style…).
 *
 * An NspDialogFunc (plugin/common/dialog.h): it edits NspValues and never
 * touches pixels or the engine; the plug-in's hooks do that work.  GIMP
 * 3.0's dialog (plugin/gimp3/dialog.c) takes the same hooks and runs the
 * same cycle.
 */

#ifndef NSP_UI_DIALOG_H
#define NSP_UI_DIALOG_H

#include "common/dialog.h"

G_BEGIN_DECLS

/* The NspDialogFunc of GIMP 2.10; `context` is unused (NULL).  Calls
 * gimp_ui_init () itself. */
gboolean nsp_dialog_run (NspValues            *values,
                         gint32                image_id,
                         gint32                drawable_id,
                         const NspDialogHooks *hooks,
                         gpointer              context);

G_END_DECLS

#endif /* NSP_UI_DIALOG_H */
