/* config.c: the GIMP 3.0 arguments from the parameter table, and
 * NspValues to and from the GimpProcedureConfig.
 *
 * GIMP 3 checks ranges and choices of every argument itself, from the
 * GParamSpecs made here, before the plug-in runs; nsp_values_check checks
 * again whatever the source of the values.
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "common/procedure.h"
#include "config.h"

/* GIMP 3.0 keeps a procedure's last values by serializing its config, and
 * cannot serialize the styles (a GimpCoreObjectArray of drawables): the
 * .last file keeps a run's style-blend but not its styles, and an item
 * object would not outlive the session anyway.  So the styles are also
 * remembered by reference, in this auxiliary argument (saved with the last
 * values, not part of the PDB signature): one "<item id> <name>" line per
 * style, always written together with styles and style-blend.  An
 * interactive or last-values run that gets no styles takes back those that
 * still exist under the same id and name (GIMP reuses ids in a later
 * session: the name keeps a stranger out), with their blend weights when
 * style-blend still has one per remembered style, else
 * NST_STYLE_BLEND_DEFAULT.  When none is left there is no style at all (and
 * no blend): the dialog then chooses one as on a first run.
 * Non-interactive calls get what the caller gave, and a clear calling
 * error when styles and style-blend disagree. */
#define STYLE_MEMORY "remembered-styles"

/* Styles by region: "regions" (where each style paints) and "source-masks"
 * (where it is taken from), NSP_PROC's last arguments.  GIMP 2.10 needed a
 * new procedure for them, as its Script-Fu wants every argument; GIMP 3
 * fills the arguments a caller leaves out at the end with their defaults
 * (tests/gimp3/test_regions.py calls NSP_PROC without them), so adding
 * them to the one procedure keeps every earlier call working, and GIMP 3
 * scripts need no second name.  Their type is an int32 array of item ids,
 * as in GIMP 2.10, not a GimpCoreObjectArray of drawables: a style without
 * a region needs an entry saying so, -1, which an object array cannot hold
 * (NULL ends it), and GIMP 3.0.4 refuses an empty object array as out of
 * range (see "styles" below).  Default: the empty array, no regions at
 * all; otherwise one entry per style.  Ids do not outlive a session, and
 * only the dialog will know how to find a region again: not serialized. */
#define REGIONS "regions"
#define SOURCE_MASKS "source-masks"

/* A GimpChoice of the table row's choices: the nick is what callers pass
 * ("luminance"), the id the enum's value. */
static GimpChoice *
choice_new (const NstParamInfo *info)
{
  GimpChoice *choice = gimp_choice_new ();
  gsize       i;

  for (i = 0; i < info->n_choices; i++)
    gimp_choice_add (choice, info->choices[i].nick, info->choices[i].value,
                     _ (info->choices[i].label), NULL);
  return choice;
}

static const gchar *
choice_nick (const NstParamInfo *info, gint value)
{
  const NstChoice *choice = nst_param_choice_by_value (info, value);

  g_return_val_if_fail (choice != NULL, info->choices[0].nick);
  return choice->nick;
}

void
nsp_config_add_arguments (GimpProcedure *procedure)
{
  gsize               n_table, i;
  const NstParamInfo *table = nst_param_table (&n_table);
  gchar              *text;
  gchar              *places;

  /* Unvalidated, as GIMP's own "drawables": GIMP 3.0.4 sends no styles (the
   * argument's default, or a style deleted before the call) as an empty
   * array, which its validation rewrites to NULL and then refuses as "out
   * of range".  The plug-in checks the styles itself: nsp_config_get_values
   * and nsp_values_check.  Not serialized: GIMP cannot, and warned on each
   * attempt; STYLE_MEMORY keeps them instead. */
  text = g_strdup_printf (_ ("Style drawables: layers or channels of any open "
                             "image, any size (1 to %d)"),
                          NST_MAX_STYLES);
  gimp_procedure_add_core_object_array_argument (
      procedure, "styles", _ ("St_yles"), text, GIMP_TYPE_DRAWABLE,
      G_PARAM_READWRITE | GIMP_PARAM_NO_VALIDATE | GIMP_PARAM_DONT_SERIALIZE);
  g_free (text);
  gimp_procedure_add_double_array_argument (
      procedure, "style-blend", _ ("Style _blend"),
      _ ("Blend weight of each style, one per style, relative to the others "
         "(normalised to sum 1)"),
      G_PARAM_READWRITE);

  for (i = 0; i < n_table; i++)
    {
      const NstParamInfo *info  = &table[i];
      const gchar        *label = _ (info->label);
      const gchar        *help  = _ (info->help);

      switch (info->type)
        {
        case NST_PARAM_TYPE_INT:
          gimp_procedure_add_int_argument (
              procedure, info->name, label, help, (gint) info->min_value,
              (gint) info->max_value, (gint) info->default_value,
              G_PARAM_READWRITE);
          break;

        case NST_PARAM_TYPE_DOUBLE:
          gimp_procedure_add_double_argument (
              procedure, info->name, label, help, info->min_value,
              info->max_value, info->default_value, G_PARAM_READWRITE);
          break;

        case NST_PARAM_TYPE_ENUM:
          gimp_procedure_add_choice_argument (
              procedure, info->name, label, help, choice_new (info),
              choice_nick (info, (gint) info->default_value),
              G_PARAM_READWRITE);
          break;
        }
    }

  places = nsp_weights_search_order (TRUE);
  text   = g_strdup_printf (_ ("VGG19 weights file (safetensors); empty "
                                 "searches %s"),
                            places);
  gimp_procedure_add_string_argument (procedure, "weights", _ ("Weights _file"),
                                      text, "", G_PARAM_READWRITE);
  g_free (text);
  g_free (places);

  gimp_procedure_add_int32_array_argument (
      procedure, REGIONS, _ ("_Regions"),
      _ ("Where each style paints, one per style: the id of a channel, the "
         "selection or a layer mask of the image, white where the style "
         "goes; -1 for the whole image.  Empty: every style everywhere"),
      G_PARAM_READWRITE | GIMP_PARAM_DONT_SERIALIZE);
  gimp_procedure_add_int32_array_argument (
      procedure, SOURCE_MASKS, _ ("Style _source masks"),
      _ ("Where each style is taken from, one per style: the id of a "
         "channel or layer mask of the style layer's image; -1 for all of "
         "the style layer.  Empty: all of every style layer"),
      G_PARAM_READWRITE | GIMP_PARAM_DONT_SERIALIZE);

  /* Not part of the PDB signature: see styles_remember (). */
  gimp_procedure_add_string_aux_argument (
      procedure, STYLE_MEMORY, "Remembered styles",
      "The styles of the last interactive run, one \"<item id> <name>\" "
      "line each",
      "", G_PARAM_READWRITE);
  /* GIMP 2.10's dialog keeps it with gimp_set_data (), which libgimp 3
   * lacks: here it goes with the last values, which GIMP saves after a
   * run that succeeds (OK, Stop), not after Cancel. */
  gimp_procedure_add_boolean_aux_argument (
      procedure, NSP_CONFIG_ADVANCED_OPEN, "Advanced open",
      "Whether the dialog's Advanced settings were shown", FALSE,
      G_PARAM_READWRITE);

  gimp_procedure_add_layer_return_value (
      procedure, "result-layer", _ ("Result layer"),
      _ ("The new layer (output new-layer), or the content layer (replace; "
         "none when the content is not a layer)"),
      TRUE, G_PARAM_READWRITE);
}

/* The id array `name` into ids[0 … n_styles − 1]: empty leaves them -1. */
static gboolean
get_region_ids (GimpProcedureConfig *config,
                const gchar         *name,
                gint                 n_styles,
                gint32              *ids,
                gchar              **error)
{
  GimpArray    *array = NULL;
  const gint32 *given = NULL;
  gsize         n     = 0;
  gboolean      ok;

  g_object_get (config, name, &array, NULL);
  if (array)
    given = gimp_int32_array_get_values (array, &n);
  ok = n == 0 || n == (gsize) n_styles;
  if (! ok)
    *error = g_strdup_printf (_ ("Give one id per style in %s, -1 for "
                                 "none, or leave it empty: it has %d, "
                                 "styles has %d."),
                              name, (gint) n, n_styles);
  else if (n != 0)
    memcpy (ids, given, n * sizeof (gint32));
  if (array)
    gimp_array_free (array);
  return ok;
}

void
nsp_config_get_params (GimpProcedureConfig *config, NstParams *params)
{
  gsize               n_table, i;
  const NstParamInfo *table = nst_param_table (&n_table);

  for (i = 0; i < n_table; i++)
    {
      const NstParamInfo *info = &table[i];
      gdouble             value;

      if (info->type == NST_PARAM_TYPE_ENUM)
        {
          value = gimp_procedure_config_get_choice_id (config, info->name);
        }
      else if (info->type == NST_PARAM_TYPE_INT)
        {
          gint v;

          g_object_get (config, info->name, &v, NULL);
          value = v;
        }
      else
        {
          g_object_get (config, info->name, &value, NULL);
        }
      nst_params_set (params, info, value);
    }
}

void
nsp_config_set_param (GimpProcedureConfig *config,
                      const NstParamInfo  *info,
                      gdouble              value)
{
  if (info->type == NST_PARAM_TYPE_ENUM)
    g_object_set (config, info->name, choice_nick (info, (gint) value), NULL);
  else if (info->type == NST_PARAM_TYPE_INT)
    g_object_set (config, info->name, (gint) value, NULL);
  else
    g_object_set (config, info->name, value, NULL);
}

gboolean
nsp_config_get_values (GimpProcedureConfig *config,
                       gboolean             styles_required,
                       NspValues           *values,
                       gchar              **error)
{
  gsize          i, n_styles, n_blends = 0;
  GimpDrawable **styles  = NULL;
  GimpArray     *blends  = NULL;
  const gdouble *blend   = NULL;
  gchar         *weights = NULL;
  gboolean       ok      = FALSE;

  nsp_values_init (values);
  g_object_get (config, "styles", &styles, "style-blend", &blends, "weights",
                &weights, NULL);

  n_styles
      = styles ? gimp_core_object_array_get_length ((GObject **) styles) : 0;
  if (blends)
    blend = gimp_double_array_get_values (blends, &n_blends);

  /* GIMP drops a style that no longer exists, and those after it, from
   * the array: fewer styles than blends is most often that. */
  if (n_blends > n_styles)
    {
      *error = g_strdup_printf (_ ("Give one blend weight per style: "
                                   "style-blend has %d, styles has %d.  A "
                                   "style layer that was deleted, or whose "
                                   "image was closed, does not exist any "
                                   "more and is missing from styles."),
                                (gint) n_blends, (gint) n_styles);
      goto out;
    }
  if ((styles_required && n_styles == 0) || n_styles > NST_MAX_STYLES)
    {
      *error = g_strdup_printf (_ ("Choose between 1 and %d style layers "
                                   "(got %d)."),
                                NST_MAX_STYLES, (gint) n_styles);
      goto out;
    }
  if (n_blends != n_styles)
    {
      *error = g_strdup_printf (_ ("Give one blend weight per style: "
                                   "style-blend has %d, styles has %d."),
                                (gint) n_blends, (gint) n_styles);
      goto out;
    }
  if (weights && strlen (weights) >= sizeof (values->weights_path))
    {
      *error = g_strdup_printf (_ ("weights: the path is longer than %d "
                                   "bytes."),
                                (gint) sizeof (values->weights_path) - 1);
      goto out;
    }

  values->n_styles = n_styles;
  for (i = 0; i < n_styles; i++)
    {
      values->style_ids[i]   = gimp_item_get_id (GIMP_ITEM (styles[i]));
      values->style_blend[i] = blend[i];
    }
  g_strlcpy (values->weights_path, weights ? weights : "",
             sizeof (values->weights_path));
  if (! get_region_ids (config, REGIONS, n_styles, values->region_ids, error)
      || ! get_region_ids (config, SOURCE_MASKS, n_styles,
                           values->source_mask_ids, error))
    goto out;

  nsp_config_get_params (config, &values->params);
  ok = TRUE;

out:
  g_free (styles);
  if (blends)
    gimp_array_free (blends);
  g_free (weights);
  return ok;
}

/* Styles, their blends and the memory of them: always together. */
static void
config_set_styles (GimpProcedureConfig *config,
                   GObject            **styles,
                   const gdouble       *blend,
                   gint                 n)
{
  GimpArray *blends;
  GString   *memory = g_string_new (NULL);
  gint       i;

  for (i = 0; i < n; i++)
    {
      gchar *name = gimp_item_get_name (GIMP_ITEM (styles[i]));

      g_string_append_printf (memory, "%d %s\n",
                              gimp_item_get_id (GIMP_ITEM (styles[i])), name);
      g_free (name);
    }

  /* No styles is NULL: GIMP 3.0.4 calls an empty array out of range. */
  if (n > 0)
    gimp_procedure_config_set_core_object_array (config, "styles", styles, n);
  else
    g_object_set (config, "styles", NULL, NULL);
  /* No data for no blends: gimp_array_new refuses data of length 0. */
  blends = gimp_array_new (n > 0 ? (const guint8 *) blend : NULL,
                           n * sizeof (gdouble), TRUE);
  g_object_set (config, "style-blend", blends, STYLE_MEMORY, memory->str, NULL);
  gimp_array_free (blends);
  g_string_free (memory, TRUE);
}

void
nsp_config_restore_styles (GimpProcedureConfig *config, gint32 drawable)
{
  GObject      **given  = NULL;
  GimpArray     *blends = NULL;
  gchar         *memory = NULL;
  gchar        **lines;
  const gdouble *blend    = NULL;
  gsize          n_blends = 0;
  GObject       *styles[NST_MAX_STYLES];
  gdouble        weight[NST_MAX_STYLES];
  gint           n_lines, n = 0, i;

  g_object_get (config, "styles", &given, "style-blend", &blends, STYLE_MEMORY,
                &memory, NULL);
  if (blends)
    blend = gimp_double_array_get_values (blends, &n_blends);
  if (given && given[0])
    {
      /* The caller's styles (an interactive call from a script), with the
       * last run's blend weights: those of other styles when the counts
       * differ, then each style gets the default. */
      for (n = 0; given[n]; n++)
        if (n < NST_MAX_STYLES)
          {
            styles[n] = given[n];
            weight[n] = NST_STYLE_BLEND_DEFAULT;
          }
      /* Too many: nsp_config_get_values says so. */
      if ((gsize) n != n_blends && n <= NST_MAX_STYLES)
        config_set_styles (config, styles, weight, n);
      goto out;
    }

  lines   = g_strsplit (memory ? memory : "", "\n", -1);
  n_lines = g_strv_length (lines) - (lines[0] ? 1 : 0); /* the last "" */

  for (i = 0; i < n_lines && n < NST_MAX_STYLES; i++)
    {
      gchar   *name;
      gint64   id = g_ascii_strtoll (lines[i], &name, 10);
      gchar   *now;
      gboolean same;

      if (name == lines[i] || *name != ' ' || id == drawable
          || ! gimp_item_id_is_drawable ((gint32) id))
        continue;
      styles[n] = G_OBJECT (gimp_drawable_get_by_id ((gint32) id));
      now       = gimp_item_get_name (GIMP_ITEM (styles[n]));
      same      = g_strcmp0 (now, name + 1) == 0
             && ! gimp_drawable_is_indexed (GIMP_DRAWABLE (styles[n]));
      g_free (now);
      if (! same)
        continue;
      weight[n]
          = n_blends == (gsize) n_lines ? blend[i] : NST_STYLE_BLEND_DEFAULT;
      n++;
    }
  g_strfreev (lines);
  config_set_styles (config, styles, weight, n);

out:
  g_free (given);
  if (blends)
    gimp_array_free (blends);
  g_free (memory);
}

/* ids[0 … n − 1] into the id array `name`; empty, the default, when all
 * are -1, as for a caller that leaves the regions out. */
static void
set_region_ids (GimpProcedureConfig *config,
                const gchar         *name,
                const gint32        *ids,
                gint                 n)
{
  GimpArray *array;
  gboolean   any = FALSE;
  gint       i;

  for (i = 0; i < n; i++)
    any |= ids[i] != -1;
  if (! any)
    n = 0;
  array = gimp_array_new (n > 0 ? (const guint8 *) ids : NULL,
                          n * sizeof (gint32), TRUE);
  g_object_set (config, name, array, NULL);
  gimp_array_free (array);
}

void
nsp_config_set_values (GimpProcedureConfig *config, const NspValues *values)
{
  gsize               n_table, i;
  const NstParamInfo *table = nst_param_table (&n_table);
  GObject            *styles[NST_MAX_STYLES];
  gdouble             blend[NST_MAX_STYLES];
  gint32              regions[NST_MAX_STYLES];
  gint32              source_masks[NST_MAX_STYLES];
  gint                n = 0;

  /* Only styles that still exist (a config holds objects, not ids), with
   * their regions. */
  for (i = 0; i < (gsize) values->n_styles; i++)
    if (gimp_item_id_is_drawable (values->style_ids[i]))
      {
        styles[n]  = G_OBJECT (gimp_drawable_get_by_id (values->style_ids[i]));
        blend[n]   = values->style_blend[i];
        regions[n] = values->region_ids[i];
        source_masks[n] = values->source_mask_ids[i];
        n++;
      }
  config_set_styles (config, styles, blend, n);
  set_region_ids (config, REGIONS, regions, n);
  set_region_ids (config, SOURCE_MASKS, source_masks, n);
  g_object_set (config, "weights", values->weights_path, NULL);

  for (i = 0; i < n_table; i++)
    nsp_config_set_param (config, &table[i],
                          nst_params_get (&values->params, &table[i]));
}
