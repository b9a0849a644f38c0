/* preview-pane.h: the dialogs' preview image, with zoom, pan and
 * before/after, for GIMP 2.10's GTK 2 dialog and GIMP 3.0's GTK 3 one
 * alike (this file compiles against either).
 *
 * The pane shows the frames of a preview (common/dialog.h's
 * NspPreviewFrame) and says which view to compute next (NspPreviewView):
 * "Fit" shows the whole layer at the pane's size; "100 %" and "200 %" the
 * part in view at the full run's scale, one or two screen pixels per pixel
 * the run paints, so that strokes show at the size the run will paint
 * them.  Dragging the image pans it; "Before" shows the layer unpainted;
 * "Regions", there when the styles have regions (NspPreviewFrame's
 * regions), outlines where each style paints, in a colour of its own.
 * The pane grows with the dialog.  It computes nothing itself: its owner
 * starts a preview of nsp_preview_pane_get_view () when told the view
 * changed.
 *
 * Widget names, for tests: "preview-area", "preview-zoom",
 * "preview-before", "preview-regions".
 */

#ifndef NSP_WIDGETS_PREVIEW_PANE_H
#define NSP_WIDGETS_PREVIEW_PANE_H

#include <gtk/gtk.h>

#include "common/dialog.h"

G_BEGIN_DECLS

/* The smallest size of the image, 3:2 as most photos: the dialog must fit
 * a 768 px screen.  It grows with the dialog. */
#define NSP_PREVIEW_PANE_WIDTH 320
#define NSP_PREVIEW_PANE_HEIGHT 216

typedef struct _NspPreviewPane NspPreviewPane;

/* The view changed (zoom, pan, the pane's size): start a preview of the
 * new one. */
typedef void (*NspPreviewPaneChangedFunc) (gpointer data);

NspPreviewPane *nsp_preview_pane_new (NspPreviewPaneChangedFunc changed,
                                      gpointer                  data);

/* The image and, under it, the zoom menu and the Before and Regions
 * buttons. */
GtkWidget *nsp_preview_pane_get_widget (NspPreviewPane *pane);

/* Adds `widget` (the owner's "Preview" switch) at the end of the row
 * under the image. */
void nsp_preview_pane_add_to_bar (NspPreviewPane *pane, GtkWidget *widget);

/* The view to compute. */
void nsp_preview_pane_get_view (NspPreviewPane *pane, NspPreviewView *view);

/* Shows a frame of a preview of the current view (an original is kept
 * for Before). */
void nsp_preview_pane_show (NspPreviewPane *pane, const NspPreviewFrame *frame);

/* Shows no image: the preview could not be computed, or is off. */
void nsp_preview_pane_clear (NspPreviewPane *pane);

/* Zoom: 0 for Fit, else 1 or 2, as the menu offers; for tests and for
 * restoring a dialog's last zoom. */
void nsp_preview_pane_set_zoom (NspPreviewPane *pane, gdouble zoom);

/* Moves the view's centre (fractions of the layer), as a drag would. */
void nsp_preview_pane_set_center (NspPreviewPane *pane,
                                  gdouble         center_x,
                                  gdouble         center_y);

/* Frees the pane's data (not its widget, which belongs to its container). */
void nsp_preview_pane_free (NspPreviewPane *pane);

G_END_DECLS

#endif /* NSP_WIDGETS_PREVIEW_PANE_H */
