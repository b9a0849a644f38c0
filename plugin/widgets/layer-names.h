/* layer-names.h: how both GIMPs' dialogs name layers (this file compiles
 * against GTK 2 or GTK 3): "image — layer", without GIMP's ids, cut at the
 * end, whole in a tooltip.
 *
 * Widget name, for tests: "painted-layer".
 */

#ifndef NSP_WIDGETS_LAYER_NAMES_H
#define NSP_WIDGETS_LAYER_NAMES_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "image — layer" for a layer's id, or NULL for an id no longer valid;
 * g_free () it.  Each GIMP's dialog has its own, on its own API. */
typedef gchar *(*NspLayerLabelFunc) (gint32 layer_id);

/* The line naming the layer OK paints: after a run the result layer is the
 * active one, and running the filter again would paint that. */
GtkWidget *nsp_painted_layer_new (gint32 layer_id, NspLayerLabelFunc label);

/* Relabels a GimpIntStore layer menu (GIMP's says "image-1 / layer-2", ids
 * included, and cuts names in the middle) and makes it cut at the end. */
void nsp_layer_menu_relabel (GtkWidget *combo, NspLayerLabelFunc label);

G_END_DECLS

#endif /* NSP_WIDGETS_LAYER_NAMES_H */
