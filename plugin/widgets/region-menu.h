/* region-menu.h: where a style paints (styles by region), as a menu for
 * both GIMPs' style rows (this file compiles against GTK 2 or GTK 3).
 *
 * It lists what can mask the content's image: "Whole image", the selection
 * when something is selected as the dialog opens, the image's channels and
 * its layers' masks.  Its value is what NspValues.region_ids holds: the
 * item's id, -1 for the whole image.
 */

#ifndef NSP_WIDGETS_REGION_MENU_H
#define NSP_WIDGETS_REGION_MENU_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A menu of `image`'s regions showing `id`, or "Whole image" when `id` is
 * not one of them (deleted, of another image, a remembered id of another
 * session). */
GtkWidget *nsp_region_menu_new (gint32 image, gint32 id);

/* The id shown; -1 for the whole image. */
gint32 nsp_region_menu_get (GtkWidget *menu);

/* Shows `id`, or "Whole image" when the menu does not list it; whether it
 * did. */
gboolean nsp_region_menu_set (GtkWidget *menu, gint32 id);

G_END_DECLS

#endif /* NSP_WIDGETS_REGION_MENU_H */
