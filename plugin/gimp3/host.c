/* host.c: common/host.h on GIMP 3.0's libgimp.
 *
 * GIMP 3 works on objects but still has ids (gimp_item_get_by_id), in
 * which the shared run logic speaks; each operation turns them into
 * objects first.
 */

#include <libgimp/gimp.h>

#include "common/host.h"

#define DRAWABLE(id) gimp_drawable_get_by_id (id)
#define IMAGE(id) gimp_image_get_by_id (id)

/* ---- items and images --------------------------------------------------- */

NspItemKind
nsp_host_item_kind (gint32 item)
{
  if (! gimp_item_id_is_valid (item))
    return NSP_ITEM_NONE;
  if (gimp_item_id_is_group_layer (item))
    return NSP_ITEM_GROUP;
  if (gimp_item_id_is_layer (item))
    return NSP_ITEM_LAYER;
  return gimp_item_id_is_drawable (item) ? NSP_ITEM_DRAWABLE : NSP_ITEM_OTHER;
}

gint32
nsp_host_item_image (gint32 item)
{
  return gimp_image_get_id (gimp_item_get_image (gimp_item_get_by_id (item)));
}

gchar *
nsp_host_item_name (gint32 item)
{
  /* GIMP 3 hands over a copy (GIMP 2.10 too). */
  return gimp_item_get_name (gimp_item_get_by_id (item));
}

void
nsp_host_item_offsets (gint32 drawable, gint *x, gint *y)
{
  gimp_drawable_get_offsets (DRAWABLE (drawable), x, y);
}

gint32
nsp_host_image_selection (gint32 image)
{
  GimpImage *img = IMAGE (image);

  return gimp_selection_is_empty (img)
             ? -1
             : gimp_item_get_id (GIMP_ITEM (gimp_image_get_selection (img)));
}

/* The masks of `layers` (NULL-ended) and of the layers inside them, top to
 * bottom. */
static void
append_layer_masks (GArray *ids, GimpItem **layers)
{
  gint i;

  for (i = 0; layers[i]; i++)
    {
      GimpLayerMask *mask = gimp_layer_get_mask (GIMP_LAYER (layers[i]));
      gint32         id;

      if (mask)
        {
          id = gimp_item_get_id (GIMP_ITEM (mask));
          g_array_append_val (ids, id);
        }
      if (gimp_item_is_group (layers[i]))
        {
          GimpItem **children = gimp_item_get_children (layers[i]);

          append_layer_masks (ids, children);
          g_free (children);
        }
    }
}

gint32 *
nsp_host_image_masks (gint32 image, gint *n)
{
  GArray       *ids      = g_array_new (FALSE, FALSE, sizeof (gint32));
  GimpChannel **channels = gimp_image_get_channels (IMAGE (image));
  GimpLayer   **layers   = gimp_image_get_layers (IMAGE (image));
  gint          i;

  for (i = 0; channels[i]; i++)
    {
      gint32 id = gimp_item_get_id (GIMP_ITEM (channels[i]));

      g_array_append_val (ids, id);
    }
  append_layer_masks (ids, (GimpItem **) layers);
  g_free (channels);
  g_free (layers);
  *n = ids->len;
  return (gint32 *) g_array_free (ids, FALSE);
}

gint32
nsp_host_mask_layer (gint32 item)
{
  GimpItem *mask = gimp_item_get_by_id (item);

  return mask && gimp_item_is_layer_mask (mask) ? gimp_item_get_id (
             GIMP_ITEM (gimp_layer_from_mask (GIMP_LAYER_MASK (mask))))
                                                : -1;
}

gboolean
nsp_host_image_exists (gint32 image)
{
  return gimp_image_id_is_valid (image);
}

/* The file's name, as 2.10's gimp_image_get_name gives it: GIMP 3 names
 * an image loaded from a PNG "[Untitled]", keeping the PNG as the file it
 * was imported from. */
gchar *
nsp_host_image_name (gint32 image)
{
  GimpImage *img  = IMAGE (image);
  GFile     *file = gimp_image_get_file (img);
  gchar     *name;

  if (! file)
    file = gimp_image_get_imported_file (img);
  if (! file)
    file = gimp_image_get_exported_file (img);
  if (! file)
    return gimp_image_get_name (img);

  name = g_file_get_basename (file);
  g_object_unref (file);
  return name;
}

/* GIMP 3 selects several layers; the run logic wants the one the user
 * works on, as 2.10's active layer. */
gint32
nsp_host_image_active_layer (gint32 image)
{
  GimpLayer **layers = gimp_image_get_selected_layers (IMAGE (image));
  gint32      id
      = layers && layers[0] ? gimp_item_get_id (GIMP_ITEM (layers[0])) : -1;

  g_free (layers);
  return id;
}

gboolean
nsp_host_image_is_dirty (gint32 image)
{
  return gimp_image_is_dirty (IMAGE (image));
}

void
nsp_host_image_clean (gint32 image)
{
  gimp_image_clean_all (IMAGE (image));
}

/* ---- pixels ------------------------------------------------------------- */

gboolean
nsp_host_region (gint32 drawable, GeglRectangle *region)
{
  return gimp_drawable_mask_intersect (DRAWABLE (drawable), &region->x,
                                       &region->y, &region->width,
                                       &region->height);
}

GeglBuffer *
nsp_host_buffer (gint32 drawable, gboolean shadow)
{
  GimpDrawable *pixels = DRAWABLE (drawable);

  return shadow ? gimp_drawable_get_shadow_buffer (pixels)
                : gimp_drawable_get_buffer (pixels);
}

void
nsp_host_flush (gint32 drawable, const GeglRectangle *region, gboolean shadow)
{
  GimpDrawable *pixels = DRAWABLE (drawable);

  if (shadow)
    gimp_drawable_merge_shadow (pixels, TRUE);
  gimp_drawable_update (pixels, region->x, region->y, region->width,
                        region->height);
}

/* ---- layers ------------------------------------------------------------- */

/* A new transparent layer of the image's mode with alpha, covering
 * `region` of `drawable`, inserted just above it (above the layer of a
 * mask; at the top for a channel). */
static GimpLayer *
layer_new_above (GimpImage           *image,
                 GimpDrawable        *drawable,
                 const GeglRectangle *region,
                 const gchar         *name)
{
  GimpItem     *anchor   = GIMP_ITEM (drawable);
  GimpItem     *parent   = NULL;
  gint          position = 0;
  gint          off_x    = 0;
  gint          off_y    = 0;
  GimpImageType type;
  GimpLayer    *layer;

  if (GIMP_IS_LAYER_MASK (anchor))
    anchor = GIMP_ITEM (gimp_layer_from_mask (GIMP_LAYER_MASK (anchor)));

  if (GIMP_IS_LAYER (anchor))
    {
      parent   = gimp_item_get_parent (anchor);
      position = gimp_image_get_item_position (image, anchor);
      gimp_drawable_get_offsets (GIMP_DRAWABLE (anchor), &off_x, &off_y);
    }

  type  = gimp_image_get_base_type (image) == GIMP_GRAY ? GIMP_GRAYA_IMAGE
                                                        : GIMP_RGBA_IMAGE;
  layer = gimp_layer_new (image, name, region->width, region->height, type,
                          100.0, GIMP_LAYER_MODE_NORMAL);
  gimp_image_insert_layer (image, layer, GIMP_LAYER (parent), position);
  gimp_layer_set_offsets (layer, off_x + region->x, off_y + region->y);

  return layer;
}

/* A mask made from the selection, when the image has one. */
static void
layer_mask_selection (GimpImage *image, GimpLayer *layer)
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
  GimpImage *img = IMAGE (image);
  GimpLayer *layer;

  gimp_image_undo_freeze (img);
  layer = layer_new_above (img, DRAWABLE (drawable), region, name);
  layer_mask_selection (img, layer);
  gimp_image_undo_thaw (img);
  return gimp_item_get_id (GIMP_ITEM (layer));
}

void
nsp_host_preview_remove (gint32 image, gint32 preview, gint32 active)
{
  GimpImage *img        = IMAGE (image);
  gboolean   was_active = nsp_host_image_active_layer (image) == preview;

  gimp_image_undo_freeze (img);
  gimp_image_remove_layer (img, gimp_layer_get_by_id (preview));
  gimp_image_undo_thaw (img);

  if (was_active && gimp_item_id_is_valid (active))
    {
      GimpLayer *layers[] = { gimp_layer_get_by_id (active), NULL };

      gimp_image_set_selected_layers (img, (const GimpLayer **) layers);
    }
}

gint32
nsp_host_apply (gint32               image,
                gint32               drawable,
                const GeglRectangle *region,
                const NstImage      *result,
                const gchar         *layer_name)
{
  GimpImage    *img    = IMAGE (image);
  GimpDrawable *target = DRAWABLE (drawable);
  GeglRectangle whole  = { 0, 0, region->width, region->height };
  gint32        id;

  gimp_image_undo_group_start (img);
  if (layer_name)
    {
      GimpLayer *layer = layer_new_above (img, target, region, layer_name);

      id = gimp_item_get_id (GIMP_ITEM (layer));
      nsp_layer_write (id, &whole, result, FALSE);
      layer_mask_selection (img, layer);
    }
  else
    {
      nsp_layer_write (drawable, region, result, TRUE);
      id = gimp_item_id_is_layer (drawable) ? drawable : -1;
    }
  gimp_image_undo_group_end (img);
  return id;
}
