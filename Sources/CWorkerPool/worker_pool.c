// A spin-then-sleep worker pool (see facet_worker_pool.h).
//
// A run publishes (task, context) and then one word, `job` = generation · 2¹⁶ + count. A helper waits for the
// word to change; if its index is below that count it runs the task and counts itself off in `pending`, which
// starts at count − 1. The caller runs index 0 and spins until `pending` reaches 0, so the next run cannot
// overwrite a job a participant is still reading. A helper that is not in a run reads only the word, so it never
// needs waiting for; it keeps counting towards sleep, so helpers beyond the usual count drop out of the way.
#include "facet_worker_pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define SPIN_PAUSE() _mm_pause()
#else
#define SPIN_PAUSE() ((void)0)
#endif

// Pauses a helper spins through before it sleeps: on the order of a millisecond, longer than the gap between two
// layers' runs, far shorter than the gap between two batches of a pipeline that is decoding images.
enum { spin_limit = 1 << 15, max_helpers = 1024, count_bits = 16 };

typedef struct {
    facet_worker_pool *pool;
    ptrdiff_t index;
    unsigned long job;  // the last one before the helper's first run
} helper_start;

struct facet_worker_pool {
    pthread_mutex_t run_lock;  // one run at a time
    pthread_mutex_t sleep_lock;
    pthread_cond_t wake;
    atomic_ulong job;
    atomic_long pending;
    atomic_int sleepers;
    int helpers;
    facet_pool_task task;
    void *context;
};

static void *helper_main(void *argument) {
    helper_start start = *(helper_start *)argument;
    free(argument);
    facet_worker_pool *pool = start.pool;
    unsigned long seen = start.job;
    int spins = 0;
    for (;;) {
        unsigned long now;
        while ((now = atomic_load_explicit(&pool->job, memory_order_acquire)) == seen) {
            if (++spins < spin_limit) {
                SPIN_PAUSE();
                continue;
            }
            // Announce the sleep before the last look: a run publishes its job before it reads `sleepers`, so
            // either it sees this sleeper and wakes it, or this look sees the new job.
            pthread_mutex_lock(&pool->sleep_lock);
            atomic_fetch_add(&pool->sleepers, 1);
            while (atomic_load(&pool->job) == seen) pthread_cond_wait(&pool->wake, &pool->sleep_lock);
            atomic_fetch_sub(&pool->sleepers, 1);
            pthread_mutex_unlock(&pool->sleep_lock);
        }
        seen = now;
        if (start.index < (ptrdiff_t)(now & ((1UL << count_bits) - 1))) {
            pool->task(pool->context, start.index);
            atomic_fetch_sub_explicit(&pool->pending, 1, memory_order_release);
            spins = 0;
        }
    }
    return NULL;
}

facet_worker_pool *facet_pool_create(void) {
    facet_worker_pool *pool = calloc(1, sizeof *pool);
    if (!pool) return NULL;
    pthread_mutex_init(&pool->run_lock, NULL);
    pthread_mutex_init(&pool->sleep_lock, NULL);
    pthread_cond_init(&pool->wake, NULL);
    return pool;
}

// Starts helpers until there are `wanted`; called with run_lock held and no run in flight.
static int add_helpers(facet_worker_pool *pool, int wanted) {
    while (pool->helpers < wanted) {
        helper_start *start = malloc(sizeof *start);
        if (!start) return -1;
        *start = (helper_start){pool, pool->helpers + 1, atomic_load(&pool->job)};
        pthread_t thread;
        if (pthread_create(&thread, NULL, helper_main, start) != 0) {
            free(start);
            return -1;
        }
        pthread_detach(thread);
        pool->helpers++;
    }
    return 0;
}

int facet_pool_run(facet_worker_pool *pool, ptrdiff_t count, facet_pool_task task, void *context) {
    if (count <= 0) return 0;
    if (count - 1 > max_helpers || pthread_mutex_trylock(&pool->run_lock) != 0) return -1;
    if (add_helpers(pool, (int)(count - 1)) != 0) {
        pthread_mutex_unlock(&pool->run_lock);
        return -1;
    }
    pool->task = task;
    pool->context = context;
    atomic_store(&pool->pending, count - 1);
    unsigned long generation = (atomic_load(&pool->job) >> count_bits) + 1;
    atomic_store(&pool->job, generation << count_bits | (unsigned long)count);
    if (atomic_load(&pool->sleepers) > 0) {
        pthread_mutex_lock(&pool->sleep_lock);
        pthread_cond_broadcast(&pool->wake);
        pthread_mutex_unlock(&pool->sleep_lock);
    }
    task(context, 0);
    while (atomic_load_explicit(&pool->pending, memory_order_acquire) > 0) SPIN_PAUSE();
    pthread_mutex_unlock(&pool->run_lock);
    return 0;
}
