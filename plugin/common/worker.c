/* worker.c: the engine on a GThread, reported to the main loop.
 *
 * The thread owns copies of the inputs and talks to the main thread only
 * through the fields under `lock`: the newest progress and frame (older
 * ones are overwritten, so a slow main loop never queues frames), and the
 * final status.  A 100 ms timeout on the default main context picks them up
 * and calls the callbacks there, where libgimp and GTK may be used.
 */

#include "worker.h"

#include <string.h>

#include "pixels.h"

#define POLL_INTERVAL_MS 100

struct _NspWorker
{
  /* Inputs, owned; read by the thread only. */
  gchar        *weights_path;
  NstImage      content;
  NstImage     *styles;
  gdouble      *style_blend;
  gint          n_styles;
  NstImage     *content_masks; /* NULL: no regions; else n_styles, each */
  NstImage     *source_masks;  /* empty (pixels NULL) for the whole image */
  NstParams     params;
  gboolean      run; /* FALSE: plan only */
  NstParams     plan_params;
  gboolean      cropped;
  NspWorkerCrop crop;
  NstImage      result;

  NspWorkerPlanFunc     plan_func; /* NULL: no plan */
  NspWorkerProgressFunc progress_func;
  NspWorkerDoneFunc     done_func;
  gpointer              user_data;

  /* Main thread only. */
  GThread *thread;
  guint    poll_id;
  gboolean dispatching;  /* inside a callback */
  gboolean free_pending; /* nsp_worker_free () from a callback */

  GMutex      lock; /* guards everything below */
  NstJob     *job;
  gboolean    stop;
  gboolean    cancel;
  gboolean    have_plan; /* not yet delivered */
  NstPlan     plan;
  NstStatus  *plan_status;
  gboolean    have_progress;
  NstProgress progress;
  gfloat     *frame; /* newest frame, NULL when none is pending */
  gint        frame_width;
  gint        frame_height;
  gboolean    finished;
  NstStatus  *status;
};

/* ---- model cache --------------------------------------------------------
 *
 * The dialog's preview starts a run for every change of a slider; loading
 * VGG19 each time would dominate.  A worker takes the cached model (so no
 * two jobs ever share one) and puts it back when its run is over.
 */

static GMutex    cache_lock;
static NstModel *cache_model;
static gchar    *cache_path;
static NstDevice cache_device;

static NstStatus *
model_acquire (const gchar *path, NstDevice device, NstModel **model)
{
  g_mutex_lock (&cache_lock);
  if (cache_model && cache_device == device && ! g_strcmp0 (cache_path, path))
    {
      *model      = cache_model;
      cache_model = NULL;
      g_mutex_unlock (&cache_lock);
      return NULL;
    }
  g_mutex_unlock (&cache_lock);

  return nst_model_load (path, device, model);
}

static void
model_release (const gchar *path, NstDevice device, NstModel *model)
{
  NstModel *old;

  g_mutex_lock (&cache_lock);
  old          = cache_model;
  cache_model  = model;
  cache_device = device;
  g_free (cache_path);
  cache_path = g_strdup (path);
  g_mutex_unlock (&cache_lock);

  nst_model_free (old);
}

/* ---- worker thread ------------------------------------------------------ */

/* A packed image of the size and channels of `src`.  The caller's buffers
 * were allocated just before: if ones of the same size cannot be, memory
 * is gone and GLib's abort is the honest answer. */
static void
alloc_like (NstImage *dest, const NstImage *src)
{
  *dest        = *src;
  dest->stride = (size_t) src->width * src->channels;
  dest->pixels
      = g_malloc_n ((gsize) src->height * dest->stride, sizeof (gfloat));
}

static void
copy_image (NstImage *dest, const NstImage *src)
{
  gint y;

  alloc_like (dest, src);
  for (y = 0; y < src->height; y++)
    memcpy (dest->pixels + (gsize) y * dest->stride,
            src->pixels + (gsize) y * src->stride,
            dest->stride * sizeof (gfloat));
}

/* Replaces *image by its part `c`; an empty image stays empty. */
static void
crop_image (NstImage *image, const NspWorkerCrop *c)
{
  NstImage part;
  NstImage whole = *image;
  gint     y;

  if (! whole.pixels)
    return;
  part        = whole;
  part.width  = c->width;
  part.height = c->height;
  alloc_like (image, &part);
  for (y = 0; y < c->height; y++)
    memcpy (image->pixels + (gsize) y * image->stride,
            whole.pixels + (gsize) (c->y + y) * whole.stride
                + (gsize) c->x * whole.channels,
            image->stride * sizeof (gfloat));
  nsp_image_clear (&whole);
}

/* Whether `masks` (NULL, or n entries) holds any mask. */
static gboolean
any_mask (const NstImage *masks, gint n)
{
  gint i;

  for (i = 0; masks && i < n; i++)
    if (masks[i].pixels)
      return TRUE;
  return FALSE;
}

static NstStatus *
set_regions (NspWorker *worker, NstJob *job)
{
  if (! worker->content_masks)
    return NULL;
  return nst_job_set_style_regions (
      job, worker->n_styles, worker->content_masks, worker->source_masks);
}

/* The crop's pixels replace the content's, after the plan of the whole;
 * its regions are cropped alike. */
static NstStatus *
crop_content (NspWorker *worker, NstJob *job)
{
  NstStatus *status;
  gint       i;

  crop_image (&worker->content, &worker->crop);
  for (i = 0; worker->content_masks && i < worker->n_styles; i++)
    crop_image (&worker->content_masks[i], &worker->crop);
  status = set_regions (worker, job);
  if (status)
    return status;
  return nst_job_set_style_frame (job, worker->crop.frame_width,
                                  worker->crop.frame_height);
}

static int
on_engine_progress (const NstProgress *progress, void *data)
{
  NspWorker *worker = data;
  int        keep_going;

  g_mutex_lock (&worker->lock);
  worker->progress       = *progress;
  worker->progress.image = NULL;
  worker->have_progress  = TRUE;

  if (progress->image)
    {
      const NstImage *image = progress->image;
      gsize           n     = (gsize) image->width * image->height * 3;
      gint            y, x;

      if (! worker->frame || worker->frame_width != image->width
          || worker->frame_height != image->height)
        {
          g_free (worker->frame);
          worker->frame = g_try_new (gfloat, n);
        }
      if (worker->frame)
        {
          worker->frame_width  = image->width;
          worker->frame_height = image->height;
          for (y = 0; y < image->height; y++)
            {
              const float *row = image->pixels + (gsize) y * image->stride;
              gfloat      *out = worker->frame + (gsize) y * image->width * 3;

              for (x = 0; x < image->width; x++)
                memcpy (out + x * 3, row + x * image->channels,
                        3 * sizeof (gfloat));
            }
        }
    }

  keep_going = ! worker->stop;
  g_mutex_unlock (&worker->lock);

  return keep_going;
}

/* A cancelled worker reports nothing, so a cancel skips the plan. */
static void
plan (NspWorker *worker, NstJob *job)
{
  NstPlan    plan;
  NstStatus *status;
  gboolean   cancelled;

  g_mutex_lock (&worker->lock);
  cancelled = worker->cancel;
  g_mutex_unlock (&worker->lock);
  if (cancelled)
    return;

  status = nst_job_plan (job, &worker->content, worker->styles,
                         worker->style_blend, worker->n_styles,
                         &worker->plan_params, 1, &plan);

  g_mutex_lock (&worker->lock);
  worker->plan        = plan;
  worker->plan_status = status;
  worker->have_plan   = TRUE;
  g_mutex_unlock (&worker->lock);
}

static gpointer
worker_thread (gpointer data)
{
  NspWorker *worker = data;
  NstStatus *status = NULL;
  gchar     *path   = NULL;
  NstModel  *model  = NULL;
  NstJob    *job    = NULL;

  status = nst_weights_find (
      worker->weights_path[0] ? worker->weights_path : NULL, &path);
  if (! status)
    status = model_acquire (path, worker->params.device, &model);
  if (! status)
    status = nst_job_new (model, &job);
  if (! status)
    status = set_regions (worker, job);

  if (! status)
    {
      g_mutex_lock (&worker->lock);
      worker->job = job;
      /* A cancel that came while the model loaded applies to this run. */
      if (worker->cancel)
        nst_job_cancel (job);
      g_mutex_unlock (&worker->lock);

      if (worker->plan_func)
        plan (worker, job);
      if (worker->run && worker->cropped)
        status = crop_content (worker, job);
      if (worker->run && ! status)
        status = nst_job_run (job, &worker->content, worker->styles,
                              worker->style_blend, worker->n_styles,
                              &worker->params, on_engine_progress, worker,
                              &worker->result);

      g_mutex_lock (&worker->lock);
      worker->job = NULL;
      g_mutex_unlock (&worker->lock);
    }

  nst_job_free (job);
  if (model)
    model_release (path, worker->params.device, model);
  nst_free (path);

  g_mutex_lock (&worker->lock);
  worker->status   = status;
  worker->finished = TRUE;
  g_mutex_unlock (&worker->lock);

  return NULL;
}

/* ---- main thread -------------------------------------------------------- */

static void
worker_destroy (NspWorker *worker)
{
  gint i;

  if (worker->poll_id)
    g_source_remove (worker->poll_id);
  if (worker->thread)
    g_thread_join (worker->thread);

  g_free (worker->weights_path);
  nsp_image_clear (&worker->content);
  for (i = 0; i < worker->n_styles; i++)
    nsp_image_clear (&worker->styles[i]);
  g_free (worker->styles);
  for (i = 0; worker->content_masks && i < worker->n_styles; i++)
    {
      nsp_image_clear (&worker->content_masks[i]);
      nsp_image_clear (&worker->source_masks[i]);
    }
  g_free (worker->content_masks);
  g_free (worker->source_masks);
  g_free (worker->style_blend);
  nsp_image_clear (&worker->result);
  g_free (worker->frame);
  nst_status_free (worker->plan_status);
  nst_status_free (worker->status);
  g_mutex_clear (&worker->lock);
  g_free (worker);
}

static gboolean
worker_poll (gpointer data)
{
  NspWorker  *worker = data;
  NstProgress progress;
  gboolean    have_plan, have_progress, finished;
  gfloat     *frame;
  gint        frame_width, frame_height;

  g_mutex_lock (&worker->lock);
  have_plan             = worker->have_plan;
  worker->have_plan     = FALSE;
  have_progress         = worker->have_progress;
  progress              = worker->progress;
  worker->have_progress = FALSE;
  frame                 = worker->frame;
  frame_width           = worker->frame_width;
  frame_height          = worker->frame_height;
  worker->frame         = NULL;
  finished              = worker->finished;
  g_mutex_unlock (&worker->lock);

  worker->dispatching = TRUE;

  if (have_plan && ! worker->free_pending)
    worker->plan_func (worker->plan_status,
                       worker->plan_status ? NULL : &worker->plan,
                       worker->user_data);
  if ((have_progress || frame) && ! worker->free_pending)
    worker->progress_func (&progress, frame, frame_width, frame_height,
                           worker->user_data);
  g_free (frame);

  if (finished && ! worker->free_pending)
    {
      gboolean ok;

      g_thread_join (worker->thread);
      worker->thread  = NULL;
      worker->poll_id = 0;
      ok              = worker->status == NULL && worker->run;
      worker->done_func (worker->status, ok ? &worker->result : NULL,
                         worker->user_data);
      worker->dispatching = FALSE;
      if (worker->free_pending)
        worker_destroy (worker);
      return G_SOURCE_REMOVE;
    }

  worker->dispatching = FALSE;
  if (worker->free_pending)
    {
      worker->poll_id = 0;
      worker_destroy (worker);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

NspWorker *
nsp_worker_start (const gchar          *weights_path,
                  NstImage             *content,
                  const NstImage       *styles,
                  const gdouble        *style_blend,
                  gint                  n_styles,
                  const NstImage       *content_masks,
                  const NstImage       *source_masks,
                  const NstParams      *params,
                  const NstParams      *plan_params,
                  const NspWorkerCrop  *crop,
                  NspWorkerPlanFunc     plan,
                  NspWorkerProgressFunc progress,
                  NspWorkerDoneFunc     done,
                  gpointer              user_data)
{
  NspWorker *worker;
  gint       i;

  g_return_val_if_fail (! crop
                            || (crop->x >= 0 && crop->y >= 0 && crop->width > 0
                                && crop->height > 0
                                && crop->x + crop->width <= content->width
                                && crop->y + crop->height <= content->height),
                        NULL);
  worker = g_new0 (NspWorker, 1);
  g_mutex_init (&worker->lock);
  worker->weights_path  = g_strdup (weights_path ? weights_path : "");
  worker->run           = params != NULL;
  worker->params        = params ? *params : *plan_params;
  worker->plan_params   = plan_params ? *plan_params : worker->params;
  worker->plan_func     = plan_params ? plan : NULL;
  worker->n_styles      = n_styles;
  worker->styles        = g_new0 (NstImage, n_styles);
  worker->style_blend   = g_memdup2 (style_blend, sizeof (gdouble) * n_styles);
  worker->progress_func = progress;
  worker->done_func     = done;
  worker->user_data     = user_data;

  /* A layer's pixels are the run's largest input: taken, not copied. */
  worker->content = *content;
  memset (content, 0, sizeof (*content));
  if (worker->run)
    {
      NstImage shape = worker->content;

      if (crop)
        {
          shape.width  = crop->width;
          shape.height = crop->height;
        }
      alloc_like (&worker->result, &shape);
    }
  for (i = 0; i < n_styles; i++)
    copy_image (&worker->styles[i], &styles[i]);
  /* Both arrays or neither, as the engine takes them: a style with only
   * one kind of mask has an empty entry in the other.  Neither when no
   * style has a mask, so that such runs are exactly what they were before
   * regions. */
  if (any_mask (content_masks, n_styles) || any_mask (source_masks, n_styles))
    {
      worker->content_masks = g_new0 (NstImage, n_styles);
      worker->source_masks  = g_new0 (NstImage, n_styles);
      for (i = 0; i < n_styles; i++)
        {
          if (content_masks && content_masks[i].pixels)
            copy_image (&worker->content_masks[i], &content_masks[i]);
          if (source_masks && source_masks[i].pixels)
            copy_image (&worker->source_masks[i], &source_masks[i]);
        }
    }
  if (crop)
    {
      worker->cropped = TRUE;
      worker->crop    = *crop;
    }

  worker->thread  = g_thread_new ("nst-worker", worker_thread, worker);
  worker->poll_id = g_timeout_add (POLL_INTERVAL_MS, worker_poll, worker);
  return worker;
}

void
nsp_worker_stop (NspWorker *worker)
{
  g_mutex_lock (&worker->lock);
  worker->stop = TRUE;
  g_mutex_unlock (&worker->lock);
}

void
nsp_worker_cancel (NspWorker *worker)
{
  g_mutex_lock (&worker->lock);
  worker->cancel = TRUE;
  if (worker->job)
    nst_job_cancel (worker->job);
  g_mutex_unlock (&worker->lock);
}

void
nsp_worker_free (NspWorker *worker)
{
  if (! worker)
    return;

  nsp_worker_cancel (worker);
  if (worker->dispatching)
    {
      /* Called from one of our callbacks: worker_poll frees it after. */
      worker->free_pending = TRUE;
      return;
    }
  worker_destroy (worker);
}
