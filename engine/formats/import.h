/*
 * import.h - the importers behind am_map_import (internal).
 *
 * Each checks its input completely and either returns a whole map or
 * an error naming the place; options are already validated.
 */
#ifndef AM_FORMATS_IMPORT_H
#define AM_FORMATS_IMPORT_H

#include "../core/model.h"

int am_aif_import(am_map **out, const char *name, const char *data, size_t len,
                  const am_import_options *opts);
int am_microtext_import(am_map **out, const char *name, const char *data, size_t len,
                        const am_import_options *opts);

int am_json_import(am_map **out, const char *name, const char *data, size_t len,
                   const am_import_options *opts);

#endif
