/* dialog.h: the GIMP 3.0 dialog.
 *
 * The NspDialogFunc (common/dialog.h) of GIMP 3.0, so the shared
 * common/interactive.c drives it exactly as it drives the GTK2 dialog of
 * GIMP 2.10.  Built on GimpProcedureDialog, which needs the procedure and
 * its config: its context.
 */

#ifndef NSP_GIMP3_DIALOG_H
#define NSP_GIMP3_DIALOG_H

#include <libgimp/gimp.h>

#include "common/dialog.h"

G_BEGIN_DECLS

/* The procedure whose arguments the dialog shows, and the config holding
 * their values.  Not referenced. */
typedef struct
{
  GimpProcedure       *procedure;
  GimpProcedureConfig *config;
} NspGimp3DialogContext;

/* `context` is an NspGimp3DialogContext. */
gboolean nsp_gimp3_dialog_run (NspValues            *values,
                               gint32                image,
                               gint32                drawable,
                               const NspDialogHooks *hooks,
                               gpointer              context);

G_END_DECLS

#endif /* NSP_GIMP3_DIALOG_H */
