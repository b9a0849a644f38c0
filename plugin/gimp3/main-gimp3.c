/* main-gimp3.c: gimp-neural-style for GIMP 3.0 (Filters ▸ Artistic ▸
 * Neural Style…).  The GimpPlugIn, the procedure and its run modes; the
 * arguments are in config-gimp3.c, the work in the shared run.c, the
 * pixels in layer-io-gimp3.c.
 */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <unistd.h>

#include "config-gimp3.h"
#include "dialog-gimp3.h"
#include "interactive.h"
#include "run.h"

/* The same procedure name and binary as the GIMP 2.10 plug-in
 * (plugin/pdb.h): scripts and menus find it under one name. */
#define NST_PLUG_IN_PROC "plug-in-neural-style"

typedef struct
{
  GimpPlugIn parent_instance;
} Nst;

typedef struct
{
  GimpPlugInClass parent_class;
} NstClass;

#define NST_TYPE (nst_get_type ())

GType nst_get_type (void) G_GNUC_CONST;

G_DEFINE_TYPE (Nst, nst, GIMP_TYPE_PLUG_IN)

GIMP_MAIN (NST_TYPE)

static GList *
nst_query_procedures (GimpPlugIn *plug_in)
{
  return g_list_append (NULL, g_strdup (NST_PLUG_IN_PROC));
}

static GimpValueArray *
nst_run (GimpProcedure        *procedure,
         GimpRunMode           run_mode,
         GimpImage            *image,
         GimpDrawable        **drawables,
         GimpProcedureConfig  *config,
         gpointer              run_data);

static GimpProcedure *
nst_create_procedure (GimpPlugIn  *plug_in,
                      const gchar *name)
{
  GimpProcedure *procedure;

  if (g_strcmp0 (name, NST_PLUG_IN_PROC) != 0)
    return NULL;

  procedure = gimp_image_procedure_new (plug_in, name,
                                        GIMP_PDB_PROC_TYPE_PLUGIN,
                                        nst_run, NULL, NULL);
  gimp_procedure_set_image_types (procedure, "RGB*, GRAY*");
  gimp_procedure_set_sensitivity_mask (procedure,
                                       GIMP_PROCEDURE_SENSITIVE_DRAWABLE);
  gimp_procedure_set_menu_label (procedure, _("_Neural Style..."));
  gimp_procedure_add_menu_path (procedure, "<Image>/Filters/Artistic");
  gimp_procedure_set_documentation (
    procedure, _("Repaint the layer in the style of another picture"),
    "Neural style transfer by the optimisation method of Gatys, Ecker and "
    "Bethge (2015): VGG19 features, Gram-matrix style loss, L-BFGS on the "
    "pixels.  Works on the selection's bounding box and blends the result "
    "through the selection.  While it works, a temporary layer shows the "
    "current image.  Needs the VGG19 weights (see the weights argument).",
    name);
  gimp_procedure_set_attribution (procedure,
                                  "gimp-neural-style contributors",
                                  "gimp-neural-style contributors", "2025");
  nst_config_add_arguments (procedure);

  return procedure;
}

static void
nst_class_init (NstClass *klass)
{
  GimpPlugInClass *plug_in_class = GIMP_PLUG_IN_CLASS (klass);

  plug_in_class->query_procedures = nst_query_procedures;
  plug_in_class->create_procedure = nst_create_procedure;
  /* No set_i18n: libgimp's default binds the gimp-neural-style domain to
   * locale/ beside the binary, where meson installs the catalogs. */
}

static void
nst_init (Nst *nst)
{
}

static GimpValueArray *
nst_error (GimpProcedure     *procedure,
           GimpPDBStatusType  status,
           gchar             *message)
{
  GError *error = g_error_new_literal (GIMP_PLUG_IN_ERROR, 0, message);

  g_free (message);
  return gimp_procedure_new_return_values (procedure, status, error);
}

static GimpValueArray *
nst_run (GimpProcedure        *procedure,
         GimpRunMode           run_mode,
         GimpImage            *image,
         GimpDrawable        **drawables,
         GimpProcedureConfig  *config,
         gpointer              run_data)
{
  GimpValueArray *return_values;
  NstValues       values;
  gchar          *error  = NULL;
  gint32          result = -1;
  gint32          drawable;

  /* GIMP's Cancel kills the plug-in's process group: lead one, so that
   * nothing the engine starts outlives it. */
  setpgid (0, 0);
  gegl_init (NULL, NULL);

  if (gimp_core_object_array_get_length ((GObject **) drawables) != 1)
    return nst_error (procedure, GIMP_PDB_CALLING_ERROR,
                      g_strdup (_("Neural Style repaints one layer at a "
                                  "time: select exactly one.")));
  drawable = gimp_item_get_id (GIMP_ITEM (drawables[0]));
  if (gimp_image_get_id (gimp_item_get_image (GIMP_ITEM (drawables[0])))
      != gimp_image_get_id (image))
    return nst_error (procedure, GIMP_PDB_CALLING_ERROR,
                      g_strdup_printf (_("The drawable (id %d) is not in the "
                                         "image given (id %d): pass the "
                                         "image that holds it."),
                                       drawable, gimp_image_get_id (image)));

  /* The menu offers the procedure for RGB and grey only; a script may
   * still pass an indexed layer, which a result could not be put into. */
  if (gimp_drawable_is_indexed (drawables[0]))
    return nst_error (procedure, GIMP_PDB_CALLING_ERROR,
                      g_strdup (_("Neural Style works on RGB and grey "
                                  "images, not indexed ones: convert the "
                                  "image with Image ▸ Mode ▸ RGB first.")));

  /* GIMP has put the caller's arguments, or the last values, or the
   * defaults into the config; the last values lack the styles, which GIMP
   * cannot save. */
  if (run_mode != GIMP_RUN_NONINTERACTIVE)
    nst_config_restore_styles (config, drawable);
  if (! nst_config_get_values (config, run_mode == GIMP_RUN_NONINTERACTIVE,
                               &values, &error))
    return nst_error (procedure, GIMP_PDB_CALLING_ERROR, error);

  /* Repeat with no style left (never run, or the style layer is gone):
   * ask, as the menu entry would.  Only batch mode cannot. */
  if (run_mode == GIMP_RUN_WITH_LAST_VALS && values.n_styles == 0)
    {
      if (! gimp_display_name ())
        return nst_error (procedure, GIMP_PDB_EXECUTION_ERROR,
                          g_strdup (_("Neural Style has no style layer to "
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
      GimpPDBStatusType status;

      nst_dialog_gimp3_prepare (procedure, config);
      status = nst_interactive_run (gimp_image_get_id (image), drawable,
                                    &values, &result);
      if (status != GIMP_PDB_SUCCESS)
        return gimp_procedure_new_return_values (procedure, status, NULL);
      nst_config_set_values (config, &values);
    }
  else if (! nst_run_sync (drawable, &values, &result, &error))
    {
      return nst_error (procedure, GIMP_PDB_EXECUTION_ERROR, error);
    }

  if (run_mode != GIMP_RUN_NONINTERACTIVE)
    gimp_displays_flush ();

  return_values = gimp_procedure_new_return_values (procedure,
                                                    GIMP_PDB_SUCCESS, NULL);
  GIMP_VALUES_SET_LAYER (return_values, 1,
                         result != -1 ? gimp_layer_get_by_id (result) : NULL);
  return return_values;
}
