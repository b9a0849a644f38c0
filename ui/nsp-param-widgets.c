/* nsp-param-widgets.c: one widget row per parameter of the table. */

#include "nsp-param-widgets.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "nsp-log-scale.h"

#define SCALE_WIDTH 140
#define SPIN_WIDTH_CHARS 10

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
};

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

static void
param_widgets_free (ParamWidgets *pw)
{
  g_free (pw->rows);
  g_free (pw);
}

GtkWidget *
nsp_param_widgets_new (NstParams          *params,
                       NspParamChangedFunc changed,
                       gpointer            data)
{
  const NstParamInfo *table_info = nst_param_table (NULL);
  ParamWidgets       *pw         = g_new0 (ParamWidgets, 1);
  GtkWidget          *table;
  gsize               i;

  nst_param_table (&pw->n_rows);
  pw->params  = params;
  pw->changed = changed;
  pw->data    = data;
  pw->rows    = g_new0 (Row, pw->n_rows);

  table = gtk_table_new (pw->n_rows, 3, FALSE);
  gtk_table_set_col_spacings (GTK_TABLE (table), 6);
  gtk_table_set_row_spacings (GTK_TABLE (table), 4);
  g_object_set_data_full (G_OBJECT (table), "nst-param-widgets", pw,
                          (GDestroyNotify) param_widgets_free);

  for (i = 0; i < pw->n_rows; i++)
    {
      Row                *row  = &pw->rows[i];
      const NstParamInfo *info = &table_info[i];
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
        add_choice_row (GTK_TABLE (table), i, row, value);
      else if (is_boolean (info))
        add_check_row (GTK_TABLE (table), i, row, value);
      else if (info->ui == NST_UI_LOG)
        add_log_row (GTK_TABLE (table), i, row, value);
      else
        add_linear_row (GTK_TABLE (table), i, row, value);

      gtk_widget_set_name (row->widget, info->name);
    }

  return table;
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
