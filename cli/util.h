/* util.h: exit statuses and messages of the neural-style command. */
#ifndef CLI_UTIL_H
#define CLI_UTIL_H

#include <stdarg.h>

enum
{
  CLI_EXIT_OK        = 0,
  CLI_EXIT_FAILURE   = 1,  /* runtime error: images, weights, engine, I/O */
  CLI_EXIT_USAGE     = 2,  /* the command line is wrong */
  CLI_EXIT_CANCELLED = 130 /* Ctrl-C twice: 128 + SIGINT, as shells do */
};

/* printf into a new string; caller frees with free ().  Exits with
 * CLI_EXIT_FAILURE when memory runs out (nothing sensible is left to do). */
char *cli_format (const char *format, ...)
    __attribute__ ((format (printf, 1, 2)));
char *cli_vformat (const char *format, va_list args);

/* "neural-style: MESSAGE" on stderr. */
void cli_error (const char *format, ...)
    __attribute__ ((format (printf, 1, 2)));

/* Prints a usage error with a pointer to --help; returns CLI_EXIT_USAGE. */
int cli_usage_error (const char *message);

#endif /* CLI_UTIL_H */
