/* dialog.c: the Neural Style dialog for GIMP 3.0.
 *
 * GimpProcedureDialog generates a widget per argument of the parameter
 * table (logarithmic sliders where the table says so) and keeps the
 * values in the procedure's config, which GIMP stores as last values.
 * Around them: the style picker (up to NST_MAX_STYLES styles with blend
 * weights and regions, which the generated widgets cannot do for arrays),
 * a live preview, the device in use, and the progress bar with Stop.  The work
 * itself goes through the hooks of common/dialog.h, and OK, Stop and Cancel
 * through its run cycle, as in GIMP 2.10.
 */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/pixels.h"
#include "common/procedure.h"
#include "config.h"
#include "dialog.h"
#include "settings.h"
#include "widgets/layer-names.h"
#include "widgets/live-preview.h"
#include "widgets/preview-pane.h"
#include "widgets/region-menu.h"

#define PREVIEW_DELAY_MS 400
#define RESPONSE_STOP 1
#define ERROR_LINES 3
#define PLAN_LINES 4
#define REGION_MENU_WIDTH 150

typedef struct
{
  NspValues            *values;
  const NspDialogHooks *hooks;
  gint32                image;
  gint32                drawable;
  GimpProcedureConfig  *config;
  GtkWidget            *dialog;
  GtkWidget            *editable;            /* insensitive while a run works */
  GtkWidget            *use[NST_MAX_STYLES]; /* [0] unused: always on */
  GtkWidget            *combo[NST_MAX_STYLES];
  GtkWidget            *blend[NST_MAX_STYLES];
  GtkWidget            *region[NST_MAX_STYLES];
  /* Each row's source mask, which only a script sets: kept with its row
   * while it is of the row's style's image. */
  gint32           source_mask[NST_MAX_STYLES];
  NspPreview      *preview;
  GtkWidget       *device_label;
  GtkWidget       *error_label;
  GtkWidget       *progress;
  GtkWidget       *ok;
  GtkWidget       *stop;
  NspDialogMachine machine;
  gboolean         syncing; /* widgets ← config, not the reverse */
} Dialog;

/* ---- values ------------------------------------------------------------- */

static gboolean
dialog_read_values (Dialog *d)
{
  gchar *error = NULL;

  if (nsp_config_get_values (d->config, FALSE, d->values, &error))
    return TRUE;
  g_free (error);
  return FALSE;
}

/* In a slot of fixed height (see dialog_build): at most ERROR_LINES lines,
 * the whole message in the tooltip. */
static void
dialog_show_error (const gchar *message, gpointer data)
{
  Dialog *d = data;

  gtk_label_set_text (GTK_LABEL (d->error_label), message ? message : "");
  gtk_widget_set_tooltip_text (d->error_label, message);
}

/* ---- live preview ------------------------------------------------------- */

/* The config into the values the preview reads (NspPreviewReadFunc). */
static gboolean
preview_read (gpointer data, gchar **why)
{
  Dialog *d = data;

  return nsp_config_get_values (d->config, FALSE, d->values, why);
}

/* ---- styles ------------------------------------------------------------- */

static gboolean
style_constraint (GimpImage *image, GimpItem *item, gpointer data)
{
  Dialog *d = data;

  return gimp_item_get_id (item) != d->drawable
         && ! gimp_drawable_is_indexed (GIMP_DRAWABLE (item));
}

/* "image — layer", as the 2.10 dialog names a layer (NspLayerLabelFunc). */
static gchar *
layer_label (gint32 layer_id)
{
  GimpItem *item = gimp_item_get_by_id (layer_id);
  gchar    *image_name, *layer_name, *label;

  if (! item)
    return NULL;
  image_name = gimp_image_get_name (gimp_item_get_image (item));
  layer_name = gimp_item_get_name (item);
  /* TRANSLATORS: a layer: its image's name, then its own, e.g.
     "starry_night.jpg — Background". */
  label = g_strdup_printf (_ ("%s — %s"), image_name, layer_name);
  g_free (layer_name);
  g_free (image_name);
  return label;
}

/* The chosen layer's whole name (the menu may cut it), then what the menu
 * is for. */
static void
combo_tooltip (GtkWidget *combo)
{
  const gchar *what = _ ("A layer of any open image whose style is painted "
                         "onto this one");
  GtkTreeIter  iter;
  gchar       *label = NULL;
  gchar       *text;

  if (gtk_combo_box_get_active_iter (GTK_COMBO_BOX (combo), &iter))
    gtk_tree_model_get (gtk_combo_box_get_model (GTK_COMBO_BOX (combo)), &iter,
                        GIMP_INT_STORE_LABEL, &label, -1);
  text = label ? g_strdup_printf ("%s\n\n%s", label, what) : g_strdup (what);
  gimp_help_set_help_data (combo, text, NULL);
  g_free (label);
  g_free (text);
}

/* The picker into the config: the styles in use and their blends. */
static void
styles_changed (Dialog *d)
{
  NspValues *v = d->values;
  gint       i;

  if (d->syncing)
    return;

  dialog_read_values (d);
  v->n_styles = 0;
  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      gint id;

      gtk_widget_set_sensitive (
          d->combo[i],
          i == 0
              || gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (d->use[i])));
      gtk_widget_set_sensitive (d->blend[i],
                                gtk_widget_get_sensitive (d->combo[i]));
      gtk_widget_set_sensitive (d->region[i],
                                gtk_widget_get_sensitive (d->combo[i]));
      combo_tooltip (d->combo[i]);
      if (! gtk_widget_get_sensitive (d->combo[i])
          || ! gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (d->combo[i]),
                                              &id))
        continue;
      if (! nsp_values_source_mask_fits (d->source_mask[i], id))
        d->source_mask[i] = -1;
      v->style_ids[v->n_styles] = id;
      v->style_blend[v->n_styles]
          = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->blend[i]));
      v->region_ids[v->n_styles]      = nsp_region_menu_get (d->region[i]);
      v->source_mask_ids[v->n_styles] = d->source_mask[i];
      v->n_styles++;
    }

  d->syncing = TRUE;
  nsp_config_set_values (d->config, v);
  d->syncing = FALSE;

  gtk_widget_set_sensitive (d->ok, nsp_values_blend_valid (v));
  nsp_preview_invalidate (d->preview);
}

static GtkWidget *
styles_frame (Dialog *d)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *frame;
  gint       i;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);

  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      /* Numbered like the 2.10 picker's rows; "_Style" would share its
       * mnemonic with "_Style weight" and GIMP's "_Save Settings". */
      gchar *text = g_strdup_printf (_ ("Style _%d:"), i + 1);

      d->combo[i] = gimp_drawable_combo_box_new (style_constraint, d, NULL);
      nsp_layer_menu_relabel (d->combo[i], layer_label);
      gtk_widget_set_hexpand (d->combo[i], TRUE);
      d->use[i] = i == 0 ? gtk_label_new_with_mnemonic (text)
                         : gtk_check_button_new_with_mnemonic (text);
      if (i == 0)
        gtk_label_set_mnemonic_widget (GTK_LABEL (d->use[0]), d->combo[0]);
      else
        gimp_help_set_help_data (d->use[i], _ ("Blend in another style"), NULL);
      g_free (text);

      d->blend[i]
          = gimp_spin_button_new_with_range (0.0, NST_STYLE_BLEND_UI_MAX, 0.1);
      gimp_help_set_help_data (d->blend[i],
                               _ ("Blend weight of this style, relative to "
                                  "the others"),
                               NULL);

      d->region[i] = nsp_region_menu_new (d->image, -1);
      gtk_widget_set_size_request (d->region[i], REGION_MENU_WIDTH, -1);
      text = g_strdup_printf ("style-region-%d", i + 1);
      gtk_widget_set_name (d->region[i], text);
      g_free (text);

      gtk_grid_attach (GTK_GRID (grid), d->use[i], 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), d->combo[i], 1, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), d->region[i], 2, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), d->blend[i], 3, i, 1, 1);
    }

  frame = gimp_frame_new (_ ("Styles"));
  gtk_container_add (GTK_CONTAINER (frame), grid);
  return frame;
}

/* The config (the last values, or defaults after Reset) into the picker. */
static void
styles_from_config (Dialog *d)
{
  NspValues *v = d->values;
  gint       i;

  dialog_read_values (d);
  d->syncing = TRUE;
  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      if (i > 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (d->use[i]),
                                      i < v->n_styles);
      if (i < v->n_styles)
        {
          gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (d->combo[i]),
                                         v->style_ids[i]);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->blend[i]),
                                     v->style_blend[i]);
          nsp_region_menu_set (d->region[i], v->region_ids[i]);
          d->source_mask[i] = v->source_mask_ids[i];
        }
      else
        {
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->blend[i]),
                                     NST_STYLE_BLEND_DEFAULT);
          nsp_region_menu_set (d->region[i], -1);
          d->source_mask[i] = -1;
        }
    }
  d->syncing = FALSE;
  styles_changed (d);
}

/* ---- running ------------------------------------------------------------ */

static void
dialog_set_running (Dialog *d, gboolean running)
{
  gtk_widget_set_sensitive (d->editable, ! running);
  gtk_widget_set_sensitive (d->ok,
                            ! running && nsp_values_blend_valid (d->values));
  gtk_widget_set_sensitive (d->stop, running);
  nsp_preview_suspend (d->preview, running);
  /* The bar keeps its place when idle, so the buttons never move. */
  if (running)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), 0.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress),
                                 _ ("Starting…"));
    }
  else
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), 0.0);
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress), " ");
    }
}

/* The run's progress, straight into the dialog's bar. */
static void
run_progress (gdouble fraction, const gchar *text, gpointer data)
{
  Dialog *d = data;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (d->progress), fraction);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (d->progress), text);
}

/* The run cycle's states, shown. */
static void
dialog_state_changed (NspDialogState state, gpointer data)
{
  Dialog *d = data;

  if (state == NSP_DIALOG_EDITING || state == NSP_DIALOG_RUNNING)
    dialog_set_running (d, state == NSP_DIALOG_RUNNING);
}

static void
dialog_response (GtkWidget *widget, gint response, Dialog *d)
{
  switch (response)
    {
    case GTK_RESPONSE_OK:
      if (d->machine.state != NSP_DIALOG_EDITING)
        break;
      dialog_show_error (NULL, d);
      if (dialog_read_values (d))
        nsp_dialog_machine_ok (&d->machine, d->values);
      break;

    case RESPONSE_STOP:
      nsp_dialog_machine_stop (&d->machine);
      break;

    case GTK_RESPONSE_CANCEL:
    case GTK_RESPONSE_DELETE_EVENT:
      nsp_dialog_machine_cancel (&d->machine);
      break;

    default: /* Reset and Help: GimpProcedureDialog's own. */
      break;
    }
}

static void
config_notify (GObject *config, GParamSpec *pspec, Dialog *d)
{
  /* Auxiliary arguments (the remembered styles, whether Advanced is open)
   * are no input of a run: the preview stays. */
  if (d->syncing
      || gimp_procedure_find_aux_argument (
          gimp_procedure_config_get_procedure (GIMP_PROCEDURE_CONFIG (config)),
          pspec->name))
    return;
  if (! g_strcmp0 (pspec->name, "styles")
      || ! g_strcmp0 (pspec->name, "style-blend")
      || ! g_strcmp0 (pspec->name, "regions")
      || ! g_strcmp0 (pspec->name, "source-masks"))
    {
      styles_from_config (d);
      return;
    }
  if (! g_strcmp0 (pspec->name, "device"))
    {
      gchar *device;

      dialog_read_values (d);
      device = d->hooks->device_describe (d->values->params.device,
                                          d->hooks->user_data);
      gtk_label_set_text (GTK_LABEL (d->device_label), device);
      g_free (device);
    }
  nsp_preview_invalidate (d->preview);
}

/* ---- layout ------------------------------------------------------------- */

static void
dialog_build (Dialog *d)
{
  GtkWidget *content = gtk_dialog_get_content_area (GTK_DIALOG (d->dialog));
  GtkWidget *hbox    = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left    = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *right   = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *params;
  GtkWidget *plan;

  gtk_container_set_border_width (GTK_CONTAINER (hbox), 12);
  d->editable = hbox;

  d->preview = nsp_preview_new (d->values, d->hooks, preview_read, d);

  d->device_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (d->device_label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (d->device_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (d->device_label), 20);
  gtk_box_pack_start (GTK_BOX (left),
                      nsp_painted_layer_new (d->drawable, layer_label), FALSE,
                      FALSE, 0);
  /* The preview takes what room the dialog gets. */
  gtk_box_pack_start (GTK_BOX (left), nsp_preview_get_pane (d->preview), TRUE,
                      TRUE, 0);
  gtk_box_pack_start (GTK_BOX (left), nsp_preview_get_status (d->preview),
                      FALSE, FALSE, 0);
  /* The preview's width (the column's) and PLAN_LINES high whatever it
   * says, so that no plan resizes the dialog, which must fit a 768 px
   * screen in every language; the tooltip has it whole. */
  plan = nsp_preview_get_plan (d->preview);
  gtk_label_set_xalign (GTK_LABEL (plan), 0.0);
  gtk_label_set_yalign (GTK_LABEL (plan), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (plan), TRUE);
  gtk_label_set_lines (GTK_LABEL (plan), PLAN_LINES);
  gtk_label_set_ellipsize (GTK_LABEL (plan), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (
      plan, NSP_PREVIEW_PANE_WIDTH,
      nsp_lines_height (gtk_widget_get_pango_context (plan), PLAN_LINES));
  gtk_box_pack_start (GTK_BOX (left), plan, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (left), d->device_label, FALSE, FALSE, 0);

  params = nsp_settings_new (GIMP_PROCEDURE_DIALOG (d->dialog), d->config);
  gtk_box_pack_start (GTK_BOX (right), styles_frame (d), FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (right), params, FALSE, FALSE, 0);

  gtk_box_pack_start (GTK_BOX (hbox), left, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (hbox), right, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (content), hbox, TRUE, TRUE, 0);

  /* Both always take their space, so that neither an error nor a run
   * moves the buttons or resizes the dialog. */
  d->error_label = gtk_label_new (NULL);
  gtk_label_set_line_wrap (GTK_LABEL (d->error_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (d->error_label), TRUE);
  gtk_label_set_lines (GTK_LABEL (d->error_label), ERROR_LINES);
  gtk_label_set_ellipsize (GTK_LABEL (d->error_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (d->error_label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (d->error_label), 0.0);
  gtk_widget_set_size_request (
      d->error_label, -1,
      nsp_lines_height (gtk_widget_get_pango_context (d->error_label),
                        ERROR_LINES));
  /* A plain bar fed by the run itself: GIMP 3.0 sends a plug-in's
   * gimp_progress_* calls to the image window, not to a GimpProgressBar in
   * the plug-in's dialog. */
  d->progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (d->progress), TRUE);
  gtk_box_pack_start (GTK_BOX (content), d->error_label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (content), d->progress, FALSE, FALSE, 6);
  gtk_widget_show_all (hbox);
  gtk_widget_show (d->error_label);
  gtk_widget_show (d->progress);

  /* Not "_Stop": GIMP's "_Save Settings" stays active during a run. */
  d->stop = gtk_dialog_add_button (GTK_DIALOG (d->dialog), _ ("S_top"),
                                   RESPONSE_STOP);
  gimp_help_set_help_data (d->stop, _ ("Finish now and keep the result so far"),
                           NULL);
  d->ok = gtk_dialog_get_widget_for_response (GTK_DIALOG (d->dialog),
                                              GTK_RESPONSE_OK);
  gtk_widget_show (d->stop);
}

gboolean
nsp_gimp3_dialog_run (NspValues            *values,
                      gint32                image_id,
                      gint32                drawable_id,
                      const NspDialogHooks *hooks,
                      gpointer              context)
{
  NspGimp3DialogContext *gimp = context;
  Dialog                 d    = { 0 };
  gboolean               kept;
  gint                   i;

  gimp_ui_init (NSP_BINARY);

  d.values   = values;
  d.hooks    = hooks;
  d.image    = image_id;
  d.drawable = drawable_id;
  d.config   = gimp->config;
  nsp_dialog_machine_init (&d.machine, hooks, dialog_state_changed,
                           dialog_show_error, run_progress, &d);

  /* interactive.c has dropped styles that no longer exist. */
  nsp_config_set_values (d.config, values);

  d.dialog = gimp_procedure_dialog_new (gimp->procedure, d.config,
                                        _ ("Neural Style"));
  dialog_build (&d);
  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      g_signal_connect_swapped (d.combo[i], "changed",
                                G_CALLBACK (styles_changed), &d);
      g_signal_connect_swapped (d.blend[i], "value-changed",
                                G_CALLBACK (styles_changed), &d);
      g_signal_connect_swapped (d.region[i], "changed",
                                G_CALLBACK (styles_changed), &d);
      if (i > 0)
        g_signal_connect_swapped (d.use[i], "toggled",
                                  G_CALLBACK (styles_changed), &d);
    }
  styles_from_config (&d);
  g_signal_connect (d.config, "notify", G_CALLBACK (config_notify), &d);
  g_signal_connect (d.dialog, "response", G_CALLBACK (dialog_response), &d);
  config_notify (
      G_OBJECT (d.config),
      g_object_class_find_property (G_OBJECT_GET_CLASS (d.config), "device"),
      &d);
  dialog_set_running (&d, FALSE);

  gtk_widget_show (d.dialog);
  /* Return runs the filter, as in GIMP's own filters; the first control
   * would otherwise have the focus, and the preview's zoom menu takes
   * Return for itself. */
  gtk_widget_grab_focus (d.ok);
  kept = nsp_dialog_machine_run (&d.machine);

  g_signal_handlers_disconnect_by_data (d.config, &d);
  nsp_preview_free (d.preview);
  gtk_widget_destroy (d.dialog);

  if (kept)
    dialog_read_values (&d);
  return kept;
}
