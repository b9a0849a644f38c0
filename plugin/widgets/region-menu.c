/* region-menu.c: see region-menu.h. */

#include "region-menu.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/host.h"

#define WHOLE_IMAGE -1

/* A channel by its name; a layer mask by its layer's, which is what the
 * Layers dialog shows (GIMP names masks after their layer anyway). */
static gchar *
mask_label (gint32 mask)
{
  gint32 layer = nsp_host_mask_layer (mask);
  gchar *name  = nsp_host_item_name (layer != -1 ? layer : mask);
  gchar *label;

  if (layer == -1)
    return name;
  /* TRANSLATORS: a style's region: the mask of the layer named %s. */
  label = g_strdup_printf (_ ("Mask of “%s”"), name);
  g_free (name);
  return label;
}

GtkWidget *
nsp_region_menu_new (gint32 image, gint32 id)
{
  GtkWidget *menu;
  gint32    *masks;
  gint32     selection = nsp_host_image_selection (image);
  gint       n, i;

  menu = gimp_int_combo_box_new (_ ("Whole image"), WHOLE_IMAGE, NULL);
  /* Offered when something is selected as the dialog opens; its pixels
   * are read when the run starts, as the part the filter works on is. */
  if (selection != -1)
    gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (menu), GIMP_INT_STORE_VALUE,
                               selection, GIMP_INT_STORE_LABEL, _ ("Selection"),
                               -1);
  masks = nsp_host_image_masks (image, &n);
  for (i = 0; i < n; i++)
    {
      gchar *label = mask_label (masks[i]);

      gimp_int_combo_box_append (GIMP_INT_COMBO_BOX (menu),
                                 GIMP_INT_STORE_VALUE, masks[i],
                                 GIMP_INT_STORE_LABEL, label, -1);
      g_free (label);
    }
  g_free (masks);

  g_object_set (menu, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gimp_help_set_help_data (
      menu,
      _ ("Where this style paints: the whole image, or where the selection, "
         "a channel or a layer mask is white (grey: partly).  Styles that "
         "share a place blend there."),
      NULL);
  nsp_region_menu_set (menu, id);
  return menu;
}

gint32
nsp_region_menu_get (GtkWidget *menu)
{
  gint id;

  return gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (menu), &id)
             ? id
             : WHOLE_IMAGE;
}

gboolean
nsp_region_menu_set (GtkWidget *menu, gint32 id)
{
  if (gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (menu), id))
    return TRUE;
  gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (menu), WHOLE_IMAGE);
  return FALSE;
}
