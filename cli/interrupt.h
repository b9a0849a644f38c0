/* interrupt.h: Ctrl-C.  The first SIGINT asks the run to stop and keep the
 * best result so far; the second cancels the job so that nothing is
 * written; a third, should the engine not respond, exits at once (removing
 * the temporary file being written, if any). */
#ifndef CLI_INTERRUPT_H
#define CLI_INTERRUPT_H

#include "nst.h"

/* Installs the SIGINT handler.  `quiet`: no message when it fires. */
void interrupt_install (int quiet);

/* The job a second Ctrl-C cancels (NULL: none running). */
void interrupt_set_job (NstJob *job);

/* The temporary file being written (NULL: none): a third Ctrl-C removes it
 * before exiting, so that no hidden partial file is left behind.  `path`
 * must stay valid until replaced. */
void interrupt_set_temp_file (const char *path);

/* Nonzero after the first / the second Ctrl-C. */
int interrupt_stop_requested (void);
int interrupt_cancel_requested (void);

#endif /* CLI_INTERRUPT_H */
