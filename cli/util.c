/* util.c: messages for people and their formatting. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>

char *
cli_vformat (const char *format, va_list args)
{
  va_list copy;
  va_copy (copy, args);
  int length = vsnprintf (NULL, 0, format, copy);
  va_end (copy);
  char *text = length >= 0 ? malloc ((size_t) length + 1) : NULL;
  if (! text)
    {
      fputs ("neural-style: out of memory\n", stderr);
      exit (CLI_EXIT_FAILURE);
    }
  vsnprintf (text, (size_t) length + 1, format, args);
  return text;
}

char *
cli_format (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  char *text = cli_vformat (format, args);
  va_end (args);
  return text;
}

void
cli_error (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  fputs ("neural-style: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
}

int
cli_usage_error (const char *message)
{
  cli_error ("%s", message);
  fputs ("Try 'neural-style --help' for the options.\n", stderr);
  return CLI_EXIT_USAGE;
}
