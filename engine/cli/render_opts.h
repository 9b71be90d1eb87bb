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
    am_load_options load;
    am_analyze_options analyze;
    am_render_options render;
    const char *output;
    const char *models;
    int quiet;
} rcli;

/* The default time limit of the commands, in seconds (the library's is 0). */
#define RCLI_TIMEOUT 60

/* Long options both commands take; ids are >= 256 except the short ones. */
extern const struct option rcli_longopts[];
/* The help text of those options. */
extern const char rcli_help[];

void rcli_init(rcli *o);
/* Handle option c (from getopt_long over rcli_longopts); returns 1 when
 * handled, 0 when c is not one of ours, -1 on a bad value (printed). */
int rcli_option(rcli *o, const char *cmd, int c, const char *arg);

/* Load `path` ("-" for stdin) and analyse it. Prints errors; returns 0 or
 * an exit code. The caller frees all three (model may be shared). */
int rcli_load(const char *cmd, const rcli *o, const char *path, am_model **model,
              am_document **doc, am_map **map);

/* Print what a drawing dropped (clusters, the legend), unless quiet. */
void rcli_note(const char *cmd, const rcli *o, const am_render_info *info);

/* The exit code for a library error. */
int rcli_exit_code(int err);

#endif
