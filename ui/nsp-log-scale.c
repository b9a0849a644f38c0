/* nsp-log-scale.c: logarithmic slider + exact value, as one table row. */

#include "nsp-log-scale.h"

#include <math.h>

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "widgets/number-spin.h"

typedef struct
{
  GtkAdjustment *spin_adj;  /* the value, in its own units */
  GtkAdjustment *scale_adj; /* log10 of the value */
  gdouble        left;      /* what the slider's left end stands for */
  gdouble        log_lower;
  gboolean       syncing;
} LogScale;

static gdouble
log_scale_position (LogScale *ls, gdouble value)
{
  if (value <= pow (10.0, ls->log_lower))
    return ls->log_lower;
  return log10 (value);
}

/* Two significant digits: dragging gives 2.5e6, not 2513748.2. */
static gdouble
round_to_two_digits (gdouble value)
{
  gchar buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2g", value);
  return g_ascii_strtod (buf, NULL);
}

static void
log_scale_update_steps (LogScale *ls)
{
  gdouble value = gtk_adjustment_get_value (ls->spin_adj);
  gdouble step;

  /* Arrows and wheel move by a tenth of the value's decade. */
  if (value > 0.0)
    step = pow (10.0, floor (log10 (value)) - 1.0);
  else
    step = pow (10.0, ls->log_lower);
  gtk_adjustment_set_step_increment (ls->spin_adj, step);
  gtk_adjustment_set_page_increment (ls->spin_adj, step * 10.0);
}

static void
spin_value_changed (GtkAdjustment *adj, LogScale *ls)
{
  log_scale_update_steps (ls);
  if (ls->syncing)
    return;
  ls->syncing = TRUE;
  gtk_adjustment_set_value (
      ls->scale_adj, log_scale_position (ls, gtk_adjustment_get_value (adj)));
  ls->syncing = FALSE;
}

static void
scale_value_changed (GtkAdjustment *adj, LogScale *ls)
{
  gdouble position = gtk_adjustment_get_value (adj);
  gdouble value;

  if (ls->syncing)
    return;
  if (position <= ls->log_lower + 1e-9)
    value = ls->left;
  else
    value = round_to_two_digits (pow (10.0, position));

  ls->syncing = TRUE;
  gtk_adjustment_set_value (ls->spin_adj, value);
  ls->syncing = FALSE;
}

GtkAdjustment *
nsp_log_scale_new (GtkTable    *table,
                   gint         row,
                   const gchar *label_text,
                   gint         scale_width,
                   gdouble      value,
                   gdouble      lower,
                   gdouble      upper,
                   gdouble      ui_lower,
                   gdouble      ui_upper,
                   const gchar *tooltip)
{
  LogScale  *ls = g_new0 (LogScale, 1);
  gdouble    log_upper;
  GtkWidget *label;
  GtkWidget *scale;
  GtkWidget *spin;

  g_return_val_if_fail (lower >= 0.0 && lower < upper && ui_lower > 0.0
                            && ui_lower < ui_upper,
                        NULL);

  /* A log scale cannot reach 0: there the left end stands for it, and
   * ui_lower is the next stop.  Smaller values can still be typed. */
  log_upper     = log10 (ui_upper);
  ls->left      = lower > 0.0 ? ui_lower : 0.0;
  ls->log_lower = log10 (ui_lower);
  value         = CLAMP (value, lower, upper);

  ls->spin_adj = GTK_ADJUSTMENT (
      gtk_adjustment_new (value, lower, upper, 1.0, 10.0, 0.0));
  ls->scale_adj = GTK_ADJUSTMENT (gtk_adjustment_new (
      log_scale_position (ls, value), ls->log_lower, log_upper, 0.1, 1.0, 0.0));
  g_object_set_data_full (G_OBJECT (ls->spin_adj), "nst-log-scale", ls, g_free);
  log_scale_update_steps (ls);

  label = gtk_label_new_with_mnemonic (label_text);
  gtk_misc_set_alignment (GTK_MISC (label), 0.0, 0.5);

  scale = gtk_hscale_new (ls->scale_adj);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  if (scale_width > 0)
    gtk_widget_set_size_request (scale, scale_width, -1);

  spin = gimp_spin_button_new (ls->spin_adj, 1.0, 0);
  gtk_entry_set_width_chars (GTK_ENTRY (spin), 8);
  /* Invalid text snaps back to the current value instead of changing it. */
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin),
                                     GTK_UPDATE_IF_VALID);
  nsp_spin_button_use_number_text (GTK_SPIN_BUTTON (spin));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);

  g_signal_connect (ls->spin_adj, "value-changed",
                    G_CALLBACK (spin_value_changed), ls);
  g_signal_connect (ls->scale_adj, "value-changed",
                    G_CALLBACK (scale_value_changed), ls);

  gtk_table_attach (table, label, 0, 1, row, row + 1, GTK_FILL, GTK_FILL, 0, 0);
  gtk_table_attach (table, scale, 1, 2, row, row + 1, GTK_FILL | GTK_EXPAND,
                    GTK_FILL, 0, 0);
  gtk_table_attach (table, spin, 2, 3, row, row + 1, GTK_FILL | GTK_SHRINK,
                    GTK_SHRINK, 0, 0);

  gimp_help_set_help_data (label, tooltip, NULL);
  gimp_help_set_help_data (scale, tooltip, NULL);
  gimp_help_set_help_data (spin, tooltip, NULL);

  g_object_set_data (G_OBJECT (ls->spin_adj), "label", label);
  g_object_set_data (G_OBJECT (ls->spin_adj), "scale", scale);
  g_object_set_data (G_OBJECT (ls->spin_adj), "spinbutton", spin);

  gtk_widget_show (label);
  gtk_widget_show (scale);
  gtk_widget_show (spin);

  return ls->spin_adj;
}
