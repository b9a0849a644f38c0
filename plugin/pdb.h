/* pdb.h: the procedure's PDB arguments, generated from the parameter
 * table, and the checks every run's values go through.
 *
 *   plug-in-neural-style (run-mode, image, drawable,
 *                         num-styles, styles, num-blends, style-blend,
 *                         <nst-params.def rows, in table order>,
 *                         weights) -> result-layer
 */

#ifndef NST_PDB_H
#define NST_PDB_H

#include <libgimp/gimp.h>

#include "nst-values.h"

G_BEGIN_DECLS

#define NST_PLUG_IN_PROC   "plug-in-neural-style"
#define NST_PLUG_IN_BINARY "gimp-neural-style"

/* The argument definitions, help strings stating each range and default.
 * Free with nst_pdb_args_free. */
GimpParamDef       *nst_pdb_args          (gint          *n_args);
void                nst_pdb_args_free     (GimpParamDef  *args,
                                           gint           n_args);

const GimpParamDef *nst_pdb_return_values (gint          *n_values);

/* Non-interactive arguments into *values, every one checked (count,
 * ranges, choices, style drawables: nst_values_check).  FALSE with *error
 * set, a message for the caller, when any is wrong. */
gboolean            nst_pdb_unpack        (gint              nparams,
                                           const GimpParam  *param,
                                           NstValues        *values,
                                           gchar           **error);

G_END_DECLS

#endif /* NST_PDB_H */
