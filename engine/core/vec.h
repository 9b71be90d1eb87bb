/*
 * vec.h - growable arrays, the one container the engine uses.
 *
 *     AM_VEC(am_unit) units = {0};
 *     am_unit *u = AM_VEC_PUSH(&units);   // NULL when out of memory
 *     ... units.items[i], units.len ...
 *     free(units.items);
 *
 * Growth doubles the capacity; a push never moves items already handed out
 * by index, but pointers into items are invalidated by the next push.
 */
#ifndef AM_CORE_VEC_H
#define AM_CORE_VEC_H

#include <stddef.h>

#define AM_VEC(T) struct { T *items; size_t len, cap; }

/* Make room for n more items; 0 on success, -1 when out of memory. */
int am_vec_reserve_(void **items, size_t *cap, size_t len, size_t n, size_t size);

/* The usual case, room already there, costs a compare and no call (a
 * push per token made the call itself show in profiles). */
static inline int am_vec_room_(void **items, size_t *cap, size_t len, size_t n, size_t size)
{
    return len + n <= *cap ? 0 : am_vec_reserve_(items, cap, len, n, size);
}

#define AM_VEC_RESERVE(v, n) \
    am_vec_room_((void **)&(v)->items, &(v)->cap, (v)->len, (n), sizeof *(v)->items)

/* Append one zeroed item and return a pointer to it, or NULL. */
#define AM_VEC_PUSH(v) \
    (AM_VEC_RESERVE((v), 1) < 0 ? NULL \
     : (void *)memset(&(v)->items[(v)->len++], 0, sizeof *(v)->items))

#define AM_VEC_FREE(v) do { free((v)->items); (v)->items = NULL; (v)->len = (v)->cap = 0; } while (0)

#endif
