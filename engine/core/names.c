/*
 * names.c - the words for the map's kinds and types, as the JSON schema,
 * the summary, GraphML, the drawings and the report all write them, and
 * as the JSON importer reads them back. One table each, so a writer and
 * the reader cannot drift apart.
 */
#include "model.h"

const char *const am_source_kind_names[] = {"person", "organisation", "media", "anonymous",
                                            "author", NULL};
const char *const am_quote_kind_names[] = {"testimony", "echo", "scare", "name", NULL};
const char *const am_rel_type_names[] = {"support", "attack", "undercut", NULL};

/* An out-of-range value (only a corrupted map holds one) reads as the first
 * kind, as the writers always wrote it. */
const char *am_source_kind_name(am_source_kind k)
{
    return (unsigned)k <= AM_SRC_AUTHOR ? am_source_kind_names[k] : am_source_kind_names[0];
}

const char *am_quote_kind_name(am_quote_kind k)
{
    return (unsigned)k <= AM_QUOTE_NAME ? am_quote_kind_names[k] : am_quote_kind_names[0];
}

const char *am_rel_type_name(am_rel_type t)
{
    return (unsigned)t <= AM_REL_UNDERCUT ? am_rel_type_names[t] : am_rel_type_names[0];
}
