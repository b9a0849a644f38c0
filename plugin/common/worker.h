/* worker.h: runs the engine on a worker thread for a GLib main loop.
 *
 * The engine must never run on the thread that calls libgimp or GTK.  A
 * worker copies its inputs, loads the model and runs one nst_job_run () on a
 * GThread; the main thread receives progress, frames and the result through
 * callbacks dispatched from the default GMainContext (so they may call
 * libgimp and GTK).  Used by the plug-in's full run and by the dialog's
 * live preview.  Needs a running main loop (gtk_main, gimp_dialog_run or a
 * GMainLoop in non-interactive mode).
 */

#ifndef NSP_WORKER_H
#define NSP_WORKER_H

#include <glib.h>

#include "nst.h"

G_BEGIN_DECLS

typedef struct _NspWorker NspWorker;

/* Main thread.  `progress->image` is NULL here; `frame` is the newest RGB
 * frame (frame_width × frame_height × 3 floats, at the working size) when
 * one arrived since the last call, else NULL.  Valid only during the call.
 * Progress may be coalesced: not every evaluation is delivered. */
typedef void (*NspWorkerProgressFunc) (const NstProgress *progress,
                                       const gfloat      *frame,
                                       gint               frame_width,
                                       gint               frame_height,
                                       gpointer           user_data);

/* Main thread, exactly once per worker, last.  On success `status` is NULL and
 * `result` holds the stylised image at the content's size with the
 * content's channel count; on failure or cancel `result` is NULL and
 * `status` says why (NST_ERROR_CANCELLED for nsp_worker_cancel).  Both are
 * owned by the worker: copy what you keep. */
typedef void (*NspWorkerDoneFunc) (const NstStatus *status,
                                   const NstImage  *result,
                                   gpointer         user_data);

/* Main thread, at most once per worker, before any progress: what
 * nst_job_plan () said of the parameters given to plan, measured; `plan`
 * is NULL and `status` says why when the run would not fit or the plan
 * failed.  Owned by the worker. */
typedef void (*NspWorkerPlanFunc) (const NstStatus *status,
                                   const NstPlan   *plan,
                                   gpointer         user_data);

/* Part of the content for a run to work on, as a dialog's zoomed preview
 * shows it: the rectangle x, y, width × height of the content's pixels,
 * with the styles sized for the whole content's working size,
 * frame_width × frame_height px (nst_job_set_style_frame). */
typedef struct
{
  gint x, y, width, height;
  gint frame_width, frame_height;
} NspWorkerCrop;

/* Starts a run of `params`.  Takes the pixels of `content` (which is left
 * empty, for nsp_image_clear), copies `styles`, the regions and the
 * parameters.  `content_masks` and `source_masks` are NULL or have
 * n_styles entries, as nst_job_set_style_regions () takes them (an empty
 * entry: the whole image); with no mask in either, the job is not given
 * regions at all.  A content mask has the content's size, and is cropped
 * with it;
 * `weights_path` is resolved with nst_weights_find ().  Never blocks on the
 * engine.  With `plan_params`, the worker first plans a run of those (the
 * full run's, for a dialog's preview) with the same model and inputs and
 * reports it to `plan`; with `params` NULL it only plans, and `done` then
 * gets neither status nor result.  With `crop` the run (not the plan)
 * works on that part of the content only, and its result has the crop's
 * size. */
NspWorker *nsp_worker_start (const gchar          *weights_path,
                             NstImage             *content,
                             const NstImage       *styles,
                             const gdouble        *style_blend,
                             gint                  n_styles,
                             const NstImage       *content_masks,
                             const NstImage       *source_masks,
                             const NstParams      *params,
                             const NstParams      *plan_params,
                             const NspWorkerCrop  *crop,
                             NspWorkerPlanFunc     plan,
                             NspWorkerProgressFunc progress,
                             NspWorkerDoneFunc     done,
                             gpointer              user_data);

/* Stop: finish early and deliver the best result so far (a success). */
void nsp_worker_stop (NspWorker *worker);

/* Cancel: finish early and deliver no result (NST_ERROR_CANCELLED). */
void nsp_worker_cancel (NspWorker *worker);

/* Cancels if still running, waits for the thread, drops pending callbacks
 * (done is not called after free).  NULL is fine. */
void nsp_worker_free (NspWorker *worker);

G_END_DECLS

#endif /* NSP_WORKER_H */
