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

/* The input options, parsed, checked and explained here once for every
 * command that reads articles or maps (analyze, batch, chains, compare,
 * convert, render, report). A command lists the ones it takes in its
 * getopt_long table with the CLI_LONGOPT_* entries below and hands what
 * its own switch does not know to cli_input_option.
 *   -f, --format FMT       article format: auto, text, markdown, html; a
 *                          named one makes the input an article ('f')
 *   -t, --from TYPE        the input's kind: auto, aif, json, microtext or
 *                          an article format (convert; 't')
 *   --max-bytes N          the input size limit, K/M/G suffixes (load.max_bytes)
 *   --max-units N          units per document, at least 1
 *   --replace-invalid      invalid UTF-8 becomes U+FFFD instead of an error
 *   --models DIR           the models folder (see cli_load_model)
 *   --max-nodes N          nodes (and edges) of an imported map, at least 1
 *   --max-depth N          JSON nesting of an imported map, 1 to 1000
 *   -q, --quiet            no warnings ('q')
 * The long-only ones have ids above any letter and any command's own. */
enum {
    CLI_OPT_MAX_BYTES = 0x1000,
    CLI_OPT_MAX_UNITS,
    CLI_OPT_REPLACE_INVALID,
    CLI_OPT_MODELS,
    CLI_OPT_MAX_NODES,
    CLI_OPT_MAX_DEPTH
};

/* getopt_long entries (struct option) of the input options. */
#define CLI_LONGOPT_FORMAT {"format", required_argument, NULL, 'f'}
#define CLI_LONGOPT_FROM {"from", required_argument, NULL, 't'}
#define CLI_LONGOPT_MAX_BYTES {"max-bytes", required_argument, NULL, CLI_OPT_MAX_BYTES}
#define CLI_LONGOPT_MAX_UNITS {"max-units", required_argument, NULL, CLI_OPT_MAX_UNITS}
#define CLI_LONGOPT_REPLACE_INVALID {"replace-invalid", no_argument, NULL, CLI_OPT_REPLACE_INVALID}
#define CLI_LONGOPT_MODELS {"models", required_argument, NULL, CLI_OPT_MODELS}
#define CLI_LONGOPT_MAX_NODES {"max-nodes", required_argument, NULL, CLI_OPT_MAX_NODES}
#define CLI_LONGOPT_MAX_DEPTH {"max-depth", required_argument, NULL, CLI_OPT_MAX_DEPTH}
#define CLI_LONGOPT_QUIET {"quiet", no_argument, NULL, 'q'}
/* The set the analysing commands (analyze, batch, chains, compare) share. */
#define CLI_LONGOPTS_ARTICLE                                                    \
    CLI_LONGOPT_FORMAT, CLI_LONGOPT_MAX_BYTES, CLI_LONGOPT_MAX_UNITS,           \
    CLI_LONGOPT_REPLACE_INVALID, CLI_LONGOPT_MODELS, CLI_LONGOPT_QUIET

/* Their help lines, in brief, for CLI_LONGOPTS_ARTICLE (chains, compare;
 * analyze and batch say more in their own words). */
#define CLI_HELP_ARTICLE                                                        \
    "  -f, --format FMT      input format: auto, text, markdown, html\n"        \
    "      --max-bytes N     refuse inputs over N bytes (default 64M)\n"        \
    "      --max-units N     refuse documents with more than N units\n"         \
    "                        (default 100000)\n"                                \
    "      --replace-invalid turn invalid UTF-8 into U+FFFD\n"                  \
    "      --models DIR      the models folder\n"                               \
    "  -q, --quiet           no warnings on stderr\n"

/* Handle input option c with its argument. Returns 1 when c was handled,
 * 0 when it is not an input option, -1 on a bad value (printed). */
int cli_input_option(cli_input *in, const char *cmd, int c, const char *arg);

/* For the default case of a command's option switch: c is an input option
 * (returns 0), or a bad value of one or an unknown option (printed, with
 * `seen`, argv[optind - 1], naming it; returns EXIT_USAGE). */
int cli_input_option_or_usage(cli_input *in, const char *cmd, int c, const char *arg,
                              const char *seen);

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
/* The whole of an output at once: len bytes of data, then a newline when
 * asked, to path (NULL or "-": stdout) through cli_out. Returns EXIT_OK,
 * or EXIT_INPUT with the error printed. */
int cli_write_whole(const char *cmd, const char *path, const char *data, size_t len,
                    int newline);


/* Read all of stdin (at most max bytes); NULL with the error printed. */
char *cli_read_stdin(const char *cmd, size_t max, size_t *len);

#endif
