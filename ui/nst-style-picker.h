/* nst-style-picker.h: choosing the style layers and their blend weights.
 *
 * Up to NST_MAX_STYLES rows, each a layer menu listing the layers of every
 * open image (with thumbnails) except the content drawable and indexed
 * layers, and, once there is more than one, a blend weight and a remove
 * button.  Edits values->n_styles, style_ids and style_blend in place.
 *
 * Widget names, for tests: "style-1" … (menus), "style-blend-1" …,
 * "style-remove-1" …, "style-add".
 */

#ifndef NST_STYLE_PICKER_H
#define NST_STYLE_PICKER_H

#include <gtk/gtk.h>

#include "nst-values.h"

G_BEGIN_DECLS

/* Called after the picker changed *values. */
typedef void (*NstStylesChangedFunc) (gpointer data);

/* `values` must outlive the widget.  Saved style ids that are no longer
 * valid are replaced by a suitable layer, preferably of `image_id`. */
GtkWidget *nst_style_picker_new (NstValues            *values,
                                 gint32                image_id,
                                 gint32                drawable_id,
                                 NstStylesChangedFunc  changed,
                                 gpointer              data);

/* TRUE when every style in use is a layer (the menus were not empty). */
gboolean   nst_style_picker_complete (const NstValues *values);

/* Complete, and the blend weights pass nst_style_blend_normalise (): a run
 * can start.  (A preview then says what is wrong with the weights.) */
gboolean   nst_style_picker_ready    (const NstValues *values);

G_END_DECLS

#endif /* NST_STYLE_PICKER_H */
