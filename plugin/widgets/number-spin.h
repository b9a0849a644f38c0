/* number-spin.h: a spin button that shows and reads its value as
 * common/number-text.h spells it, for GIMP 2.10's GTK 2 dialog and GIMP
 * 3.0's GTK 3 one alike (this file compiles against either).
 *
 * Both make the spin button non-numeric, as a numeric one refuses "e" and
 * words, and show its current value again at once.
 */

#ifndef NSP_WIDGETS_NUMBER_SPIN_H
#define NSP_WIDGETS_NUMBER_SPIN_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Weights that span orders of magnitude: shows "1e6" or "2.5e4", not
 * "1000000.000", and reads what one types ("3e5", "300000", the locale's
 * "1,5e6"), clamped to the adjustment's bounds; other text is an input
 * error. */
void nsp_spin_button_use_number_text (GtkSpinButton *spin);

/* The working size: shows 0 as nsp_full_size_text () ("Full size") and
 * reads it back as 0; other values as the spin button would.  Widens the
 * field to fit the words. */
void nsp_spin_button_use_full_size (GtkSpinButton *spin);

G_END_DECLS

#endif /* NSP_WIDGETS_NUMBER_SPIN_H */
