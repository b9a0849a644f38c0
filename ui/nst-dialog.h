/* nst-dialog.h: the GTK2 dialog artists use (Filters ▸ Artistic ▸ Neural
 * Style…).
 *
 * The dialog edits NstValues and never touches pixels or the engine: the
 * plug-in hands it hooks to start and stop the full run and the in-dialog
 * preview, and does that work (on its worker thread) itself.  That keeps
 * every libgimp pixel call in plugin/ and lets a GIMP 3 dialog reuse the
 * same hooks.
 */

#ifndef NST_DIALOG_H
#define NST_DIALOG_H

#include <glib.h>

#include "nst-values.h"

G_BEGIN_DECLS

/* The plug-in calls this on the main thread when a run started by the
 * dialog ends.  success: the result was kept (finished or stopped);
 * FALSE with message == NULL: cancelled; FALSE with a message: an error for
 * the user. */
typedef void (*NstRunFinishedFunc) (gboolean     success,
                                    const gchar *message,
                                    gpointer     finished_data);

/* The plug-in calls this on the main thread as a preview advances, with a
 * frame (RGB floats in [0, 1], width × height × 3, valid during the call)
 * or without one (rgb NULL: keep showing the last).  `note` is the status
 * line to show under the preview: the progress while it works, that the
 * frame is still the untouched start image, or, with rgb NULL and final,
 * why the preview failed; "" for none.  `final` is TRUE for the last call
 * of a preview run. */
typedef void (*NstPreviewFrameFunc) (const gfloat *rgb,
                                     gint          width,
                                     gint          height,
                                     gboolean      final,
                                     const gchar  *note,
                                     gpointer      frame_data);

/* The plug-in calls this on the main thread as a run started by the dialog
 * advances: the fraction done and the text GIMP's progress shows. */
typedef void (*NstRunProgressFunc) (gdouble      fraction,
                                    const gchar *text,
                                    gpointer     progress_data);

typedef struct
{
  /* Full run (OK).  Progress goes through gimp_progress_*, which GIMP
   * shows in the dialog's GimpProgressBar.  Returns a handle, or NULL with
   * *error_message set (caller frees with g_free). */
  gpointer (*run_start)  (const NstValues    *values,
                          NstRunFinishedFunc  finished,
                          gpointer            finished_data,
                          gpointer            user_data,
                          gchar             **error_message);
  void     (*run_stop)   (gpointer run);   /* keep the result so far */
  void     (*run_cancel) (gpointer run);   /* leave the image as it was */

  /* Low-resolution preview of `values`: the run's computation at a
   * working size of at most max_size px.  Returns a handle, or NULL with
   * *error_message set (caller frees with g_free) if it cannot start;
   * frames and notes arrive through on_frame.  Cancel before starting
   * another; cancelling a finished preview is harmless. */
  gpointer (*preview_start)  (const NstValues     *values,
                              gint                 max_size,
                              NstPreviewFrameFunc  on_frame,
                              gpointer             frame_data,
                              gpointer             user_data,
                              gchar              **error_message);
  void     (*preview_cancel) (gpointer preview);

  /* "NVIDIA H200 (CUDA)" / "CPU, 2 threads"; caller frees with g_free. */
  gchar   *(*device_describe) (NstDevice device, gpointer user_data);

  /* Optional: also report the progress of `run` to `progress`, for a
   * dialog whose own bar GIMP does not feed (GIMP 3.0 routes a plug-in's
   * progress to the image window). */
  void     (*run_watch) (gpointer           run,
                         NstRunProgressFunc progress,
                         gpointer           progress_data);

  gpointer user_data;
} NstDialogHooks;

/* Shows the dialog for `drawable_id` of `image_id`, edits *values, and on
 * OK runs through hooks->run_start while showing progress, Stop and Cancel.
 * Returns TRUE when a result was kept (values then hold what was used; the
 * caller saves them as last values), FALSE when the user cancelled or
 * closed the dialog.  Calls gimp_ui_init () itself. */
gboolean nst_dialog_run (NstValues            *values,
                         gint32                image_id,
                         gint32                drawable_id,
                         const NstDialogHooks *hooks);

G_END_DECLS

#endif /* NST_DIALOG_H */
