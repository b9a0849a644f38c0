/* nsp-param-widgets.c: one widget row per parameter of the table. */

#include "nsp-param-widgets.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/procedure.h"
#include "nsp-log-scale.h"
#include "widgets/number-spin.h"

#define SCALE_WIDTH 140
#define SPIN_WIDTH_CHARS 10
/* Whether Advanced was open, kept in GIMP for the next use of the dialog. */
#define ADVANCED_KEY NSP_PROC "-advanced-open"
/* The preset menu's entry for values that are no preset's. */
#define PRESET_CUSTOM -1

typedef struct _ParamWidgets ParamWidgets;

typedef struct
{
  const NstParamInfo *info;
  ParamWidgets       *pw;
  GtkWidget          *widget; /* holds the value; named after the param */
  GtkAdjustment      *adj;    /* numbers only */
} Row;

struct _ParamWidgets
{
  NstParams          *params;
  NspParamChangedFunc changed;
  gpointer            data;
  Row                *rows;
  gsize               n_rows;
  GtkWidget          *preset; /* its values: PRESET_CUSTOM, preset indices */
  gboolean            applying_preset;
};

static void preset_show_match (ParamWidgets *pw);

static gboolean
is_boolean (const NstParamInfo *info)
{
  return info->type == NST_PARAM_TYPE_INT && info->min_value == 0.0
         && info->max_value == 1.0;
}

/* 1, 2 or 5 × 10^n, the smallest not below x (> 0). */
static gdouble
nice_ceiling (gdouble x)
{
  gdouble decade = pow (10.0, floor (log10 (x)));

  if (x <= decade)
    return decade;
  if (x <= 2.0 * decade)
    return 2.0 * decade;
  if (x <= 5.0 * decade)
    return 5.0 * decade;
  return 10.0 * decade;
}

static void
row_write (Row *row, gdouble value)
{
  nst_params_set (row->pw->params, row->info, value);
  if (! row->pw->applying_preset)
    preset_show_match (row->pw);
  if (row->pw->changed)
    row->pw->changed (row->info, row->pw->data);
}

static void
number_changed (GtkAdjustment *adj, Row *row)
{
  gdouble value = gtk_adjustment_get_value (adj);

  if (row->info->type == NST_PARAM_TYPE_INT)
    value = floor (value + 0.5);
  row_write (row, value);
}

static void
choice_changed (GimpIntComboBox *combo, Row *row)
{
  gint value;

  if (gimp_int_combo_box_get_active (combo, &value))
    row_write (row, value);
}

static void
check_toggled (GtkToggleButton *button, Row *row)
{
  row_write (row, gtk_toggle_button_get_active (button) ? 1.0 : 0.0);
}

static void
row_set_value (Row *row, gdouble value)
{
  if (row->adj)
    gtk_adjustment_set_value (row->adj, value);
  else if (GIMP_IS_INT_COMBO_BOX (row->widget))
    gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (row->widget),
                                   (gint) value);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->widget),
                                  value != 0.0);
}

static void
add_linear_row (GtkTable *table, gint y, Row *row, gdouble value)
{
  const NstParamInfo *info  = row->info;
  gdouble             lower = info->ui_min;
  gdouble             upper = info->ui_max;
  gdouble             step  = 1.0;
  gdouble             page;
  guint               digits = 0;
  GtkObject          *adj;

  if (info->type == NST_PARAM_TYPE_DOUBLE)
    {
      /* About a hundred steps across the slider. */
      digits = CLAMP (2 - (gint) floor (log10 (upper - lower)), 0, 6);
      step   = pow (10.0, -(gdouble) digits);
    }
  page = MAX (step, nice_ceiling ((upper - lower) / 10.0));

  /* The slider covers the table's UI range; the number field takes the
   * whole range. */
  adj         = gimp_scale_entry_new (table, 0, y, _ (info->label), SCALE_WIDTH,
                                      SPIN_WIDTH_CHARS, value, lower, upper, step, page,
                                      digits, FALSE, info->min_value, info->max_value,
                                      _ (info->help), NULL);
  row->adj    = GTK_ADJUSTMENT (adj);
  row->widget = GIMP_SCALE_ENTRY_SPINBUTTON (adj);
  /* Return in a number field means OK, as in GIMP's own dialogs. */
  gtk_entry_set_activates_default (GTK_ENTRY (row->widget), TRUE);
  g_signal_connect (adj, "value-changed", G_CALLBACK (number_changed), row);

  /* The working size's 0 is the layer's own size: say it in words. */
  if (info->offset == G_STRUCT_OFFSET (NstParams, size))
    nsp_spin_button_use_full_size (GTK_SPIN_BUTTON (row->widget));
}

static void
add_log_row (GtkTable *table, gint y, Row *row, gdouble value)
{
  const NstParamInfo *info = row->info;

  row->adj = nsp_log_scale_new (table, y, _ (info->label), SCALE_WIDTH, value,
                                info->min_value, info->max_value, info->ui_min,
                                info->ui_max, _ (info->help));
  row->widget = g_object_get_data (G_OBJECT (row->adj), "spinbutton");
  gtk_entry_set_activates_default (GTK_ENTRY (row->widget), TRUE);
  g_signal_connect (row->adj, "value-changed", G_CALLBACK (number_changed),
                    row);
}

static void
add_choice_row (GtkTable *table, gint y, Row *row, gdouble value)
{
  const NstParamInfo *info = row->info;
  GtkWidget          *combo;
  GtkWidget          *label;
  gsize               i;

  combo = g_object_new (GIMP_TYPE_INT_COMBO_BOX, NULL);
  for (i = 0; i < info->n_choices; i++)
    gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (combo), GIMP_INT_STORE_VALUE,
                               info->choices[i].value, GIMP_INT_STORE_LABEL,
                               _ (info->choices[i].label), -1);
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (combo), (gint) value);

  label = gimp_table_attach_aligned (table, 0, y, _ (info->label), 0.0, 0.5,
                                     combo, 2, FALSE);
  gimp_help_set_help_data (label, _ (info->help), NULL);
  gimp_help_set_help_data (combo, _ (info->help), NULL);

  row->widget = combo;
  g_signal_connect (combo, "changed", G_CALLBACK (choice_changed), row);
}

static void
add_check_row (GtkTable *table, gint y, Row *row, gdouble value)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_ (row->info->label));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), value != 0.0);
  gtk_table_attach (table, check, 0, 3, y, y + 1, GTK_FILL, GTK_FILL, 0, 0);
  gimp_help_set_help_data (check, _ (row->info->help), NULL);
  gtk_widget_show (check);

  row->widget = check;
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled), row);
}

#define PRESET_HELP                                                            \
  N_ ("Starting points for the time a run takes and the detail it "            \
      "reaches (evaluations, working size, levels); Custom when the values "   \
      "are no preset's")

/* Custom can be shown, not chosen. */
static gboolean
preset_sensitive (gint value, gpointer unused)
{
  return value != PRESET_CUSTOM;
}

static void
param_widgets_free (ParamWidgets *pw)
{
  g_free (pw->rows);
  g_free (pw);
}

/* Shows the preset the values are, or Custom. */
static void
preset_show_match (ParamWidgets *pw)
{
  gsize            n, i;
  const NstPreset *presets = nst_preset_table (&n);
  gint             match   = PRESET_CUSTOM;

  for (i = 0; i < n && match == PRESET_CUSTOM; i++)
    if (nst_preset_matches (&presets[i], pw->params))
      match = i;
  pw->applying_preset = TRUE;
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (pw->preset), match);
  pw->applying_preset = FALSE;
}

static Row *
find_row (ParamWidgets *pw, const NstParamInfo *info)
{
  gsize i;

  for (i = 0; i < pw->n_rows; i++)
    if (pw->rows[i].info == info)
      return &pw->rows[i];
  return NULL;
}

/* The widgets take the preset's values, and so the params. */
static void
preset_changed (GimpIntComboBox *combo, ParamWidgets *pw)
{
  const NstPreset *presets = nst_preset_table (NULL);
  gint             index;
  gsize            i;

  if (pw->applying_preset || ! gimp_int_combo_box_get_active (combo, &index)
      || index == PRESET_CUSTOM)
    return;
  pw->applying_preset = TRUE;
  for (i = 0; i < presets[index].n_values; i++)
    row_set_value (
        find_row (pw, nst_param_find (presets[index].values[i].name)),
        presets[index].values[i].value);
  pw->applying_preset = FALSE;
}

static void
add_preset_row (GtkTable *table, ParamWidgets *pw)
{
  gsize            n, i;
  const NstPreset *presets = nst_preset_table (&n);
  GtkWidget       *label;

  pw->preset = g_object_new (GIMP_TYPE_INT_COMBO_BOX, NULL);
  /* Shown, not chosen: it says that the values are no preset's. */
  gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (pw->preset),
                             GIMP_INT_STORE_VALUE, PRESET_CUSTOM,
                             GIMP_INT_STORE_LABEL, _ ("Custom"), -1);
  for (i = 0; i < n; i++)
    gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (pw->preset),
                               GIMP_INT_STORE_VALUE, (gint) i,
                               GIMP_INT_STORE_LABEL, _ (presets[i].label), -1);
  gimp_int_combo_box_set_sensitivity (GIMP_INT_COMBO_BOX (pw->preset),
                                      preset_sensitive, NULL, NULL);
  gtk_widget_set_name (pw->preset, "preset");

  label = gimp_table_attach_aligned (table, 0, 0, _ ("_Quality preset"), 0.0,
                                     0.5, pw->preset, 2, FALSE);
  gimp_help_set_help_data (label, _ (PRESET_HELP), NULL);
  gimp_help_set_help_data (pw->preset, _ (PRESET_HELP), NULL);
  preset_show_match (pw);
  g_signal_connect (pw->preset, "changed", G_CALLBACK (preset_changed), pw);
}

static void
advanced_toggled (GtkExpander *expander, GParamSpec *pspec, gpointer unused)
{
  gint32 open = gtk_expander_get_expanded (expander);

  gimp_set_data (ADVANCED_KEY, &open, sizeof open);
}

/* Closed, unless it was open when the dialog was last used. */
static GtkWidget *
advanced_new (GtkWidget *table)
{
  GtkWidget *expander = gtk_expander_new (_ ("Advanced"));
  GtkWidget *alignment;
  gint32     open = FALSE;

  if (gimp_get_data_size (ADVANCED_KEY) == sizeof open)
    gimp_get_data (ADVANCED_KEY, &open);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), open);
  gtk_widget_set_name (expander, "advanced");
  gimp_help_set_help_data (expander,
                           _ ("The other settings: the balance of the losses, "
                              "the start, the optimiser, the device, memory"),
                           NULL);
  /* Indented under the expander's arrow, no taller than the rows: the
   * dialog must fit a 768 px screen open too. */
  alignment = gtk_alignment_new (0.0, 0.0, 1.0, 1.0);
  gtk_alignment_set_padding (GTK_ALIGNMENT (alignment), 2, 0, 12, 0);
  gtk_container_add (GTK_CONTAINER (alignment), table);
  gtk_container_add (GTK_CONTAINER (expander), alignment);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (advanced_toggled),
                    NULL);
  return expander;
}

static GtkWidget *
rows_table_new (gsize n_rows)
{
  GtkWidget *table = gtk_table_new (MAX (n_rows, 1), 3, FALSE);

  gtk_table_set_col_spacings (GTK_TABLE (table), 6);
  gtk_table_set_row_spacings (GTK_TABLE (table), 2);
  return table;
}

GtkWidget *
nsp_param_widgets_new (NstParams          *params,
                       NspParamChangedFunc changed,
                       gpointer            data)
{
  const NstParamInfo *table_info = nst_param_table (NULL);
  ParamWidgets       *pw         = g_new0 (ParamWidgets, 1);
  GtkWidget          *vbox       = gtk_vbox_new (FALSE, 2);
  GtkWidget          *tables[2];
  gint                used[2] = { 1, 0 }; /* the front's first: the preset */
  gsize               i;

  nst_param_table (&pw->n_rows);
  pw->params  = params;
  pw->changed = changed;
  pw->data    = data;
  pw->rows    = g_new0 (Row, pw->n_rows);

  tables[NST_FRONT]    = rows_table_new (pw->n_rows + 1);
  tables[NST_ADVANCED] = rows_table_new (pw->n_rows);
  g_object_set_data_full (G_OBJECT (vbox), "nst-param-widgets", pw,
                          (GDestroyNotify) param_widgets_free);

  for (i = 0; i < pw->n_rows; i++)
    {
      Row                *row   = &pw->rows[i];
      const NstParamInfo *info  = &table_info[i];
      GtkTable           *table = GTK_TABLE (tables[info->place]);
      gint                y     = used[info->place]++;
      gdouble             value;

      row->info = info;
      row->pw   = pw;

      /* Saved values may predate a range change: show and keep a valid
       * one. */
      value = CLAMP (nst_params_get (params, info), info->min_value,
                     info->max_value);
      if (info->type == NST_PARAM_TYPE_ENUM
          && ! nst_param_choice_by_value (info, (gint) value))
        value = info->default_value;
      nst_params_set (params, info, value);

      if (info->type == NST_PARAM_TYPE_ENUM)
        add_choice_row (table, y, row, value);
      else if (is_boolean (info))
        add_check_row (table, y, row, value);
      else if (info->ui == NST_UI_LOG)
        add_log_row (table, y, row, value);
      else
        add_linear_row (table, y, row, value);

      gtk_widget_set_name (row->widget, info->name);
    }
  /* After the rows: it reads their (clamped) values. */
  add_preset_row (GTK_TABLE (tables[NST_FRONT]), pw);
  /* Empty rows would still take their spacing. */
  for (i = 0; i < G_N_ELEMENTS (tables); i++)
    gtk_table_resize (GTK_TABLE (tables[i]), MAX (used[i], 1), 3);

  gtk_box_pack_start (GTK_BOX (vbox), tables[NST_FRONT], FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (vbox), advanced_new (tables[NST_ADVANCED]),
                      FALSE, FALSE, 0);
  return vbox;
}

void
nsp_param_widgets_reset (GtkWidget *widgets)
{
  ParamWidgets *pw
      = g_object_get_data (G_OBJECT (widgets), "nst-param-widgets");
  gsize i;

  g_return_if_fail (pw != NULL);

  for (i = 0; i < pw->n_rows; i++)
    row_set_value (&pw->rows[i], pw->rows[i].info->default_value);
}
