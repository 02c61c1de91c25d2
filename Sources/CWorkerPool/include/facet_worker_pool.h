#ifndef FACET_WORKER_POOL_H
#define FACET_WORKER_POOL_H

#include <stddef.h>

/// A task of a pool run: called once per participant index, 0 ..< count.
typedef void (*facet_pool_task)(void *context, ptrdiff_t index);

/// Threads that wait for work by spinning (then sleeping, after about a millisecond of nothing), so that handing
/// them a layer's share costs about a microsecond rather than the tens of microseconds of waking a sleeping
/// thread. The caller of facet_pool_run is participant 0, helper h is participant h + 1.
typedef struct facet_worker_pool facet_worker_pool;

/// A pool with no helpers yet (NULL if out of memory).
facet_worker_pool *facet_pool_create(void);

/// Runs task(context, i) for i = 0 ..< count, i on participant i, and returns when all have returned. Adds
/// helpers first if the pool has fewer than count − 1. Returns 0, or −1 without running anything when another
/// thread is running the pool or a helper could not be started; the caller then runs the tasks some other way.
int facet_pool_run(facet_worker_pool *pool, ptrdiff_t count, facet_pool_task task, void *context);

#endif
