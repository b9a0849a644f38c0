/* run.h: one full stylisation of a drawable, as GIMP shows it.
 *
 * Reads the pixels, runs the engine on a worker thread, streams frames into
 * a temporary preview layer, reports progress with time left, and at the
 * end applies the result as one undo step (or leaves the image as it was).
 * Main thread only; needs a running main loop between start and done.
 */

#ifndef NST_RUN_H
#define NST_RUN_H

#include <glib.h>

#include "nst-values.h"

G_BEGIN_DECLS

typedef struct _NstRun NstRun;

/* Called once, on the main thread, when the run is over.  success: the
 * result was applied (finished or stopped).  FALSE with message NULL:
 * cancelled, image unchanged.  FALSE with a message: an error for the user,
 * image unchanged.  The message is valid during the call.  Same shape as
 * the dialog's NstRunFinishedFunc. */
typedef void (*NstRunDoneFunc) (gboolean     success,
                                const gchar *message,
                                gpointer     data);

/* Checks `values` and starts.  NULL with *error set (free with g_free)
 * when it cannot start; the image is then untouched and `done` is not
 * called. */
NstRun  *nst_run_start  (gint32            drawable,
                         const NstValues  *values,
                         NstRunDoneFunc    done,
                         gpointer          data,
                         gchar           **error);

/* Called on the main thread with what GIMP's progress shows: the fraction
 * done and the text.  Same shape as the dialog's NstRunProgressFunc. */
typedef void (*NstRunWatchFunc) (gdouble      fraction,
                                 const gchar *text,
                                 gpointer     data);

/* Also reports the progress to `watch` (NULL: no longer). */
void     nst_run_watch  (NstRun           *run,
                         NstRunWatchFunc   watch,
                         gpointer          data);

/* Finish early and apply the result so far. */
void     nst_run_stop   (NstRun           *run);

/* Finish early and leave the image as it was. */
void     nst_run_cancel (NstRun           *run);

/* After done: the new layer (output new-layer), the drawable (replace, if
 * it is a layer), or -1. */
gint32   nst_run_result (NstRun           *run);

/* Cancels a run still going (waiting for the engine to notice) and frees
 * it.  NULL is fine. */
void     nst_run_free   (NstRun           *run);

/* Runs to completion in a GMainLoop of its own (non-interactive runs).
 * TRUE with *result set, or FALSE with *error set. */
gboolean nst_run_sync   (gint32            drawable,
                         const NstValues  *values,
                         gint32           *result,
                         gchar           **error);

G_END_DECLS

#endif /* NST_RUN_H */
