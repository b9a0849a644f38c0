/* nsp-param-widgets.h: the parameter table (core/nst-params.def) as dialog
 * widgets.
 *
 * One row per entry of nst_param_table (), in table order, in front or
 * behind a closed "Advanced" expander as the row's place says (the
 * expander opens as the user last left it); in front, first, a menu of
 * the presets of nst_preset_table () that shows "Custom" when the values
 * are no preset's.  Rows are a slider and
 * spin button for numbers (logarithmic for NST_UI_LOG), a menu for enums,
 * a check box for 0/1 integers.  Label, mnemonic, tooltip, range and
 * default all come from the table, so a new parameter gets its widget
 * without any change here.  The widget that holds the value (spin button,
 * combo box or check button) is named after the parameter
 * (gtk_widget_get_name () == "style-weight"); the preset menu is named
 * "preset", the expander "advanced".
 */

#ifndef NSP_PARAM_WIDGETS_H
#define NSP_PARAM_WIDGETS_H

#include <gtk/gtk.h>

#include "nst.h"

G_BEGIN_DECLS

/* Called after a widget wrote its new value into the params. */
typedef void (*NspParamChangedFunc) (const NstParamInfo *info, gpointer data);

/* Returns a box whose widgets show and edit *params, which must
 * outlive it.  Values outside the table's range are clamped (and written
 * back) first. */
GtkWidget *nsp_param_widgets_new (NstParams          *params,
                                  NspParamChangedFunc changed,
                                  gpointer            data);

/* Puts every widget (and so every field) back to the table's default. */
void nsp_param_widgets_reset (GtkWidget *widgets);

G_END_DECLS

#endif /* NSP_PARAM_WIDGETS_H */
