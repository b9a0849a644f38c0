/* main.c: neural-style, the command-line front end of libnst.
 *
 *   neural-style CONTENT STYLE [STYLE2 ...] -o OUT.png [options]
 *
 * Exit status: 0 done, 1 runtime error, 2 usage error, 130 cancelled. */
#include "args.h"
#include "stylise.h"
#include "util.h"

#include <signal.h>
#include <stdio.h>

static int
print_version (void)
{
  char *device = nst_device_describe (NST_DEVICE_AUTO);
  printf ("neural-style (gimp-neural-style) %s\n", nst_version ());
  printf ("Device: %s\n", device ? device : "unknown");
  nst_free (device);
  return CLI_EXIT_OK;
}

/* One line per --device choice but auto: its nick and what it is (or why
 * it is unavailable), and what precision auto picks there, as the engine
 * describes them. */
static int
list_devices (void)
{
  const NstParamInfo *info = nst_param_find ("device");
  for (size_t i = 0; i < info->n_choices; i++)
    {
      if (info->choices[i].value == NST_DEVICE_AUTO)
        continue;
      NstDevice device = (NstDevice) info->choices[i].value;
      char     *what   = nst_device_describe (device);
      char     *precision = nst_precision_describe (device);
      printf ("%-5s %s", info->choices[i].nick, what ? what : "");
      if (device == NST_DEVICE_CUDA && nst_cuda_device_count () > 1)
        printf (" (the first of %d GPUs)", nst_cuda_device_count ());
      if (precision && *precision)
        printf ("; %s", precision);
      putchar ('\n');
      nst_free (precision);
      nst_free (what);
    }
  return CLI_EXIT_OK;
}

int
main (int argc, char **argv)
{
  /* A closed pipe (--log-json - | head) is a write error we report, not a
   * reason to die by a signal. */
  signal (SIGPIPE, SIG_IGN);

  CliOptions options;
  int        status = cli_args_parse (argc, argv, &options);
  if (status == CLI_EXIT_OK)
    switch (options.action)
      {
      case CLI_ACTION_HELP:
        cli_args_print_help (stdout);
        break;
      case CLI_ACTION_VERSION:
        status = print_version ();
        break;
      case CLI_ACTION_LIST_DEVICES:
        status = list_devices ();
        break;
      case CLI_ACTION_RUN:
        status = stylise_run (&options);
        break;
      }
  cli_args_clear (&options);
  if (fflush (stdout) != 0 && status == CLI_EXIT_OK)
    {
      cli_error ("cannot write to standard output");
      status = CLI_EXIT_FAILURE;
    }
  return status;
}
