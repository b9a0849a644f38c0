/* host.c: common/host.h on GIMP 3.0's libgimp and GEGL.
 *
 * The same contract as plugin/gimp2/host.c (GIMP 2.10), line for line where
 * the APIs allow: items cross as ids, which GIMP 3 still has
 * (gimp_item_get_by_id), so the run logic above this file is shared.
 */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <math.h>

#include "common/host.h"
#include "common/pixels.h"

#define DRAWABLE(id) gimp_drawable_get_by_id (id)
#define IMAGE(id) gimp_image_get_by_id (id)

/* Non-linear sRGB: the engine's colour space; babl converts from grey,
 * indexed, 8/16/32-bit, linear or not, and from the image's own profile. */
static const Babl *
float_format (gint channels)
{
  return babl_format (channels == 4 ? "R'G'B'A float" : "R'G'B' float");
}

gboolean
nsp_layer_region (gint32 drawable, GeglRectangle *region)
{
  return gimp_drawable_mask_intersect (DRAWABLE (drawable), &region->x,
                                       &region->y, &region->width,
                                       &region->height);
}

gboolean
nsp_layer_read (gint32               drawable,
                const GeglRectangle *region,
                gint                 channels,
                NstImage            *image,
                gchar              **error)
{
  GeglBuffer *buffer;
  gint        width  = region->width;
  gint        height = region->height;

  if (! nsp_image_alloc (image, width, height, channels))
    {
      gchar *name = gimp_item_get_name (GIMP_ITEM (DRAWABLE (drawable)));

      *error = g_strdup_printf (_ ("Not enough memory to read “%s” "
                                   "(%d × %d pixels).  Close other images or "
                                   "work on a selection."),
                                name, width, height);
      g_free (name);
      return FALSE;
    }

  buffer = gimp_drawable_get_buffer (DRAWABLE (drawable));
  gegl_buffer_get (buffer, region, 1.0, float_format (channels), image->pixels,
                   image->stride * sizeof (gfloat), GEGL_ABYSS_NONE);
  g_object_unref (buffer);

  nsp_image_clamp (image);
  return TRUE;
}

void
nsp_layer_write (gint32               drawable,
                 const GeglRectangle *region,
                 const NstImage      *image,
                 gboolean             shadow)
{
  GimpDrawable *target = DRAWABLE (drawable);
  GeglBuffer   *buffer = shadow ? gimp_drawable_get_shadow_buffer (target)
                                : gimp_drawable_get_buffer (target);

  gegl_buffer_set (
      buffer,
      GEGL_RECTANGLE (region->x, region->y, region->width, region->height), 0,
      float_format (image->channels), image->pixels,
      image->stride * sizeof (gfloat));
  /* Unreffing flushes the tiles to GIMP before the merge and update. */
  g_object_unref (buffer);

  if (shadow)
    gimp_drawable_merge_shadow (target, TRUE);
  gimp_drawable_update (target, region->x, region->y, region->width,
                        region->height);
}

gint32
nsp_layer_new_above (gint32               image,
                     gint32               drawable,
                     const GeglRectangle *region,
                     const gchar         *name)
{
  GimpImage    *img      = IMAGE (image);
  GimpItem     *anchor   = GIMP_ITEM (DRAWABLE (drawable));
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
      position = gimp_image_get_item_position (img, anchor);
      gimp_drawable_get_offsets (GIMP_DRAWABLE (anchor), &off_x, &off_y);
    }

  type  = gimp_image_get_base_type (img) == GIMP_GRAY ? GIMP_GRAYA_IMAGE
                                                      : GIMP_RGBA_IMAGE;
  layer = gimp_layer_new (img, name, region->width, region->height, type, 100.0,
                          GIMP_LAYER_MODE_NORMAL);
  gimp_image_insert_layer (img, layer, GIMP_LAYER (parent), position);
  gimp_layer_set_offsets (layer, off_x + region->x, off_y + region->y);

  return gimp_item_get_id (GIMP_ITEM (layer));
}

void
nsp_layer_mask_selection (gint32 image, gint32 layer)
{
  GimpLayer *target = gimp_layer_get_by_id (layer);

  if (! gimp_selection_is_empty (IMAGE (image)))
    gimp_layer_add_mask (
        target, gimp_layer_create_mask (target, GIMP_ADD_MASK_SELECTION));
}

/* ---- items and images by id -------------------------------------------- */

gboolean
nsp_item_is_valid (gint32 item)
{
  return gimp_item_id_is_valid (item);
}

gboolean
nsp_item_is_drawable (gint32 item)
{
  return gimp_item_id_is_drawable (item);
}

gboolean
nsp_item_is_layer (gint32 item)
{
  return gimp_item_id_is_layer (item);
}

gboolean
nsp_item_is_group (gint32 item)
{
  return gimp_item_id_is_group_layer (item);
}

gint32
nsp_item_get_image (gint32 item)
{
  return gimp_image_get_id (gimp_item_get_image (gimp_item_get_by_id (item)));
}

gchar *
nsp_item_get_name (gint32 item)
{
  /* GIMP 3 hands over a copy (GIMP 2.10 too). */
  return gimp_item_get_name (gimp_item_get_by_id (item));
}

gboolean
nsp_drawable_has_alpha (gint32 drawable)
{
  return gimp_drawable_has_alpha (DRAWABLE (drawable));
}

void
nsp_drawable_get_size (gint32 drawable, gint *width, gint *height)
{
  *width  = gimp_drawable_get_width (DRAWABLE (drawable));
  *height = gimp_drawable_get_height (DRAWABLE (drawable));
}

gboolean
nsp_image_is_valid (gint32 image)
{
  return gimp_image_id_is_valid (image);
}

/* The file's name, as 2.10's gimp_image_get_name gives it: GIMP 3 names
 * an image loaded from a PNG "[Untitled]", keeping the PNG as the file it
 * was imported from. */
gchar *
nsp_image_get_name (gint32 image)
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
nsp_image_get_active_layer (gint32 image)
{
  GimpLayer **layers = gimp_image_get_selected_layers (IMAGE (image));
  gint32      id
      = layers && layers[0] ? gimp_item_get_id (GIMP_ITEM (layers[0])) : -1;

  g_free (layers);
  return id;
}

void
nsp_image_set_active_layer (gint32 image, gint32 layer)
{
  GimpLayer *layers[] = { gimp_layer_get_by_id (layer), NULL };

  gimp_image_set_selected_layers (IMAGE (image), (const GimpLayer **) layers);
}

gboolean
nsp_image_is_dirty (gint32 image)
{
  return gimp_image_is_dirty (IMAGE (image));
}

void
nsp_image_clean_all (gint32 image)
{
  gimp_image_clean_all (IMAGE (image));
}

void
nsp_image_undo_freeze (gint32 image)
{
  gimp_image_undo_freeze (IMAGE (image));
}

void
nsp_image_undo_thaw (gint32 image)
{
  gimp_image_undo_thaw (IMAGE (image));
}

void
nsp_image_undo_group_start (gint32 image)
{
  gimp_image_undo_group_start (IMAGE (image));
}

void
nsp_image_undo_group_end (gint32 image)
{
  gimp_image_undo_group_end (IMAGE (image));
}

void
nsp_image_remove_layer (gint32 image, gint32 layer)
{
  gimp_image_remove_layer (IMAGE (image), gimp_layer_get_by_id (layer));
}
