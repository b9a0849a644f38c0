/* live-preview.h: both GIMPs' dialogs' preview of the result, in the pane
 * of preview-pane.h (this file compiles against GTK 2 or GTK 3).
 *
 * After every change the running preview is cancelled at once and a new
 * one starts NSP_PREVIEW_DELAY_MS after the last change (debounced), on the
 * plug-in's worker thread through hooks->preview_start, of the view the
 * pane (zoom, pan, before/after) shows; frames arrive on the main thread
 * and are drawn there.  A "Preview" check button turns it off.  Each start
 * also plans the full run, and the plan's line says what OK would do
 * (size, tiles, memory, time), or why it would be refused; with the
 * preview off, only that is computed.
 *
 * Widget names, for tests: the pane's, "preview-toggle", "preview-status",
 * "plan".
 */

#ifndef NSP_WIDGETS_LIVE_PREVIEW_H
#define NSP_WIDGETS_LIVE_PREVIEW_H

#include <gtk/gtk.h>

#include "common/dialog.h"

G_BEGIN_DECLS

#define NSP_PREVIEW_DELAY_MS 400

typedef struct _NspPreview NspPreview;

/* Brings the dialog's settings into the values the preview was given:
 * FALSE when no preview can start, with *why (g_free) to show instead of
 * a picture. */
typedef gboolean (*NspPreviewReadFunc) (gpointer data, gchar **why);

/* `values` and `hooks` must outlive the preview; `read` is called before
 * each start.  Nothing starts until the first nsp_preview_invalidate (). */
NspPreview *nsp_preview_new (const NspValues      *values,
                             const NspDialogHooks *hooks,
                             NspPreviewReadFunc    read,
                             gpointer              read_data);

/* The pane with the toggle under it, which should grow with the dialog,
 * and the status line to pack under it, of fixed height. */
GtkWidget *nsp_preview_get_pane (NspPreview *preview);
GtkWidget *nsp_preview_get_status (NspPreview *preview);

/* The plan's line, to pack and lay out as the dialog's room allows. */
GtkWidget *nsp_preview_get_plan (NspPreview *preview);

/* The values changed: cancel the current preview, start anew shortly
 * (when enabled and not suspended). */
void nsp_preview_invalidate (NspPreview *preview);

/* While the full run works: no preview, toggle insensitive.  Resuming
 * starts a new preview. */
void nsp_preview_suspend (NspPreview *preview, gboolean suspend);

/* Cancels whatever runs and frees the preview (not the widget, which
 * belongs to its container). */
void nsp_preview_free (NspPreview *preview);

G_END_DECLS

#endif /* NSP_WIDGETS_LIVE_PREVIEW_H */
