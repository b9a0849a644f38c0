/* interrupt.c: a SIGINT handler that only does async-signal-safe things:
 * counts, writes a fixed message, calls nst_job_cancel () (an atomic store,
 * documented as safe from any thread) and, on the third signal, unlink ()
 * and _exit (). */
#include "interrupt.h"

#include "util.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupts;
static volatile sig_atomic_t quiet_messages;
static NstJob *volatile running_job;
static const char *volatile temp_file;

static void
say (const char *text)
{
  if (! quiet_messages)
    {
      ssize_t ignored = write (STDERR_FILENO, text, strlen (text));
      (void) ignored;
    }
}

static void
on_sigint (int signal_number)
{
  (void) signal_number;
  if (interrupts < 3)
    interrupts++;
  if (interrupts == 1)
    say ("\nneural-style: stopping after this evaluation and saving the best "
         "result so far (Ctrl-C again cancels without saving)\n");
  else if (interrupts == 2)
    {
      say ("\nneural-style: cancelling; nothing will be written\n");
      NstJob *job = running_job;
      if (job)
        nst_job_cancel (job);
    }
  else
    {
      const char *temp = temp_file;
      if (temp)
        unlink (temp);
      _exit (CLI_EXIT_CANCELLED);
    }
}

void
interrupt_install (int quiet)
{
  quiet_messages = quiet;
  struct sigaction action;
  memset (&action, 0, sizeof action);
  action.sa_handler = on_sigint;
  sigemptyset (&action.sa_mask);
  /* Restart interrupted reads and writes: an interrupt is not an I/O error. */
  action.sa_flags = SA_RESTART;
  sigaction (SIGINT, &action, NULL);
}

void
interrupt_set_job (NstJob *job)
{
  running_job = job;
}

void
interrupt_set_temp_file (const char *path)
{
  temp_file = path;
}

int
interrupt_stop_requested (void)
{
  return interrupts >= 1;
}

int
interrupt_cancel_requested (void)
{
  return interrupts >= 2;
}
