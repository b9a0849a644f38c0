/* nsp-style-picker.h: choosing the style layers and their blend weights.
 *
 * Up to NST_MAX_STYLES rows, each a layer menu listing the layers of every
 * open image (with thumbnails) except the content drawable and indexed
 * layers, its region (where it paints, widgets/region-menu.h) and, once
 * there is more than one, a blend weight and a remove button.  Edits
 * values->n_styles, style_ids, style_blend and region_ids in place, and
 * keeps source_mask_ids (which only Script-Fu sets) with their styles.
 *
 * Widget names, for tests: "style-1" … (menus), "style-region-1" …,
 * "style-blend-1" …, "style-remove-1" …, "style-add".
 */

#ifndef NSP_STYLE_PICKER_H
#define NSP_STYLE_PICKER_H

#include <gtk/gtk.h>

#include "common/values.h"

G_BEGIN_DECLS

/* Called after the picker changed *values. */
typedef void (*NspStylesChangedFunc) (gpointer data);

/* `values` must outlive the widget.  Saved style ids that are no longer
 * valid are replaced by a suitable layer, preferably of `image_id`. */
GtkWidget *nsp_style_picker_new (NspValues           *values,
                                 gint32               image_id,
                                 gint32               drawable_id,
                                 NspStylesChangedFunc changed,
                                 gpointer             data);

/* Reset: one style, the first one chosen, at the default blend weight. */
void nsp_style_picker_reset (GtkWidget *picker);

/* "image — layer", as the menus name a layer; g_free () it. */
gchar *nsp_layer_label (gint32 layer_id);

/* TRUE when every style in use is a layer (the menus were not empty). */
gboolean nsp_style_picker_complete (const NspValues *values);

/* Complete, and the blend weights pass nst_style_blend_normalise (): a run
 * can start.  (A preview then says what is wrong with the weights.) */
gboolean nsp_style_picker_ready (const NspValues *values);

G_END_DECLS

#endif /* NSP_STYLE_PICKER_H */
