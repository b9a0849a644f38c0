/* dialog.h: what a dialog and the plug-in say to each other, and the
 * dialog's run cycle, shared by GIMP 2.10's dialog (ui/nsp-dialog.c, GTK 2)
 * and GIMP 3.0's (plugin/gimp3/dialog.c, GTK 3).
 *
 * A dialog edits NspValues and never touches pixels or the engine: the
 * plug-in (interactive.c) hands it hooks to start and stop the full run
 * and the in-dialog preview, and does that work itself.  The OK → run →
 * Stop / Cancel cycle is one state machine here (NspDialogMachine); each
 * toolkit only shows its states.
 */

#ifndef NSP_COMMON_DIALOG_H
#define NSP_COMMON_DIALOG_H

#include <pango/pango.h>

#include "values.h"

G_BEGIN_DECLS

/* The plug-in calls this on the main thread when a run started by the
 * dialog ends.  success: the result was kept (finished or stopped);
 * FALSE with message == NULL: cancelled; FALSE with a message: an error for
 * the user. */
typedef void (*NspRunFinishedFunc) (gboolean     success,
                                    const gchar *message,
                                    gpointer     finished_data);

/* What a dialog's preview pane shows: the whole layer fitted into the
 * pane, at low resolution, or a crop at the full run's scale. */
typedef struct
{
  gint width, height; /* the pane's size in px */
  /* 0: the whole layer, fitted; otherwise pane pixels per pixel of the
   * full run's working image (1 for 100 %, 2 for 200 %), the crop around
   * (center_x, center_y), fractions of the layer's width and height, that
   * fills the pane, computed at the run's scale with the run's strokes. */
  gdouble zoom;
  gdouble center_x, center_y;
} NspPreviewView;

/* One report of a preview, valid during the call. */
typedef struct
{
  /* RGB floats in [0, 1], width × height × 3, or NULL: keep showing the
   * last. */
  const gfloat *rgb;
  gint          width, height;
  /* TRUE once, first, for the view's pixels before any painting: the
   * "before" of a before/after comparison. */
  gboolean original;
  /* TRUE for the last report of a preview run. */
  gboolean final;
  /* The status line to show under the preview: the progress while it
   * works, that the frame is still the untouched start image, or, with
   * rgb NULL and final, why the preview failed; "" for none. */
  const gchar *note;
  /* The full run's working size, for zooming and panning. */
  gint working_width, working_height;
  /* With an original only: where each style paints in it (the styles'
   * regions, NspValues.region_ids, over the view), as 1-channel floats in
   * [0, 1] at width × height, 1 where the style paints; NULL for a style
   * painting everywhere (or absent). */
  const gfloat *regions[NST_MAX_STYLES];
} NspPreviewFrame;

/* The plug-in calls this on the main thread as a preview advances. */
typedef void (*NspPreviewFrameFunc) (const NspPreviewFrame *frame,
                                     gpointer               frame_data);

/* The plug-in calls this on the main thread, once per preview it starts,
 * with what OK would do with the same values, as a sentence for the user:
 * the size and levels, tiles, estimated peak memory and time; or, with
 * `refused` TRUE, why the run would not start (too big for the memory
 * budget, or another error) and what to change. */
typedef void (*NspPlanFunc) (const gchar *text,
                             gboolean     refused,
                             gpointer     plan_data);

/* The plug-in calls this on the main thread as a run started by the dialog
 * advances: the fraction done and the text GIMP's progress shows. */
typedef void (*NspRunProgressFunc) (gdouble      fraction,
                                    const gchar *text,
                                    gpointer     progress_data);

typedef struct
{
  /* Full run (OK).  Progress goes through gimp_progress_*, which GIMP
   * 2.10 shows in the dialog's GimpProgressBar.  Returns a handle, or NULL with
   * *error_message set (caller frees with g_free). */
  gpointer (*run_start) (const NspValues   *values,
                         NspRunFinishedFunc finished,
                         gpointer           finished_data,
                         gpointer           user_data,
                         gchar            **error_message);
  void (*run_stop) (gpointer run);   /* keep the result so far */
  void (*run_cancel) (gpointer run); /* leave the image as it was */

  /* A preview of `values` as `view` says, after the plan of the full run
   * (on_plan, first; the time is measured on the first preview): the
   * run's computation with fewer evaluations.  With view NULL only the
   * plan.  Returns a handle, or NULL with
   * *error_message set (caller frees with g_free) if it cannot start;
   * frames and notes arrive through on_frame, both with frame_data.
   * Cancel before starting another; cancelling a finished preview is
   * harmless. */
  gpointer (*preview_start) (const NspValues      *values,
                             const NspPreviewView *view,
                             NspPreviewFrameFunc   on_frame,
                             NspPlanFunc           on_plan,
                             gpointer              frame_data,
                             gpointer              user_data,
                             gchar               **error_message);
  void (*preview_cancel) (gpointer preview);

  /* "NVIDIA H200 (CUDA)" / "CPU, 2 threads"; caller frees with g_free. */
  gchar *(*device_describe) (NstDevice device, gpointer user_data);

  /* Optional: also report the progress of `run` to `progress`, for a
   * dialog whose own bar GIMP does not feed (GIMP 3.0 routes a plug-in's
   * progress to the image window). */
  void (*run_watch) (gpointer           run,
                     NspRunProgressFunc progress,
                     gpointer           progress_data);

  gpointer user_data;
} NspDialogHooks;

/* A dialog: shows itself for `drawable` of `image`, edits *values, and on
 * OK runs through hooks->run_start while showing progress, Stop and
 * Cancel.  Returns TRUE when a result was kept (values then hold what was
 * used; the caller saves them as last values), FALSE when the user
 * cancelled or closed it.  `context` is the toolkit's own (GIMP 3.0's: the
 * procedure and its config; NULL for GIMP 2.10's). */
typedef gboolean (*NspDialogFunc) (NspValues            *values,
                                   gint32                image,
                                   gint32                drawable,
                                   const NspDialogHooks *hooks,
                                   gpointer              context);

/* ---- the run cycle ------------------------------------------------------ */

typedef enum
{
  NSP_DIALOG_EDITING,    /* OK starts a run, Cancel closes */
  NSP_DIALOG_RUNNING,    /* Stop keeps the result so far, Cancel drops it */
  NSP_DIALOG_STOPPING,   /* Stop pressed: the result so far is coming */
  NSP_DIALOG_CANCELLING, /* Cancel pressed: the image is being restored */
  NSP_DIALOG_DONE        /* the dialog's loop has ended */
} NspDialogState;

/* The toolkit's side: after every change of state, with the state entered
 * (widgets' sensitivity, the progress bar); a failed run's message, or NULL
 * to clear it. */
typedef void (*NspDialogStateFunc) (NspDialogState state, gpointer ui);
typedef void (*NspDialogErrorFunc) (const gchar *message, gpointer ui);

typedef struct
{
  const NspDialogHooks *hooks;
  NspDialogStateFunc    state_changed;
  NspDialogErrorFunc    show_error;
  NspRunProgressFunc    progress; /* NULL where GIMP feeds the bar */
  gpointer              ui;
  NspDialogState        state;
  gpointer              run; /* the run going on, or NULL */
  gboolean              kept;
  GMainLoop            *loop;
} NspDialogMachine;

/* `progress`: for a dialog whose bar GIMP does not feed (GIMP 3.0 sends a
 * plug-in's progress to the image window); NULL otherwise. */
void nsp_dialog_machine_init (NspDialogMachine     *machine,
                              const NspDialogHooks *hooks,
                              NspDialogStateFunc    state_changed,
                              NspDialogErrorFunc    show_error,
                              NspRunProgressFunc    progress,
                              gpointer              ui);

/* Runs a main loop until the dialog is done; TRUE when a result was kept. */
gboolean nsp_dialog_machine_run (NspDialogMachine *machine);

/* The buttons.  OK starts a run of `values` when editing; Stop and Cancel
 * apply to the run going on; Cancel while editing closes the dialog. */
void nsp_dialog_machine_ok (NspDialogMachine *machine, const NspValues *values);
void nsp_dialog_machine_stop (NspDialogMachine *machine);
void nsp_dialog_machine_cancel (NspDialogMachine *machine);

/* The height of `lines` lines of text in `context` (a widget's), for a
 * message slot that keeps its size whatever it holds. */
gint nsp_lines_height (PangoContext *context, gint lines);

G_END_DECLS

#endif /* NSP_COMMON_DIALOG_H */
