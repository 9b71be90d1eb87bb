/*
 * sentences.h - the sentence stage (internal).
 */
#ifndef AM_TEXT_SENTENCES_H
#define AM_TEXT_SENTENCES_H

#include "../core/model.h"

/* Stage "sentences": fill map->sentences from doc->blocks, in text order;
 * a sentence never crosses a block. Needs the lexicons "abbreviations" and
 * "sentence_starters" (AM_ENOTFOUND when the document has text and they are
 * missing). */
int am_stage_sentences(am_map *map, const am_analyze_options *opts);

#endif
