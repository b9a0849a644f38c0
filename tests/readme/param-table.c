/* param-table.c: prints the README's parameter table from the one
 * parameter table (nst_param_table), as Markdown rows; with --json, every
 * row in full, for the tests (one reader of the table for all of them);
 * with --weights-places, the weights search order (nst_weights_places), one
 * place a line; with --presets, the README's preset table
 * (nst_preset_table). */

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

/* A JSON string: the texts are ASCII or UTF-8, so escaping quotes,
 * backslashes and control characters is enough. */
static void
print_json_string (const char *text)
{
  putchar ('"');
  for (; *text; text++)
    if (*text == '"' || *text == '\\')
      printf ("\\%c", *text);
    else if ((unsigned char) *text < 0x20)
      printf ("\\u%04x", (unsigned) *text);
    else
      putchar (*text);
  putchar ('"');
}

/* One object per row; numbers as doubles that read back exactly. */
static void
print_json (const NstParamInfo *table, size_t n)
{
  static const char *const types[] = { "int", "double", "enum" };
  size_t i, c;

  printf ("[");
  for (i = 0; i < n; i++)
    {
      const NstParamInfo *info = &table[i];

      printf ("%s\n {\"name\": ", i ? "," : "");
      print_json_string (info->name);
      printf (", \"type\": \"%s\", \"label\": ", types[info->type]);
      print_json_string (info->label);
      printf (", \"help\": ");
      print_json_string (info->help);
      printf (", \"default\": %.17g, \"min\": %.17g, \"max\": %.17g",
              info->default_value, info->min_value, info->max_value);
      printf (", \"ui_min\": %.17g, \"ui_max\": %.17g", info->ui_min,
              info->ui_max);
      printf (", \"ui\": \"%s\", \"scope\": \"%s\", \"place\": \"%s\", "
              "\"choices\": [",
              info->ui == NST_UI_LOG ? "log" : "linear",
              info->engine_uses ? "engine" : "host",
              info->place == NST_FRONT ? "front" : "advanced");
      for (c = 0; c < info->n_choices; c++)
        {
          printf ("%s{\"nick\": ", c ? ", " : "");
          print_json_string (info->choices[c].nick);
          printf (", \"value\": %d, \"label\": ", info->choices[c].value);
          print_json_string (info->choices[c].label);
          printf ("}");
        }
      printf ("]}");
    }
  printf ("\n]\n");
}

/* The README's preset table: what each preset sets, from
 * nst_preset_table (). */
static void
print_presets (void)
{
  size_t           n, i, v;
  const NstPreset *presets = nst_preset_table (&n);

  printf ("| preset | in the dialog | sets | for |\n");
  printf ("|---|---|---|---|\n");
  for (i = 0; i < n; i++)
    {
      printf ("| `%s` | %s | ", presets[i].nick, presets[i].label);
      for (v = 0; v < presets[i].n_values; v++)
        {
          printf ("%s`%s` ", v ? ", " : "", presets[i].values[v].name);
          print_value (nst_param_find (presets[i].values[v].name),
                       presets[i].values[v].value);
        }
      printf (" | %s |\n", presets[i].help);
    }
}

int
main (int argc, char **argv)
{
  size_t n, i, c;
  const NstParamInfo *table = nst_param_table (&n);

  if (argc == 2 && strcmp (argv[1], "--weights-places") == 0)
    {
      const char *const *place;

      for (place = nst_weights_places (); *place; place++)
        printf ("%s\n", *place);
      return 0;
    }
  if (argc == 2 && strcmp (argv[1], "--json") == 0)
    {
      print_json (table, n);
      return 0;
    }
  if (argc == 2 && strcmp (argv[1], "--presets") == 0)
    {
      print_presets ();
      return 0;
    }
  if (argc != 1)
    {
      fprintf (stderr, "usage: %s [--json | --weights-places | --presets]\n",
               argv[0]);
      return 2;
    }
  printf ("| name | label in GIMP | dialog | default | range | meaning |\n");
  printf ("|---|---|---|---|---|---|\n");
  for (i = 0; i < n; i++)
    {
      const NstParamInfo *info = &table[i];

      printf ("| `%s` | ", info->name);
      print_label (info->label);
      printf (" | %s | `", info->place == NST_FRONT ? "front" : "Advanced");
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
