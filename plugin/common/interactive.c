/* interactive.c: the dialog's hooks.
 *
 * The dialog (ui/ for GIMP 2.10, gimp3/dialog.c for 3.0) edits values and
 * never touches pixels; these hooks do
 * the work: the full run (run.c) and a live preview, a small run on a
 * worker whose frames go back to the dialog instead of into a layer.
 */

#include <glib/gi18n-lib.h>

#include "host.h"
#include "inputs.h"
#include "interactive.h"
#include "nst-device.h"
#include "plan-text.h"
#include "run.h"
#include "worker.h"

/* Evaluations of an in-dialog preview (the full run does params.iterations). */
#define PREVIEW_MAX_EVALUATIONS 40

typedef struct
{
  gint32  drawable;
  NspRun *run;      /* the latest full run */
  GSList *previews; /* every Preview not yet freed */
} Session;

typedef struct
{
  Session            *session;
  NspWorker          *worker;
  NspPreviewFrameFunc on_frame;
  NspPlanFunc         on_plan;
  gpointer            frame_data;
  gint                run_evaluations; /* the run's, for the note */
  NstProgress         last;            /* the newest progress */
  gfloat             *frame;           /* the newest frame, working size */
  gint                frame_width;
  gint                frame_height;
  gboolean            cancelled;
  gboolean            finished;
} Preview;

/* ---- full run ----------------------------------------------------------- */

static gpointer
hook_run_start (const NspValues   *values,
                NspRunFinishedFunc finished,
                gpointer           finished_data,
                gpointer           user_data,
                gchar            **error_message)
{
  Session *session = user_data;

  nsp_run_free (session->run);
  session->run = nsp_run_start (session->drawable, values, finished,
                                finished_data, error_message);
  return session->run;
}

static void
hook_run_watch (gpointer           run,
                NspRunProgressFunc progress,
                gpointer           progress_data)
{
  nsp_run_watch (run, progress, progress_data);
}

static void
hook_run_stop (gpointer run)
{
  nsp_run_stop (run);
}

static void
hook_run_cancel (gpointer run)
{
  nsp_run_cancel (run);
}

/* ---- live preview ------------------------------------------------------- */

static void
preview_free (Preview *preview)
{
  preview->session->previews
      = g_slist_remove (preview->session->previews, preview);
  nsp_worker_free (preview->worker);
  g_free (preview->frame);
  g_free (preview);
}

/* What the status line under the preview says about `progress`. */
static gchar *
preview_note (const Preview     *preview,
              const NstProgress *progress,
              gboolean           final)
{
  if (final && progress->image_is_start)
    return g_strdup (_ ("This is the start image, unchanged: no evaluation "
                        "lowered the loss below its own.  Lower the style "
                        "weight or raise the iterations."));
  if (final)
    return preview->run_evaluations > progress->evaluations
               ? g_strdup_printf (_ ("A sketch: the first %d of the run's %d "
                                     "evaluations"),
                                  progress->evaluations,
                                  preview->run_evaluations)
               : g_strdup ("");
  if (progress->image_is_start)
    return g_strdup_printf (_ ("Computing: evaluation %d of %d; the loss "
                               "has not fallen below the start image's, "
                               "which is shown"),
                            progress->evaluation, progress->evaluations);
  return g_strdup_printf (_ ("Computing: evaluation %d of %d"),
                          progress->evaluation, progress->evaluations);
}

static void
preview_progress (const NstProgress *progress,
                  const gfloat      *frame,
                  gint               frame_width,
                  gint               frame_height,
                  gpointer           data)
{
  Preview *preview = data;
  gchar   *note;

  if (preview->cancelled)
    return;
  preview->last = *progress;
  if (frame)
    {
      g_free (preview->frame);
      preview->frame
          = g_memdup2 (frame, sizeof (gfloat) * 3 * frame_width * frame_height);
      preview->frame_width  = frame_width;
      preview->frame_height = frame_height;
    }
  note = preview_note (preview, progress, FALSE);
  preview->on_frame (frame, frame_width, frame_height, FALSE, note,
                     preview->frame_data);
  g_free (note);
}

static void
preview_plan (const NstStatus *status, const NstPlan *plan, gpointer data)
{
  Preview *preview = data;
  gchar   *text;

  if (preview->cancelled)
    return;
  text = plan ? nsp_plan_text (plan) : g_strdup (nst_status_message (status));
  preview->on_plan (text, plan == NULL, preview->frame_data);
  g_free (text);
}

static void
preview_done (const NstStatus *status, const NstImage *result, gpointer data)
{
  Preview *preview = data;
  gchar   *note;

  preview->finished = TRUE;
  if (preview->cancelled)
    {
      preview_free (preview);
      return;
    }
  /* Neither: the plan alone was asked for (max_size 0). */
  if (! result && ! status)
    return;
  if (! result)
    {
      /* A stop is not asked of previews: this is a failure to show. */
      preview->on_frame (NULL, 0, 0, TRUE, nst_status_message (status),
                         preview->frame_data);
      return;
    }
  /* The engine's last frame is the result at the working size (`result`
   * is that scaled back to the content's full size). */
  note = preview_note (preview, &preview->last, TRUE);
  preview->on_frame (preview->frame, preview->frame_width,
                     preview->frame_height, TRUE, note, preview->frame_data);
  g_free (note);
}

/* The run's computation at the preview's working size: the run's scales
 * as far as the network's smallest side allows at that size. */
static void
preview_params (NstParams *params, const GeglRectangle *region, gint max_size)
{
  gint long_edge  = MAX (region->width, region->height);
  gint short_edge = MIN (region->width, region->height);
  gint edge       = params->size > 0 ? params->size : long_edge;

  params->size = MIN (edge, max_size);
  while (params->scales > 1
         && (gint64) short_edge * params->size / long_edge
                < ((gint64) NST_MIN_SIDE << (params->scales - 1)))
    params->scales--;
  params->iterations = MIN (params->iterations, PREVIEW_MAX_EVALUATIONS);
}

static gpointer
hook_preview_start (const NspValues    *values,
                    gint                max_size,
                    NspPreviewFrameFunc on_frame,
                    NspPlanFunc         on_plan,
                    gpointer            frame_data,
                    gpointer            user_data,
                    gchar             **error)
{
  Session  *session = user_data;
  Preview  *preview;
  NspInputs inputs;
  NstParams params = values->params;

  if (! nsp_inputs_read (session->drawable, values, TRUE, &inputs, error))
    return NULL;

  /* A preview is a sketch to judge the settings by, refreshed after every
     change: a few dozen evaluations show where the run is going, in
     seconds on a CPU; the full count is for OK. */
  preview_params (&params, &inputs.region, max_size);

  preview                  = g_new0 (Preview, 1);
  preview->session         = session;
  preview->on_frame        = on_frame;
  preview->on_plan         = on_plan;
  preview->frame_data      = frame_data;
  preview->run_evaluations = nst_params_evaluations (
      &values->params, inputs.region.width, inputs.region.height);
  preview->worker = nsp_worker_start (
      inputs.weights, &inputs.content, inputs.styles, values->style_blend,
      values->n_styles, max_size == 0 ? NULL : &params, &values->params, NULL,
      preview_plan, preview_progress, preview_done, preview);
  nsp_inputs_clear (&inputs);

  session->previews = g_slist_prepend (session->previews, preview);
  return preview;
}

static void
hook_preview_cancel (gpointer data)
{
  Preview *preview = data;

  if (preview->finished)
    {
      preview_free (preview);
      return;
    }
  /* Don't wait for the engine on the GUI thread: free when it is done. */
  preview->cancelled = TRUE;
  nsp_worker_cancel (preview->worker);
}

/* What precision "auto" picks there, and why, in the user's language. */
static gchar *
precision_describe (const NstDeviceFacts *facts)
{
  if (facts->bf16_fast)
    /* TRANSLATORS: %s is what has bf16 arithmetic: "AVX512-BF16",
       "AMX" or "compute capability 8.6". */
    return g_strdup_printf (_ ("automatic precision: bf16 (%s)"),
                            facts->bf16_unit);
  if (facts->gpu)
    /* TRANSLATORS: %s is "compute capability 7.5". */
    return g_strdup_printf (_ ("automatic precision: fp32 (%s, bf16 needs "
                               "8.0)"),
                            facts->bf16_unit);
  if (facts->bf16_unit[0])
    return g_strdup (_ ("automatic precision: fp32 (bf16 is slower than fp32 "
                        "with AVX512-BF16 alone; it pays with AMX)"));
  return g_strdup (_ ("automatic precision: fp32 (this CPU has neither "
                      "AVX512-BF16 nor AMX)"));
}

/* nst_device_describe () in the user's language: a GPU is named by its
 * name, the rest is worded here; then what precision "auto" picks. */
static gchar *
hook_device_describe (NstDevice device, gpointer user_data)
{
  NstDeviceFacts facts;
  gchar         *text;
  gchar         *description;
  gchar         *precision;
  gchar         *line;

  nst_device_facts (device, &facts);
  if (facts.gpu)
    {
      text        = nst_device_describe (device);
      description = g_strdup (text);
      nst_free (text);
    }
  else if (device == NST_DEVICE_CUDA)
    return g_strdup (facts.cuda_built
                         ? _ ("NVIDIA GPU (CUDA): not available, no usable "
                              "NVIDIA GPU was found (check that the NVIDIA "
                              "driver is installed and that nvidia-smi lists "
                              "the GPU)")
                         : _ ("NVIDIA GPU (CUDA): not available, this build of "
                              "gimp-neural-style uses a libtorch without CUDA "
                              "(rebuild it with -Dlibtorch_dir= pointing at a "
                              "CUDA libtorch)"));
  else if (facts.cpu_threads == 1)
    description = g_strdup (facts.cuda_missing
                                ? _ ("CPU, one thread (no CUDA GPU found)")
                                : _ ("CPU, one thread"));
  else
    description = g_strdup_printf (facts.cuda_missing
                                       ? _ ("CPU, %d threads (no CUDA GPU "
                                            "found)")
                                       : _ ("CPU, %d threads"),
                                   facts.cpu_threads);
  precision = precision_describe (&facts);
  /* TRANSLATORS: the device, then what precision "auto" picks there. */
  line = g_strdup_printf (_ ("%s; %s"), description, precision);
  g_free (precision);
  g_free (description);
  return line;
}

/* ---- the dialog --------------------------------------------------------- */

gboolean
nsp_interactive_run (gint32        image,
                     gint32        drawable,
                     NspValues    *values,
                     NspDialogFunc dialog,
                     gpointer      context,
                     gint32       *result)
{
  Session        session = { drawable, NULL, NULL };
  NspDialogHooks hooks   = {
      hook_run_start,      hook_run_stop,
      hook_run_cancel,     hook_preview_start,
      hook_preview_cancel, hook_device_describe,
      hook_run_watch,      &session,
  };
  gboolean kept;
  gint     i;

  /* Saved ids may belong to layers of an earlier session. */
  for (i = 0; i < NST_MAX_STYLES; i++)
    if (values->style_ids[i] != -1
        && nsp_host_item_kind (values->style_ids[i]) < NSP_ITEM_DRAWABLE)
      values->style_ids[i] = -1;

  kept = dialog (values, image, drawable, &hooks, context);

  *result = session.run ? nsp_run_result (session.run) : -1;
  while (session.previews)
    preview_free (session.previews->data);
  nsp_run_free (session.run);

  return kept;
}
