/* layer-names.c: see layer-names.h. */

#include "layer-names.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

GtkWidget *
nsp_painted_layer_new (gint32 layer_id, NspLayerLabelFunc label)
{
  const gchar *why  = _ ("The layer this filter paints; to paint another, "
                          "close the dialog and select it in the Layers dialog");
  gchar       *name = label (layer_id);
  /* TRANSLATORS: %s is "image — layer", e.g. "chelsea.png — Background". */
  gchar     *text = g_strdup_printf (_ ("Layer: %s"), name);
  gchar     *tip  = g_strdup_printf ("%s\n%s", name, why);
  GtkWidget *line = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (line), PANGO_ELLIPSIZE_END);
#if GTK_CHECK_VERSION(3, 0, 0)
  gtk_label_set_xalign (GTK_LABEL (line), 0.0);
  /* Else it asks for its whole text's width. */
  gtk_label_set_max_width_chars (GTK_LABEL (line), 20);
#else
  gtk_misc_set_alignment (GTK_MISC (line), 0.0, 0.5);
#endif
  gtk_widget_set_name (line, "painted-layer");
  gtk_widget_set_tooltip_text (line, tip);
  g_free (tip);
  g_free (text);
  g_free (name);
  return line;
}

void
nsp_layer_menu_relabel (GtkWidget *combo, NspLayerLabelFunc label)
{
  GtkTreeModel *model = gtk_combo_box_get_model (GTK_COMBO_BOX (combo));
  GtkTreeIter   iter;

  if (gtk_tree_model_get_iter_first (model, &iter))
    do
      {
        gint   id;
        gchar *text;

        gtk_tree_model_get (model, &iter, GIMP_INT_STORE_VALUE, &id, -1);
        text = label (id);
        if (text)
          gtk_list_store_set (GTK_LIST_STORE (model), &iter,
                              GIMP_INT_STORE_LABEL, text, -1);
        g_free (text);
      }
    while (gtk_tree_model_iter_next (model, &iter));
  g_object_set (combo, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
}
