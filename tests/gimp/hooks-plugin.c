/* hooks-plugin.c: a test plug-in that drives the dialog's hooks
 * (plugin/common/interactive.c) as the dialog does, without GTK.
 *
 * It links the plug-in's common library and GIMP 2.10 host, hands
 * nsp_interactive_run () this file's fake dialog in place of ui/'s, and
 * registers
 *
 *   test-neural-style-hooks (run-mode, image, drawable, scenario, style,
 *                            weights) -> (result-layer, report)
 *
 * Scenarios: "stop" and "cancel" start a full run and press Stop or Cancel
 * after two seconds; "preview" starts an in-dialog preview, cancels it at
 * once (as the dialog does when a slider moves), starts another and waits
 * for its last frame (reported in hex) and note; "preview-start" is that
 * with one evaluation, so that the frame is the untouched start image;
 * "preview-zoom" a preview at 100 % of the right part of the layer;
 * "preview-regions" that with style 1 in a region, the layer's left 48
 * columns (a channel saved from a selection), whose part in view comes
 * with the "before" (reported in hex, one byte a pixel);
 * "plan" asks for the full run's plan alone (a preview turned off), and
 * "plan-refused" for that of a run that cannot fit a 1 MiB budget.
 * `report` says what the hooks did, as "key=value" words, for
 * tests/gimp/test_hooks.py to check.  A run that keeps a result saves its
 * values for Filters ▸ Repeat, as plugin/gimp2/main.c does: "stop" thus
 * prepares tests/gimp/test_repeat.py's Repeat.
 */

#include <libgimp/gimp.h>
#include <string.h>

#include "common/interactive.h"
#include "common/procedure.h"

#define PROC "test-neural-style-hooks"

typedef struct
{
  GMainLoop *loop;
  gpointer   run;
  gint       finished; /* calls of the finished callback */
  gboolean   success;
  gboolean   had_message;
  gint       frames;
  gint       stale_frames; /* from a cancelled preview: must stay 0 */
  gboolean   final;
  gint       width;
  gint       height;
  gboolean   computing; /* a note of progress came before the end */
  GString   *frame;     /* the final frame, 8-bit RGB in hex */
  GString   *original;  /* the "before" frame, the same way */
  gint       originals; /* how many came */
  gint       original_width;
  gint       original_height;
  gint       regions;       /* the styles with a region, as the "before" says */
  GString   *region;        /* style 1's, in hex */
  gint       working_width; /* as the frames say */
  gint       working_height;
  gchar     *note;  /* the final note */
  gint       plans; /* calls of the plan callback */
  gboolean   refused;
  gchar     *plan; /* its text */
} Fake;

static const gchar          *scenario;
static gint32                style;
static const gchar          *weights;
static GString              *report;
static const NspDialogHooks *the_hooks;

static void
run_finished (gboolean success, const gchar *message, gpointer data)
{
  Fake *fake = data;

  fake->finished++;
  fake->success     = success;
  fake->had_message = message != NULL;
  g_main_loop_quit (fake->loop);
}

static gboolean
press_button (gpointer data)
{
  Fake *fake = data;

  if (! strcmp (scenario, "stop"))
    the_hooks->run_stop (fake->run);
  else
    the_hooks->run_cancel (fake->run);
  return G_SOURCE_REMOVE;
}

static void
stale_frame (const NspPreviewFrame *frame, gpointer data)
{
  Fake *fake = data;

  fake->stale_frames++;
}

static void
stale_plan (const gchar *text, gboolean refused, gpointer data)
{
  Fake *fake = data;

  fake->stale_frames++;
}

static void
plan (const gchar *text, gboolean refused, gpointer data)
{
  Fake *fake = data;

  fake->plans++;
  fake->refused = refused;
  g_free (fake->plan);
  fake->plan = g_strdelimit (g_strdup (text), " ", '_');
  if (g_str_has_prefix (scenario, "plan"))
    g_main_loop_quit (fake->loop);
}

static GString *
hex_of (const gfloat *rgb, gint width, gint height)
{
  GString *hex = g_string_new (NULL);
  gint     i;

  for (i = 0; rgb && i < width * height * 3; i++)
    g_string_append_printf (
        hex, "%02x", (guint) (CLAMP (rgb[i], 0.0f, 1.0f) * 255.0f + 0.5f));
  return hex;
}

static void
frame (const NspPreviewFrame *f, gpointer data)
{
  Fake *fake = data;
  gint  i;

  fake->working_width  = f->working_width;
  fake->working_height = f->working_height;
  if (f->original)
    {
      fake->originals++;
      fake->original_width  = f->width;
      fake->original_height = f->height;
      if (fake->original)
        g_string_free (fake->original, TRUE);
      fake->original = hex_of (f->rgb, f->width, f->height);
      fake->regions  = 0;
      for (i = 0; i < NST_MAX_STYLES; i++)
        fake->regions += f->regions[i] != NULL;
      if (fake->region)
        g_string_free (fake->region, TRUE);
      fake->region = g_string_new (NULL);
      for (i = 0; f->regions[0] && i < f->width * f->height; i++)
        g_string_append_printf (
            fake->region, "%02x",
            (guint) (CLAMP (f->regions[0][i], 0.0f, 1.0f) * 255.0f + 0.5f));
      return;
    }
  if (f->rgb)
    fake->frames++;
  if (! f->final)
    {
      fake->computing |= g_str_has_prefix (f->note, "Computing: evaluation ");
      return;
    }
  fake->final  = TRUE;
  fake->width  = f->width;
  fake->height = f->height;
  fake->note   = g_strdelimit (g_strdup (f->note), " ", '_');
  fake->frame  = hex_of (f->rgb, f->width, f->height);
  g_main_loop_quit (fake->loop);
}

/* The dialog, replaced: set the values a user would, press the buttons. */
static gboolean
fake_dialog_run (NspValues            *values,
                 gint32                image,
                 gint32                drawable,
                 const NspDialogHooks *hooks,
                 gpointer              context)
{
  Fake   fake  = { 0 };
  gchar *error = NULL;
  gchar *device;

  fake.loop                    = g_main_loop_new (NULL, FALSE);
  the_hooks                    = hooks;
  values->n_styles             = 1;
  values->style_ids[0]         = style;
  values->params.device        = NST_DEVICE_CPU;
  values->params.init          = NST_INIT_NOISE;
  values->params.style_weight  = 1e4;
  values->params.size          = 0;
  values->params.preview_every = 1;
  g_strlcpy (values->weights_path, weights, sizeof (values->weights_path));

  if (g_str_has_prefix (scenario, "plan"))
    {
      gpointer planned;

      values->params.iterations = 6;
      if (! strcmp (scenario, "plan-refused"))
        values->params.memory = 1;
      planned = hooks->preview_start (values, NULL, frame, plan, &fake,
                                      hooks->user_data, &error);
      if (planned)
        g_main_loop_run (fake.loop);
      hooks->preview_cancel (planned);
      g_string_append_printf (report,
                              "started=%d plans=%d frames=%d "
                              "refused=%d plan=%s",
                              planned != NULL, fake.plans, fake.frames,
                              fake.refused, fake.plan ? fake.plan : "");
    }
  else if (g_str_has_prefix (scenario, "preview"))
    {
      gpointer old, preview;
      /* Fitted into 32 px, or at 100 % the right 32 × 32 px of the layer,
       * which a run at size 0 paints at its own size. */
      NspPreviewView view = { 32, 32, 0.0, 0.5, 0.5 };

      if (! strcmp (scenario, "preview-zoom")
          || ! strcmp (scenario, "preview-regions"))
        {
          view.zoom     = 1.0;
          view.center_x = 0.75;
        }
      if (! strcmp (scenario, "preview-regions"))
        {
          gimp_image_select_rectangle (image, GIMP_CHANNEL_OP_REPLACE, 0, 0, 48,
                                       gimp_image_height (image));
          values->region_ids[0] = gimp_selection_save (image);
          gimp_selection_none (image);
        }
      /* "preview": as the test's CLI run; "preview-start": one evaluation,
       * whose result is the start image itself. */
      values->params.iterations = strcmp (scenario, "preview-start") ? 6 : 1;
      old = hooks->preview_start (values, &view, stale_frame, stale_plan, &fake,
                                  hooks->user_data, &error);
      hooks->preview_cancel (old);
      preview = hooks->preview_start (values, &view, frame, plan, &fake,
                                      hooks->user_data, &error);
      if (preview)
        g_main_loop_run (fake.loop);
      /* Harmless once finished, says nsp-dialog.h. */
      hooks->preview_cancel (preview);

      device = hooks->device_describe (NST_DEVICE_CPU, hooks->user_data);
      g_string_append_printf (
          report,
          "started=%d frames=%d stale=%d plans=%d "
          "final=%d size=%dx%d computing=%d note=%s "
          "plan=%s originals=%d original-size=%dx%d "
          "working=%dx%d original=%s frame=%s device=%s "
          "regions=%d region=%s",
          old && preview, fake.frames, fake.stale_frames, fake.plans,
          fake.final, fake.width, fake.height, fake.computing,
          fake.note ? fake.note : "", fake.plan ? fake.plan : "",
          fake.originals, fake.original_width, fake.original_height,
          fake.working_width, fake.working_height,
          fake.original ? fake.original->str : "",
          fake.frame ? fake.frame->str : "", device, fake.regions,
          fake.region ? fake.region->str : "");
      g_free (device);
      g_free (fake.note);
      if (fake.frame)
        g_string_free (fake.frame, TRUE);
      if (fake.original)
        g_string_free (fake.original, TRUE);
      if (fake.region)
        g_string_free (fake.region, TRUE);
    }
  else
    {
      values->params.iterations = 100000;
      fake.run                  = hooks->run_start (values, run_finished, &fake,
                                                    hooks->user_data, &error);
      if (fake.run)
        {
          g_timeout_add (2000, press_button, &fake);
          g_main_loop_run (fake.loop);
        }
      g_string_append_printf (report,
                              "started=%d finished=%d success=%d "
                              "message=%d error=%s",
                              fake.run != NULL, fake.finished, fake.success,
                              fake.had_message, error ? error : "none");
      g_free (error);
    }

  g_free (fake.plan);
  g_main_loop_unref (fake.loop);
  return fake.success;
}

static void
query (void)
{
  static const GimpParamDef args[] = {
    { GIMP_PDB_INT32, "run-mode", "The run mode" },
    { GIMP_PDB_IMAGE, "image", "Image" },
    { GIMP_PDB_DRAWABLE, "drawable", "Content" },
    { GIMP_PDB_STRING, "scenario",
      "stop, cancel, preview, preview-start, preview-zoom, "
      "preview-regions, plan, plan-refused" },
    { GIMP_PDB_DRAWABLE, "style", "Style" },
    { GIMP_PDB_STRING, "weights", "Weights file" },
  };
  static const GimpParamDef returns[] = {
    { GIMP_PDB_LAYER, "result-layer", "As plug-in-neural-style's" },
    { GIMP_PDB_STRING, "report", "What the hooks did" },
  };

  gimp_install_procedure (PROC, "Test the dialog hooks", "", "", "", "", NULL,
                          "RGB*, GRAY*", GIMP_PLUGIN, G_N_ELEMENTS (args),
                          G_N_ELEMENTS (returns), args, returns);
}

static void
run (const gchar     *name,
     gint             nparams,
     const GimpParam *param,
     gint            *nreturn_vals,
     GimpParam      **return_vals)
{
  static GimpParam values[3];
  NspValues        nsp_values;
  gint32           result = -1;

  gegl_init (NULL, NULL);
  scenario = param[3].data.d_string;
  style    = param[4].data.d_drawable;
  weights  = param[5].data.d_string;
  report   = g_string_new (NULL);

  nsp_values_init (&nsp_values);
  if (nsp_interactive_run (param[1].data.d_image, param[2].data.d_drawable,
                           &nsp_values, fake_dialog_run, NULL, &result))
    gimp_set_data (NSP_PROC, &nsp_values, sizeof (nsp_values));

  *nreturn_vals           = 3;
  *return_vals            = values;
  values[0].type          = GIMP_PDB_STATUS;
  values[0].data.d_status = GIMP_PDB_SUCCESS;
  values[1].type          = GIMP_PDB_LAYER;
  values[1].data.d_layer  = result;
  values[2].type          = GIMP_PDB_STRING;
  values[2].data.d_string = g_string_free (report, FALSE);
}

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()
