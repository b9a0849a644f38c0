/* values.h: what one run of the plug-in needs, as saved between runs.
 *
 * Shared by both GIMPs' plug-ins (run modes, arguments, last values) and
 * their dialogs (which edit it).  The scalar parameters are the table's
 * NstParams; the style layers, their blend weights and their regions are
 * the only additions.
 */

#ifndef NSP_VALUES_H
#define NSP_VALUES_H

#include <glib.h>

#include "nst.h"

G_BEGIN_DECLS

/* Bump whenever the layout below or NstParams changes: saved values of
 * another version are ignored, not misread. */
#define NSP_VALUES_VERSION 2

typedef struct
{
  guint32   version; /* NSP_VALUES_VERSION */
  NstParams params;
  gint32    n_styles;                    /* 1 … NST_MAX_STYLES (nst.h) */
  gint32    style_ids[NST_MAX_STYLES];   /* drawable ids, any open image */
  gdouble   style_blend[NST_MAX_STYLES]; /* nst_style_blend_normalise's */
  gchar     weights_path[4096];          /* "" = search (nst_weights_find) */

  /* Where each style paints: -1 the whole image, else the id of a channel,
   * the selection channel or a layer mask of the content's image. */
  gint32 region_ids[NST_MAX_STYLES];
  /* Where each style is taken from: -1 all of it, else the id of a
   * channel or layer mask of the style layer's image. */
  gint32 source_mask_ids[NST_MAX_STYLES];
} NspValues;

/* Table defaults, one style (-1: none chosen yet), NST_STYLE_BLEND_DEFAULT,
 * whole images (no regions), no path. */
void nsp_values_init (NspValues *values);

/* Whether the blend weights of the styles in use pass the engine's rule
 * (nst_style_blend_normalise), which also wants at least one style. */
gboolean nsp_values_blend_valid (const NspValues *values);

/* Whether source mask `mask` (-1: none) can stay with style layer `style`
 * (-1: none) when a dialog changes the style: it still exists and is of
 * the style's image.  The dialogs drop one that cannot. */
gboolean nsp_values_source_mask_fits (gint32 mask, gint32 style);

G_END_DECLS

#endif /* NSP_VALUES_H */
