/* vec.c - the growth rule behind AM_VEC (see vec.h). */
#include <stdint.h>
#include <stdlib.h>

#include "vec.h"

int am_vec_reserve_(void **items, size_t *cap, size_t len, size_t n, size_t size)
{
    if (len + n <= *cap)
        return 0;
    size_t want = *cap ? *cap : 8;
    while (want < len + n) {
        if (want > SIZE_MAX / 2 / size)
            return -1;
        want *= 2;
    }
    void *p = realloc(*items, want * size);
    if (!p)
        return -1;
    *items = p;
    *cap = want;
    return 0;
}
