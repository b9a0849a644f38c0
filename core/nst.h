/* nst.h: the gimp-neural-style engine (libnst), a plain C API.
 *
 * Style transfer by the optimisation method of Gatys, Ecker and Bethge:
 * VGG19 features, Gram-matrix style loss, L-BFGS on the pixels.  The engine
 * is C++17 on libtorch inside; this header is C11 and knows nothing of GIMP,
 * GTK or GLib.
 *
 * Usage:
 *
 *   NstParams params;
 *   nst_params_init (&params);
 *   params.iterations = 200;
 *
 *   char *path = NULL;
 *   NstModel *model = NULL;
 *   NstJob *job = NULL;
 *   NstStatus *st = nst_weights_find (NULL, &path);
 *   if (!st) st = nst_model_load (path, params.device, &model);
 *   if (!st) st = nst_job_new (model, &job);
 *   if (!st) st = nst_job_run (job, &content, styles, blend, 1, &params,
 *                              on_progress, user_data, &result);
 *   if (st) { fprintf (stderr, "%s\n", nst_status_message (st)); }
 *   nst_status_free (st);
 *   nst_job_free (job); nst_model_free (model); nst_free (path);
 *
 * Errors: every call that can fail returns an NstStatus *, NULL meaning
 * success.  The message is written for the person using the program: what
 * went wrong and what to do.  No C++ exception ever leaves this API.
 *
 * Threads: an NstModel may be shared by jobs run one after another; one
 * NstJob runs on one thread at a time.  nst_job_cancel () may be called from
 * any thread at any time.  Callbacks run on the thread that called
 * nst_job_run ().
 *
 * Ownership: "caller frees with X" is said at every output; every free
 * function accepts NULL.
 */

#ifndef NST_H
#define NST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NST_API __attribute__ ((visibility ("default")))
#define NST_MUST_CHECK __attribute__ ((warn_unused_result))
#else
#define NST_API
#define NST_MUST_CHECK
#endif

/* Bumped when the API changes incompatibly.  3: NstParamInfo gained
 * `place`; nst_param_table () returns an array, whose stride is a caller's
 * sizeof (NstParamInfo). */
#define NST_API_VERSION 3

/* ---- parameters (from nst-params.def) --------------------------------- */

#ifndef N_
#define NST_DEFINED_N_
#define N_(s) s
#endif

typedef enum { NST_UI_LINEAR, NST_UI_LOG } NstUiHint;

/* Where the dialogs put a parameter: in front, or behind "Advanced". */
typedef enum { NST_FRONT, NST_ADVANCED } NstPlace;

#define NST_CHOICES_BEGIN(ctype, field) typedef enum {
#define NST_CHOICE(constant, nick, label) constant,
#define NST_CHOICES_END(ctype, field) } ctype;
#include "nst-params.def"

/* Set every field with nst_params_init () before use.  struct_size is the
 * caller's sizeof (NstParams): rows are only ever appended to the table, so
 * a caller built against an older header has a prefix of today's fields,
 * and the library gives the fields it lacks their defaults (a field counts
 * as present when it lies wholly inside struct_size). */
typedef struct
{
  size_t struct_size;
#define NST_PARAM_INT(field, name, label, help, def, min, max, ui, ui_min,     \
                      ui_max, place)                                           \
  int field;
#define NST_PARAM_DOUBLE(field, name, label, help, def, min, max, ui, ui_min,  \
                         ui_max, place)                                        \
  double field;
#define NST_PARAM_ENUM(field, name, label, help, def, ctype, place) ctype field;
#include "nst-params.def"
} NstParams;

#ifdef NST_DEFINED_N_
#undef N_
#undef NST_DEFINED_N_
#endif

typedef enum
{
  NST_PARAM_TYPE_INT,
  NST_PARAM_TYPE_DOUBLE,
  NST_PARAM_TYPE_ENUM
} NstParamType;

typedef struct
{
  int value;
  const char *nick;  /* "luminance": CLI and Script-Fu spelling */
  const char *label; /* untranslated; pass through gettext to show */
} NstChoice;

/* Run-time description of one row of nst-params.def.  Strings are static
 * and untranslated (translate label and help with the caller's gettext). */
typedef struct
{
  const char *name;  /* "style-weight" */
  const char *label; /* "Style stre_ngth", with a mnemonic */
  const char *help;
  NstParamType type;
  double default_value; /* enums: the choice's value */
  double min_value;
  double max_value;
  NstUiHint ui;
  int engine_uses; /* 0 for host-only parameters such as "output" */
  size_t offset;   /* offset of the field in NstParams */
  const NstChoice *choices; /* enums: terminated by { -1, NULL, NULL } */
  size_t n_choices;
  /* A slider's range, within min_value … max_value (which a number field
   * still takes).  On a logarithmic slider (NST_UI_LOG) whose min_value is
   * 0, ui_min is the smallest value above 0 and the slider's left end
   * stands for 0.  Enums: as min_value and max_value. */
  double ui_min;
  double ui_max;
  NstPlace place;
} NstParamInfo;

/* The table, in PDB order.  Static; do not free. */
NST_API const NstParamInfo *nst_param_table (size_t *n_params);

/* The row named `name` ("style-weight" or "style_weight"), or NULL. */
NST_API const NstParamInfo *nst_param_find (const char *name);

/* The choice of `info` spelled `nick`, or NULL. */
NST_API const NstChoice *nst_param_choice (const NstParamInfo *info,
                                           const char *nick);

/* The choice of `info` whose value is `value`, or NULL. */
NST_API const NstChoice *nst_param_choice_by_value (const NstParamInfo *info,
                                                    int value);

/* Fills the fields of a `struct_size`-byte NstParams with the table's
 * defaults and records the size.  Call it through nst_params_init (), which
 * passes the size the caller was compiled with. */
NST_API void nst_params_init_size (NstParams *params, size_t struct_size);

static inline void
nst_params_init (NstParams *params)
{
  nst_params_init_size (params, sizeof (NstParams));
}

/* Reads / writes one field as a double (ints and enums convert exactly).
 * A field the caller's struct lacks (see struct_size) reads as its default
 * and is not written. */
NST_API double nst_params_get (const NstParams *params,
                               const NstParamInfo *info);
NST_API void nst_params_set (NstParams *params, const NstParamInfo *info,
                             double value);

/* ---- presets (from nst-presets.def) ---------------------------------- */

/* One field a preset sets. */
typedef struct
{
  const char *name; /* a row of nst_param_table (): "iterations" */
  double value;
} NstPresetValue;

/* A named starting point: it sets only its fields.  Strings are static and
 * untranslated (translate label and help with the caller's gettext). */
typedef struct
{
  const char *nick;  /* "quick-sketch": CLI spelling */
  const char *label; /* "Quick sketch" */
  const char *help;
  const NstPresetValue *values;
  size_t n_values;
} NstPreset;

/* The presets, in the table's order.  Static; do not free. */
NST_API const NstPreset *nst_preset_table (size_t *n_presets);

/* The preset spelled `nick` ("quick-sketch" or "quick_sketch"), or NULL. */
NST_API const NstPreset *nst_preset_find (const char *nick);

/* Sets the preset's fields of `params`; the others keep their values. */
NST_API void nst_preset_apply (const NstPreset *preset, NstParams *params);

/* 1 when every field the preset sets has its value in `params`, else 0. */
NST_API int nst_preset_matches (const NstPreset *preset,
                                const NstParams *params);

/* ---- status ----------------------------------------------------------- */

typedef enum
{
  NST_OK = 0,
  NST_ERROR_INVALID_ARGUMENT, /* a parameter or image the caller got wrong */
  NST_ERROR_WEIGHTS,          /* missing, unreadable or wrong weights file */
  NST_ERROR_DEVICE,           /* CUDA asked for but unusable */
  NST_ERROR_OUT_OF_MEMORY,    /* host or GPU memory exhausted */
  NST_ERROR_CANCELLED,        /* nst_job_cancel () before any result */
  NST_ERROR_INTERNAL          /* a bug or an unexpected libtorch error */
} NstStatusCode;

typedef struct NstStatus NstStatus;

/* NST_OK for NULL. */
NST_API NstStatusCode nst_status_code (const NstStatus *status);
/* A sentence or two for the user; "" for NULL.  Owned by the status: do not
 * free, valid until nst_status_free (). */
NST_API const char *nst_status_message (const NstStatus *status);
NST_API void nst_status_free (NstStatus *status);

/* Checks every field against the table's range and the enums' choices.
 * Returns NULL when all are valid.  Caller frees with nst_status_free. */
NST_API NstStatus *nst_params_validate (const NstParams *params)
  NST_MUST_CHECK;

/* The loss evaluations a run with these (valid) parameters makes in all
 * on content of width × height px: `iterations` at the final scale, fewer
 * at each coarser one (size 0 adds levels on large content).  The
 * progress reports' `evaluations` from the first on. */
NST_API int nst_params_evaluations (const NstParams *params, int width,
                                    int height);

/* The size a run with these (valid) parameters works at in its final
 * level on content of width × height px: the long edge params->size, or
 * the content's own with size 0. */
NST_API void nst_params_working_size (const NstParams *params,
                                      int              width,
                                      int              height,
                                      int             *working_width,
                                      int             *working_height);

/* The most style images the GIMP plug-ins take: their arguments, dialogs
 * and saved values have room for this many.  The engine and the CLI take
 * any number. */
#define NST_MAX_STYLES 3

/* A style's blend weight before anyone sets it, and the upper end of a
 * dialog's blend field (0 is its lower end).  Which weights are valid is
 * nst_style_blend_normalise ()'s to say. */
#define NST_STYLE_BLEND_DEFAULT 1.0
#define NST_STYLE_BLEND_UI_MAX 100.0

/* The rule for `n_styles` (at least 1) style blend weights, the engine's
 * own: each finite and not negative, at least one above 0.  When
 * `normalised` is not NULL it receives the weights scaled to sum 1 (as
 * nst_job_run () uses them; no overflow, even near DBL_MAX).  Returns NULL
 * when valid.  Caller frees with nst_status_free. */
NST_API NstStatus *nst_style_blend_normalise (const double *style_blend,
                                              int n_styles,
                                              double *normalised)
  NST_MUST_CHECK;

/* ---- library ---------------------------------------------------------- */

/* "0.1.0"; static. */
NST_API const char *nst_version (void);
/* NST_API_VERSION of the library actually loaded. */
NST_API int nst_api_version (void);

/* Frees strings returned by this API (paths, descriptions).  NULL is fine. */
NST_API void nst_free (void *ptr);

/* Number of usable CUDA devices; 0 where libtorch was built without CUDA or
 * no GPU is present. */
NST_API int nst_cuda_device_count (void);

/* What `device` resolves to, for people: "NVIDIA H200 (CUDA), 139.2 GiB
 * free of 139.8 GiB" or "CPU, 16 threads".  For NST_DEVICE_AUTO without CUDA, the CPU ("CPU, 16
 * threads (no CUDA GPU found)"); for NST_DEVICE_CUDA without CUDA, why it
 * is unavailable.  Caller frees with nst_free. */
NST_API char *nst_device_describe (NstDevice device);

/* What precision "auto" picks on the device `device` resolves to, and why,
 * for people: "automatic precision: bf16 (AVX512-BF16)" or "automatic
 * precision: fp32 (this CPU has neither AVX512-BF16 nor AMX)"; "" where
 * that device is unavailable.  Caller frees with nst_free. */
NST_API char *nst_precision_describe (NstDevice device);

/* ---- weights and model ------------------------------------------------ */

/* Looks for the VGG19 weights: `explicit_path` if not NULL or empty, else
 * the places of nst_weights_places () in turn (for $XDG_DATA_HOME,
 * ~/.local/share when it is unset or relative).  On success *path is the
 * file found (caller frees with nst_free); on failure the status says
 * where it looked and how to get the file. */
NST_API NstStatus *nst_weights_find (const char *explicit_path, char **path)
  NST_MUST_CHECK;

/* Where nst_weights_find () looks without an explicit path, in order, as
 * people write the places: "$NST_WEIGHTS" first, the install's data
 * directory last, as its path.  The one source of the search order for
 * help texts and the README.  NULL-terminated; static, do not free. */
NST_API const char *const *nst_weights_places (void);

typedef struct NstModel NstModel;

/* Loads VGG19 convolution weights (safetensors, torchvision names, F32,
 * F16 or BF16) from `path` onto `device`.  Only the layers the engine uses
 * are read.  NST_DEVICE_AUTO picks CUDA when available.  Every shape, type
 * and offset is checked against the file first.  Caller frees *model with
 * nst_model_free.
 * Process-wide side effects, as libtorch's settings are global: on the CPU
 * it sets libtorch's thread count (at::set_num_threads) to
 * $OMP_NUM_THREADS, else to the number of cores; on CUDA it turns on
 * cuDNN's autotuning (benchmark mode).  Both stay set after
 * nst_model_free. */
NST_API NstStatus *nst_model_load (const char *path, NstDevice device,
                                   NstModel **model) NST_MUST_CHECK;
NST_API void nst_model_free (NstModel *model);

/* What the model runs on, as nst_device_describe ().  Owned by the model. */
NST_API const char *nst_model_device_name (const NstModel *model);

/* ---- images ----------------------------------------------------------- */

/* The fewest pixels the working image (at every scale) and the resized
 * style image may have on a side: conv5_1 sits behind four 2×2 poolings. */
#define NST_MIN_SIDE 16

/* Interleaved float pixels, R'G'B' (non-linear, as stored) in [0, 1].
 * channels is 3 (RGB) or 4 (RGBA; alpha is carried, not stylised); a mask
 * of nst_job_set_style_regions () has 1 channel.
 * stride is in floats between the starts of two rows (>= width*channels).
 * The owner of `pixels` is whoever set it. */
typedef struct
{
  float *pixels;
  int width;
  int height;
  int channels;
  size_t stride;
} NstImage;

/* ---- jobs ------------------------------------------------------------- */

typedef struct NstJob NstJob;

/* A job borrows `model`: free every job of a model before the model.  Jobs
 * of one model may run one after another, not at the same time.  Caller
 * frees *job with nst_job_free. */
NST_API NstStatus *nst_job_new (const NstModel *model,
                                NstJob **job) NST_MUST_CHECK;
NST_API void nst_job_free (NstJob *job);

/* Asks the running (or next) nst_job_run () of `job` to stop after the
 * evaluation in progress; that run then returns NST_ERROR_CANCELLED and
 * leaves `result` untouched.  Safe from any thread and from a signal
 * handler (it only sets an atomic flag).  The request is cleared when that
 * run returns. */
NST_API void nst_job_cancel (NstJob *job);

typedef struct
{
  int evaluation;  /* 1-based, counted across all scales */
  int evaluations; /* total planned across all scales */
  int scale;       /* 1-based, 1 = coarsest */
  int scales;
  double total;    /* content_weight*content + style_weight*style + tv_weight*tv */
  double content;  /* unweighted losses */
  double style;
  double tv;
  double seconds;  /* since nst_job_run () started */
  /* The share of the run's planned work done, in (0, 1], 1 at the last
   * planned evaluation: evaluations weighted by their scale's pixel count,
   * since an evaluation's cost grows with it (at half the size it costs a
   * quarter to a third).  For progress bars: `evaluation` / `evaluations`
   * runs ahead during the cheap coarse scales. */
  double fraction;
  /* Estimated seconds until the last planned evaluation ends: each level's
   * remaining evaluations at the cost of its evaluations so far after the
   * first (which includes the level's setup); the levels ahead from a cost
   * fitted to the levels made (a fixed part per network pass and a part
   * per pixel, since a coarse level costs more per pixel), plus each one's
   * setup.  Before the second evaluation, from nst_job_plan ()'s timing
   * where it measured one for the model, else from the first evaluation. */
  double seconds_left;
  /* The current result at the working size of this scale, RGB (3
   * channels): the evaluated image with the lowest total loss so far, the
   * one a stop now would return (luminance mode: already recoloured with
   * the content's chroma).  Given every preview_every evaluations (counted
   * across scales) and at the last evaluation of each scale; NULL
   * otherwise.  Owned by the engine, valid only during the callback. */
  const NstImage *image;
  /* Nonzero while no evaluation of this scale has lowered the total loss
   * below its start image's: `image` (and a stop's result) is then that
   * start image itself, untouched.  L-BFGS takes fixed steps and its loss
   * often rises for a while at high style weights. */
  int image_is_start;
} NstProgress;

/* Called after every loss evaluation, on the thread that called
 * nst_job_run ().  Return nonzero to continue, 0 to stop: the run then ends
 * successfully with the best image so far. */
typedef int (*NstProgressFunc) (const NstProgress *progress,
                                void *user_data);
/* Sizes the styles of the job's later runs and plans as for content of
 * width × height px at the final working size (times style_scale), instead
 * of as the content's own size: for previewing a crop of a larger picture,
 * given at its working size, with the strokes the whole run would paint.
 * 0 × 0 (the default) goes back to the content's size.
 * nst_job_evaluate () always uses the content's size. */
NST_API NstStatus *
nst_job_set_style_frame (NstJob *job, int width, int height) NST_MUST_CHECK;

/* Styles by region (Gatys et al. 2017, "Controlling Perceptual Factors in
 * Neural Style Transfer"): gives style i of the job's later runs, plans and
 * evaluations a region of the content to paint, content_masks[i], and the
 * part of its own image to take the style from, source_masks[i].  Each
 * array is NULL (no such masks) or has n_styles entries; an entry whose
 * pixels are NULL means the whole image.  Both NULL clears the regions:
 * runs are then exactly what they are without this call.
 *
 * A mask is a grey image (channels 1, stride in floats) of values in
 * [0, 1], soft edges welcome: 1 paints (or takes) the style fully there, 0
 * not at all.  A content mask has the content's size (a caller that crops
 * the content crops its masks alike), a source mask its style image's size
 * as given; the engine resizes them with the images (scales, style_scale,
 * nst_job_set_style_frame ()).  The masks are copied: the caller's may go
 * once this returns.  A mask outside [0, 1], NaN, or 0 everywhere (a style
 * painted nowhere, or taken from nowhere) is refused here; a size that is
 * not its image's, or runs with another number of styles than n_styles,
 * are refused by the run.
 *
 * The style loss then is the sum of
 *   - the styles without a content mask, as without regions: the
 *     distance to the blend of their Gram matrices over the whole image,
 *     their blend weights normalised to sum 1 among them (no such style,
 *     or all their weights 0: no such term);
 *   - for each style with a content mask m, with weight 1 whatever its
 *     blend weight: the distance of the image's Gram matrices guided by m
 *     to the style's own, so that two styles painted in complementary
 *     regions add their two single-region losses.
 * A guided Gram matrix is (F∘m)(F∘m)ᵀ / (C·Σm²), m brought to each layer's
 * resolution by averaging over its cells: a weighted mean of the
 * region's feature products, the plain F·Fᵀ / (C·H·W) for m = 1.  A
 * style's Gram matrices are guided by its source mask when it has one.
 * Caller frees the status with nst_status_free. */
NST_API NstStatus *nst_job_set_style_regions (NstJob         *job,
                                              int             n_styles,
                                              const NstImage *content_masks,
                                              const NstImage *source_masks)
  NST_MUST_CHECK;

/* Stylises `content` with `n_styles` style images blended by `style_blend`
 * (NULL: equal; normalised to sum 1).  The engine resizes internally to
 * params->size; `result` must be allocated by the caller with the content's
 * width and height and 3 or 4 channels, and receives the result at that
 * size (alpha, if any, copied from the content).  On NST_ERROR_CANCELLED
 * and every other error `result` is left untouched.  A stop requested by the
 * progress callback is not an error.  Blocks until done. */
NST_API NstStatus *nst_job_run (NstJob *job, const NstImage *content,
                                const NstImage *styles,
                                const double *style_blend, int n_styles,
                                const NstParams *params,
                                NstProgressFunc progress, void *user_data,
                                NstImage *result) NST_MUST_CHECK;

/* One level of a run's plan, coarsest first. */
typedef struct
{
  int width, height; /* working size */
  int evaluations;
  int tile;          /* inner tile size in px; 0: the whole level at once */
  int tiles;         /* tiles per evaluation; 1 for the whole level */
  int history;       /* L-BFGS curvature pairs kept (the article's 100 where
                        memory allows); 0 with Adam */
  double peak_bytes; /* estimated; on the CPU the whole process's, with
                        what it held before the run */
  double seconds;    /* estimated for all its evaluations; 0 unmeasured */
} NstLevelPlan;

/* The most levels a plan has: scales' largest value. */
#define NST_PLAN_LEVELS 8

typedef struct
{
  int levels;
  NstLevelPlan level[NST_PLAN_LEVELS];
  double budget_bytes; /* params->memory, or what 0 picked on this device */
} NstPlan;

/* What nst_job_run () with these arguments would do, level by level, and
 * the memory it may use.  With `measure` nonzero, two evaluations at a
 * small size (256 px at most) are timed on the model's device, and each
 * level's seconds estimated from them by the pixels it evaluates, tile
 * margins included; the timing is kept with the model, and its later plans
 * in the same precision reuse it.  Otherwise nothing is computed.  A run that
 * cannot fit its budget even in the smallest tiles gets NST_ERROR_OUT_OF_MEMORY
 * here, as nst_job_run () would before starting, with the message naming the
 * size, the memory needed and what to change. */
NST_API NstStatus *nst_job_plan (NstJob *job, const NstImage *content,
                                 const NstImage *styles,
                                 const double *style_blend, int n_styles,
                                 const NstParams *params, int measure,
                                 NstPlan *plan) NST_MUST_CHECK;

/* Loss values of one evaluation, unweighted except `total`. */
typedef struct
{
  double total;
  double content;
  double style;
  double tv;
} NstLosses;

/* Evaluates the loss at `image` (same size as `content`, RGB or RGBA)
 * without resizing the content or the image: the working size is the
 * content's own, whatever params->size and params->scales say.  The styles
 * are prepared as nst_job_run () prepares them (preserve_colors, then
 * resized to the content's size times style_scale; left alone when they
 * already have it), and `image` is taken as the optimisation variable
 * (in luminance mode: the luminance image, as given).  `gradient`, if not
 * NULL, receives d(total)/d(pixel) for pixel values in [0, 1],
 * caller-allocated RGB (3 channels) of the content's size.  For tests and
 * diagnostics.  Blocks until done. */
NST_API NstStatus *nst_job_evaluate (NstJob *job, const NstImage *content,
                                     const NstImage *styles,
                                     const double *style_blend, int n_styles,
                                     const NstParams *params,
                                     const NstImage *image,
                                     NstLosses *losses, NstImage *gradient)
  NST_MUST_CHECK;

#ifdef __cplusplus
}
#endif

#endif /* NST_H */
