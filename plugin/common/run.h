/* run.h: one full stylisation of a drawable, as GIMP shows it.
 *
 * Reads the pixels, runs the engine on a worker thread, streams frames into
 * a temporary preview layer, reports progress with time left, and at the
 * end applies the result as one undo step (or leaves the image as it was).
 * Main thread only; needs a running main loop between start and done.
 */

#ifndef NSP_RUN_H
#define NSP_RUN_H

#include <glib.h>

#include "values.h"

G_BEGIN_DECLS

typedef struct _NspRun NspRun;

/* Called once, on the main thread, when the run is over.  success: the
 * result was applied (finished or stopped).  FALSE with message NULL:
 * cancelled, image unchanged.  FALSE with a message: an error for the user,
 * image unchanged.  The message is valid during the call.  Same shape as
 * the dialog's NspRunFinishedFunc. */
typedef void (*NspRunDoneFunc) (gboolean     success,
                                const gchar *message,
                                gpointer     data);

/* Checks `values` and starts.  NULL with *error set (free with g_free)
 * when it cannot start; the image is then untouched and `done` is not
 * called. */
NspRun *nsp_run_start (gint32           drawable,
                       const NspValues *values,
                       NspRunDoneFunc   done,
                       gpointer         data,
                       gchar          **error);

/* Called on the main thread with what GIMP's progress shows: the fraction
 * done and the text.  Same shape as the dialog's NspRunProgressFunc. */
typedef void (*NspRunWatchFunc) (gdouble      fraction,
                                 const gchar *text,
                                 gpointer     data);

/* Also reports the progress to `watch` (NULL: no longer). */
void nsp_run_watch (NspRun *run, NspRunWatchFunc watch, gpointer data);

/* Finish early and apply the result so far. */
void nsp_run_stop (NspRun *run);

/* Finish early and leave the image as it was. */
void nsp_run_cancel (NspRun *run);

/* After done: the new layer (output new-layer), the drawable (replace, if
 * it is a layer), or -1. */
gint32 nsp_run_result (NspRun *run);

/* Cancels a run still going (waiting for the engine to notice) and frees
 * it.  NULL is fine. */
void nsp_run_free (NspRun *run);

/* Runs to completion in a GMainLoop of its own (non-interactive runs).
 * TRUE with *result set, or FALSE with *error set. */
gboolean nsp_run_sync (gint32           drawable,
                       const NspValues *values,
                       gint32          *result,
                       gchar          **error);

G_END_DECLS

#endif /* NSP_RUN_H */
