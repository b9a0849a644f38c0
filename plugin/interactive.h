/* interactive.h: the interactive run mode: the dialog, with the plug-in's
 * hooks for the full run and the live preview.
 */

#ifndef NST_INTERACTIVE_H
#define NST_INTERACTIVE_H

#include <libgimp/gimp.h>

#include "nst-values.h"

G_BEGIN_DECLS

/* Shows the dialog for `drawable` with *values (style ids that no longer
 * exist are cleared first) and runs what the user asks for.  Returns
 * GIMP_PDB_SUCCESS with *values as used and *result set when a result was
 * kept, GIMP_PDB_CANCEL otherwise (the dialog has shown any error). */
GimpPDBStatusType nst_interactive_run (gint32     image,
                                       gint32     drawable,
                                       NstValues *values,
                                       gint32    *result);

G_END_DECLS

#endif /* NST_INTERACTIVE_H */
