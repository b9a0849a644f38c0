/* testutil.h: shared helpers of the core tests (C API only). */
#ifndef NST_TESTUTIL_H
#define NST_TESTUTIL_H

#include "nst.h"

#include "../check.h"

/* Fails the test when `st` is an error, printing its message. */
#define CHECK_OK(st) check_ok ((st), __FILE__, __LINE__, #st)
void check_ok (NstStatus *st, const char *file, int line, const char *expr);

/* tests/images/`name` (a PNG) as float pixels with `channels` (3 or 4;
 * alpha is opaque unless the file has it).  Exits on failure. */
NstImage load_test_image (const char *name, int channels);

/* A zero-filled image; `pad` extra floats at the end of each row. */
NstImage new_image (int width, int height, int channels, size_t pad);
void     free_image (NstImage *image);
float   *pixel (const NstImage *image, int x, int y);
/* Fails the test unless every RGB value of `image` is in [0, 1]. */
void     check_in_range (const NstImage *image);

/* The synthetic weights ($NST_TEST_WEIGHTS) on the CPU, and a job. */
NstModel *load_test_model (void);
NstJob   *new_test_job (NstModel *model);

/* What the engine tests run on: the test model, a job, the content
 * (tests/images/content-64.png with `content_channels`) and the two
 * styles. */
typedef struct
{
  NstModel *model;
  NstJob   *job;
  NstImage  content, style, style2;
} Fixture;

Fixture fixture_setup (int content_channels);
void    fixture_teardown (Fixture *f);

/* Parameters for quick runs: working at the image's own size, one scale, few
 * evaluations, on the CPU. */
NstParams quick_params (int iterations);

/* The largest difference of an RGB channel between two images of one
 * size. */
double max_difference (const NstImage *a, const NstImage *b);

/* 1 when the two images hold the same bytes (RGB and alpha). */
int images_identical (const NstImage *a, const NstImage *b);

/* One case of a test program: its name on the command line. */
typedef struct
{
  const char *name;
  void (*run) (void);
} TestCase;

/* Runs the case argv[1] names; prints the usage and returns 2 when it
 * names none. */
int run_test_case (int argc, char **argv, const TestCase *cases, size_t n);

#endif
