/* args.c: parses the command line.  The flags of the style transfer
 * parameters, their ranges and defaults and their --help all come from
 * nst_param_table (); only the command's own flags are declared here. */
/* realpath () */
#define _XOPEN_SOURCE 700

#include "args.h"

#include "util.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum
{
  OPT_OUTPUT,
  OPT_WEIGHTS,
  OPT_STYLE_BLEND,
  OPT_STYLE_MASK,
  OPT_STYLE_SOURCE_MASK,
  OPT_PRESET,
  OPT_SAVE_EVERY,
  OPT_LOG_JSON,
  OPT_QUIET,
  OPT_PLAN,
  OPT_LIST_DEVICES,
  OPT_VERSION,
  OPT_HELP
} OwnOption;

typedef struct
{
  OwnOption   id;
  const char *name;
  char        short_name; /* 0: none */
  const char *metavar;    /* NULL: the flag takes no value */
  const char *help;
} OwnOptionInfo;

static const OwnOptionInfo own_options[] = {
  { OPT_OUTPUT, "output", 'o', "FILE",
    "Write the result to FILE: a PNG of the content's size, with alpha "
    "when the content has it (required).  FILE is named .png and is new or "
    "a regular file, which is replaced whole." },
  { OPT_WEIGHTS, "weights", 0, "PATH",
    /* Followed by the search order, nst_weights_places (). */
    "The VGG19 weights (safetensors).  Without it:" },
  { OPT_STYLE_BLEND, "style-blend", 0, "W1,W2,...",
    "How much of each STYLE to paint in, one weight per style in the "
    "order given, normalised to sum 1; without it the styles weigh the "
    "same." },
  { OPT_STYLE_MASK, "style-mask", 0, "FILE",
    "Paint a style only where FILE is light: a grey picture (PNG or JPEG; "
    "of a colour one its luminance, times its alpha) of any size, resized "
    "smoothly to the content's, white where the style goes, black where it "
    "does not, grey for soft edges.  Give it once per STYLE, the first for "
    "the first style and so on, 'none' for a style painted everywhere (a "
    "file named none: ./none).  Styles painted everywhere are blended by "
    "--style-blend among themselves; each style with a mask adds its own "
    "region in full, whatever its --style-blend weight.  Without "
    "--style-mask every style is painted everywhere." },
  { OPT_STYLE_SOURCE_MASK, "style-source-mask", 0, "FILE",
    "Take a style only from where FILE is light on its own picture (as "
    "--style-mask, resized to that STYLE's size): once per STYLE, in their "
    "order, 'none' for the whole picture." },
  { OPT_PRESET, "preset", 0, "NAME",
    /* Followed by the presets, nst_preset_table (). */
    "Start from a named setting of the time a run takes and the detail it "
    "reaches; the flags given set their own parameters over it, wherever "
    "they stand on the command line:" },
  { OPT_SAVE_EVERY, "save-every", 0, "N",
    "Also write the current image every N evaluations, at the working "
    "size, as OUT-0010.png, OUT-0020.png, ... beside OUT.  It sets the "
    "engine's preview interval (--preview-every) to N, so give "
    "--preview-every with it only with the same value.  0, or no "
    "--save-every: never." },
  { OPT_LOG_JSON, "log-json", 0, "FILE",
    "Write one JSON object per line per evaluation to FILE ('-': standard "
    "output) with evaluation, evaluations, scale, scales, total, content, "
    "style, tv (losses unweighted except total) and seconds." },
  { OPT_QUIET, "quiet", 'q', NULL,
    "No progress and no messages, except errors." },
  { OPT_PLAN, "plan", 0, NULL,
    "Print what the run would do, then exit without writing anything: "
    "each level's size, evaluations, tiles, L-BFGS pairs, estimated peak "
    "memory and time (from two evaluations timed here), within the "
    "memory budget (--memory).  -o is not needed." },
  { OPT_LIST_DEVICES, "list-devices", 0, NULL,
    "List the devices this build can compute on, then exit." },
  { OPT_VERSION, "version", 0, NULL,
    "Print the version and the device used by default, then exit." },
  { OPT_HELP, "help", 'h', NULL, "Show this help, then exit." },
};

#define N_OWN_OPTIONS (sizeof own_options / sizeof own_options[0])

/* ---- numbers ----------------------------------------------------------- */

/* Shortest %g spelling that reads back exactly, with "1e6" for "1e+06". */
static void
format_number (char *buf, size_t size, double value)
{
  for (int precision = 6; precision <= 17; precision++)
    {
      snprintf (buf, size, "%.*g", precision, value);
      if (strtod (buf, NULL) == value)
        break;
    }
  char *e = strchr (buf, 'e');
  if (! e)
    return;
  char *digits = e + 1;
  if (*digits == '+')
    memmove (digits, digits + 1, strlen (digits));
  if (*digits == '-')
    digits++;
  while (digits[0] == '0' && digits[1])
    memmove (digits, digits + 1, strlen (digits));
}

/* Numbers are the whole argument: no blank before or after (strtol and
 * strtod would skip one before only). */
static int
starts_blank (const char *text)
{
  return *text == ' ' || (*text >= '\t' && *text <= '\r');
}

static int
parse_long (const char *text, long *value)
{
  char *end;
  errno  = 0;
  *value = strtol (text, &end, 10);
  return ! starts_blank (text) && end != text && *end == '\0' && errno == 0;
}

/* Plain decimal numbers only: no "nan", "inf" or hex floats.  A number too
 * small for a normal double (1e-320) is still a number: only overflow is
 * refused here, ranges are checked by the caller. */
static int
parse_double (const char *text, double *value)
{
  if (strpbrk (text, "xXnNiI") || starts_blank (text))
    return 0;
  char *end;
  errno         = 0;
  *value        = strtod (text, &end);
  int underflow = errno == ERANGE && fabs (*value) <= DBL_MIN;
  return end != text && *end == '\0' && (errno == 0 || underflow)
         && isfinite (*value);
}

/* ---- the engine's parameters ------------------------------------------- */

static const NstParamInfo *
find_engine_param (const char *name, size_t name_length)
{
  size_t              n;
  const NstParamInfo *table = nst_param_table (&n);
  for (size_t i = 0; i < n; i++)
    if (table[i].engine_uses && strlen (table[i].name) == name_length
        && strncmp (table[i].name, name, name_length) == 0)
      return &table[i];
  return NULL;
}

static char *
choice_list (const NstParamInfo *info, const char *separator)
{
  char *list = cli_format ("%s", info->n_choices ? info->choices[0].nick : "");
  for (size_t i = 1; i < info->n_choices; i++)
    {
      char *longer
          = cli_format ("%s%s%s", list, separator, info->choices[i].nick);
      free (list);
      list = longer;
    }
  return list;
}

static char *
range_problem (const char *flag, double value, double min, double max)
{
  char lo[32], hi[32], got[32];
  format_number (lo, sizeof lo, min);
  format_number (hi, sizeof hi, max);
  format_number (got, sizeof got, value);
  return cli_format ("--%s must be between %s and %s, not %s", flag, lo, hi,
                     got);
}

/* Sets the parameter `info` from `text`; returns NULL or a problem
 * (caller frees). */
static char *
set_engine_param (NstParams *params, const NstParamInfo *info, const char *text)
{
  double value;
  if (info->type == NST_PARAM_TYPE_ENUM)
    {
      const NstChoice *choice = nst_param_choice (info, text);
      if (! choice)
        {
          char *list    = choice_list (info, ", ");
          char *problem = cli_format ("--%s must be one of %s, not '%s'",
                                      info->name, list, text);
          free (list);
          return problem;
        }
      value = choice->value;
    }
  else if (info->type == NST_PARAM_TYPE_INT)
    {
      long number;
      if (! parse_long (text, &number))
        return cli_format ("--%s expects a whole number, not '%s'", info->name,
                           text);
      value = (double) number;
    }
  else if (! parse_double (text, &value))
    return cli_format ("--%s expects a number, not '%s'", info->name, text);

  if (value < info->min_value || value > info->max_value)
    return range_problem (info->name, value, info->min_value, info->max_value);
  nst_params_set (params, info, value);
  return NULL;
}

/* ---- presets ------------------------------------------------------------ */

static char *
preset_list (const char *separator)
{
  size_t           n;
  const NstPreset *presets = nst_preset_table (&n);
  char            *list    = cli_format ("%s", n ? presets[0].nick : "");
  for (size_t i = 1; i < n; i++)
    {
      char *longer = cli_format ("%s%s%s", list, separator, presets[i].nick);
      free (list);
      list = longer;
    }
  return list;
}

/* The preset's fields, except those the command line gave (`given`, one
 * flag per table row): flags win wherever they stand. */
static void
apply_preset (NstParams *params, const NstPreset *preset, const char *given)
{
  size_t              n;
  const NstParamInfo *table = nst_param_table (&n);
  NstParams           flags = *params;
  nst_preset_apply (preset, params);
  for (size_t i = 0; i < n; i++)
    if (given[i])
      nst_params_set (params, &table[i], nst_params_get (&flags, &table[i]));
}

/* ---- the command's own flags ------------------------------------------- */

static const OwnOptionInfo *
find_own_long (const char *name, size_t name_length)
{
  for (size_t i = 0; i < N_OWN_OPTIONS; i++)
    if (strlen (own_options[i].name) == name_length
        && strncmp (own_options[i].name, name, name_length) == 0)
      return &own_options[i];
  return NULL;
}

static const OwnOptionInfo *
find_own_short (char short_name)
{
  for (size_t i = 0; i < N_OWN_OPTIONS; i++)
    if (own_options[i].short_name && own_options[i].short_name == short_name)
      return &own_options[i];
  return NULL;
}

/* The problem with `n` --`flag` files for the styles, or NULL. */
static char *
mask_count_problem (const char *flag, int n, int n_styles)
{
  if (n == 0 || n == n_styles)
    return NULL;
  return cli_format ("--%s was given %d time%s but %d style image%s given: "
                     "give it once per style, in the order of the styles "
                     "('none' for a style without a mask)",
                     flag, n, n == 1 ? "" : "s", n_styles,
                     n_styles == 1 ? " was" : "s were");
}

static char *
parse_style_blend (CliOptions *options, const char *text, int *n_weights)
{
  size_t n = 1;
  for (const char *c = text; *c; c++)
    n += *c == ',';
  free (options->style_blend);
  options->style_blend = calloc (n, sizeof (double));
  if (! options->style_blend)
    return cli_format ("out of memory");

  char *copy    = cli_format ("%s", text);
  char *rest    = copy;
  char *problem = NULL;
  for (size_t i = 0; i < n && ! problem; i++)
    {
      char *comma = strchr (rest, ',');
      if (comma)
        *comma = '\0';
      if (! parse_double (rest, &options->style_blend[i]))
        problem = cli_format ("--style-blend expects numbers separated by "
                              "commas (such as 2,1), not '%s'",
                              text);
      rest = comma ? comma + 1 : rest;
    }
  /* The engine's rule, not a copy of it. */
  NstStatus *status = problem ? NULL
                              : nst_style_blend_normalise (options->style_blend,
                                                           (int) n, NULL);
  if (status)
    problem = cli_format ("--style-blend '%s': %s", text,
                          nst_status_message (status));
  nst_status_free (status);
  free (copy);
  *n_weights = (int) n;
  return problem;
}

/* Applies one of the command's own flags; returns NULL or a problem. */
static char *
set_own_option (CliOptions          *options,
                const OwnOptionInfo *option,
                const char          *value,
                int                 *n_blend,
                int                 *save_every_given,
                const NstPreset    **preset)
{
  switch (option->id)
    {
    case OPT_PRESET:
      *preset = nst_preset_find (value);
      if (! *preset)
        {
          char *list    = preset_list (", ");
          char *problem = cli_format ("--preset must be one of %s, not '%s'",
                                      list, value);
          free (list);
          return problem;
        }
      return NULL;
    case OPT_OUTPUT:
      if (! *value)
        return cli_format ("-o/--output needs a file name");
      options->output = value;
      return NULL;
    case OPT_WEIGHTS:
      /* Empty would mean "not given" to the engine: say so, not search. */
      if (! *value)
        return cli_format ("--weights needs a path; leave the flag out to "
                           "use $NST_WEIGHTS or the default places");
      options->weights = value;
      return NULL;
    case OPT_STYLE_BLEND:
      return parse_style_blend (options, value, n_blend);
    case OPT_STYLE_MASK:
    case OPT_STYLE_SOURCE_MASK:
      if (! *value)
        return cli_format ("--%s needs a file name, or 'none'", option->name);
      if (option->id == OPT_STYLE_MASK)
        options->style_masks[options->n_style_masks++] = value;
      else
        options->source_masks[options->n_source_masks++] = value;
      return NULL;
    case OPT_SAVE_EVERY:
      {
        /* It becomes the engine's preview interval: same range. */
        const NstParamInfo *preview = nst_param_find ("preview-every");
        long                n;
        if (! parse_long (value, &n))
          return cli_format ("--save-every expects a whole number, not '%s'",
                             value);
        if (n < preview->min_value || n > preview->max_value)
          return range_problem ("save-every", (double) n, preview->min_value,
                                preview->max_value);
        options->save_every = (int) n;
        *save_every_given   = 1;
        return NULL;
      }
    case OPT_LOG_JSON:
      options->log_json = value;
      return NULL;
    case OPT_QUIET:
      options->quiet = 1;
      return NULL;
    case OPT_PLAN:
      options->plan = 1;
      return NULL;
    case OPT_LIST_DEVICES:
      options->action = CLI_ACTION_LIST_DEVICES;
      return NULL;
    case OPT_VERSION:
      options->action = CLI_ACTION_VERSION;
      return NULL;
    case OPT_HELP:
      options->action = CLI_ACTION_HELP;
      return NULL;
    }
  return NULL;
}

/* "dir/name" with the directory resolved, to compare names of files that
 * may not exist yet; caller frees. */
static char *
canonical_name (const char *path)
{
  const char *slash = strrchr (path, '/');
  char       *dir  = slash ? cli_format ("%.*s", (int) (slash - path + 1), path)
                           : cli_format (".");
  char       *real = realpath (dir, NULL);
  char       *name = real ? cli_format ("%s/%s", real, slash ? slash + 1 : path)
                          : cli_format ("%s", path);
  free (real);
  free (dir);
  return name;
}

static int
same_file (const char *a, const char *b)
{
  struct stat sa, sb;
  if (stat (a, &sa) == 0 && stat (b, &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  char *ca   = canonical_name (a);
  char *cb   = canonical_name (b);
  int   same = strcmp (ca, cb) == 0;
  free (ca);
  free (cb);
  return same;
}

/* ---- the whole command line -------------------------------------------- */

static const char usage_line[]
    = "Usage: neural-style CONTENT STYLE [STYLE2 ...] -o OUT.png [options]\n";

static int
fail (char *problem)
{
  int status = cli_usage_error (problem);
  free (problem);
  return status;
}

/* A pictures or -o missing: the shape of the command helps most. */
static int
fail_with_usage (char *problem)
{
  cli_error ("%s", problem);
  free (problem);
  fputs (usage_line, stderr);
  fputs ("Try 'neural-style --help' for the options.\n", stderr);
  return CLI_EXIT_USAGE;
}

/* cli_args_parse () with `given`, one flag per table row, zeroed. */
static int
parse (int argc, char **argv, CliOptions *options, char *given)
{
  const NstParamInfo *table   = nst_param_table (NULL);
  const NstPreset    *preset  = NULL;
  int n_blend = 0, save_every_given = 0, preview_given = 0;
  int only_operands = 0;
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      if (only_operands || arg[0] != '-' || arg[1] == '\0')
        {
          if (! options->content)
            options->content = arg;
          else
            options->styles[options->n_styles++] = arg;
          continue;
        }
      if (strcmp (arg, "--") == 0)
        {
          only_operands = 1;
          continue;
        }

      /* --name, --name=value, --name value, -x, -xVALUE, -x VALUE. */
      const OwnOptionInfo *own;
      const NstParamInfo  *param        = NULL;
      const char          *inline_value = NULL;
      char                 flag[64];
      if (arg[1] == '-')
        {
          const char *name   = arg + 2;
          const char *equals = strchr (name, '=');
          size_t length = equals ? (size_t) (equals - name) : strlen (name);
          inline_value  = equals ? equals + 1 : NULL;
          own           = find_own_long (name, length);
          if (! own)
            param = find_engine_param (name, length);
          snprintf (flag, sizeof flag, "--%.*s", (int) length, name);
        }
      else
        {
          own          = find_own_short (arg[1]);
          inline_value = arg[2] ? arg + 2 : NULL;
          snprintf (flag, sizeof flag, "-%c", arg[1]);
        }
      if (! own && ! param)
        return fail (cli_format ("unknown option '%s'", arg));

      int takes_value = param || own->metavar;
      if (! takes_value && inline_value)
        return fail (arg[1] == '-' ? cli_format ("%s takes no value", flag)
                                   : cli_format ("unknown option '%s'", arg));
      const char *value = inline_value;
      if (takes_value && ! value)
        {
          if (i + 1 >= argc)
            return fail (cli_format ("%s needs a value", flag));
          value = argv[++i];
        }

      char *problem;
      if (param)
        {
          problem = set_engine_param (&options->params, param, value);
          preview_given |= strcmp (param->name, "preview-every") == 0;
          given[param - table] = 1;
        }
      else
        problem = set_own_option (options, own, value, &n_blend,
                                  &save_every_given, &preset);
      if (problem)
        return fail (problem);
      if (options->action != CLI_ACTION_RUN)
        return CLI_EXIT_OK;
    }
  if (preset)
    apply_preset (&options->params, preset, given);

  if (! options->content)
    return fail_with_usage (
        cli_format ("no content image given: the first name is "
                    "the picture to repaint, the next ones the "
                    "styles"));
  if (options->n_styles == 0)
    return fail_with_usage (
        cli_format ("no style image given: name at least one "
                    "picture after '%s' to take the style from",
                    options->content));
  if (! options->output && ! options->plan)
    return fail_with_usage (
        cli_format ("no output file given: add -o OUT.png"));
  if (options->style_blend && n_blend != options->n_styles)
    return fail (cli_format ("--style-blend has %d weight%s but %d style "
                             "image%s given: give one weight per style",
                             n_blend, n_blend == 1 ? "" : "s",
                             options->n_styles,
                             options->n_styles == 1 ? " was" : "s were"));
  char *masks = mask_count_problem ("style-mask", options->n_style_masks,
                                    options->n_styles);
  if (! masks)
    masks = mask_count_problem ("style-source-mask", options->n_source_masks,
                                options->n_styles);
  if (masks)
    return fail (masks);
  if (options->log_json && strcmp (options->log_json, "-") != 0)
    {
      const char *clash
          = options->output && same_file (options->log_json, options->output)
                ? options->output
            : same_file (options->log_json, options->content) ? options->content
                                                              : NULL;
      for (int i = 0; ! clash && i < options->n_styles; i++)
        if (same_file (options->log_json, options->styles[i]))
          clash = options->styles[i];
      for (int i = 0; ! clash && i < options->n_style_masks; i++)
        if (same_file (options->log_json, options->style_masks[i]))
          clash = options->style_masks[i];
      for (int i = 0; ! clash && i < options->n_source_masks; i++)
        if (same_file (options->log_json, options->source_masks[i]))
          clash = options->source_masks[i];
      if (clash)
        return fail (cli_format ("--log-json '%s' names the same file as "
                                 "'%s', which the run reads or writes; give "
                                 "the log another name",
                                 options->log_json, clash));
    }
  if (save_every_given && options->save_every > 0)
    {
      if (preview_given && options->params.preview_every != options->save_every)
        return fail (cli_format ("--save-every %d sets the preview interval, "
                                 "but --preview-every %d asks for another: "
                                 "give only --save-every",
                                 options->save_every,
                                 options->params.preview_every));
      options->params.preview_every = options->save_every;
    }

  /* Every flag was checked against its descriptor; this catches what the
   * engine checks beyond single ranges. */
  NstStatus *status = nst_params_validate (&options->params);
  if (status)
    {
      char *problem = cli_format ("%s", nst_status_message (status));
      nst_status_free (status);
      return fail (problem);
    }
  return CLI_EXIT_OK;
}

int
cli_args_parse (int argc, char **argv, CliOptions *options)
{
  size_t n_table;
  nst_param_table (&n_table);
  memset (options, 0, sizeof *options);
  nst_params_init (&options->params);
  size_t n_args         = (size_t) (argc > 0 ? argc : 1);
  options->styles       = calloc (n_args, sizeof (char *));
  options->style_masks  = calloc (n_args, sizeof (char *));
  options->source_masks = calloc (n_args, sizeof (char *));
  char *given           = calloc (n_table, 1);
  if (! options->styles || ! options->style_masks || ! options->source_masks
      || ! given)
    {
      free (given);
      return fail (cli_format ("out of memory"));
    }
  int status = parse (argc, argv, options, given);
  free (given);
  return status;
}

void
cli_args_clear (CliOptions *options)
{
  free (options->styles);
  free (options->style_blend);
  free (options->style_masks);
  free (options->source_masks);
  options->styles       = NULL;
  options->style_blend  = NULL;
  options->style_masks  = NULL;
  options->source_masks = NULL;
}

/* ---- --help ------------------------------------------------------------ */

/* Columns taken by `text`'s first `bytes` bytes of UTF-8. */
static int
columns (const char *text, size_t bytes)
{
  int n = 0;
  for (size_t i = 0; i < bytes; i++)
    n += ((unsigned char) text[i] & 0xC0) != 0x80;
  return n;
}

/* Prints `text` word-wrapped to 79 columns, each line indented.  NBSP
 * joins words that must stay on one line; it prints as a space. */
#define NBSP "\x01"
static void
print_wrapped (FILE *out, const char *text, int indent)
{
  const int   width  = 79;
  int         column = 0;
  const char *word   = text;
  while (*word)
    {
      while (*word == ' ')
        word++;
      size_t length = strcspn (word, " ");
      if (length == 0)
        break;
      int word_columns = columns (word, length);
      if (column > indent && column + 1 + word_columns > width)
        {
          fputc ('\n', out);
          column = 0;
        }
      if (column == 0)
        column = fprintf (out, "%*s", indent, "");
      else
        column += fprintf (out, " ");
      for (size_t i = 0; i < length; i++)
        fputc (word[i] == NBSP[0] ? ' ' : word[i], out);
      column += word_columns;
      word += length;
    }
  fputc ('\n', out);
}

/* What the automatic device and precision are on this machine, and why:
 * under --precision, whose choice it explains. */
static void
print_automatic_here (FILE *out)
{
  char *device    = nst_device_describe (NST_DEVICE_AUTO);
  char *precision = nst_precision_describe (NST_DEVICE_AUTO);
  char *here      = cli_format ("Here: %s; %s.", device ? device : "unknown",
                                precision ? precision : "unknown");
  print_wrapped (out, here, 8);
  free (here);
  nst_free (precision);
  nst_free (device);
}

static void
print_engine_param (FILE *out, const NstParamInfo *info)
{
  char  def[32], lo[32], hi[32];
  char *text;
  if (info->type == NST_PARAM_TYPE_ENUM)
    {
      char *nicks = choice_list (info, "|");
      fprintf (out, "  --%s %s\n", info->name, nicks);
      free (nicks);
      /* "[none: None, luminance: Luminance only; default none]" */
      char *choices = cli_format ("%s", "");
      for (size_t i = 0; i < info->n_choices; i++)
        {
          char *longer
              = cli_format ("%s%s%s: %s", choices, i ? ", " : "",
                            info->choices[i].nick, info->choices[i].label);
          free (choices);
          choices = longer;
        }
      const NstChoice *def
          = nst_param_choice_by_value (info, (int) info->default_value);
      text = cli_format ("%s. [%s;" NBSP "default" NBSP "%s]", info->help,
                         choices, def->nick);
      free (choices);
    }
  else
    {
      format_number (def, sizeof def, info->default_value);
      format_number (lo, sizeof lo, info->min_value);
      format_number (hi, sizeof hi, info->max_value);
      fprintf (out, "  --%s %s\n", info->name,
               info->type == NST_PARAM_TYPE_INT ? "N" : "X");
      text = cli_format ("%s. [%s\xE2\x80\x93%s," NBSP "default" NBSP "%s]",
                         info->help, lo, hi, def);
    }
  print_wrapped (out, text, 8);
  free (text);
}

/* `help` and the engine's search order: "…: $NST_WEIGHTS, then …, then
 * /usr/share/….".  Caller frees. */
static char *
weights_help (const char *help)
{
  const char *const *places = nst_weights_places ();
  char              *text   = cli_format ("%s %s", help, places[0]);
  for (size_t i = 1; places[i]; i++)
    {
      char *longer = cli_format ("%s, then %s", text, places[i]);
      free (text);
      text = longer;
    }
  char *done = cli_format ("%s.", text);
  free (text);
  return done;
}

/* Each preset's name, then under it its help and what it sets:
 * "<help>. [iterations 100, size 256, scales 1]". */
static void
print_presets (FILE *out)
{
  size_t           n;
  const NstPreset *presets = nst_preset_table (&n);
  for (size_t i = 0; i < n; i++)
    {
      char *sets = cli_format ("%s", "");
      for (size_t j = 0; j < presets[i].n_values; j++)
        {
          char number[32];
          format_number (number, sizeof number, presets[i].values[j].value);
          char *longer = cli_format ("%s%s%s" NBSP "%s", sets, j ? ", " : "",
                                     presets[i].values[j].name, number);
          free (sets);
          sets = longer;
        }
      char *text = cli_format ("%s. [%s]", presets[i].help, sets);
      print_wrapped (out, presets[i].nick, 8);
      print_wrapped (out, text, 12);
      free (text);
      free (sets);
    }
}

void
cli_args_print_help (FILE *out)
{
  fputs (usage_line, out);
  fputc ('\n', out);
  print_wrapped (out,
                 "Repaints the picture CONTENT in the style of the picture "
                 "STYLE (or a blend of several) by the method of Gatys, "
                 "Ecker and Bethge: VGG19 features, Gram-matrix style loss, "
                 "L-BFGS on the pixels.  Reads PNG and JPEG, writes PNG.",
                 0);
  fputs ("\nOptions:\n", out);
  for (size_t i = 0; i < N_OWN_OPTIONS; i++)
    {
      const OwnOptionInfo *o = &own_options[i];
      fputs ("  ", out);
      if (o->short_name)
        fprintf (out, "-%c, ", o->short_name);
      fprintf (out, "--%s%s%s\n", o->name, o->metavar ? " " : "",
               o->metavar ? o->metavar : "");
      if (o->id == OPT_WEIGHTS)
        {
          char *text = weights_help (o->help);
          print_wrapped (out, text, 8);
          free (text);
        }
      else
        print_wrapped (out, o->help, 8);
      if (o->id == OPT_PRESET)
        print_presets (out);
    }

  fputs ("\nStyle transfer parameters:\n", out);
  size_t              n;
  const NstParamInfo *table = nst_param_table (&n);
  for (size_t i = 0; i < n; i++)
    if (table[i].engine_uses)
      {
        print_engine_param (out, &table[i]);
        if (strcmp (table[i].name, "precision") == 0)
          print_automatic_here (out);
      }

  fputc ('\n', out);
  print_wrapped (out,
                 "Progress goes to standard error.  Ctrl-C once stops and "
                 "saves the best result so far; Ctrl-C again cancels "
                 "without writing anything.",
                 0);
  print_wrapped (out,
                 "Exit status: 0 done (also when stopped by Ctrl-C), 1 an "
                 "error while running (images, weights, device, writing), "
                 "2 a wrong command line, 130 cancelled by Ctrl-C twice.",
                 0);
}
