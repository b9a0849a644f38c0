/* stylise.h: one run of the command: read the pictures, load the weights,
 * stylise with progress, write the result. */
#ifndef CLI_STYLISE_H
#define CLI_STYLISE_H

#include "args.h"

/* Returns the exit status (CLI_EXIT_*), after telling the user on stderr
 * what went wrong, if anything did. */
int stylise_run (const CliOptions *options);

#endif /* CLI_STYLISE_H */
