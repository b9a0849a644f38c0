/* param-table.c: prints the README's parameter table from the one
 * parameter table (nst_param_table), as Markdown rows; with
 * --weights-places, the weights search order (nst_weights_places), one
 * place a line. */

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
  printf ("%s", nst_param_choice_by_value (info, (int) value)->nick);
}

int
main (int argc, char **argv)
{
  size_t n, i, c;
  const NstParamInfo *table = nst_param_table (&n);

  if (argc > 1 && strcmp (argv[1], "--weights-places") == 0)
    {
      const char *const *place;

      for (place = nst_weights_places (); *place; place++)
        printf ("%s\n", *place);
      return 0;
    }

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
          /* The dialogs' slider, where it covers less. */
          if (info->ui_min != info->min_value
              || info->ui_max != info->max_value)
            {
              printf (" (slider ");
              print_value (info, info->ui_min);
              printf (" – ");
              print_value (info, info->ui_max);
              printf (")");
            }
        }
      printf (" | %s |\n", info->help);
    }
  return 0;
}
