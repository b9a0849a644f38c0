/* pdb.h: the procedures' PDB arguments, generated from the parameter
 * table, and the checks every run's values go through.
 *
 *   plug-in-neural-style (run-mode, image, drawable,
 *                         num-styles, styles, num-blends, style-blend,
 *                         <nst-params.def rows, in table order>,
 *                         weights) -> result-layer
 *   plug-in-neural-style-regions (<the same>,
 *                                 num-regions, regions,
 *                                 num-source-masks, source-masks)
 *                                 -> result-layer
 */

#ifndef NSP_PDB_H
#define NSP_PDB_H

#include <libgimp/gimp.h>

#include "common/procedure.h"
#include "common/values.h"

G_BEGIN_DECLS

/* The argument definitions of NSP_PROC, or with `regions` of
 * NSP_PROC_REGIONS, help strings stating each range and default.  Free
 * with nsp_pdb_args_free. */
GimpParamDef *nsp_pdb_args (gboolean regions, gint *n_args);
void          nsp_pdb_args_free (GimpParamDef *args, gint n_args);

const GimpParamDef *nsp_pdb_return_values (gint *n_values);

/* Non-interactive arguments of the procedure `name` into *values, every
 * one checked (count, ranges, choices, style drawables: nsp_values_check;
 * the regions' items when the run reads them).  FALSE with *error set, a
 * message for the caller, when any is wrong. */
gboolean nsp_pdb_unpack (const gchar     *name,
                         gint             nparams,
                         const GimpParam *param,
                         NspValues       *values,
                         gchar          **error);

G_END_DECLS

#endif /* NSP_PDB_H */
