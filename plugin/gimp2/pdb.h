/* pdb.h: the procedure's PDB arguments, generated from the parameter
 * table, and the checks every run's values go through.
 *
 *   plug-in-neural-style (run-mode, image, drawable,
 *                         num-styles, styles, num-blends, style-blend,
 *                         <nst-params.def rows, in table order>,
 *                         weights) -> result-layer
 */

#ifndef NSP_PDB_H
#define NSP_PDB_H

#include <libgimp/gimp.h>

#include "common/procedure.h"
#include "common/values.h"

G_BEGIN_DECLS

/* The argument definitions, help strings stating each range and default.
 * Free with nsp_pdb_args_free. */
GimpParamDef *nsp_pdb_args (gint *n_args);
void          nsp_pdb_args_free (GimpParamDef *args, gint n_args);

const GimpParamDef *nsp_pdb_return_values (gint *n_values);

/* Non-interactive arguments into *values, every one checked (count,
 * ranges, choices, style drawables: nsp_values_check).  FALSE with *error
 * set, a message for the caller, when any is wrong. */
gboolean nsp_pdb_unpack (gint             nparams,
                         const GimpParam *param,
                         NspValues       *values,
                         gchar          **error);

G_END_DECLS

#endif /* NSP_PDB_H */
