/* dialog-gimp3.h: the GIMP 3.0 dialog.
 *
 * Implements nst_dialog_run () of ui/nst-dialog.h, so the shared
 * interactive.c drives it exactly as it drives the GTK2 dialog of GIMP
 * 2.10.  Built on GimpProcedureDialog, which needs the procedure and its
 * config: hand them over first.
 */

#ifndef NST_DIALOG_GIMP3_H
#define NST_DIALOG_GIMP3_H

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Before nst_interactive_run (): the procedure whose arguments the dialog
 * shows, and the config holding their values.  Not referenced. */
void nst_dialog_gimp3_prepare (GimpProcedure       *procedure,
                               GimpProcedureConfig *config);

G_END_DECLS

#endif /* NST_DIALOG_GIMP3_H */
