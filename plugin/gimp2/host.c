/* host.c: common/host.h on GIMP 2.10's libgimp, where items are ids. */

#include <libgimp/gimp.h>

#include "common/host.h"

/* ---- items and images --------------------------------------------------- */

NspItemKind
nsp_host_item_kind (gint32 item)
{
  if (! gimp_item_is_valid (item))
    return NSP_ITEM_NONE;
  if (gimp_item_is_group (item))
    return NSP_ITEM_GROUP;
  if (gimp_item_is_layer (item))
    return NSP_ITEM_LAYER;
  return gimp_item_is_drawable (item) ? NSP_ITEM_DRAWABLE : NSP_ITEM_OTHER;
}

gint32
nsp_host_item_image (gint32 item)
{
  return gimp_item_get_image (item);
}

gchar *
nsp_host_item_name (gint32 item)
{
  return gimp_item_get_name (item);
}

void
nsp_host_item_offsets (gint32 drawable, gint *x, gint *y)
{
  gimp_drawable_offsets (drawable, x, y);
}

gint32
nsp_host_image_selection (gint32 image)
{
  return gimp_selection_is_empty (image) ? -1
                                         : gimp_image_get_selection (image);
}

/* The masks of `layers` and of the layers inside them, top to bottom. */
static void
append_layer_masks (GArray *ids, const gint32 *layers, gint n)
{
  gint i;

  for (i = 0; i < n; i++)
    {
      gint32 mask = gimp_layer_get_mask (layers[i]);

      if (mask != -1)
        g_array_append_val (ids, mask);
      if (gimp_item_is_group (layers[i]))
        {
          gint  n_children;
          gint *children = gimp_item_get_children (layers[i], &n_children);

          append_layer_masks (ids, children, n_children);
          g_free (children);
        }
    }
}

gint32 *
nsp_host_image_masks (gint32 image, gint *n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint32));
  gint    n_items;
  gint   *items = gimp_image_get_channels (image, &n_items);

  g_array_append_vals (ids, items, n_items);
  g_free (items);
  items = gimp_image_get_layers (image, &n_items);
  append_layer_masks (ids, items, n_items);
  g_free (items);
  *n = ids->len;
  return (gint32 *) g_array_free (ids, FALSE);
}

gint32
nsp_host_mask_layer (gint32 item)
{
  return gimp_item_is_layer_mask (item) ? gimp_layer_from_mask (item) : -1;
}

gboolean
nsp_host_image_exists (gint32 image)
{
  return gimp_image_is_valid (image);
}

gchar *
nsp_host_image_name (gint32 image)
{
  return gimp_image_get_name (image);
}

gint32
nsp_host_image_active_layer (gint32 image)
{
  return gimp_image_get_active_layer (image);
}

gboolean
nsp_host_image_is_dirty (gint32 image)
{
  return gimp_image_is_dirty (image);
}

void
nsp_host_image_clean (gint32 image)
{
  gimp_image_clean_all (image);
}

/* ---- pixels ------------------------------------------------------------- */

gboolean
nsp_host_region (gint32 drawable, GeglRectangle *region)
{
  return gimp_drawable_mask_intersect (drawable, &region->x, &region->y,
                                       &region->width, &region->height);
}

GeglBuffer *
nsp_host_buffer (gint32 drawable, gboolean shadow)
{
  return shadow ? gimp_drawable_get_shadow_buffer (drawable)
                : gimp_drawable_get_buffer (drawable);
}

void
nsp_host_flush (gint32 drawable, const GeglRectangle *region, gboolean shadow)
{
  if (shadow)
    gimp_drawable_merge_shadow (drawable, TRUE);
  gimp_drawable_update (drawable, region->x, region->y, region->width,
                        region->height);
}

/* ---- layers ------------------------------------------------------------- */

/* A new transparent layer of the image's mode with alpha, covering
 * `region` of `drawable`, inserted just above it (above the layer of a
 * mask; at the top for a channel). */
static gint32
layer_new_above (gint32               image,
                 gint32               drawable,
                 const GeglRectangle *region,
                 const gchar         *name)
{
  gint32        anchor   = drawable;
  gint32        parent   = -1;
  gint          position = 0;
  gint          off_x    = 0;
  gint          off_y    = 0;
  GimpImageType type;
  gint32        layer;

  if (gimp_item_is_layer_mask (drawable))
    anchor = gimp_layer_from_mask (drawable);

  if (gimp_item_is_layer (anchor))
    {
      parent   = gimp_item_get_parent (anchor);
      position = gimp_image_get_item_position (image, anchor);
      gimp_drawable_offsets (anchor, &off_x, &off_y);
    }

  type  = gimp_image_base_type (image) == GIMP_GRAY ? GIMP_GRAYA_IMAGE
                                                    : GIMP_RGBA_IMAGE;
  layer = gimp_layer_new (image, name, region->width, region->height, type,
                          100.0, GIMP_LAYER_MODE_NORMAL);
  gimp_image_insert_layer (image, layer, parent, position);
  gimp_layer_set_offsets (layer, off_x + region->x, off_y + region->y);

  return layer;
}

/* A mask made from the selection, when the image has one. */
static void
layer_mask_selection (gint32 image, gint32 layer)
{
  if (! gimp_selection_is_empty (image))
    gimp_layer_add_mask (
        layer, gimp_layer_create_mask (layer, GIMP_ADD_MASK_SELECTION));
}

gint32
nsp_host_preview_add (gint32               image,
                      gint32               drawable,
                      const GeglRectangle *region,
                      const gchar         *name)
{
  gint32 layer;

  gimp_image_undo_freeze (image);
  layer = layer_new_above (image, drawable, region, name);
  layer_mask_selection (image, layer);
  gimp_image_undo_thaw (image);
  return layer;
}

void
nsp_host_preview_remove (gint32 image, gint32 preview, gint32 active)
{
  gboolean was_active = gimp_image_get_active_layer (image) == preview;

  gimp_image_undo_freeze (image);
  gimp_image_remove_layer (image, preview);
  gimp_image_undo_thaw (image);

  if (was_active && gimp_item_is_valid (active))
    gimp_image_set_active_layer (image, active);
}

gint32
nsp_host_apply (gint32               image,
                gint32               drawable,
                const GeglRectangle *region,
                const NstImage      *result,
                const gchar         *layer_name)
{
  GeglRectangle whole = { 0, 0, region->width, region->height };
  gint32        layer;

  gimp_image_undo_group_start (image);
  if (layer_name)
    {
      layer = layer_new_above (image, drawable, region, layer_name);
      nsp_layer_write (layer, &whole, result, FALSE);
      layer_mask_selection (image, layer);
    }
  else
    {
      nsp_layer_write (drawable, region, result, TRUE);
      layer = gimp_item_is_layer (drawable) ? drawable : -1;
    }
  gimp_image_undo_group_end (image);
  return layer;
}
