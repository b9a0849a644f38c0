/* nsp-help.c: the Help window, written from the parameter table. */

#include "nsp-help.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "nst.h"
#include "common/number-text.h"

gchar *
nsp_help_strip_mnemonic (const gchar *label)
{
  GString *text = g_string_new (NULL);

  for (; *label; label++)
    {
      if (*label == '_')
        {
          label++;
          if (! *label)
            break;
        }
      g_string_append_c (text, *label);
    }
  return g_string_free (text, FALSE);
}

static gchar *
format_number (const NstParamInfo *info, gdouble value)
{
  if (info->type == NST_PARAM_TYPE_DOUBLE)
    return nsp_number_format (value);
  return g_strdup_printf ("%.0f", value);
}

static const gchar *
choice_label (const NstParamInfo *info, gint value)
{
  const NstChoice *choice = nst_param_choice_by_value (info, value);

  return choice ? _ (choice->label) : "";
}

/* "Default: 350. Range: 1 to 100000." or "Choices: …. Default: …." */
static gchar *
param_details (const NstParamInfo *info)
{
  gchar *details;

  if (info->type == NST_PARAM_TYPE_ENUM)
    {
      GString *choices = g_string_new (NULL);
      gsize    i;

      for (i = 0; i < info->n_choices; i++)
        {
          if (i > 0)
            /* TRANSLATORS: separates the choices of a menu in the help. */
            g_string_append (choices, _ (", "));
          g_string_append (choices, _ (info->choices[i].label));
        }
      details
          = g_strdup_printf (_ ("Choices: %s. Default: %s."), choices->str,
                             choice_label (info, (gint) info->default_value));
      g_string_free (choices, TRUE);
    }
  else
    {
      gchar *def = format_number (info, info->default_value);
      gchar *min = format_number (info, info->min_value);
      gchar *max = format_number (info, info->max_value);

      details = g_strdup_printf (_ ("Default: %s. Range: %s to %s."), def, min,
                                 max);
      g_free (def);
      g_free (min);
      g_free (max);
    }
  return details;
}

static void
append (GtkTextBuffer *buffer, const gchar *text, const gchar *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (tag)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag,
                                              NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, -1);
}

static void
fill_buffer (GtkTextBuffer *buffer)
{
  const NstParamInfo *table;
  gsize               n_params;
  gsize               i;
  gchar              *text;

  gtk_text_buffer_create_tag (buffer, "title", "weight", PANGO_WEIGHT_BOLD,
                              "scale", PANGO_SCALE_LARGE, NULL);
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "details", "style", PANGO_STYLE_ITALIC,
                              NULL);

  append (buffer, _ ("Neural Style"), "title");
  append (buffer, "\n", NULL);
  append (buffer,
          _ ("Repaints the layer in the style of another picture, by the "
             "method of Gatys, Ecker and Bethge: a neural network (VGG19) "
             "describes the textures of both pictures, and the layer is "
             "changed step by step until its textures match the style while "
             "its shapes stay its own."),
          NULL);
  append (buffer, "\n", NULL);

  append (buffer, _ ("Style layers"), "heading");
  append (buffer, "\n", NULL);
  text = g_strdup_printf (_ ("Choose the layer to take the style from; it may "
                             "belong to any open image and have any size. "
                             "“Add style” blends up to %d styles, each with a "
                             "weight relative to the others."),
                          NST_MAX_STYLES);
  append (buffer, text, NULL);
  append (buffer, "\n", NULL);
  g_free (text);

  append (buffer, _ ("Preview and running"), "heading");
  append (buffer, "\n", NULL);
  append (buffer,
          _ ("The preview paints a small version shortly after every change. "
             "OK paints the full-size result, which you can watch in the "
             "image while it is computed; Stop keeps the result so far and "
             "Cancel leaves the image as it was."),
          NULL);
  append (buffer, "\n", NULL);

  table = nst_param_table (&n_params);
  for (i = 0; i < n_params; i++)
    {
      gchar *label   = nsp_help_strip_mnemonic (_ (table[i].label));
      gchar *details = param_details (&table[i]);

      append (buffer, label, "heading");
      append (buffer, "\n", NULL);
      append (buffer, _ (table[i].help), NULL);
      append (buffer, "\n", NULL);
      append (buffer, details, "details");
      append (buffer, "\n", NULL);
      g_free (label);
      g_free (details);
    }
}

static void
help_destroyed (GtkWidget *dialog, GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), "nst-help", NULL);
}

void
nsp_help_show (GtkWindow *parent)
{
  GtkWidget *dialog = g_object_get_data (G_OBJECT (parent), "nst-help");
  GtkWidget *scrolled;
  GtkWidget *view;

  if (dialog)
    {
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dialog = gimp_dialog_new (_ ("Neural Style Help"), "gimp-neural-style-help",
                            GTK_WIDGET (parent), GTK_DIALOG_DESTROY_WITH_PARENT,
                            NULL, NULL, _ ("_Close"), GTK_RESPONSE_CLOSE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, 520);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  g_object_set_data (G_OBJECT (parent), "nst-help", dialog);
  g_signal_connect (dialog, "destroy", G_CALLBACK (help_destroyed), parent);

  scrolled = gtk_scrolled_window_new (NULL, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_shadow_type (GTK_SCROLLED_WINDOW (scrolled),
                                       GTK_SHADOW_IN);
  gtk_container_set_border_width (GTK_CONTAINER (scrolled), 12);
  gtk_box_pack_start (
      GTK_BOX (gtk_dialog_get_content_area (GTK_DIALOG (dialog))), scrolled,
      TRUE, TRUE, 0);

  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "help-text");
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  fill_buffer (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  gtk_container_add (GTK_CONTAINER (scrolled), view);

  gtk_widget_show_all (dialog);
}
