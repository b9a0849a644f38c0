/* run.c: one full stylisation of a drawable, as GIMP shows it.
 *
 * The image is changed only at the end, in one undo group: a new layer
 * (with a selection mask when there is a selection) or the shadow buffer
 * merged through the selection.  Nothing is held open during the run,
 * because Cancel in GIMP's progress bar SIGKILLs the plug-in.
 *
 * The streaming preview is a separate layer added and removed with the
 * image's undo frozen for just those calls, so it never enters the undo
 * history: a run leaves exactly one undo step, and a killed run leaves at
 * worst a stray "Neural style (preview)" layer that the history does not
 * know about (deleting it is an ordinary undoable step) and no open undo
 * group.  Holding an undo group, a freeze or a half-written layer across
 * the run would instead leave the image's history broken.  GIMP counts
 * the preview's coming and going as a modification: a run that fails or
 * is cancelled marks a clean image clean again.  (Filters ▸ Repeat runs
 * without a preview layer: gimp2/main.c, gimp3/main.c.)
 */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>

#include "inputs.h"
#include "host.h"
#include "worker.h"
#include "pixels.h"
#include "plan-text.h"
#include "run.h"

#define PULSE_INTERVAL_MS 200

struct _NspRun
{
  gint32          image;
  gint32          drawable;
  NspValues       values;
  GeglRectangle   region;  /* drawable coordinates */
  gfloat         *alpha;   /* content alpha for preview frames; NULL: opaque */
  gchar          *name;    /* of a new result layer */
  gint32          active;  /* active layer before the run */
  gint32          preview; /* temporary layer, -1 when none */
  NspWorker      *worker;
  guint           pulse_id;
  gboolean        vanished; /* drawable deleted during the run */
  gboolean        finished;
  gboolean        was_clean; /* the image, before the run */
  gint32          result;
  NspRunDoneFunc  done;
  gpointer        data;
  NspRunWatchFunc watch;
  gpointer        watch_data;
};

/* ---- preview layer ------------------------------------------------------ */

static void
preview_layer_add (NspRun *run)
{
  run->preview = nsp_host_preview_add (run->image, run->drawable, &run->region,
                                       _ ("Neural style (preview)"));
}

/* Adding the preview made it active: the user gets their layer back. */
static void
preview_layer_remove (NspRun *run)
{
  if (run->preview != -1 && nsp_host_item_kind (run->preview) != NSP_ITEM_NONE)
    nsp_host_preview_remove (run->image, run->preview, run->active);
  run->preview = -1;
}

/* After a run that changed nothing: the preview's coming and going is no
 * change to the user's image. */
static void
preview_layer_forget (NspRun *run)
{
  preview_layer_remove (run);
  if (run->was_clean)
    nsp_host_image_clean (run->image);
}

static void
preview_layer_show (NspRun       *run,
                    const gfloat *frame,
                    gint          frame_width,
                    gint          frame_height)
{
  if (run->preview == -1)
    return;
  if (nsp_host_item_kind (run->preview) == NSP_ITEM_NONE)
    {
      /* The user deleted it: stop streaming, not the run. */
      run->preview = -1;
      return;
    }
  /* The preview is a nicety: without memory for it, skip it. */
  if (nsp_layer_write_frame (run->preview, run->region.width,
                             run->region.height, frame, frame_width,
                             frame_height, run->alpha))
    gimp_displays_flush ();
}

/* ---- progress ----------------------------------------------------------- */

static gboolean
pulse (gpointer data)
{
  gimp_progress_pulse ();
  return G_SOURCE_CONTINUE;
}

static void
on_progress (const NstProgress *progress,
             const gfloat      *frame,
             gint               frame_width,
             gint               frame_height,
             gpointer           data)
{
  NspRun *run = data;
  gchar  *left;

  if (run->pulse_id)
    {
      g_source_remove (run->pulse_id);
      run->pulse_id = 0;
    }

  if (nsp_host_item_kind (run->drawable) == NSP_ITEM_NONE)
    {
      run->vanished = TRUE;
      nsp_worker_cancel (run->worker);
      return;
    }

  if (progress->evaluation > 0)
    {
      gchar *text;

      left = nsp_duration_text (progress->seconds_left);
      if (progress->scales > 1)
        text = g_strdup_printf (_ ("Neural style: evaluation %d of %d, "
                                   "scale %d of %d, %s left"),
                                progress->evaluation, progress->evaluations,
                                progress->scale, progress->scales, left);
      else
        text = g_strdup_printf (_ ("Neural style: evaluation %d of %d, "
                                   "%s left"),
                                progress->evaluation, progress->evaluations,
                                left);
      /* The streamed layer shows the best image so far: say when that is
       * still the untouched start. */
      if (progress->image_is_start && run->preview != -1)
        {
          gchar *base = text;

          text = g_strdup_printf (_ ("%s; the layer still shows the start "
                                     "image: the loss has not fallen below "
                                     "its own yet"),
                                  base);
          g_free (base);
        }
      gimp_progress_set_text (text);
      gimp_progress_update (progress->fraction);
      if (run->watch)
        run->watch (progress->fraction, text, run->watch_data);
      g_free (text);
      g_free (left);
    }

  if (frame)
    preview_layer_show (run, frame, frame_width, frame_height);
}

/* ---- the end ------------------------------------------------------------ */

static void
apply_result (NspRun *run, const NstImage *result)
{
  run->result = nsp_host_apply (
      run->image, run->drawable, &run->region, result,
      run->values.params.output == NST_OUTPUT_NEW_LAYER ? run->name : NULL);
}

static void
on_done (const NstStatus *status, const NstImage *result, gpointer data)
{
  NspRun      *run     = data;
  const gchar *message = NULL;
  gboolean     gone;

  if (run->pulse_id)
    {
      g_source_remove (run->pulse_id);
      run->pulse_id = 0;
    }
  gimp_progress_end ();

  gone = run->vanished || ! nsp_host_image_exists (run->image)
         || nsp_host_item_kind (run->drawable) == NSP_ITEM_NONE;
  if (nsp_host_image_exists (run->image))
    {
      if (result && ! gone)
        preview_layer_remove (run);
      else
        preview_layer_forget (run);
    }

  if (gone)
    message = _ ("The layer was deleted or its image closed while Neural "
                 "Style worked: there is nowhere to put the result.");
  else if (result)
    apply_result (run, result);
  else if (nst_status_code (status) != NST_ERROR_CANCELLED)
    message = nst_status_message (status);

  run->finished = TRUE;
  gimp_displays_flush ();
  run->done (result && ! gone, message, run->data);
}

/* ---- start -------------------------------------------------------------- */

/* A style in another image is best known by that image's name
 * ("starry_night.jpg"): its layer is often just "Background". */
static gchar *
style_name (gint32 style, gint32 image)
{
  gint32 style_image = nsp_host_item_image (style);

  return style_image != image ? nsp_host_image_name (style_image)
                              : nsp_host_item_name (style);
}

/* "Background in the style of starry_night.jpg": the new layer's name. */
static gchar *
result_name (gint32 image, gint32 drawable, const NspValues *values)
{
  GString *styles = g_string_new (NULL);
  gchar   *content, *name;
  gint     i;

  for (i = 0; i < values->n_styles; i++)
    {
      gchar *style = style_name (values->style_ids[i], image);

      g_string_append_printf (styles, "%s%s", i ? " + " : "", style);
      g_free (style);
    }
  content = nsp_host_item_name (drawable);
  name    = g_strdup_printf (_ ("%s in the style of %s"), content, styles->str);
  g_free (content);
  g_string_free (styles, TRUE);
  return name;
}

NspRun *
nsp_run_start (gint32           drawable,
               const NspValues *values,
               NspRunDoneFunc   done,
               gpointer         data,
               gchar          **error)
{
  NspRun   *run;
  NspInputs inputs;

  if (values->params.output == NST_OUTPUT_REPLACE
      && nsp_host_item_kind (drawable) == NSP_ITEM_GROUP)
    {
      *error = g_strdup (_ ("A layer group has no pixels of its own to "
                            "replace.  Choose the output “New layer”, or one "
                            "of the group's layers."));
      return NULL;
    }
  if (! nsp_inputs_read (drawable, values, FALSE, &inputs, error))
    return NULL;

  run            = g_new0 (NspRun, 1);
  run->image     = nsp_host_item_image (drawable);
  run->drawable  = drawable;
  run->values    = *values;
  run->region    = inputs.region;
  run->alpha     = nsp_layer_has_alpha (drawable)
                       ? nsp_image_dup_alpha (&inputs.content)
                       : NULL;
  run->name      = result_name (run->image, drawable, values);
  run->active    = nsp_host_image_active_layer (run->image);
  run->was_clean = ! nsp_host_image_is_dirty (run->image);
  run->preview   = -1;
  run->result    = -1;
  run->done      = done;
  run->data      = data;

  run->worker = nsp_worker_start (
      inputs.weights, &inputs.content, inputs.styles, values->style_blend,
      values->n_styles, inputs.content_masks, inputs.source_masks,
      &values->params, NULL, NULL, NULL, on_progress, on_done, run);
  nsp_inputs_clear (&inputs);

  gimp_progress_init (_ ("Neural style: loading the network…"));
  run->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse, NULL);

  if (values->params.preview_every > 0)
    preview_layer_add (run);

  return run;
}

void
nsp_run_watch (NspRun *run, NspRunWatchFunc watch, gpointer data)
{
  run->watch      = watch;
  run->watch_data = data;
}

void
nsp_run_stop (NspRun *run)
{
  if (! run->finished)
    nsp_worker_stop (run->worker);
}

void
nsp_run_cancel (NspRun *run)
{
  if (! run->finished)
    nsp_worker_cancel (run->worker);
}

gint32
nsp_run_result (NspRun *run)
{
  return run->result;
}

void
nsp_run_free (NspRun *run)
{
  if (! run)
    return;

  /* Waits for the engine; its done callback is dropped, so tidy up here. */
  nsp_worker_free (run->worker);
  if (! run->finished)
    {
      if (run->pulse_id)
        g_source_remove (run->pulse_id);
      gimp_progress_end ();
      if (nsp_host_image_exists (run->image))
        preview_layer_forget (run);
    }

  g_free (run->alpha);
  g_free (run->name);
  g_free (run);
}

/* ---- non-interactive ---------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  gboolean   success;
  gchar     *message;
} SyncState;

static void
sync_done (gboolean success, const gchar *message, gpointer data)
{
  SyncState *state = data;

  state->success = success;
  state->message = g_strdup (message);
  g_main_loop_quit (state->loop);
}

gboolean
nsp_run_sync (gint32           drawable,
              const NspValues *values,
              gint32          *result,
              gchar          **error)
{
  SyncState state = { NULL, FALSE, NULL };
  NspRun   *run;

  run = nsp_run_start (drawable, values, sync_done, &state, error);
  if (! run)
    return FALSE;

  state.loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);

  *result = nsp_run_result (run);
  nsp_run_free (run);

  if (! state.success)
    {
      *error = state.message ? state.message
                             : g_strdup (_ ("The run was cancelled."));
      return FALSE;
    }
  return TRUE;
}
