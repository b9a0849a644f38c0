/* main.c: gimp-neural-style, the GIMP 2.10 plug-in (Filters ▸ Artistic ▸
 * Neural Style…).  Registration and the three run modes; the arguments are
 * in pdb.c, the work in common/run.c, the dialog's side in
 * common/interactive.c, the dialog in ui/.
 */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <unistd.h>

#include "common/host.h"
#include "common/interactive.h"
#include "common/run.h"
#include "nsp-dialog.h"
#include "pdb.h"

static void query (void);
static void run (const gchar     *name,
                 gint             nparams,
                 const GimpParam *param,
                 gint            *nreturn_vals,
                 GimpParam      **return_vals);

const GimpPlugInInfo PLUG_IN_INFO = { NULL, NULL, query, run };

MAIN ()

/* NSP_PROC, in the menu, and NSP_PROC_REGIONS, for scripts: the
 * dialog's regions are its own values, so a second menu entry would
 * only repeat the first. */
static void
install (gboolean regions)
{
  const gchar        *name = regions ? NSP_PROC_REGIONS : NSP_PROC;
  gint                n_args, n_returns;
  GimpParamDef       *args    = nsp_pdb_args (regions, &n_args);
  const GimpParamDef *returns = nsp_pdb_return_values (&n_returns);
  gchar *help = regions ? g_strconcat (nsp_help, "  ", nsp_regions_help, NULL)
                        : g_strdup (nsp_help);

  gimp_install_procedure (name, nsp_blurb, help, NSP_AUTHOR, NSP_AUTHOR,
                          NSP_DATE, regions ? NULL : nsp_menu_label,
                          NSP_IMAGE_TYPES, GIMP_PLUGIN, n_args, n_returns, args,
                          returns);
  g_free (help);
  nsp_pdb_args_free (args, n_args);
}

static void
query (void)
{
  gimp_plugin_domain_register (GETTEXT_PACKAGE, LOCALEDIR);

  install (FALSE);
  gimp_plugin_menu_register (NSP_PROC, NSP_MENU_PATH);
  install (TRUE);
}

/* The values saved by the last interactive run, if they fit this build. */
static gboolean
last_values_load (NspValues *values)
{
  if (gimp_get_data_size (NSP_PROC) != sizeof (NspValues))
    return FALSE;
  gimp_get_data (NSP_PROC, values);
  return values->version == NSP_VALUES_VERSION
         && values->params.struct_size == sizeof (NstParams);
}

/* Whether every saved style still exists: the layers of the last run may
 * have been deleted, or their image closed, since. */
static gboolean
styles_exist (const NspValues *values)
{
  gint i;

  for (i = 0; i < values->n_styles; i++)
    if (nsp_host_item_kind (values->style_ids[i]) < NSP_ITEM_DRAWABLE)
      return FALSE;
  return values->n_styles > 0;
}

static GimpPDBStatusType
run_interactive (gint32 image, gint32 drawable, gint32 *result)
{
  NspValues values;

  if (! last_values_load (&values))
    nsp_values_init (&values);
  if (! nsp_interactive_run (image, drawable, &values, nsp_dialog_run, NULL,
                             result))
    return GIMP_PDB_CANCEL;
  gimp_set_data (NSP_PROC, &values, sizeof (values));
  return GIMP_PDB_SUCCESS;
}

static GimpPDBStatusType
run_mode (const gchar     *name,
          GimpRunMode      mode,
          gint             nparams,
          const GimpParam *param,
          gint32          *result,
          gchar          **error)
{
  gint32    image    = param[1].data.d_image;
  gint32    drawable = param[2].data.d_drawable;
  NspValues values;

  if (gimp_item_is_valid (drawable) && gimp_item_get_image (drawable) != image)
    {
      *error = g_strdup_printf (_ ("The drawable (id %d) is not in the image "
                                   "given (id %d): pass the image that holds "
                                   "it."),
                                drawable, image);
      return GIMP_PDB_CALLING_ERROR;
    }

  switch (mode)
    {
    case GIMP_RUN_INTERACTIVE:
      gegl_init (NULL, NULL);
      return run_interactive (image, drawable, result);

    case GIMP_RUN_NONINTERACTIVE:
      if (! nsp_pdb_unpack (name, nparams, param, &values, error))
        return GIMP_PDB_CALLING_ERROR;
      break;

    case GIMP_RUN_WITH_LAST_VALS:
      /* Repeat after the style layer is gone: ask, as the menu entry
       * would (the dialog drops the missing style).  Only batch mode
       * cannot. */
      if (last_values_load (&values) && ! styles_exist (&values)
          && gimp_display_name ())
        {
          gegl_init (NULL, NULL);
          return run_interactive (image, drawable, result);
        }
      if (! last_values_load (&values))
        {
          *error = g_strdup (_ ("Neural Style has no saved settings yet: run "
                                "Filters ▸ Artistic ▸ Neural Style… once "
                                "first."));
          return GIMP_PDB_EXECUTION_ERROR;
        }
      /* Filters ▸ Repeat shows GIMP's own progress, whose Cancel kills the
       * plug-in before it could remove a preview layer: none then. */
      values.params.preview_every = 0;
      break;

    default:
      *error = g_strdup_printf (_ ("Unknown run mode %d."), mode);
      return GIMP_PDB_CALLING_ERROR;
    }

  /* Only now: GEGL loads all its modules, a third of a second that a call
   * failing its checks should not wait for. */
  gegl_init (NULL, NULL);
  return nsp_run_sync (drawable, &values, result, error)
             ? GIMP_PDB_SUCCESS
             : GIMP_PDB_EXECUTION_ERROR;
}

static void
run (const gchar     *name,
     gint             nparams,
     const GimpParam *param,
     gint            *nreturn_vals,
     GimpParam      **return_vals)
{
  /* Read by libgimp after run () returns. */
  static GimpParam  values[2];
  static gchar     *error = NULL;
  GimpPDBStatusType status;
  gint32            result = -1;

  /* GIMP's Cancel kills the plug-in's process group: lead one, so that
   * nothing the engine starts outlives it. */
  setpgid (0, 0);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_clear_pointer (&error, g_free);
  if (nparams < 3)
    {
      error  = g_strdup_printf (_ ("%s needs at least a run mode, an image "
                                    "and a drawable."),
                                NSP_PROC);
      status = GIMP_PDB_CALLING_ERROR;
    }
  else
    {
      status = run_mode (name, param[0].data.d_int32, nparams, param, &result,
                         &error);
    }

  *return_vals            = values;
  *nreturn_vals           = 2;
  values[0].type          = GIMP_PDB_STATUS;
  values[0].data.d_status = status;
  if (status == GIMP_PDB_SUCCESS)
    {
      values[1].type         = GIMP_PDB_LAYER;
      values[1].data.d_layer = result;
    }
  else if (error)
    {
      /* GIMP 2.10 turns a string after an error status into the error
       * message its caller sees (Script-Fu, the error console). */
      values[1].type          = GIMP_PDB_STRING;
      values[1].data.d_string = error;
    }
  else
    {
      *nreturn_vals = 1;
    }
}
