/* config.h: the procedure's arguments for GIMP 3.0, generated from
 * the parameter table, and NspValues to and from its GimpProcedureConfig.
 *
 *   plug-in-neural-style (run-mode, image, drawables,
 *                         styles, style-blend,
 *                         <nst-params.def rows, in table order>,
 *                         weights, regions, source-masks) -> result-layer
 *
 * The same arguments as GIMP 2.10's (plugin/gimp2/pdb.h) but in GIMP 3's types:
 * the arrays carry their length (no num-styles, num-blends), the styles
 * are drawable objects, enums are GimpChoice strings ("new-layer").  The
 * regions, which GIMP 2.10 gives a procedure of their own
 * (NSP_PROC_REGIONS), are optional last arguments here (see config.c).
 */

#ifndef NSP_GIMP3_CONFIG_H
#define NSP_GIMP3_CONFIG_H

#include <libgimp/gimp.h>

#include "common/values.h"

G_BEGIN_DECLS

/* The auxiliary argument (boolean) that keeps whether the dialog's
 * Advanced expander was open: settings.c binds the expander to it. */
#define NSP_CONFIG_ADVANCED_OPEN "advanced-open"

/* Adds every argument after the drawables, the auxiliary arguments (the
 * remembered styles, NSP_CONFIG_ADVANCED_OPEN), and the return value. */
void nsp_config_add_arguments (GimpProcedure *procedure);

/* The config's arguments into *values.  FALSE with *error set (free with
 * g_free) when they cannot be one NspValues: more styles than
 * NST_MAX_STYLES, none when `styles_required` (a non-interactive call,
 * which must name its styles: only the dialog chooses one), blend count
 * or a region array's count unequal to style count, a path too long.  Ranges
 * and the styles' validity are nsp_values_check's business. */
gboolean nsp_config_get_values (GimpProcedureConfig *config,
                                gboolean             styles_required,
                                NspValues           *values,
                                gchar              **error);

/* The table's arguments alone into *params, which has every row: what
 * the config holds whatever state its styles are in. */
void nsp_config_get_params (GimpProcedureConfig *config, NstParams *params);

/* One table argument, `value` as nst_params_get () gives it. */
void nsp_config_set_param (GimpProcedureConfig *config,
                           const NstParamInfo  *info,
                           gdouble              value);

/* For a run on the last values (interactive or not) whose config has no
 * styles, as GIMP 3.0 cannot save them: the remembered styles that still
 * exist, other than `drawable`, with their blend weights; none when none
 * is left.  With styles (a script's interactive call) but the last run's
 * blend weights of another count: the default weight for each.  Styles
 * and style-blend agree afterwards (see config.c). */
void nsp_config_restore_styles (GimpProcedureConfig *config, gint32 drawable);

/* *values into the config, so that GIMP stores them as last values. */
void nsp_config_set_values (GimpProcedureConfig *config,
                            const NspValues     *values);

G_END_DECLS

#endif /* NSP_GIMP3_CONFIG_H */
