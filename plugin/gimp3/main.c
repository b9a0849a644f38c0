/* main.c: gimp-neural-style for GIMP 3.0 (Filters ▸ Artistic ▸ Neural
 * Style…).  The GimpPlugIn, the procedure and its run modes; the arguments
 * are in config.c, the dialog in dialog.c, the work in common/run.c, the
 * image's side in host.c.
 */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <unistd.h>

#include "common/interactive.h"
#include "common/procedure.h"
#include "common/run.h"
#include "config.h"
#include "dialog.h"

typedef struct
{
  GimpPlugIn parent_instance;
} NspPlugIn;

typedef struct
{
  GimpPlugInClass parent_class;
} NspPlugInClass;

#define NSP_TYPE_PLUG_IN (nsp_plug_in_get_type ())

GType nsp_plug_in_get_type (void) G_GNUC_CONST;

G_DEFINE_TYPE (NspPlugIn, nsp_plug_in, GIMP_TYPE_PLUG_IN)

GIMP_MAIN (NSP_TYPE_PLUG_IN)

static GList *
nsp_query_procedures (GimpPlugIn *plug_in)
{
  return g_list_append (NULL, g_strdup (NSP_PROC));
}

static GimpValueArray *nsp_run (GimpProcedure       *procedure,
                                GimpRunMode          run_mode,
                                GimpImage           *image,
                                GimpDrawable       **drawables,
                                GimpProcedureConfig *config,
                                gpointer             run_data);

static GimpProcedure *
nsp_create_procedure (GimpPlugIn *plug_in, const gchar *name)
{
  GimpProcedure *procedure;

  if (g_strcmp0 (name, NSP_PROC) != 0)
    return NULL;

  procedure = gimp_image_procedure_new (
      plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, nsp_run, NULL, NULL);
  gimp_procedure_set_image_types (procedure, NSP_IMAGE_TYPES);
  gimp_procedure_set_sensitivity_mask (procedure,
                                       GIMP_PROCEDURE_SENSITIVE_DRAWABLE);
  gimp_procedure_set_menu_label (procedure, _ (nsp_menu_label));
  gimp_procedure_add_menu_path (procedure, NSP_MENU_PATH);
  gimp_procedure_set_documentation (procedure, _ (nsp_blurb), nsp_help, name);
  gimp_procedure_set_attribution (procedure, NSP_AUTHOR, NSP_AUTHOR, NSP_DATE);
  nsp_config_add_arguments (procedure);

  return procedure;
}

static void
nsp_plug_in_class_init (NspPlugInClass *klass)
{
  GimpPlugInClass *plug_in_class = GIMP_PLUG_IN_CLASS (klass);

  plug_in_class->query_procedures = nsp_query_procedures;
  plug_in_class->create_procedure = nsp_create_procedure;
  /* No set_i18n: libgimp's default binds the gimp-neural-style domain to
   * locale/ beside the binary, where meson installs the catalogs. */
}

static void
nsp_plug_in_init (NspPlugIn *plug_in)
{
}

static GimpValueArray *
nsp_error (GimpProcedure *procedure, GimpPDBStatusType status, gchar *message)
{
  GError *error = g_error_new_literal (GIMP_PLUG_IN_ERROR, 0, message);

  g_free (message);
  return gimp_procedure_new_return_values (procedure, status, error);
}

static GimpValueArray *
nsp_run (GimpProcedure       *procedure,
         GimpRunMode          run_mode,
         GimpImage           *image,
         GimpDrawable       **drawables,
         GimpProcedureConfig *config,
         gpointer             run_data)
{
  GimpValueArray *return_values;
  NspValues       values;
  gchar          *error  = NULL;
  gint32          result = -1;
  gint32          drawable;

  /* GIMP's Cancel kills the plug-in's process group: lead one, so that
   * nothing the engine starts outlives it. */
  setpgid (0, 0);
  gegl_init (NULL, NULL);

  if (gimp_core_object_array_get_length ((GObject **) drawables) != 1)
    return nsp_error (procedure, GIMP_PDB_CALLING_ERROR,
                      g_strdup (_ ("Neural Style repaints one layer at a "
                                   "time: select exactly one.")));
  drawable = gimp_item_get_id (GIMP_ITEM (drawables[0]));
  if (gimp_image_get_id (gimp_item_get_image (GIMP_ITEM (drawables[0])))
      != gimp_image_get_id (image))
    return nsp_error (procedure, GIMP_PDB_CALLING_ERROR,
                      g_strdup_printf (_ ("The drawable (id %d) is not in the "
                                          "image given (id %d): pass the "
                                          "image that holds it."),
                                       drawable, gimp_image_get_id (image)));

  if (gimp_drawable_is_indexed (drawables[0]))
    return nsp_error (procedure, GIMP_PDB_CALLING_ERROR,
                      g_strdup (nsp_indexed_message ()));

  /* GIMP has put the caller's arguments, or the last values, or the
   * defaults into the config; the last values lack the styles, which GIMP
   * cannot save. */
  if (run_mode != GIMP_RUN_NONINTERACTIVE)
    nsp_config_restore_styles (config, drawable);
  if (! nsp_config_get_values (config, run_mode == GIMP_RUN_NONINTERACTIVE,
                               &values, &error))
    return nsp_error (procedure, GIMP_PDB_CALLING_ERROR, error);

  /* Repeat with no style left (never run, or the style layer is gone):
   * ask, as the menu entry would.  Only batch mode cannot. */
  if (run_mode == GIMP_RUN_WITH_LAST_VALS && values.n_styles == 0)
    {
      if (! gimp_display_name ())
        return nsp_error (procedure, GIMP_PDB_EXECUTION_ERROR,
                          g_strdup (_ ("Neural Style has no style layer to "
                                       "repeat the last run with: run Filters "
                                       "▸ Artistic ▸ Neural Style… and choose "
                                       "one.")));
      run_mode = GIMP_RUN_INTERACTIVE;
    }

  /* Filters ▸ Repeat shows GIMP's own progress, whose Cancel kills the
   * plug-in before it could remove a preview layer: none then. */
  if (run_mode == GIMP_RUN_WITH_LAST_VALS)
    values.params.preview_every = 0;

  if (run_mode == GIMP_RUN_INTERACTIVE)
    {
      NspGimp3DialogContext context = { procedure, config };

      if (! nsp_interactive_run (gimp_image_get_id (image), drawable, &values,
                                 nsp_gimp3_dialog_run, &context, &result))
        return gimp_procedure_new_return_values (procedure, GIMP_PDB_CANCEL,
                                                 NULL);
      nsp_config_set_values (config, &values);
    }
  else if (! nsp_run_sync (drawable, &values, &result, &error))
    {
      return nsp_error (procedure, GIMP_PDB_EXECUTION_ERROR, error);
    }

  if (run_mode != GIMP_RUN_NONINTERACTIVE)
    gimp_displays_flush ();

  return_values
      = gimp_procedure_new_return_values (procedure, GIMP_PDB_SUCCESS, NULL);
  GIMP_VALUES_SET_LAYER (return_values, 1,
                         result != -1 ? gimp_layer_get_by_id (result) : NULL);
  return return_values;
}
