/* nsp-style-picker.c: style layer menus with blend weights. */

#include "nsp-style-picker.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "widgets/layer-names.h"
#include "widgets/region-menu.h"

/* Fixed widths: long names are cut (whole in the tooltips), and the dialog
 * keeps its width whatever the styles and regions. */
#define STYLE_MENU_WIDTH 240
#define REGION_MENU_WIDTH 150

typedef struct _Picker Picker;

typedef struct
{
  Picker        *picker;
  gint           index;
  GtkWidget     *label;
  GtkWidget     *combo;
  GtkWidget     *region;
  GtkWidget     *blend;
  GtkAdjustment *blend_adj;
  GtkWidget     *remove;
} StyleRow;

struct _Picker
{
  NspValues           *values;
  gint32               image_id;
  gint32               drawable_id;
  NspStylesChangedFunc changed;
  gpointer             data;
  StyleRow             rows[NST_MAX_STYLES];
  GtkWidget           *blend_header;
  GtkWidget           *add;
  GtkWidget           *hint;
  gboolean             syncing;
};

static gboolean
style_constraint (gint32 image_id, gint32 item_id, gpointer data)
{
  return item_id != GPOINTER_TO_INT (data)
         && ! gimp_drawable_is_indexed (item_id);
}

static gboolean
combo_has_value (GtkWidget *combo, gint value)
{
  GtkTreeIter iter;

  return gimp_int_store_lookup_by_value (
      gtk_combo_box_get_model (GTK_COMBO_BOX (combo)), value, &iter);
}

static gboolean
used_by_other_row (Picker *p, gint index, gint id)
{
  gint i;

  for (i = 0; i < p->values->n_styles; i++)
    if (i != index && p->values->style_ids[i] == id)
      return TRUE;
  return FALSE;
}

/* A layer for a row whose saved id is gone: another layer of the content's
 * image if there is one (the usual way to bring in a style), else the
 * first in the menu that no other row uses. */
static gint
pick_layer (Picker *p, gint index)
{
  GtkTreeModel *model;
  GtkTreeIter   iter;
  gint         *layers;
  gint          n_layers = 0;
  gint          i;
  gint          first = -1;

  layers = gimp_image_get_layers (p->image_id, &n_layers);
  for (i = 0; i < n_layers; i++)
    if (combo_has_value (p->rows[index].combo, layers[i])
        && ! used_by_other_row (p, index, layers[i]))
      {
        first = layers[i];
        break;
      }
  g_free (layers);
  if (first != -1)
    return first;

  model = gtk_combo_box_get_model (GTK_COMBO_BOX (p->rows[index].combo));
  if (gtk_tree_model_get_iter_first (model, &iter))
    do
      {
        gint value;

        gtk_tree_model_get (model, &iter, GIMP_INT_STORE_VALUE, &value, -1);
        if (first == -1)
          first = value;
        if (! used_by_other_row (p, index, value))
          return value;
      }
    while (gtk_tree_model_iter_next (model, &iter));

  return first;
}

gchar *
nsp_layer_label (gint32 layer_id)
{
  gchar *image = gimp_image_get_name (gimp_item_get_image (layer_id));
  gchar *layer = gimp_item_get_name (layer_id);
  /* TRANSLATORS: a layer: its image's name, then its own, e.g.
     "starry_night.jpg — Background". */
  gchar *label = g_strdup_printf (_ ("%s — %s"), image, layer);

  g_free (layer);
  g_free (image);
  return label;
}

static const gchar *
style_help (void)
{
  return _ ("Layer whose style is painted onto the image; it may belong to "
            "any open image");
}

/* The chosen layer's whole name, which the menu may cut, then what the
 * menu is for. */
static void
update_tooltip (StyleRow *row)
{
  const gchar *what = style_help ();
  gint         id;
  gchar       *text = NULL;

  if (gimp_int_combo_box_get_active (GIMP_INT_COMBO_BOX (row->combo), &id))
    {
      GtkTreeModel *model
          = gtk_combo_box_get_model (GTK_COMBO_BOX (row->combo));
      GtkTreeIter iter;
      gchar      *label = NULL;

      if (gimp_int_store_lookup_by_value (model, id, &iter))
        gtk_tree_model_get (model, &iter, GIMP_INT_STORE_LABEL, &label, -1);
      text = g_strdup_printf ("%s\n\n%s", label ? label : "", what);
      g_free (label);
    }
  gimp_help_set_help_data (row->combo, text ? text : what, NULL);
  g_free (text);
}

static void
picker_notify (Picker *p)
{
  if (! p->syncing && p->changed)
    p->changed (p->data);
}

static void
picker_sync_visibility (Picker *p)
{
  gint     n     = p->values->n_styles;
  gboolean blend = n > 1;
  gboolean empty = p->values->style_ids[0] == -1;
  gint     i;

  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      StyleRow *row = &p->rows[i];

      gtk_widget_set_visible (row->label, i < n);
      gtk_widget_set_visible (row->combo, i < n);
      gtk_widget_set_visible (row->region, i < n);
      /* With one style the weight and the remove button keep their
       * place unseen: adding a style does not widen the dialog. */
      gtk_widget_set_visible (row->blend, i < n);
      gtk_widget_set_child_visible (row->blend, blend);
      gtk_widget_set_visible (row->remove, i < n);
      gtk_widget_set_child_visible (row->remove, blend);
    }
  gtk_widget_set_visible (p->blend_header, blend);
  /* At the most styles the last one takes Add's row: the dialog keeps its
   * height, within a 768 px screen. */
  gtk_widget_set_visible (p->add, n < NST_MAX_STYLES || empty);
  gtk_widget_set_visible (gtk_widget_get_parent (p->add),
                          n < NST_MAX_STYLES || empty);
  gtk_widget_set_sensitive (p->add, ! empty);
  gtk_widget_set_visible (p->hint, empty);
}

static void
style_changed (GimpIntComboBox *combo, StyleRow *row)
{
  NspValues *v = row->picker->values;
  gint       i = row->index;
  gint       id;

  v->style_ids[i] = gimp_int_combo_box_get_active (combo, &id) ? id : -1;
  /* A source mask (set through Script-Fu: the dialog keeps it) belongs to
   * its style's image. */
  if (! nsp_values_source_mask_fits (v->source_mask_ids[i], v->style_ids[i]))
    v->source_mask_ids[i] = -1;
  update_tooltip (row);
  picker_notify (row->picker);
}

static void
region_changed (GtkWidget *menu, StyleRow *row)
{
  row->picker->values->region_ids[row->index] = nsp_region_menu_get (menu);
  picker_notify (row->picker);
}

static void
blend_changed (GtkAdjustment *adj, StyleRow *row)
{
  row->picker->values->style_blend[row->index] = gtk_adjustment_get_value (adj);
  picker_notify (row->picker);
}

/* Shows values (after a row was added or removed) in the widgets. */
static void
picker_sync_widgets (Picker *p)
{
  gint i;

  p->syncing = TRUE;
  for (i = 0; i < p->values->n_styles; i++)
    {
      gimp_int_combo_box_set_active (GIMP_INT_COMBO_BOX (p->rows[i].combo),
                                     p->values->style_ids[i]);
      nsp_region_menu_set (p->rows[i].region, p->values->region_ids[i]);
      gtk_adjustment_set_value (p->rows[i].blend_adj,
                                p->values->style_blend[i]);
    }
  p->syncing = FALSE;
  picker_sync_visibility (p);
}

static void
add_clicked (GtkButton *button, Picker *p)
{
  NspValues *v = p->values;
  gint       i = v->n_styles;

  if (i >= NST_MAX_STYLES)
    return;
  v->n_styles++;
  v->style_ids[i]       = pick_layer (p, i);
  v->style_blend[i]     = NST_STYLE_BLEND_DEFAULT;
  v->region_ids[i]      = -1;
  v->source_mask_ids[i] = -1;
  picker_sync_widgets (p);
  picker_notify (p);
  gtk_widget_grab_focus (p->rows[i].combo);
}

static void
remove_clicked (GtkButton *button, StyleRow *row)
{
  NspValues *v = row->picker->values;
  gint       i;

  if (v->n_styles <= 1)
    return;
  for (i = row->index; i + 1 < v->n_styles; i++)
    {
      v->style_ids[i]       = v->style_ids[i + 1];
      v->style_blend[i]     = v->style_blend[i + 1];
      v->region_ids[i]      = v->region_ids[i + 1];
      v->source_mask_ids[i] = v->source_mask_ids[i + 1];
    }
  v->n_styles--;
  picker_sync_widgets (row->picker);
  picker_notify (row->picker);
}

static void
add_row (Picker *p, GtkTable *table, gint i)
{
  StyleRow    *row     = &p->rows[i];
  GtkWidget   *image;
  gchar       *text;
  gchar       *name;
  gint         initial;

  row->picker = p;
  row->index  = i;

  /* TRANSLATORS: style layer 1, 2 or 3; the digit is the shortcut. */
  text       = g_strdup_printf (_ ("Style _%d"), i + 1);
  row->label = gtk_label_new_with_mnemonic (text);
  g_free (text);
  gtk_misc_set_alignment (GTK_MISC (row->label), 0.0, 0.5);
  gtk_table_attach (table, row->label, 0, 1, i + 1, i + 2, GTK_FILL, GTK_FILL,
                    0, 0);

  row->combo = gimp_layer_combo_box_new (style_constraint,
                                         GINT_TO_POINTER (p->drawable_id));
  nsp_layer_menu_relabel (row->combo, nsp_layer_label);
  gtk_widget_set_size_request (row->combo, STYLE_MENU_WIDTH, -1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (row->label), row->combo);
  gtk_table_attach (table, row->combo, 1, 2, i + 1, i + 2,
                    GTK_FILL | GTK_EXPAND, GTK_FILL, 0, 0);

  row->region = nsp_region_menu_new (p->image_id, p->values->region_ids[i]);
  p->values->region_ids[i] = nsp_region_menu_get (row->region);
  gtk_widget_set_size_request (row->region, REGION_MENU_WIDTH, -1);
  gtk_table_attach (table, row->region, 2, 3, i + 1, i + 2, GTK_FILL, GTK_FILL,
                    0, 0);
  g_signal_connect (row->region, "changed", G_CALLBACK (region_changed), row);
  gimp_help_set_help_data (row->label, style_help (), NULL);

  initial = p->values->style_ids[i];
  if (! combo_has_value (row->combo, initial)
      || used_by_other_row (p, i, initial))
    initial = pick_layer (p, i);
  gimp_int_combo_box_connect (GIMP_INT_COMBO_BOX (row->combo), initial,
                              G_CALLBACK (style_changed), row);
  /* connect () emits "changed" only when the menu's choice moves. */
  style_changed (GIMP_INT_COMBO_BOX (row->combo), row);

  row->blend_adj            = GTK_ADJUSTMENT (gtk_adjustment_new (
                 CLAMP (p->values->style_blend[i], 0.0, NST_STYLE_BLEND_UI_MAX), 0.0,
                 NST_STYLE_BLEND_UI_MAX, 0.1, 1.0, 0.0));
  p->values->style_blend[i] = gtk_adjustment_get_value (row->blend_adj);
  row->blend                = gimp_spin_button_new (row->blend_adj, 1.0, 2);
  gtk_entry_set_width_chars (GTK_ENTRY (row->blend), 5);
  gtk_entry_set_activates_default (GTK_ENTRY (row->blend), TRUE);
  gtk_table_attach (table, row->blend, 3, 4, i + 1, i + 2, GTK_FILL, GTK_FILL,
                    0, 0);
  gimp_help_set_help_data (row->blend,
                           _ ("Weight of this style in the blend, relative "
                              "to the other styles"),
                           NULL);
  g_signal_connect (row->blend_adj, "value-changed", G_CALLBACK (blend_changed),
                    row);

  row->remove = gtk_button_new ();
  image       = gtk_image_new_from_stock (GTK_STOCK_REMOVE, GTK_ICON_SIZE_MENU);
  gtk_container_add (GTK_CONTAINER (row->remove), image);
  gtk_widget_show (image);
  gtk_button_set_relief (GTK_BUTTON (row->remove), GTK_RELIEF_NONE);
  gtk_table_attach (table, row->remove, 4, 5, i + 1, i + 2, GTK_FILL, GTK_FILL,
                    0, 0);
  gimp_help_set_help_data (row->remove, _ ("Remove this style"), NULL);
  g_signal_connect (row->remove, "clicked", G_CALLBACK (remove_clicked), row);

  name = g_strdup_printf ("style-%d", i + 1);
  gtk_widget_set_name (row->combo, name);
  g_free (name);
  name = g_strdup_printf ("style-region-%d", i + 1);
  gtk_widget_set_name (row->region, name);
  g_free (name);
  name = g_strdup_printf ("style-blend-%d", i + 1);
  gtk_widget_set_name (row->blend, name);
  g_free (name);
  name = g_strdup_printf ("style-remove-%d", i + 1);
  gtk_widget_set_name (row->remove, name);
  g_free (name);

  /* Rows and blend weights appear on demand: keep gtk_widget_show_all ()
   * away from them. */
  gtk_widget_set_no_show_all (row->label, TRUE);
  gtk_widget_set_no_show_all (row->combo, TRUE);
  gtk_widget_set_no_show_all (row->region, TRUE);
  gtk_widget_set_no_show_all (row->blend, TRUE);
  gtk_widget_set_no_show_all (row->remove, TRUE);
}

gboolean
nsp_style_picker_complete (const NspValues *values)
{
  gint i;

  for (i = 0; i < values->n_styles; i++)
    if (values->style_ids[i] == -1)
      return FALSE;
  return values->n_styles >= 1;
}

void
nsp_style_picker_reset (GtkWidget *picker)
{
  Picker *p = g_object_get_data (G_OBJECT (picker), "nst-style-picker");
  gint    i;

  p->values->n_styles = 1;
  for (i = 0; i < NST_MAX_STYLES; i++)
    {
      p->values->style_blend[i]     = NST_STYLE_BLEND_DEFAULT;
      p->values->region_ids[i]      = -1;
      p->values->source_mask_ids[i] = -1;
    }
  picker_sync_widgets (p);
  picker_notify (p);
}

gboolean
nsp_style_picker_ready (const NspValues *values)
{
  return nsp_style_picker_complete (values) && nsp_values_blend_valid (values);
}

GtkWidget *
nsp_style_picker_new (NspValues           *values,
                      gint32               image_id,
                      gint32               drawable_id,
                      NspStylesChangedFunc changed,
                      gpointer             data)
{
  Picker    *p = g_new0 (Picker, 1);
  GtkWidget *vbox;
  GtkWidget *table;
  GtkWidget *hbox;
  gint       i;

  p->values        = values;
  p->image_id      = image_id;
  p->drawable_id   = drawable_id;
  p->changed       = changed;
  p->data          = data;
  values->n_styles = CLAMP (values->n_styles, 1, NST_MAX_STYLES);

  vbox = gtk_vbox_new (FALSE, 6);
  g_object_set_data_full (G_OBJECT (vbox), "nst-style-picker", p, g_free);

  table = gtk_table_new (NST_MAX_STYLES + 1, 5, FALSE);
  gtk_table_set_col_spacings (GTK_TABLE (table), 6);
  gtk_table_set_row_spacings (GTK_TABLE (table), 4);
  gtk_box_pack_start (GTK_BOX (vbox), table, FALSE, FALSE, 0);

  p->blend_header = gtk_label_new (_ ("Blend"));
  gtk_misc_set_alignment (GTK_MISC (p->blend_header), 0.0, 0.5);
  gtk_table_attach (GTK_TABLE (table), p->blend_header, 3, 4, 0, 1, GTK_FILL,
                    GTK_FILL, 0, 0);
  gtk_widget_set_no_show_all (p->blend_header, TRUE);

  p->syncing = TRUE;
  for (i = 0; i < NST_MAX_STYLES; i++)
    add_row (p, GTK_TABLE (table), i);
  p->syncing = FALSE;

  hbox = gtk_hbox_new (FALSE, 6);
  gtk_widget_set_no_show_all (hbox, TRUE);
  gtk_box_pack_start (GTK_BOX (vbox), hbox, FALSE, FALSE, 0);

  p->add = gtk_button_new_with_mnemonic (_ ("Add sty_le"));
  gtk_button_set_image (
      GTK_BUTTON (p->add),
      gtk_image_new_from_stock (GTK_STOCK_ADD, GTK_ICON_SIZE_BUTTON));
  gtk_widget_set_name (p->add, "style-add");
  gtk_widget_set_no_show_all (p->add, TRUE);
  gimp_help_set_help_data (p->add,
                           _ ("Blend the style of another layer into the "
                              "result"),
                           NULL);
  g_signal_connect (p->add, "clicked", G_CALLBACK (add_clicked), p);
  gtk_box_pack_end (GTK_BOX (hbox), p->add, FALSE, FALSE, 0);

  p->hint = gtk_label_new (_ ("There is no other layer to take the style "
                              "from: open a picture or add a layer."));
  gtk_label_set_line_wrap (GTK_LABEL (p->hint), TRUE);
  gtk_misc_set_alignment (GTK_MISC (p->hint), 0.0, 0.5);
  gtk_widget_set_no_show_all (p->hint, TRUE);
  gtk_box_pack_start (GTK_BOX (hbox), p->hint, TRUE, TRUE, 0);

  picker_sync_visibility (p);
  gtk_widget_show_all (vbox);
  return vbox;
}
