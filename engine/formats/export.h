/*
 * export.h - what the exporters share (internal).
 */
#ifndef AM_FORMATS_EXPORT_H
#define AM_FORMATS_EXPORT_H

#include "../core/model.h"

/* am_graph_units (ix.h): which units belong in an exported graph. */
#include "ix.h"

#endif
