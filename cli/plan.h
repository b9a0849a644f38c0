/* plan.h: neural-style --plan, what a run would do before it is made. */
#ifndef CLI_PLAN_H
#define CLI_PLAN_H

#include "args.h"
#include "mask.h"

/* Prints the plan of the run `options` asks for on standard output.
 * Returns the exit status (CLI_EXIT_*), after telling the user on stderr
 * what went wrong, if anything did. */
int plan_print (const CliOptions *options,
                const NstImage   *content,
                const NstImage   *styles,
                const CliRegions *regions,
                NstModel         *model);

#endif /* CLI_PLAN_H */
