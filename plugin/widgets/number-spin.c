/* number-spin.c: spin buttons with number-text.c's text, both GTKs. */

#include "number-spin.h"

#include "common/number-text.h"

static gboolean
number_output (GtkSpinButton *spin, gpointer unused)
{
  gchar *text = nsp_number_format (gtk_spin_button_get_value (spin));

  gtk_entry_set_text (GTK_ENTRY (spin), text);
  g_free (text);
  return TRUE;
}

static gint
number_input (GtkSpinButton *spin, gdouble *new_value, gpointer unused)
{
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (spin);
  gdouble        value;

  if (! nsp_number_parse (gtk_entry_get_text (GTK_ENTRY (spin)), &value))
    return GTK_INPUT_ERROR;
  *new_value = CLAMP (value, gtk_adjustment_get_lower (adj),
                      gtk_adjustment_get_upper (adj));
  return TRUE;
}

/* FALSE: any other value is the spin button's to show. */
static gboolean
size_output (GtkSpinButton *spin, gpointer unused)
{
  if (gtk_spin_button_get_value (spin) != 0.0)
    return FALSE;
  gtk_entry_set_text (GTK_ENTRY (spin), nsp_full_size_text ());
  return TRUE;
}

/* FALSE: any other text is the spin button's to read. */
static gint
size_input (GtkSpinButton *spin, gdouble *new_value, gpointer unused)
{
  if (! nsp_is_full_size_text (gtk_entry_get_text (GTK_ENTRY (spin))))
    return FALSE;
  *new_value = 0.0;
  return TRUE;
}

static void
use_text_functions (GtkSpinButton *spin, GCallback output, GCallback input)
{
  /* A numeric spin button refuses "e" and words. */
  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "output", output, NULL);
  g_signal_connect (spin, "input", input, NULL);
  /* The same value: shown again, through `output`. */
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value (spin));
}

void
nsp_spin_button_use_number_text (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  use_text_functions (spin, G_CALLBACK (number_output),
                      G_CALLBACK (number_input));
}

void
nsp_spin_button_use_full_size (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  gtk_entry_set_width_chars (
      GTK_ENTRY (spin), MAX (gtk_entry_get_width_chars (GTK_ENTRY (spin)),
                             g_utf8_strlen (nsp_full_size_text (), -1) + 1));
  use_text_functions (spin, G_CALLBACK (size_output), G_CALLBACK (size_input));
}
