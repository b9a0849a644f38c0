/* number-text.c: number fields' text, both dialogs. */

#include "number-text.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* "1e+06" → "1e6", "2.50e+04" → "2.5e4", "1e-05" → "1e-5". */
static void
compact_exponent (gchar *text)
{
  gchar *e = strchr (text, 'e');
  gchar *src;
  gchar *dst;

  if (! e)
    return;
  /* Trailing zeros of the mantissa, and its decimal mark if left alone. */
  for (dst = e; dst > text && dst[-1] == '0'; dst--)
    ;
  if (dst > text && ! g_ascii_isdigit (dst[-1]))
    dst--;
  memmove (dst, e, strlen (e) + 1);
  e = dst;

  src = dst = e + 1;
  if (*src == '+')
    src++;
  else if (*src == '-')
    *dst++ = *src++;
  while (*src == '0' && src[1])
    src++;
  memmove (dst, src, strlen (src) + 1);
}

gchar *
nsp_number_format (gdouble value)
{
  gdouble magnitude = fabs (value);
  gchar  *text;

  if (value != 0.0 && (magnitude >= 1e4 || magnitude < 1e-3))
    text = g_strdup_printf ("%.5e", value);
  else
    text = g_strdup_printf ("%.6g", value);
  compact_exponent (text);
  return text;
}

gboolean
nsp_number_parse (const gchar *text, gdouble *value)
{
  gchar  *end = NULL;
  gdouble number;

  while (g_ascii_isspace (*text))
    text++;
  /* g_strtod takes both "1.5e6" and the locale's "1,5e6". */
  number = g_strtod (text, &end);
  if (end == text || isnan (number) || isinf (number))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end)
    return FALSE;
  *value = number;
  return TRUE;
}

const gchar *
nsp_full_size_text (void)
{
  /* TRANSLATORS: the working size field shows this for 0: the layer is
     worked on at its own size.  Short: it fits a number field. */
  return _ ("Full size");
}

gboolean
nsp_is_full_size_text (const gchar *text)
{
  gchar   *stripped = g_strstrip (g_strdup (text));
  gchar   *folded   = g_utf8_casefold (stripped, -1);
  gchar   *ours     = g_utf8_casefold (nsp_full_size_text (), -1);
  gboolean same     = strcmp (folded, ours) == 0
                  || g_ascii_strcasecmp (stripped, "full size") == 0;

  g_free (ours);
  g_free (folded);
  g_free (stripped);
  return same;
}
