/*
 * cli.h - what the subcommands of `argmap` share.
 *
 * Only cli/ prints and picks exit codes; the library reports errors as
 * values with am_error_last().
 */
#ifndef AM_CLI_H
#define AM_CLI_H

#include <stdio.h>

#include "argmap.h"

/* Exit codes, as documented in argmap(1) and the README. */
enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* a check that was asked for found something */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_INPUT = 3     /* input or I/O error */
};

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

/* The subcommands, one file each (cmd_<name>.c). */
int cmd_analyze(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_aggregate(int argc, char **argv);
int cmd_chains(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_report(int argc, char **argv);

extern const char *cli_prog; /* "argmap" */

/* "argmap: <cmd>: message\n" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_warn(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a byte count with an optional K, M or G suffix (powers of 1024). */
int cli_parse_size(const char *s, size_t *out);

/* Find and load the models folder: --models DIR, $ARGMAP_MODELS, models/
 * beside the binary's folder, share/argmap/models of the install prefix.
 * Prints the error and returns NULL when none loads. */
am_model *cli_load_model(const char *cmd, const char *dir);

/* ------------------------------------------------------------ inputs */

/* What an input is: an article (analysed) or a saved map (imported). */
typedef enum {
    CLI_IN_AUTO = 0,  /* by --from, else file name, else first bytes */
    CLI_IN_ARTICLE,   /* text, Markdown or HTML (load.format) */
    CLI_IN_AIF,
    CLI_IN_JSON,      /* argmap's own JSON */
    CLI_IN_MICROTEXT,
    CLI_IN_MAP        /* AIF or argmap JSON: the library tells them apart */
} cli_in_kind;

typedef struct {
    cli_in_kind kind;
    am_load_options load;       /* articles */
    am_analyze_options analyze; /* articles */
    am_import_options import;   /* saved maps */
    const char *models;         /* --models, or NULL */
    int quiet;                  /* no warnings */
} cli_input;

void cli_input_init(cli_input *in);
/* Set the kind from a --from name: auto, aif, json, microtext, text,
 * markdown, html. -1 for an unknown name. */
int cli_input_kind_parse(cli_input *in, const char *name);

/* The input options of the commands that read maps, by their getopt
 * letters: 'f' --format, 'm' --max-bytes, 'U' --max-units, 'r'
 * --replace-invalid, 'M' --models, 'q' --quiet. Returns 1 when c was
 * handled, 0 when it is not one of these, -1 on a bad value (printed). */
int cli_input_option(cli_input *in, const char *cmd, int c, const char *arg);

/* Turn PATH ("-": stdin) into a map: an article is loaded and analysed with
 * `model` (or, when NULL, the models found by cli_load_model, handed back in
 * *model_out when that is not NULL); a saved map is imported. Prints the
 * error and returns a negative AM_E* code on failure. The caller frees the
 * map, then *doc_out (NULL for imports), then *model_out. */
int cli_open_map(const char *cmd, const cli_input *in, const char *path,
                 const am_model *model, am_model **model_out, am_document **doc_out,
                 am_map **map_out);

/* Output that appears whole or not at all: a temporary file beside the
 * target, renamed over it on commit. With path NULL or "-", stdout. */
typedef struct {
    FILE *f;
    char *path;
    char *tmp;
} cli_out;

int cli_out_open(cli_out *o, const char *cmd, const char *path);
/* Flush, close and rename; returns 0, or prints the error and returns -1. */
int cli_out_commit(cli_out *o, const char *cmd);
/* Drop the temporary file (no output file is left). */
void cli_out_abort(cli_out *o);


/* Read all of stdin (at most max bytes); NULL with the error printed. */
char *cli_read_stdin(const char *cmd, size_t max, size_t *len);

#endif
