/*
 * tbuild.h - building a document's plain text with its offset map.
 *
 * Markdown and HTML parsers copy the text they keep into doc->text and, for
 * every byte, note where it came from in the input, so spans found later
 * can be reported as offsets of the original file.
 */
#ifndef AM_TEXT_TBUILD_H
#define AM_TEXT_TBUILD_H

#include <stddef.h>

#include "../core/model.h"

typedef struct {
    char *buf;
    size_t *map;
    size_t len, cap;
    int oom;
} am_tbuild;

/* Copy n bytes that stand at src_off..src_off+n-1 of the input. */
void am_tb_copy(am_tbuild *tb, const char *s, size_t n, size_t src_off);
/* Add n bytes that have no place of their own in the input (separators,
 * decoded entities); they all map to src_off. */
void am_tb_synth(am_tbuild *tb, const char *s, size_t n, size_t src_off);
/* Move the text and map into doc (text_len + 1 map entries, the last
 * mapping to end_off); AM_ENOMEM when any append failed. */
int am_tb_finish(am_tbuild *tb, am_document *doc, size_t end_off);
void am_tb_free(am_tbuild *tb);

#endif
