/* nsp-log-scale.h: a table row with a logarithmic slider and the exact
 * value editable beside it, for weights that span many orders of
 * magnitude.  Looks and behaves like gimp_scale_entry_new ().
 */

#ifndef NSP_LOG_SCALE_H
#define NSP_LOG_SCALE_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Attaches a mnemonic label, a slider (one decade per page step; at least
 * scale_width px wide when > 0) and a spin button that shows and accepts
 * values as nsp_number_format () writes them ("1e6", "2.5e4", "0.5" in
 * the user's locale) to columns 0–2 of
 * `row`.  Returns the spin button's adjustment, in the value's own units,
 * clamped to lower … upper; the slider spans ui_lower … ui_upper (> 0).
 * The label, slider and spin button hang off it as object data "label",
 * "scale" and "spinbutton", as with GimpScaleEntry.  When lower is 0, the
 * slider's left end means exactly 0. */
GtkAdjustment *nsp_log_scale_new (GtkTable    *table,
                                  gint         row,
                                  const gchar *label,
                                  gint         scale_width,
                                  gdouble      value,
                                  gdouble      lower,
                                  gdouble      upper,
                                  gdouble      ui_lower,
                                  gdouble      ui_upper,
                                  const gchar *tooltip);

G_END_DECLS

#endif /* NSP_LOG_SCALE_H */
