/* fake-gimp.c: the libgimp calls the dialog needs, answered without GIMP.
 * See fake-gimp.h. */

#include "fake-gimp.h"

#include "../check.h"
#include "common/host.h"

#include <string.h>

typedef struct
{
  gint32       id;
  gint32       image;
  const gchar *name;
  gboolean     indexed;
  guint32      colour; /* thumbnail, 0xRRGGBB */
} FakeLayer;

static const FakeLayer layers[] = {
  { FAKE_CONTENT, FAKE_IMAGE, "Background", FALSE, 0x808080 },
  { FAKE_STYLE_SAME, FAKE_IMAGE, "Starry", FALSE, 0x2040c0 },
  { FAKE_INDEXED, 2, "Palette", TRUE, 0xc08020 },
  { FAKE_STYLE_OTHER, 3, "Waves", FALSE, 0x20a0a0 },
};

static gboolean only_content;

/* libgimp copies the vtable too: GimpProgressBar passes one on its stack. */
static GimpProgressVtable progress_vtable;
static gboolean           progress_installed;
static gpointer           progress_data;

static const FakeLayer *
find_layer (gint32 id)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (layers); i++)
    if (layers[i].id == id)
      return &layers[i];
  return NULL;
}

void
fake_gimp_only_content (gboolean only)
{
  only_content = only;
}

gint *
gimp_image_list (gint *num_images)
{
  gint *images = g_new (gint, 3);

  images[0] = FAKE_IMAGE;
  images[1] = 2;
  images[2] = 3;
  *num_images = only_content ? 1 : 3;
  return images;
}

gint *
gimp_image_get_layers (gint32  image_ID,
                       gint   *num_layers)
{
  gint *ids = g_new (gint, G_N_ELEMENTS (layers));
  gsize i;

  *num_layers = 0;
  for (i = 0; i < G_N_ELEMENTS (layers); i++)
    if (layers[i].image == image_ID &&
        (! only_content || layers[i].id == FAKE_CONTENT))
      ids[(*num_layers)++] = layers[i].id;
  return ids;
}

gchar *
gimp_image_get_name (gint32 image_ID)
{
  switch (image_ID)
    {
    case FAKE_IMAGE:
      return g_strdup ("content.png");
    case 2:
      return g_strdup ("palette.gif");
    case 3:
      return g_strdup ("waves.jpg");
    }
  return NULL;
}

gint32
gimp_item_get_image (gint32 item_ID)
{
  const FakeLayer *layer = find_layer (item_ID);

  if (item_ID == FAKE_CHANNEL || item_ID == FAKE_MASK
      || item_ID == FAKE_SELECTION)
    return FAKE_IMAGE;
  return layer ? layer->image : -1;
}

gchar *
gimp_item_get_name (gint32 item_ID)
{
  const FakeLayer *layer = find_layer (item_ID);

  return layer ? g_strdup (layer->name) : NULL;
}

gboolean
gimp_item_is_valid (gint32 item_ID)
{
  return find_layer (item_ID) != NULL || gimp_item_get_image (item_ID) != -1;
}

gboolean
gimp_item_is_group (gint32 item_ID)
{
  return FALSE;
}

gboolean
gimp_drawable_is_indexed (gint32 drawable_ID)
{
  const FakeLayer *layer = find_layer (drawable_ID);

  return layer && layer->indexed;
}

GdkPixbuf *
gimp_drawable_get_thumbnail (gint32                 drawable_ID,
                             gint                   width,
                             gint                   height,
                             GimpPixbufTransparency alpha)
{
  const FakeLayer *layer = find_layer (drawable_ID);
  GdkPixbuf       *pixbuf;

  if (! layer)
    return NULL;
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  gdk_pixbuf_fill (pixbuf, layer->colour << 8 | 0xff);
  return pixbuf;
}

const gchar *
gimp_progress_install_vtable (const GimpProgressVtable *vtable,
                              gpointer                  user_data)
{
  progress_vtable    = *vtable;
  progress_installed = TRUE;
  progress_data      = user_data;
  return "fake-progress";
}

gpointer
gimp_progress_uninstall (const gchar *progress_callback)
{
  gpointer data = progress_data;

  CHECK (strcmp (progress_callback, "fake-progress") == 0,
         "uninstalled the progress \"%s\"", progress_callback);
  progress_installed = FALSE;
  progress_data      = NULL;
  return data;
}

gint
gimp_progress_get_window_handle (void)
{
  return 0;
}

const GimpProgressVtable *
fake_gimp_progress (gpointer *user_data)
{
  *user_data = progress_data;
  return progress_installed ? &progress_vtable : NULL;
}

/* GIMP's per-session data store, in memory. */
static GHashTable *
data_store (void)
{
  static GHashTable *store;

  if (! store)
    store = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_bytes_unref);
  return store;
}

gboolean
gimp_set_data (const gchar *identifier, gconstpointer data, guint32 bytes)
{
  g_hash_table_insert (data_store (), g_strdup (identifier),
                       g_bytes_new (data, bytes));
  return TRUE;
}

gint
gimp_get_data_size (const gchar *identifier)
{
  GBytes *bytes = g_hash_table_lookup (data_store (), identifier);

  return bytes ? (gint) g_bytes_get_size (bytes) : 0;
}

gboolean
gimp_get_data (const gchar *identifier, gpointer data)
{
  GBytes *bytes = g_hash_table_lookup (data_store (), identifier);

  if (! bytes)
    return FALSE;
  memcpy (data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return TRUE;
}

/* ---- common/host.h: what the region menus and source masks ask -------- */

gint32
nsp_host_image_selection (gint32 image)
{
  return image == FAKE_IMAGE ? FAKE_SELECTION : -1;
}

gint32 *
nsp_host_image_masks (gint32 image, gint *n)
{
  gint32 *ids = g_new (gint32, 2);

  ids[0] = FAKE_CHANNEL;
  ids[1] = FAKE_MASK;
  *n     = image == FAKE_IMAGE ? 2 : 0;
  return ids;
}

gint32
nsp_host_mask_layer (gint32 item)
{
  return item == FAKE_MASK ? FAKE_STYLE_SAME : -1;
}

NspItemKind
nsp_host_item_kind (gint32 item)
{
  if (find_layer (item))
    return NSP_ITEM_LAYER;
  return gimp_item_is_valid (item) ? NSP_ITEM_DRAWABLE : NSP_ITEM_NONE;
}

gint32
nsp_host_item_image (gint32 item)
{
  return gimp_item_get_image (item);
}

gchar *
nsp_host_item_name (gint32 item)
{
  return item == FAKE_CHANNEL ? g_strdup ("Sky") : gimp_item_get_name (item);
}
