/* test-main.h: the end of a core test program made of cases (test-run,
 * test-precision, test-budget), included after its last case_NAME
 * function.  meson.build reads the case names from the program's source
 * and passes them back as NST_TEST_CASES, one test each, so the list is
 * written nowhere. */
#ifndef NST_TEST_MAIN_H
#define NST_TEST_MAIN_H

#define NST_TEST_CASE(name) { #name, case_##name },
static const TestCase cases[] = { NST_TEST_CASES };

int
main (int argc, char **argv)
{
  return run_test_case (argc, argv, cases, sizeof cases / sizeof cases[0]);
}

#endif
