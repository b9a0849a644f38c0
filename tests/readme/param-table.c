/* param-table.c: prints the README's parameter table from the one
 * parameter table (nst_param_table), as Markdown rows. */

#include <stdio.h>
#include <string.h>

#include "nst.h"

/* Labels carry a mnemonic underscore for GTK; the README shows the word. */
static void
print_label (const char *label)
{
  for (; *label; label++)
    if (*label != '_')
      putchar (*label);
}

static void
print_value (const NstParamInfo *info, double value)
{
  size_t i;

  if (info->type == NST_PARAM_TYPE_INT)
    {
      printf ("%d", (int) value);
      return;
    }
  if (info->type == NST_PARAM_TYPE_DOUBLE)
    {
      printf ("%g", value);
      return;
    }
  for (i = 0; i < info->n_choices; i++)
    if (info->choices[i].value == (int) value)
      printf ("%s", info->choices[i].nick);
}

int
main (void)
{
  size_t n, i, c;
  const NstParamInfo *table = nst_param_table (&n);

  printf ("| name | label in GIMP | default | range | meaning |\n");
  printf ("|---|---|---|---|---|\n");
  for (i = 0; i < n; i++)
    {
      const NstParamInfo *info = &table[i];

      printf ("| `%s` | ", info->name);
      print_label (info->label);
      printf (" | `");
      print_value (info, info->default_value);
      printf ("` | ");
      if (info->type == NST_PARAM_TYPE_ENUM)
        for (c = 0; c < info->n_choices; c++)
          printf ("%s`%s`", c ? " · " : "", info->choices[c].nick);
      else
        {
          print_value (info, info->min_value);
          printf (" – ");
          print_value (info, info->max_value);
        }
      printf (" | %s |\n", info->help);
    }
  return 0;
}
