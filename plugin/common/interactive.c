/* interactive.c: the dialog's hooks.
 *
 * The dialog (ui/ for GIMP 2.10, gimp3/dialog.c for 3.0) edits values and
 * never touches pixels; these hooks do
 * the work: the full run (run.c) and a live preview, a small run on a
 * worker whose frames go back to the dialog instead of into a layer.
 */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "host.h"
#include "inputs.h"
#include "interactive.h"
#include "pixels.h"
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
  gint                working_width;   /* the run's working size */
  gint                working_height;
  gfloat             *original; /* the view before painting, until sent */
  gint                original_width;
  gint                original_height;
  NstProgress         last;  /* the newest progress */
  gfloat             *frame; /* the newest frame, working size */
  gint                frame_width;
  gint                frame_height;
  gboolean            cancelled;
  gboolean            finished;
  /* The styles' regions over the view, at the original's size (NULL for
   * none), until sent with it. */
  gfloat *regions[NST_MAX_STYLES];
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
preview_free_original (Preview *preview)
{
  gint i;

  g_clear_pointer (&preview->original, g_free);
  for (i = 0; i < NST_MAX_STYLES; i++)
    g_clear_pointer (&preview->regions[i], g_free);
}

static void
preview_free (Preview *preview)
{
  preview->session->previews
      = g_slist_remove (preview->session->previews, preview);
  nsp_worker_free (preview->worker);
  g_free (preview->frame);
  preview_free_original (preview);
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

/* A frame; an original comes with the styles' regions. */
static void
preview_send (Preview      *preview,
              const gfloat *rgb,
              gint          width,
              gint          height,
              gboolean      original,
              gboolean      final,
              const gchar  *note)
{
  NspPreviewFrame frame = { .rgb            = rgb,
                            .width          = width,
                            .height         = height,
                            .original       = original,
                            .final          = final,
                            .note           = note,
                            .working_width  = preview->working_width,
                            .working_height = preview->working_height };
  gint            i;

  if (original)
    for (i = 0; i < NST_MAX_STYLES; i++)
      frame.regions[i] = preview->regions[i];
  preview->on_frame (&frame, preview->frame_data);
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
  preview_send (preview, frame, frame_width, frame_height, FALSE, FALSE, note);
  g_free (note);
}

static void
preview_plan (const NstStatus *status, const NstPlan *plan, gpointer data)
{
  Preview *preview = data;
  gchar   *text;

  if (preview->cancelled)
    return;
  /* The "before" first: it is there as soon as the inputs are. */
  if (preview->original)
    {
      preview_send (preview, preview->original, preview->original_width,
                    preview->original_height, TRUE, FALSE, "");
      preview_free_original (preview);
    }
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
  /* Neither: the plan alone was asked for (no view). */
  if (! result && ! status)
    return;
  if (! result)
    {
      /* A stop is not asked of previews: this is a failure to show. */
      preview_send (preview, NULL, 0, 0, FALSE, TRUE,
                    nst_status_message (status));
      return;
    }
  /* The engine's last frame is the result at the working size (`result`
   * is that scaled back to the content's full size). */
  note = preview_note (preview, &preview->last, TRUE);
  preview_send (preview, preview->frame, preview->frame_width,
                preview->frame_height, FALSE, TRUE, note);
  g_free (note);
}

/* Fewer evaluations, and the run's scales as far as the network's smallest
 * side allows at the preview's size (long edge `edge`). */
static void
preview_params (NstParams *params, gint width, gint height, gint edge)
{
  gint long_edge  = MAX (width, height);
  gint short_edge = MIN (width, height);

  params->size = edge;
  while (params->scales > 1
         && (gint64) short_edge * edge / long_edge
                < ((gint64) NST_MIN_SIDE << (params->scales - 1)))
    params->scales--;
  params->iterations = MIN (params->iterations, PREVIEW_MAX_EVALUATIONS);
}

/* The part of the layer (its own pixels) a zoomed view shows, and that
 * part's size at the run's scale (`shown`), clamped to the layer. */
static void
view_crop (const NspPreviewView *view,
           gint                  layer_width,
           gint                  layer_height,
           gint                  working_width,
           gint                  working_height,
           NspWorkerCrop        *crop,
           gint                 *shown_width,
           gint                 *shown_height)
{
  gint vw
      = CLAMP ((gint) (view->width / view->zoom), NST_MIN_SIDE, working_width);
  gint vh = CLAMP ((gint) (view->height / view->zoom), NST_MIN_SIDE,
                   working_height);
  gint x0 = CLAMP ((gint) floor (view->center_x * working_width - vw / 2.0), 0,
                   working_width - vw);
  gint y0 = CLAMP ((gint) floor (view->center_y * working_height - vh / 2.0), 0,
                   working_height - vh);
  gdouble sx = (gdouble) layer_width / working_width;
  gdouble sy = (gdouble) layer_height / working_height;

  crop->x      = (gint) floor (x0 * sx);
  crop->y      = (gint) floor (y0 * sy);
  crop->width  = MIN ((gint) ceil ((x0 + vw) * sx), layer_width) - crop->x;
  crop->height = MIN ((gint) ceil ((y0 + vh) * sy), layer_height) - crop->y;
  crop->frame_width  = working_width;
  crop->frame_height = working_height;
  *shown_width       = vw;
  *shown_height      = vh;
}

static gpointer
hook_preview_start (const NspValues      *values,
                    const NspPreviewView *view,
                    NspPreviewFrameFunc   on_frame,
                    NspPlanFunc           on_plan,
                    gpointer              frame_data,
                    gpointer              user_data,
                    gchar               **error)
{
  Session      *session = user_data;
  Preview      *preview;
  NspInputs     inputs;
  NstParams     params = values->params;
  NspWorkerCrop crop   = { 0 };
  gboolean      zoomed = view && view->zoom > 0;
  gint          lw, lh, shown_width = 0, shown_height = 0;
  gint          i;

  if (! nsp_inputs_read (session->drawable, values, TRUE, &inputs, error))
    return NULL;
  lw = inputs.region.width;
  lh = inputs.region.height;

  preview                  = g_new0 (Preview, 1);
  preview->session         = session;
  preview->on_frame        = on_frame;
  preview->on_plan         = on_plan;
  preview->frame_data      = frame_data;
  preview->run_evaluations = nst_params_evaluations (&values->params, lw, lh);
  nst_params_working_size (&values->params, lw, lh, &preview->working_width,
                           &preview->working_height);

  /* A preview is a sketch to judge the settings by, refreshed after every
     change: a few dozen evaluations show where the run is going, in
     seconds on a CPU; the full count is for OK.  Fitted, it works at the
     pane's size (at most the run's); zoomed, on the crop in view at the
     run's own scale. */
  if (zoomed)
    {
      view_crop (view, lw, lh, preview->working_width, preview->working_height,
                 &crop, &shown_width, &shown_height);
      preview_params (&params, crop.width, crop.height,
                      MAX (shown_width, shown_height));
    }
  else if (view)
    {
      gdouble fit
          = MIN ((gdouble) view->width / lw, (gdouble) view->height / lh);
      gint edge = MIN ((gint) (MAX (lw, lh) * fit),
                       MAX (preview->working_width, preview->working_height));

      crop.width  = lw;
      crop.height = lh;
      preview_params (&params, lw, lh, MAX (edge, NST_MIN_SIDE));
    }
  if (view)
    {
      nst_params_working_size (&params, crop.width, crop.height,
                               &preview->original_width,
                               &preview->original_height);
      preview->original = nsp_image_resample (
          &inputs.content, 3, crop.x, crop.y, crop.width, crop.height,
          preview->original_width, preview->original_height);
      /* The regions over the same crop, to outline on the original; out
       * of memory, the outline is missing, the preview still runs. */
      for (i = 0; i < NST_MAX_STYLES; i++)
        if (inputs.content_masks[i].pixels)
          preview->regions[i] = nsp_image_resample (
              &inputs.content_masks[i], 1, crop.x, crop.y, crop.width,
              crop.height, preview->original_width, preview->original_height);
    }

  preview->worker = nsp_worker_start (
      inputs.weights, &inputs.content, inputs.styles, values->style_blend,
      values->n_styles, inputs.content_masks, inputs.source_masks,
      view ? &params : NULL, &values->params, zoomed ? &crop : NULL,
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
