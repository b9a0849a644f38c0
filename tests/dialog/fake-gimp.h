/* fake-gimp.h: a pretend GIMP for the dialog test.
 *
 * The dialog's layer menus and progress bar come from libgimpui, which asks
 * GIMP (through libgimp's PDB calls) for the open images and installs a
 * progress handler.  fake-gimp.c defines those few libgimp functions in the
 * test program itself; the dynamic linker then binds libgimpui's calls to
 * them instead of libgimp's, so the real widgets run without a GIMP.
 *
 * The world: image 1 "content.png" with layers 11 (the content) and 12
 * ("Starry"), image 2 "palette.gif" (indexed) with layer 21, image 3
 * "waves.jpg" with layer 31.  Image 1 also has a selection (15), a
 * channel "Sky" (13) and a mask (14) on "Starry": the regions a style can
 * paint in, which the dialog asks of common/host.h, answered here too.
 */

#ifndef FAKE_GIMP_H
#define FAKE_GIMP_H

#include <libgimp/gimp.h>

#define FAKE_IMAGE       1
#define FAKE_CONTENT     11
#define FAKE_STYLE_SAME  12 /* same image as the content */
#define FAKE_INDEXED     21
#define FAKE_STYLE_OTHER 31
#define FAKE_CHANNEL     13
#define FAKE_MASK        14 /* of FAKE_STYLE_SAME */
#define FAKE_SELECTION   15

/* TRUE: only image 1 with only the content layer is open, so there is no
 * layer to take the style from. */
void fake_gimp_only_content (gboolean only);

/* The progress handler libgimpui installed (the dialog's GimpProgressBar),
 * or NULL; the test drives it as GIMP would. */
const GimpProgressVtable *fake_gimp_progress (gpointer *user_data);

#endif /* FAKE_GIMP_H */
