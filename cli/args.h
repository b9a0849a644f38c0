/* args.h: the command line of neural-style.  The style transfer flags and
 * their --help come from the engine's parameter table at run time. */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include "nst.h"

#include <stdio.h>

typedef enum
{
  CLI_ACTION_RUN,
  CLI_ACTION_HELP,
  CLI_ACTION_VERSION,
  CLI_ACTION_LIST_DEVICES
} CliAction;

typedef struct
{
  CliAction    action;
  const char  *content; /* these strings point into argv */
  const char **styles;  /* n_styles entries; owned (free ()) */
  int          n_styles;
  const char  *output;
  const char  *weights;     /* NULL: the engine's search order */
  double      *style_blend; /* n_styles entries, or NULL for equal; owned */
  /* --style-mask and --style-source-mask: n_style_masks (0 or n_styles)
   * files, "none" for the whole image, and the same for the source masks;
   * the arrays are owned (free ()), the strings point into argv. */
  const char **style_masks;
  int          n_style_masks;
  const char **source_masks;
  int          n_source_masks;
  int          save_every; /* 0: no intermediate files */
  const char  *log_json;   /* NULL: none; "-": stdout */
  int          quiet;
  int          plan; /* --plan: print the plan instead of running */
  NstParams    params;
} CliOptions;

/* Parses argv into *options.  Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after
 * telling the user on stderr what is wrong.  Free with cli_args_clear ()
 * either way. */
int cli_args_parse (int argc, char **argv, CliOptions *options);

void cli_args_clear (CliOptions *options);

/* The --help text, generated from nst_param_table (). */
void cli_args_print_help (FILE *out);

#endif /* CLI_ARGS_H */
