/* nst-preview.h: the in-dialog preview of the result at low resolution.
 *
 * After every change the running preview is cancelled at once and a new
 * one starts NST_PREVIEW_DELAY_MS after the last change (debounced), on the
 * plug-in's worker thread through hooks->preview_start; frames arrive on
 * the main thread and are drawn into a GimpPreviewArea.  A "Preview" check
 * button turns it off.
 *
 * Widget names, for tests: "preview-area", "preview-toggle",
 * "preview-status".
 */

#ifndef NST_PREVIEW_H
#define NST_PREVIEW_H

#include <gtk/gtk.h>

#include "nst-dialog.h"

G_BEGIN_DECLS

#define NST_PREVIEW_SIZE     128 /* long edge of the preview, px */
#define NST_PREVIEW_DELAY_MS 400

typedef struct _NstPreview NstPreview;

/* `values` and `hooks` must outlive the preview.  Nothing starts until the
 * first nst_preview_invalidate (). */
NstPreview *nst_preview_new        (const NstValues      *values,
                                    const NstDialogHooks *hooks);

/* The area, the toggle and a status line, to pack into the dialog. */
GtkWidget  *nst_preview_get_widget (NstPreview           *preview);

/* The values changed: cancel the current preview, start anew shortly
 * (when enabled and not suspended). */
void        nst_preview_invalidate (NstPreview           *preview);

/* While the full run works: no preview, toggle insensitive.  Resuming
 * starts a new preview. */
void        nst_preview_suspend    (NstPreview           *preview,
                                    gboolean              suspend);

/* Cancels whatever runs and frees the preview (not the widget, which
 * belongs to its container). */
void        nst_preview_free       (NstPreview           *preview);

G_END_DECLS

#endif /* NST_PREVIEW_H */
