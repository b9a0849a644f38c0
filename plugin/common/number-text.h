/* number-text.h: how both dialogs' number fields write and read a value:
 * weights that span orders of magnitude as "1e6" or "2.5e4" (the
 * engine's own spelling, and what one types), and the working size's 0 as
 * "Full size".  GLib only, for GTK 2 and GTK 3 alike.
 */

#ifndef NSP_NUMBER_TEXT_H
#define NSP_NUMBER_TEXT_H

#include <glib.h>

G_BEGIN_DECLS

/* "1e6", "2.5e4", "1e-4", "350", "0,25" (the locale's decimal mark): at
 * most six significant digits, powers of ten from 10 000 up and below
 * 0.001.  Caller frees. */
gchar *nsp_number_format (gdouble value);

/* Reads what nsp_number_format writes and any plain number, in C's or the
 * locale's spelling ("3e5", "300000", "1,5e6"), blanks around allowed.
 * FALSE, *value untouched, when the text is no number. */
gboolean nsp_number_parse (const gchar *text, gdouble *value);

/* What a working-size field shows for 0, translated: "Full size". */
const gchar *nsp_full_size_text (void);

/* Whether `text` is nsp_full_size_text (), ignoring case and blanks
 * around, or its English spelling. */
gboolean nsp_is_full_size_text (const gchar *text);

G_END_DECLS

#endif /* NSP_NUMBER_TEXT_H */
