/* nsp-preview.h: the in-dialog preview of the result.
 *
 * After every change the running preview is cancelled at once and a new
 * one starts NSP_PREVIEW_DELAY_MS after the last change (debounced), on the
 * plug-in's worker thread through hooks->preview_start, of the view the
 * pane (plugin/widgets/preview-pane.h: zoom, pan, before/after) shows;
 * frames arrive on the main thread and are drawn there.  A "Preview" check
 * button turns it off.  Each start also plans the full run, and a line
 * under the status says what OK would do (size, tiles, memory, time), or
 * why it would be refused; with the preview off, only that is computed.
 *
 * Widget names, for tests: the pane's, "preview-toggle", "preview-status",
 * "plan".
 */

#ifndef NSP_PREVIEW_H
#define NSP_PREVIEW_H

#include <gtk/gtk.h>

#include "nsp-dialog.h"

G_BEGIN_DECLS

#define NSP_PREVIEW_DELAY_MS 400

typedef struct _NspPreview NspPreview;

/* `values` and `hooks` must outlive the preview.  Nothing starts until the
 * first nsp_preview_invalidate (). */
NspPreview *nsp_preview_new (const NspValues      *values,
                             const NspDialogHooks *hooks);

/* The pane, the toggle and a status line, to pack into the dialog; the
 * pane grows with it. */
GtkWidget *nsp_preview_get_widget (NspPreview *preview);

/* The plan's line, to pack where it has the dialog's width. */
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

#endif /* NSP_PREVIEW_H */
