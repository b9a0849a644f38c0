/* interactive.h: the interactive run mode: a dialog (GIMP 2.10's or
 * 3.0's), with the plug-in's hooks for the full run and the live preview.
 */

#ifndef NSP_INTERACTIVE_H
#define NSP_INTERACTIVE_H

#include "dialog.h"

G_BEGIN_DECLS

/* Shows `dialog` (with its `context`) for `drawable` with *values (style
 * ids that no longer exist are cleared first) and runs what the user asks
 * for.  TRUE with *values as used and *result set when a result was kept,
 * FALSE otherwise (the dialog has shown any error). */
gboolean nsp_interactive_run (gint32        image,
                              gint32        drawable,
                              NspValues    *values,
                              NspDialogFunc dialog,
                              gpointer      context,
                              gint32       *result);

G_END_DECLS

#endif /* NSP_INTERACTIVE_H */
