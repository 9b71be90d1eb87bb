/*
 * render_opts.h - what `argmap render` and `argmap report` share: their
 * drawing options and loading one article into a map.
 */
#ifndef AM_CLI_RENDER_OPTS_H
#define AM_CLI_RENDER_OPTS_H

#define _GNU_SOURCE
#include <getopt.h>

#include "cli.h"

typedef struct {
    cli_input in; /* the input options (cli_input_option) */
    am_render_options render;
    const char *output;
} rcli;

/* The default time limit of the commands, in seconds (the library's is 0). */
#define RCLI_TIMEOUT 60

/* Long options both commands take; ids are >= 256 except the short ones. */
extern const struct option rcli_longopts[];
/* The help text of those options. */
extern const char rcli_help[];

void rcli_init(rcli *o);
/* Read the options of render (with_to: it takes -T, --to) or report into
 * o. Returns -1 to go on with the operands from optind, else the exit code
 * to stop with: help shown, or a usage error printed. */
int rcli_parse(rcli *o, const char *cmd, int argc, char **argv, int with_to,
               void (*help)(FILE *));

/* How a command draws a map: am_map_render or am_map_report. */
typedef int (*rcli_draw_fn)(char **out, size_t *len, const am_map *map,
                            const am_render_options *opts, am_render_info *info);

/* The rest of render and report once the options are read: exactly one
 * input (args[0], "-" for stdin; an article or a saved map), drawn with
 * `draw` and written whole to o->output, with what the drawing dropped
 * noted unless quiet. Prints errors; returns the exit code. */
int rcli_run(const char *cmd, const rcli *o, int nargs, char **args, rcli_draw_fn draw);

#endif
