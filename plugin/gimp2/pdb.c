/* pdb.c: PDB arguments from the parameter table, and their checks.
 *
 * The fixed arguments (run mode, image, drawable, styles and blends) come
 * first, then one argument per row of nst-params.def in table order (ints
 * and enums as INT32, doubles as FLOAT), then the weights path.  The table
 * is append-only, so this order lasts; a row added later still changes the
 * argument count, and then belongs to a new procedure name.  So do the
 * regions: NSP_PROC_REGIONS is NSP_PROC's arguments, then the regions'
 * two arrays.
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "common/inputs.h"
#include "pdb.h"

enum
{
  ARG_RUN_MODE,
  ARG_IMAGE,
  ARG_DRAWABLE,
  ARG_NUM_STYLES,
  ARG_STYLES,
  ARG_NUM_BLENDS,
  ARG_STYLE_BLEND,
  ARG_FIRST_TABLE /* then the table's rows, then "weights" */
};

/* After "weights", in NSP_PROC_REGIONS only. */
enum
{
  ARG_NUM_REGIONS,
  ARG_REGIONS,
  ARG_NUM_SOURCE_MASKS,
  ARG_SOURCE_MASKS,
  N_REGION_ARGS
};

static const GimpParamDef return_values[] = {
  { GIMP_PDB_LAYER, "result-layer",
    "The new layer (output new-layer), or the content drawable (replace; "
    "-1 when it is not a layer)" },
};

static gchar *
choices_text (const NstParamInfo *info)
{
  GString *text = g_string_new ("{ ");
  gsize    i;

  for (i = 0; i < info->n_choices; i++)
    g_string_append_printf (text, "%s%s (%d)", i ? ", " : "",
                            info->choices[i].nick, info->choices[i].value);
  g_string_append (text, " }");
  return g_string_free (text, FALSE);
}

/* "<help> (<min> to <max>, default <def>)", from the table row. */
static gchar *
param_help (const NstParamInfo *info)
{
  switch (info->type)
    {
    case NST_PARAM_TYPE_INT:
      return g_strdup_printf ("%s (%d to %d, default %d)", info->help,
                              (gint) info->min_value, (gint) info->max_value,
                              (gint) info->default_value);

    case NST_PARAM_TYPE_DOUBLE:
      return g_strdup_printf ("%s (%g to %g, default %g)", info->help,
                              info->min_value, info->max_value,
                              info->default_value);

    case NST_PARAM_TYPE_ENUM:
      {
        gchar           *choices = choices_text (info);
        const NstChoice *def
            = nst_param_choice_by_value (info, (gint) info->default_value);
        gchar *help = g_strdup_printf ("%s %s, default %s (%d)", info->help,
                                       choices, def->nick, def->value);

        g_free (choices);
        return help;
      }
    }
  g_return_val_if_reached (NULL);
}

static void
set_arg (GimpParamDef  *arg,
         GimpPDBArgType type,
         const gchar   *name,
         gchar         *description)
{
  arg->type        = type;
  arg->name        = g_strdup (name);
  arg->description = description;
}

static gchar *
weights_help (void)
{
  gchar *places = nsp_weights_search_order (FALSE);
  gchar *help   = g_strdup_printf ("VGG19 weights file (safetensors); \"\" "
                                     "searches %s",
                                   places);

  g_free (places);
  return help;
}

/* NSP_PROC's argument count: the region arguments start there. */
static gint
n_plain_args (void)
{
  gsize n_table;

  nst_param_table (&n_table);
  return ARG_FIRST_TABLE + n_table + 1;
}

static void
set_region_args (GimpParamDef *args)
{
  set_arg (&args[ARG_NUM_REGIONS], GIMP_PDB_INT32, "num-regions",
           g_strdup ("Number of regions: the same as num-styles"));
  set_arg (&args[ARG_REGIONS], GIMP_PDB_INT32ARRAY, "regions",
           g_strdup ("Where each style paints: the id of a channel, the "
                     "selection (gimp-image-get-selection) or a layer mask "
                     "of the image, white where the style goes (soft edges "
                     "welcome); -1 for the whole image.  Styles with a "
                     "region each paint it fully; the others blend over "
                     "the whole image"));
  set_arg (&args[ARG_NUM_SOURCE_MASKS], GIMP_PDB_INT32, "num-source-masks",
           g_strdup ("Number of source masks: the same as num-styles"));
  set_arg (&args[ARG_SOURCE_MASKS], GIMP_PDB_INT32ARRAY, "source-masks",
           g_strdup ("Where each style is taken from: the id of a channel "
                     "or layer mask of the style layer's image, white "
                     "where to take it; -1 for all of the style layer"));
}

GimpParamDef *
nsp_pdb_args (gboolean regions, gint *n_args)
{
  gsize               n_table;
  const NstParamInfo *table   = nst_param_table (&n_table);
  gint                n_plain = n_plain_args ();
  GimpParamDef       *args;
  gsize               i;

  *n_args = n_plain + (regions ? N_REGION_ARGS : 0);
  args    = g_new0 (GimpParamDef, *n_args);

  set_arg (&args[ARG_RUN_MODE], GIMP_PDB_INT32, "run-mode",
           g_strdup ("The run mode { RUN-INTERACTIVE (0), "
                     "RUN-NONINTERACTIVE (1), RUN-WITH-LAST-VALS (2) }"));
  set_arg (&args[ARG_IMAGE], GIMP_PDB_IMAGE, "image",
           g_strdup ("Image of the content drawable"));
  set_arg (&args[ARG_DRAWABLE], GIMP_PDB_DRAWABLE, "drawable",
           g_strdup ("Content drawable: the layer to repaint (RGB or grey, "
                     "any precision); the selection limits the work"));
  set_arg (
      &args[ARG_NUM_STYLES], GIMP_PDB_INT32, "num-styles",
      g_strdup_printf ("Number of style drawables (1 to %d)", NST_MAX_STYLES));
  set_arg (&args[ARG_STYLES], GIMP_PDB_INT32ARRAY, "styles",
           g_strdup ("Style drawables: ids of layers or channels of any open "
                     "image, any size"));
  set_arg (&args[ARG_NUM_BLENDS], GIMP_PDB_INT32, "num-blends",
           g_strdup ("Number of blend weights: the same as num-styles"));
  set_arg (&args[ARG_STYLE_BLEND], GIMP_PDB_FLOATARRAY, "style-blend",
           g_strdup ("Blend weight of each style, relative to the others "
                     "(normalised to sum 1)"));

  for (i = 0; i < n_table; i++)
    set_arg (&args[ARG_FIRST_TABLE + i],
             table[i].type == NST_PARAM_TYPE_DOUBLE ? GIMP_PDB_FLOAT
                                                    : GIMP_PDB_INT32,
             table[i].name, param_help (&table[i]));

  set_arg (&args[n_plain - 1], GIMP_PDB_STRING, "weights", weights_help ());
  if (regions)
    set_region_args (args + n_plain);
  return args;
}

void
nsp_pdb_args_free (GimpParamDef *args, gint n_args)
{
  gint i;

  for (i = 0; i < n_args; i++)
    {
      g_free (args[i].name);
      g_free (args[i].description);
    }
  g_free (args);
}

const GimpParamDef *
nsp_pdb_return_values (gint *n_values)
{
  *n_values = G_N_ELEMENTS (return_values);
  return return_values;
}

/* One id per style in each region array, as num-blends. */
static gboolean
unpack_regions (const GimpParam *param, NspValues *values, gchar **error)
{
  gint n_regions = param[ARG_NUM_REGIONS].data.d_int32;
  gint n_sources = param[ARG_NUM_SOURCE_MASKS].data.d_int32;
  gint i;

  if (n_regions != values->n_styles || n_sources != values->n_styles)
    {
      *error = g_strdup_printf (_ ("num-regions (%d) and num-source-masks "
                                   "(%d) must equal num-styles (%d): give "
                                   "one of each per style, -1 for none."),
                                n_regions, n_sources, values->n_styles);
      return FALSE;
    }
  for (i = 0; i < values->n_styles; i++)
    {
      values->region_ids[i]      = param[ARG_REGIONS].data.d_int32array[i];
      values->source_mask_ids[i] = param[ARG_SOURCE_MASKS].data.d_int32array[i];
    }
  return TRUE;
}

gboolean
nsp_pdb_unpack (const gchar     *name,
                gint             nparams,
                const GimpParam *param,
                NspValues       *values,
                gchar          **error)
{
  gsize               n_table;
  const NstParamInfo *table      = nst_param_table (&n_table);
  gint                n_plain    = n_plain_args ();
  gboolean            regions    = ! strcmp (name, NSP_PROC_REGIONS);
  gint                n_expected = n_plain + (regions ? N_REGION_ARGS : 0);
  gint                n_styles, n_blends, i;
  const gchar        *weights;

  if (nparams != n_expected)
    {
      *error = g_strdup_printf (_ ("%s takes %d arguments, not %d."), name,
                                n_expected, nparams);
      return FALSE;
    }

  if (gimp_drawable_is_indexed (param[ARG_DRAWABLE].data.d_drawable))
    {
      *error = g_strdup (nsp_indexed_message ());
      return FALSE;
    }

  nsp_values_init (values);

  n_styles = param[ARG_NUM_STYLES].data.d_int32;
  n_blends = param[ARG_NUM_BLENDS].data.d_int32;
  if (n_styles < 1 || n_styles > NST_MAX_STYLES)
    {
      *error = g_strdup_printf (_ ("num-styles must be between 1 and %d "
                                   "(got %d)."),
                                NST_MAX_STYLES, n_styles);
      return FALSE;
    }
  if (n_blends != n_styles)
    {
      *error = g_strdup_printf (_ ("num-blends (%d) must equal num-styles "
                                   "(%d): give one blend weight per style."),
                                n_blends, n_styles);
      return FALSE;
    }

  values->n_styles = n_styles;
  for (i = 0; i < n_styles; i++)
    {
      values->style_ids[i]   = param[ARG_STYLES].data.d_int32array[i];
      values->style_blend[i] = param[ARG_STYLE_BLEND].data.d_floatarray[i];
    }

  for (i = 0; i < (gint) n_table; i++)
    {
      const GimpParam *p = &param[ARG_FIRST_TABLE + i];

      nst_params_set (&values->params, &table[i],
                      table[i].type == NST_PARAM_TYPE_DOUBLE
                          ? p->data.d_float
                          : (gdouble) p->data.d_int32);
    }

  weights = param[n_plain - 1].data.d_string;
  if (weights && strlen (weights) >= sizeof (values->weights_path))
    {
      *error = g_strdup_printf (_ ("weights: the path is longer than %d "
                                   "bytes."),
                                (gint) sizeof (values->weights_path) - 1);
      return FALSE;
    }
  g_strlcpy (values->weights_path, weights ? weights : "",
             sizeof (values->weights_path));

  if (regions && ! unpack_regions (param + n_plain, values, error))
    return FALSE;
  return nsp_values_check (values, error);
}
