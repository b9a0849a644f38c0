/* settings.c: the GIMP 3.0 dialog's settings, from the parameter table.
 *
 * Which rows stand in front and which behind "Advanced" is the table's
 * place column; the presets are nst_preset_table ().  The widgets are
 * GimpProcedureDialog's, bound to the config: a preset is chosen by
 * writing its values into the config, and the menu follows the config.
 */

#include <glib/gi18n-lib.h>

#include "config.h"
#include "settings.h"
#include "widgets/number-spin.h"

/* A slider's least width: Advanced's two columns leave it little room. */
#define SLIDER_WIDTH 120
/* The preset menu's entry for values that are no preset's: shown only
 * then, so that it is never chosen. */
#define CUSTOM_ID "custom"
/* What a window manager's title bar may take of the screen's height. */
#define TITLE_BAR_HEIGHT 40
/* Opened, Advanced shows at least this much, whatever the screen. */
#define ADVANCED_MIN_HEIGHT 100

/* ---- number fields ------------------------------------------------------ */

/* The spin button of a generated number widget, or NULL. */
static GtkSpinButton *
spin_of (GtkWidget *widget)
{
  if (GIMP_IS_LABEL_SPIN (widget))
    return GTK_SPIN_BUTTON (
        gimp_label_spin_get_spin_button (GIMP_LABEL_SPIN (widget)));
  return GTK_IS_SPIN_BUTTON (widget) ? GTK_SPIN_BUTTON (widget) : NULL;
}

/* The row's widget, made now, as the table wants it: logarithmic sliders
 * over the table's UI range for the weights that span orders of magnitude,
 * their numbers as "1e6"; the working size's 0 as "Full size". */
static void
row_widget (GimpProcedureDialog *dialog, const NstParamInfo *info)
{
  GtkWidget     *widget;
  GtkSpinButton *spin;

  if (info->ui == NST_UI_LOG)
    {
      GimpScaleEntry *entry = GIMP_SCALE_ENTRY (
          gimp_procedure_dialog_get_scale_entry (dialog, info->name, 1.0));

      /* The slider covers the table's UI range, even where the value lies
       * outside it (limit_scale), set before the logarithm, which maps the
       * slider's bounds; the number field still takes the whole range. */
      gimp_scale_entry_set_bounds (entry, info->ui_min, info->ui_max, TRUE);
      gimp_scale_entry_set_logarithmic (entry, TRUE);
      gtk_widget_set_size_request (gimp_scale_entry_get_range (entry),
                                   SLIDER_WIDTH, -1);
      widget = GTK_WIDGET (entry);
      nsp_spin_button_use_number_text (spin_of (widget));
    }
  else
    {
      widget
          = gimp_procedure_dialog_get_widget (dialog, info->name, G_TYPE_NONE);
      spin = spin_of (widget);
      if (spin && info->offset == G_STRUCT_OFFSET (NstParams, size))
        nsp_spin_button_use_full_size (spin);
    }
  gtk_widget_set_name (widget, info->name);
}

/* ---- the preset menu ---------------------------------------------------- */

#define PRESET_HELP                                                            \
  N_ ("Starting points for the time a run takes and the detail it "            \
      "reaches (evaluations, working size, levels); Custom when the values "   \
      "are no preset's")

static void preset_changed (GtkComboBox *combo, GimpProcedureConfig *config);

/* Shows the preset the config's values are, or Custom (added for the
 * purpose, and gone again once they are a preset's). */
static void
preset_show (GtkComboBox *combo, GParamSpec *pspec, GimpProcedureConfig *config)
{
  gsize            n, i;
  const NstPreset *presets = nst_preset_table (&n);
  const gchar     *match   = NULL;
  NstParams        params;

  nst_params_init (&params);
  nsp_config_get_params (config, &params);
  for (i = 0; i < n && ! match; i++)
    if (nst_preset_matches (&presets[i], &params))
      match = presets[i].nick;

  g_signal_handlers_block_by_func (combo, preset_changed, config);
  if (! match && ! gtk_combo_box_set_active_id (combo, CUSTOM_ID))
    {
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), CUSTOM_ID,
                                 _ ("Custom"));
      gtk_combo_box_set_active_id (combo, CUSTOM_ID);
    }
  if (match)
    {
      gtk_combo_box_set_active_id (combo, match);
      /* Custom is the last entry when there is one. */
      if (gtk_tree_model_iter_n_children (gtk_combo_box_get_model (combo), NULL)
          > (gint) n)
        gtk_combo_box_text_remove (GTK_COMBO_BOX_TEXT (combo), (gint) n);
    }
  g_signal_handlers_unblock_by_func (combo, preset_changed, config);
}

/* The preset's values into the config, which the widgets follow; one
 * notification for them all. */
static void
preset_changed (GtkComboBox *combo, GimpProcedureConfig *config)
{
  const NstPreset *preset
      = nst_preset_find (gtk_combo_box_get_active_id (combo));
  gsize i;

  if (! preset)
    return;
  g_object_freeze_notify (G_OBJECT (config));
  for (i = 0; i < preset->n_values; i++)
    nsp_config_set_param (config, nst_param_find (preset->values[i].name),
                          preset->values[i].value);
  g_object_thaw_notify (G_OBJECT (config));
}

static GtkWidget *
preset_row (GimpProcedureConfig *config)
{
  gsize            n, i;
  const NstPreset *presets = nst_preset_table (&n);
  GtkWidget       *box     = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget       *label = gtk_label_new_with_mnemonic (_ ("_Quality preset"));
  GtkWidget       *combo = gtk_combo_box_text_new ();

  for (i = 0; i < n; i++)
    gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), presets[i].nick,
                               _ (presets[i].label));
  gtk_widget_set_name (combo, "preset");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), combo);
  gimp_help_set_help_data (label, _ (PRESET_HELP), NULL);
  gimp_help_set_help_data (combo, _ (PRESET_HELP), NULL);
  gtk_widget_set_hexpand (combo, TRUE);
  gtk_box_pack_start (GTK_BOX (box), label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), combo, TRUE, TRUE, 0);

  preset_show (GTK_COMBO_BOX (combo), NULL, config);
  g_signal_connect (combo, "changed", G_CALLBACK (preset_changed), config);
  /* Disconnected with the menu: the config outlives the dialog. */
  g_signal_connect_object (config, "notify", G_CALLBACK (preset_show), combo,
                           G_CONNECT_SWAPPED);
  return box;
}

/* ---- layout ------------------------------------------------------------- */

/* The table's names of the rows in `place`, in table order. */
static GList *
rows_in (NstPlace place)
{
  gsize               n_table, i;
  const NstParamInfo *table = nst_param_table (&n_table);
  GList              *names = NULL;

  for (i = 0; i < n_table; i++)
    if (table[i].place == place)
      names = g_list_append (names, (gpointer) table[i].name);
  return names;
}

/* Opened, Advanced must not push the buttons off a small screen: its rows
 * then scroll within the height the screen leaves the dialog as it was
 * closed (less a title bar).  Called as it opens, before the dialog
 * grows. */
static void
advanced_fit (GtkExpander *expander, GParamSpec *pspec, GtkWidget *scrolled)
{
  GtkWidget   *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (expander));
  GdkWindow   *window   = gtk_widget_get_window (toplevel);
  GdkRectangle area;
  gint         rows, height;

  if (! gtk_expander_get_expanded (expander) || ! window)
    return;
  gdk_monitor_get_workarea (gdk_display_get_monitor_at_window (
                                gdk_window_get_display (window), window),
                            &area);
  gtk_widget_get_preferred_height (gtk_bin_get_child (GTK_BIN (scrolled)), NULL,
                                   &rows);
  height = MAX (area.height - gtk_widget_get_allocated_height (toplevel)
                    - TITLE_BAR_HEIGHT,
                ADVANCED_MIN_HEIGHT);
  /* The minimum too: a window grows to its content's minimum only. */
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              height);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (height, rows));
}

/* Open or closed as in the last values (NSP_CONFIG_ADVANCED_OPEN, which
 * follows the expander from now on); once the dialog is on screen, so that
 * advanced_fit sizes an Advanced open from the start as one opened by
 * hand. */
static void
advanced_restore (GtkWidget *expander, GimpProcedureConfig *config)
{
  g_signal_handlers_disconnect_by_func (expander, advanced_restore, config);
  g_object_bind_property (config, NSP_CONFIG_ADVANCED_OPEN, expander,
                          "expanded",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* The Advanced rows and the weights file in two columns, so that the
 * dialog fits a 768 px screen with them open. */
static GtkWidget *
advanced_new (GimpProcedureDialog *dialog, GimpProcedureConfig *config)
{
  GtkWidget *expander = gtk_expander_new (_ ("Advanced"));
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *box      = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GList *names = g_list_append (rows_in (NST_ADVANCED), (gpointer) "weights");
  guint  half  = (g_list_length (names) + 1) / 2;
  GList *columns[2] = { NULL, NULL };
  GList *name;
  guint  i = 0;

  for (name = names; name; name = name->next, i++)
    columns[i >= half] = g_list_append (columns[i >= half], name->data);
  g_list_free (names);
  for (i = 0; i < 2; i++)
    {
      gchar *id = g_strdup_printf ("nst-advanced-%u", i + 1);

      gtk_box_pack_start (
          GTK_BOX (box),
          gimp_procedure_dialog_fill_box_list (dialog, id, columns[i]), TRUE,
          TRUE, 0);
      g_list_free (columns[i]);
      g_free (id);
    }
  gtk_widget_set_name (
      gimp_procedure_dialog_get_widget (dialog, "weights", G_TYPE_NONE),
      "weights");

  /* Indented under the expander's arrow. */
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_top (box, 2);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (
      GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_container_add (GTK_CONTAINER (scrolled), box);
  gtk_container_add (GTK_CONTAINER (expander), scrolled);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (advanced_fit),
                    scrolled);
  g_signal_connect (expander, "map", G_CALLBACK (advanced_restore), config);

  gtk_widget_set_name (expander, "advanced");
  gimp_help_set_help_data (expander,
                           _ ("The other settings: the balance of the losses, "
                              "the start, the optimiser, the device, memory"),
                           NULL);
  return expander;
}

GtkWidget *
nsp_settings_new (GimpProcedureDialog *dialog, GimpProcedureConfig *config)
{
  gsize               n_table, i;
  const NstParamInfo *table = nst_param_table (&n_table);
  GtkWidget          *box   = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GList              *front = rows_in (NST_FRONT);

  for (i = 0; i < n_table; i++)
    row_widget (dialog, &table[i]);

  gtk_box_pack_start (GTK_BOX (box), preset_row (config), FALSE, FALSE, 0);
  gtk_box_pack_start (
      GTK_BOX (box),
      gimp_procedure_dialog_fill_box_list (dialog, "nst-front", front), FALSE,
      FALSE, 0);
  g_list_free (front);
  gtk_box_pack_start (GTK_BOX (box), advanced_new (dialog, config), FALSE,
                      FALSE, 0);
  return box;
}
