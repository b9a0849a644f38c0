/* procedure.h: the procedure as both GIMPs register it: its names, menu,
 * documentation, and the texts both give the same.
 *
 *   plug-in-neural-style, in the binary gimp-neural-style: one name for
 *   scripts and menus in GIMP 2.10 and 3.0.
 */

#ifndef NSP_PROCEDURE_H
#define NSP_PROCEDURE_H

#include <glib.h>

G_BEGIN_DECLS

#define NSP_PROC "plug-in-neural-style"
/* GIMP 2.10's procedure with regions: NSP_PROC's arguments, then each
 * style's region and source mask.  NSP_PROC's signature is frozen, and
 * Script-Fu in 2.10 wants every argument; GIMP 3.0 gives NSP_PROC itself
 * the new arguments instead (gimp3/config.c says why). */
#define NSP_PROC_REGIONS "plug-in-neural-style-regions"
#define NSP_BINARY "gimp-neural-style"
#define NSP_MENU_PATH "<Image>/Filters/Artistic"
#define NSP_IMAGE_TYPES "RGB*, GRAY*"
#define NSP_AUTHOR "gimp-neural-style contributors"
#define NSP_DATE "2025"

/* Marked for translation, not translated: GIMP 2.10 translates them with
 * the plug-in's domain; GIMP 3.0 takes them through _(). */
extern const gchar nsp_menu_label[];
extern const gchar nsp_blurb[];
/* The procedure's help, in English in both GIMPs' procedure browsers. */
extern const gchar nsp_help[];
/* NSP_PROC_REGIONS' help after nsp_help: what the regions do. */
extern const gchar nsp_regions_help[];

/* The error for an indexed drawable, which a script may pass although the
 * menu offers the procedure for RGB and grey only. */
const gchar *nsp_indexed_message (void);

/* Where an empty weights argument searches, in the engine's order
 * (nst_weights_places), joined with ", then " (translated or not).  Free
 * with g_free. */
gchar *nsp_weights_search_order (gboolean translated);

G_END_DECLS

#endif /* NSP_PROCEDURE_H */
