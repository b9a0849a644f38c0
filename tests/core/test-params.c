/* test-params.c: the parameter table at run time, defaults, access by name,
 * validation messages, status basics and NULL frees.  No weights needed. */

#include "testutil.h"

#include <math.h>
#include <string.h>

#define N_(s) s

/* nst_params_init () and the descriptors say what nst-params.def says. */
static void
check_defaults (void)
{
  NstParams params;
  nst_params_init (&params);
  CHECK (params.struct_size == sizeof params, "struct_size %zu",
         params.struct_size);
  size_t              n = 0, rows = 0, fronts = 0;
  const NstParamInfo *table = nst_param_table (&n);
  CHECK (table && n > 0, "empty table");
  const NstParamInfo *info;

#define CHECK_ROW(field, pname, plabel, phelp, def, ptype)                     \
  info = nst_param_find (pname);                                               \
  CHECK (info &&info == &table[rows], "row %zu is not %s", rows, pname);       \
  CHECK (strcmp (info->label, plabel) == 0 && strcmp (info->help, phelp) == 0  \
             && info->type == ptype,                                           \
         "%s: label, help or type differ from the .def", pname);               \
  CHECK (info->default_value == (double) (def) && params.field == (def)        \
             && nst_params_get (&params, info) == (double) (def),              \
         "%s: default differs from the .def", pname);                          \
  CHECK (info->offset == offsetof (NstParams, field), "%s: offset", pname);    \
  rows++;
/* The slider's range lies inside the hard range; a log slider's starts
 * above 0. */
#define CHECK_UI_RANGE(name, min, max, pui, pui_min, pui_max)                  \
  CHECK (info->ui_min == (pui_min) && info->ui_max == (pui_max)                \
             && (min) <= (pui_min) && (pui_min) < (pui_max)                    \
             && (pui_max) <= (max) && ((pui) != NST_UI_LOG || (pui_min) > 0),  \
         "%s: UI range", name);
#define CHECK_PLACE(name, pplace)                                              \
  CHECK (info->place == (pplace)                                               \
             && ((pplace) == NST_FRONT || (pplace) == NST_ADVANCED),           \
         "%s: place", name);                                                   \
  fronts += (pplace) == NST_FRONT;
#define NST_PARAM_INT(field, name, label, help, def, min, max, pui, pui_min,   \
                      pui_max, pplace)                                         \
  CHECK_ROW (field, name, label, help, def, NST_PARAM_TYPE_INT)                \
  CHECK_PLACE (name, pplace)                                                   \
  CHECK (info->min_value == (min) && info->max_value == (max)                  \
             && info->ui == (pui) && info->engine_uses,                        \
         "%s: range", name);                                                   \
  CHECK_UI_RANGE (name, min, max, pui, pui_min, pui_max)
#define NST_PARAM_DOUBLE(field, name, label, help, def, min, max, pui,         \
                         pui_min, pui_max, pplace)                             \
  CHECK_ROW (field, name, label, help, def, NST_PARAM_TYPE_DOUBLE)             \
  CHECK_PLACE (name, pplace)                                                   \
  CHECK (info->min_value == (min) && info->max_value == (max)                  \
             && info->ui == (pui) && info->engine_uses,                        \
         "%s: range", name);                                                   \
  CHECK_UI_RANGE (name, min, max, pui, pui_min, pui_max)
#define NST_PARAM_ENUM(field, name, label, help, def, ctype, pplace)           \
  CHECK_ROW (field, name, label, help, def, NST_PARAM_TYPE_ENUM)               \
  CHECK_PLACE (name, pplace)                                                   \
  CHECK (info->engine_uses, "%s is read by the engine", name);
#define NST_PARAM_ENUM_HOST(field, name, label, help, def, ctype, pplace)      \
  CHECK_ROW (field, name, label, help, def, NST_PARAM_TYPE_ENUM)               \
  CHECK_PLACE (name, pplace)                                                   \
  CHECK (! info->engine_uses, "%s is the host's", name);
#include "nst-params.def"
#undef CHECK_ROW
#undef CHECK_UI_RANGE
#undef CHECK_PLACE

  CHECK (rows == n, "the table has %zu rows, the .def %zu", n, rows);
  /* A dialog with nothing in front, or nothing behind Advanced, would
   * show an empty part. */
  CHECK (fronts > 0 && fronts < n, "%zu of %zu rows in front", fronts, n);
  CHECK (nst_param_find ("style-weight")->place == NST_FRONT
             && nst_param_find ("seed")->place == NST_ADVANCED,
         "style-weight must be in front, seed behind Advanced");
}

/* Every choice of the .def, in order, terminated. */
static void
check_choices (void)
{
  const NstParamInfo *info = NULL;
  size_t              i    = 0;
#define NST_CHOICES_BEGIN(ctype, field)                                        \
  info = nst_param_find (#field);                                              \
  CHECK (info && info->choices, "no choices for %s", #field);                  \
  i = 0;
#define NST_CHOICE(constant, cnick, clabel)                                    \
  CHECK (info->choices[i].value == (int) (constant)                            \
             && strcmp (info->choices[i].nick, cnick) == 0                     \
             && strcmp (info->choices[i].label, clabel) == 0,                  \
         "choice %zu of %s", i, info->name);                                   \
  CHECK (nst_param_choice (info, cnick) == &info->choices[i],                  \
         "nst_param_choice (%s)", cnick);                                      \
  CHECK (nst_param_choice_by_value (info, constant) == &info->choices[i],      \
         "nst_param_choice_by_value (%s)", #constant);                         \
  i++;
#define NST_CHOICES_END(ctype, field)                                          \
  CHECK (info->n_choices == i && info->choices[i].value == -1                  \
             && info->choices[i].nick == NULL,                                 \
         "%s: %zu choices, not terminated", info->name, i);                    \
  CHECK (info->min_value == 0 && info->max_value == (double) (i - 1)           \
             && info->ui_min == info->min_value                                \
             && info->ui_max == info->max_value,                               \
         "%s: range", info->name);                                             \
  CHECK (nst_param_choice_by_value (info, (int) i) == NULL                     \
             && nst_param_choice_by_value (info, -1) == NULL,                  \
         "%s: a value without a choice found one", info->name);
#include "nst-params.def"
  CHECK (nst_param_choice (nst_param_find ("preserve-colors"), "sepia") == NULL,
         "unknown nick found");
}

/* Every preset names existing fields, the same ones as the others, with
 * valid values; applying one sets those fields and no other; a preset
 * matches the values it made and not another preset's. */
static void
check_presets (void)
{
  size_t           n       = 0, i, v;
  const NstPreset *presets = nst_preset_table (&n);

  CHECK (presets && n >= 2, "%zu presets", n);
  for (i = 0; i < n; i++)
    {
      const NstPreset *preset = &presets[i];
      NstParams        params, before;
      NstStatus       *st;
      size_t           j;

      CHECK (preset->nick && preset->label && *preset->label && preset->help
                 && *preset->help,
             "preset %zu lacks a nick, label or help", i);
      CHECK (nst_preset_find (preset->nick) == preset, "find %s", preset->nick);
      CHECK (preset->n_values == presets[0].n_values,
             "%s names %zu fields, %s %zu", preset->nick, preset->n_values,
             presets[0].nick, presets[0].n_values);
      for (v = 0; v < preset->n_values; v++)
        {
          CHECK (nst_param_find (preset->values[v].name) != NULL,
                 "%s: no field %s", preset->nick, preset->values[v].name);
          CHECK (strcmp (preset->values[v].name, presets[0].values[v].name)
                     == 0,
                 "%s names %s where %s names %s", preset->nick,
                 preset->values[v].name, presets[0].nick,
                 presets[0].values[v].name);
        }

      /* From values that are no preset's, with a field it does not set
       * changed. */
      nst_params_init (&params);
      params.iterations   = 7;
      params.style_weight = 123.0;
      before              = params;
      CHECK (! nst_preset_matches (preset, &params), "%s matches %s",
             preset->nick, "iterations 7");
      nst_preset_apply (preset, &params);
      CHECK (nst_preset_matches (preset, &params), "%s does not match itself",
             preset->nick);
      st = nst_params_validate (&params);
      CHECK (st == NULL, "%s: %s", preset->nick, nst_status_message (st));
      nst_status_free (st);
      for (v = 0; v < preset->n_values; v++)
        CHECK (nst_params_get (&params, nst_param_find (preset->values[v].name))
                   == preset->values[v].value,
               "%s: %s", preset->nick, preset->values[v].name);
      CHECK (params.style_weight == before.style_weight
                 && params.content_weight == before.content_weight,
             "%s changed a field it does not name", preset->nick);
      for (j = 0; j < n; j++)
        CHECK (j == i || ! nst_preset_matches (&presets[j], &params),
               "%s's values also match %s", preset->nick, presets[j].nick);
    }

  /* "balanced" is the defaults, read from the table. */
  {
    NstParams params;
    nst_params_init (&params);
    CHECK (nst_preset_matches (nst_preset_find ("balanced"), &params),
           "the defaults are not \"balanced\"");
  }
  CHECK (nst_preset_find ("quick_sketch") == nst_preset_find ("quick-sketch"),
         "quick_sketch");
  CHECK (nst_preset_find ("sketch") == NULL && nst_preset_find (NULL) == NULL,
         "an unknown preset was found");
  nst_preset_apply (NULL, NULL);
  CHECK (! nst_preset_matches (NULL, NULL), "NULL matches");
}

static void
check_find_and_access (void)
{
  const NstParamInfo *dash = nst_param_find ("style-weight");
  CHECK (dash && dash == nst_param_find ("style_weight"),
         "dashes and underscores must find the same row");
  CHECK (nst_param_find ("preview_every") == nst_param_find ("preview-every"),
         "preview_every");
  CHECK (nst_param_find ("style") == NULL, "a prefix must not match");
  CHECK (nst_param_find ("style-weights") == NULL, "a longer name matched");
  CHECK (nst_param_find (NULL) == NULL, "NULL name");

  NstParams params;
  nst_params_init (&params);
  nst_params_set (&params, nst_param_find ("iterations"), 12);
  nst_params_set (&params, dash, 2.5e5);
  nst_params_set (&params, nst_param_find ("optimizer"), NST_OPTIMIZER_ADAM);
  CHECK (params.iterations == 12 && params.style_weight == 2.5e5
             && params.optimizer == NST_OPTIMIZER_ADAM,
         "set wrote the wrong fields");
  CHECK (nst_params_get (&params, dash) == 2.5e5, "get");
  nst_params_set (&params, nst_param_find ("iterations"), 1e20);
  CHECK (params.iterations == 2147483647, "saturate, not overflow");
}

static void
expect_invalid (const NstParams *params, const char *message)
{
  NstStatus *st = nst_params_validate (params);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT, "code %d",
         nst_status_code (st));
  CHECK (strcmp (nst_status_message (st), message) == 0,
         "message\n  \"%s\"\nexpected\n  \"%s\"", nst_status_message (st),
         message);
  nst_status_free (st);
}

static void
check_validation (void)
{
  NstParams params;
  nst_params_init (&params);
  CHECK_OK (nst_params_validate (&params));

  params.style_weight = -1;
  expect_invalid (&params, "style-weight must be between 0 and 1e+12, not -1.");
  params.style_weight = NAN;
  expect_invalid (&params,
                  "style-weight must be between 0 and 1e+12, not nan.");
  nst_params_init (&params);
  params.iterations = 0;
  params.optimizer  = 7;
  expect_invalid (&params, "iterations must be between 1 and 100000, not 0. "
                           "optimizer must be lbfgs or adam, not 7.");
  nst_params_init (&params);
  params.preserve_colors = -1;
  expect_invalid (&params, "preserve-colors must be none, luminance or "
                           "match, not -1.");

  nst_params_init (&params);
  params.struct_size = 0;
  NstStatus *st      = nst_params_validate (&params);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT
             && strstr (nst_status_message (st), "nst_params_init"),
         "uninitialised parameters: %s", nst_status_message (st));
  nst_status_free (st);
  st = nst_params_validate (NULL);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT, "NULL params");
  nst_status_free (st);
}

/* A caller built against an older nst.h, whose NstParams ends before the
 * last rows: the library neither reads nor writes past its struct_size and
 * gives the missing fields their defaults.  A newer caller is refused. */
static void
check_older_caller (void)
{
  size_t              n     = 0;
  const NstParamInfo *table = nst_param_table (&n);
  const NstParamInfo *last  = &table[n - 1];
  union
  {
    NstParams     params;
    unsigned char bytes[sizeof (NstParams)];
  } older;
  memset (&older, 0xAB, sizeof older);
  nst_params_init_size (&older.params, last->offset);
  CHECK (older.params.struct_size == last->offset, "struct_size %zu",
         older.params.struct_size);
  for (size_t i = last->offset; i < sizeof older; i++)
    CHECK (older.bytes[i] == 0xAB, "init wrote byte %zu of a %zu-byte struct",
           i, last->offset);
  CHECK (nst_params_get (&older.params, last) == last->default_value,
         "%s of an older struct reads %g, not its default", last->name,
         nst_params_get (&older.params, last));
  nst_params_set (&older.params, last, last->max_value);
  CHECK (older.bytes[last->offset] == 0xAB, "set wrote past the struct");
  NstStatus *st = nst_params_validate (&older.params);
  CHECK (st == NULL, "an older struct is refused: %s",
         nst_status_message (st));
  /* The fields it has still count. */
  nst_params_set (&older.params, &table[0], table[0].max_value + 1);
  st = nst_params_validate (&older.params);
  CHECK (st && strstr (nst_status_message (st), table[0].name),
         "an older struct's bad %s passes", table[0].name);
  nst_status_free (st);

  NstParams params;
  nst_params_init (&params);
  params.struct_size = sizeof params + 8;
  st = nst_params_validate (&params);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT
             && strstr (nst_status_message (st), "newer nst.h"),
         "newer caller: %s", nst_status_message (st));
  nst_status_free (st);
}

static void
expect_blend_refused (const double *blend,
                      int           n,
                      const char   *words,
                      const char   *what)
{
  double     out[4] = { -7, -7, -7, -7 };
  NstStatus *st     = nst_style_blend_normalise (blend, n, out);
  CHECK (nst_status_code (st) == NST_ERROR_INVALID_ARGUMENT
             && strstr (nst_status_message (st), words),
         "%s: \"%s\"", what, nst_status_message (st));
  CHECK (out[0] == -7, "%s: wrote weights though refused", what);
  nst_status_free (st);
}

/* The blend rule, which the CLI, both plug-ins and both dialogs call:
 * weights finite and not negative, one above 0; scaled to sum 1. */
static void
check_blend (void)
{
  double out[NST_MAX_STYLES + 1];
  double zero_one[2] = { 0, 3 };
  CHECK_OK (nst_style_blend_normalise (zero_one, 2, out));
  CHECK (out[0] == 0 && out[1] == 1, "0,3 gives %g,%g", out[0], out[1]);
  CHECK_OK (nst_style_blend_normalise (NULL, 2, out));
  CHECK (out[0] == 0.5 && out[1] == 0.5, "NULL gives %g,%g", out[0], out[1]);
  double huge[2] = { 1.7e308, 1.7e308 };
  CHECK_OK (nst_style_blend_normalise (huge, 2, out));
  CHECK (out[0] == 0.5 && out[1] == 0.5, "1.7e308 twice gives %g,%g", out[0],
         out[1]);
  CHECK_OK (nst_style_blend_normalise (zero_one, 2, NULL));

  double zeros[2] = { 0, 0 }, negative[2] = { 1, -1 }, nan[1] = { NAN };
  expect_blend_refused (zeros, 2, "zero", "0,0");
  expect_blend_refused (negative, 2, "style image 2", "1,-1");
  expect_blend_refused (nan, 1, "style image 1", "NaN");
  expect_blend_refused (NULL, 0, "at least one", "no styles");

  /* What the dialogs start from and offer passes it. */
  double defaults[NST_MAX_STYLES];
  for (int i = 0; i < NST_MAX_STYLES; i++)
    defaults[i] = NST_STYLE_BLEND_DEFAULT;
  CHECK_OK (nst_style_blend_normalise (defaults, NST_MAX_STYLES, NULL));
  CHECK (NST_MAX_STYLES >= 1 && NST_STYLE_BLEND_DEFAULT > 0
             && NST_STYLE_BLEND_DEFAULT <= NST_STYLE_BLEND_UI_MAX,
         "blend default %g, slider up to %g", NST_STYLE_BLEND_DEFAULT,
         NST_STYLE_BLEND_UI_MAX);
}

/* The weights search order, for help texts: environment first, the
 * install last. */
static void
check_weights_places (void)
{
  const char *const *places = nst_weights_places ();
  size_t             n      = 0;
  while (places[n])
    n++;
  CHECK (n == 3 && strcmp (places[0], "$NST_WEIGHTS") == 0
             && strncmp (places[1], "$XDG_DATA_HOME/", 15) == 0
             && places[2][0] == '/',
         "%zu places, the first \"%s\"", n, places[0]);
}

static void
check_library (void)
{
  CHECK (nst_api_version () == NST_API_VERSION, "API version");
  CHECK (nst_version () && *nst_version (), "version");
  CHECK (nst_status_code (NULL) == NST_OK, "NULL status is success");
  CHECK (strcmp (nst_status_message (NULL), "") == 0, "NULL message");

  char *cpu = nst_device_describe (NST_DEVICE_CPU);
  CHECK (cpu && strncmp (cpu, "CPU, 2 threads", 14) == 0,
         "CPU described as \"%s\" with OMP_NUM_THREADS=2", cpu);
  nst_free (cpu);
  char *any = nst_device_describe (NST_DEVICE_AUTO);
  CHECK (any
             && (nst_cuda_device_count () > 0
                 || strstr (any, "(no CUDA GPU found)")),
         "auto described as \"%s\"", any);
  nst_free (any);

  /* Every free accepts NULL. */
  nst_status_free (NULL);
  nst_free (NULL);
  nst_model_free (NULL);
  nst_job_free (NULL);
  nst_job_cancel (NULL);
  nst_params_init (NULL);
}

/* The final level's size: params.size on the long edge, or the content's
 * own with size 0; rounded, never below 1 px. */
static void
check_working_size (void)
{
  NstParams params;
  int       w, h;

  nst_params_init (&params);
  params.size = 512;
  nst_params_working_size (&params, 4000, 3000, &w, &h);
  CHECK (w == 512 && h == 384, "4000×3000 at 512 works at %d×%d", w, h);
  nst_params_working_size (&params, 1000, 3, &w, &h);
  CHECK (w == 512 && h == 2, "1000×3 at 512 works at %d×%d", w, h);
  nst_params_working_size (&params, 10000, 3, &w, &h);
  CHECK (w == 512 && h == 1, "10000×3 at 512 works at %d×%d", w, h);
  params.size = 0;
  nst_params_working_size (&params, 333, 777, &w, &h);
  CHECK (w == 333 && h == 777, "size 0 works at %d×%d, not 333×777", w, h);
}

int
main (void)
{
  check_defaults ();
  check_choices ();
  check_find_and_access ();
  check_presets ();
  check_validation ();
  check_older_caller ();
  check_blend ();
  check_weights_places ();
  check_library ();
  check_working_size ();
  return 0;
}
