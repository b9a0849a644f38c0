/* host.c: common/host.h on GIMP 2.10's libgimp and GEGL. */

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <math.h>

#include "common/host.h"
#include "common/pixels.h"

/* Non-linear sRGB: the engine's colour space; babl converts from grey,
 * indexed, 8/16/32-bit, linear or not. */
static const Babl *
float_format (gint channels)
{
  return babl_format (channels == 4 ? "R'G'B'A float" : "R'G'B' float");
}

gboolean
nsp_layer_region (gint32 drawable, GeglRectangle *region)
{
  return gimp_drawable_mask_intersect (drawable, &region->x, &region->y,
                                       &region->width, &region->height);
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
      gchar *name = gimp_item_get_name (drawable);

      *error = g_strdup_printf (_ ("Not enough memory to read “%s” "
                                   "(%d × %d pixels).  Close other images or "
                                   "work on a selection."),
                                name, width, height);
      g_free (name);
      return FALSE;
    }

  buffer = gimp_drawable_get_buffer (drawable);
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
  GeglBuffer *buffer = shadow ? gimp_drawable_get_shadow_buffer (drawable)
                              : gimp_drawable_get_buffer (drawable);

  gegl_buffer_set (
      buffer,
      GEGL_RECTANGLE (region->x, region->y, region->width, region->height), 0,
      float_format (image->channels), image->pixels,
      image->stride * sizeof (gfloat));
  /* Unreffing flushes the tiles to GIMP before the merge and update. */
  g_object_unref (buffer);

  if (shadow)
    gimp_drawable_merge_shadow (drawable, TRUE);
  gimp_drawable_update (drawable, region->x, region->y, region->width,
                        region->height);
}

gint32
nsp_layer_new_above (gint32               image,
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

void
nsp_layer_mask_selection (gint32 image, gint32 layer)
{
  if (! gimp_selection_is_empty (image))
    gimp_layer_add_mask (
        layer, gimp_layer_create_mask (layer, GIMP_ADD_MASK_SELECTION));
}

/* ---- items and images by id -------------------------------------------- */

gboolean
nsp_item_is_valid (gint32 item)
{
  return gimp_item_is_valid (item);
}

gboolean
nsp_item_is_drawable (gint32 item)
{
  return gimp_item_is_drawable (item);
}

gboolean
nsp_item_is_layer (gint32 item)
{
  return gimp_item_is_layer (item);
}

gboolean
nsp_item_is_group (gint32 item)
{
  return gimp_item_is_group (item);
}

gint32
nsp_item_get_image (gint32 item)
{
  return gimp_item_get_image (item);
}

gchar *
nsp_item_get_name (gint32 item)
{
  return gimp_item_get_name (item);
}

gboolean
nsp_drawable_has_alpha (gint32 drawable)
{
  return gimp_drawable_has_alpha (drawable);
}

void
nsp_drawable_get_size (gint32 drawable, gint *width, gint *height)
{
  *width  = gimp_drawable_width (drawable);
  *height = gimp_drawable_height (drawable);
}

gboolean
nsp_image_is_valid (gint32 image)
{
  return gimp_image_is_valid (image);
}

gchar *
nsp_image_get_name (gint32 image)
{
  return gimp_image_get_name (image);
}

gint32
nsp_image_get_active_layer (gint32 image)
{
  return gimp_image_get_active_layer (image);
}

void
nsp_image_set_active_layer (gint32 image, gint32 layer)
{
  gimp_image_set_active_layer (image, layer);
}

gboolean
nsp_image_is_dirty (gint32 image)
{
  return gimp_image_is_dirty (image);
}

void
nsp_image_clean_all (gint32 image)
{
  gimp_image_clean_all (image);
}

void
nsp_image_undo_freeze (gint32 image)
{
  gimp_image_undo_freeze (image);
}

void
nsp_image_undo_thaw (gint32 image)
{
  gimp_image_undo_thaw (image);
}

void
nsp_image_undo_group_start (gint32 image)
{
  gimp_image_undo_group_start (image);
}

void
nsp_image_undo_group_end (gint32 image)
{
  gimp_image_undo_group_end (image);
}

void
nsp_image_remove_layer (gint32 image, gint32 layer)
{
  gimp_image_remove_layer (image, layer);
}
