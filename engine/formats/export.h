/*
 * export.h - what the exporters share (internal).
 */
#ifndef AM_FORMATS_EXPORT_H
#define AM_FORMATS_EXPORT_H

#include "../core/model.h"

/* 1 when unit u belongs in an exported graph: it argues (claim or
 * evidence) or a relation touches it. */
int am_unit_in_graph(const am_map *map, size_t u);

#endif
