/* procedure.c: the procedure's texts, for both GIMPs. */

#include <glib/gi18n-lib.h>

#include "nst.h"
#include "procedure.h"

const gchar nsp_menu_label[] = N_ ("_Neural Style...");

const gchar nsp_blurb[]
    = N_ ("Repaint the layer in the style of another picture");

const gchar nsp_help[]
    = "Neural style transfer by the optimisation method of Gatys, Ecker and "
      "Bethge (2015): VGG19 features, Gram-matrix style loss, L-BFGS on the "
      "pixels.  Works on the selection's bounding box and blends the result "
      "through the selection.  While it works, a temporary layer shows the "
      "current image.  Needs the VGG19 weights (see the weights argument).";

const gchar nsp_regions_help[]
    = "Styles by region (Gatys et al. 2017): each style may paint only "
      "where a channel or layer mask of the image says, and be taken only "
      "from where a mask of its own image says.";

const gchar *
nsp_indexed_message (void)
{
  return _ ("Neural Style works on RGB and grey images, not indexed ones: "
            "convert the image with Image ▸ Mode ▸ RGB first.");
}

gchar *
nsp_weights_search_order (gboolean translated)
{
  return g_strjoinv (translated ? _ (", then ") : ", then ",
                     (gchar **) nst_weights_places ());
}
