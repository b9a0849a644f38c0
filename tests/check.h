/* check.h: the one assertion of the C and C++ tests. */
#ifndef NST_CHECK_H
#define NST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

/* Debian's libtorch logs through glog, whose logging.h defines a CHECK of
 * its own: C++ tests include this after libtorch's headers, and ours wins
 * (glog's is not used by them). */
#undef CHECK

/* Fails the test with a message when `cond` is false: the file, the line,
 * the condition, then the printf-style message (what was found instead). */
#define CHECK(cond, ...)                                                       \
  do                                                                           \
    {                                                                          \
      if (! (cond))                                                            \
        {                                                                      \
          fprintf (stderr, "%s:%d: check failed: %s\n  ", __FILE__, __LINE__,  \
                   #cond);                                                     \
          fprintf (stderr, __VA_ARGS__);                                       \
          fputc ('\n', stderr);                                                \
          exit (1);                                                            \
        }                                                                      \
    }                                                                          \
  while (0)

#endif
