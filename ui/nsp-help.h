/* nsp-help.h: a window that explains the dialog and every parameter, from
 * the table's help texts, ranges, defaults and choices. */

#ifndef NSP_HELP_H
#define NSP_HELP_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the help window for `parent` (one per parent: shown again if
 * already open).  Its text view is named "help-text". */
void nsp_help_show (GtkWindow *parent);

/* "_Style weight" → "Style weight"; "__" stays one underscore.
 * Caller frees with g_free. */
gchar *nsp_help_strip_mnemonic (const gchar *label);

G_END_DECLS

#endif /* NSP_HELP_H */
