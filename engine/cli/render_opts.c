/*
 * render_opts.c - options and input shared by `argmap render` and
 * `argmap report`: the drawing flags, the time limit, and loading one
 * article into a map through the whole pipeline.
 */
#include "render_opts.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum {
    O_GROUP = 256, O_MONO, O_NO_LEGEND, O_WRAP, O_MAX_LABEL, O_FOCUS, O_DEPTH, O_ENGINE,
    O_SFDP_ABOVE, O_CLUSTER_MAX, O_MAX_NODES, O_TIMEOUT
};

const struct option rcli_longopts[] = {
    {"output", required_argument, NULL, 'o'},
    CLI_LONGOPT_FORMAT,
    {"to", required_argument, NULL, 'T'},
    {"group", required_argument, NULL, O_GROUP},
    {"mono", no_argument, NULL, O_MONO},
    {"no-legend", no_argument, NULL, O_NO_LEGEND},
    {"wrap", required_argument, NULL, O_WRAP},
    {"max-label", required_argument, NULL, O_MAX_LABEL},
    {"focus", required_argument, NULL, O_FOCUS},
    {"depth", required_argument, NULL, O_DEPTH},
    {"engine", required_argument, NULL, O_ENGINE},
    {"sfdp-above", required_argument, NULL, O_SFDP_ABOVE},
    {"cluster-max", required_argument, NULL, O_CLUSTER_MAX},
    {"max-nodes", required_argument, NULL, O_MAX_NODES},
    {"timeout", required_argument, NULL, O_TIMEOUT},
    CLI_LONGOPT_MAX_BYTES,
    CLI_LONGOPT_REPLACE_INVALID,
    CLI_LONGOPT_MODELS,
    CLI_LONGOPT_QUIET,
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

const char rcli_help[] =
    "  -o, --output FILE     write to FILE (whole or not at all) instead of stdout\n"
    "  -f, --format FMT      input format: auto (by extension; stdin is text),\n"
    "                        text, markdown, html\n"
    "      --group G         box units by paragraph, by source, or none (default)\n"
    "      --mono            black, white and greys (print); default: Okabe-Ito colours\n"
    "      --no-legend       leave the legend out\n"
    "      --wrap N          wrap labels at N characters (default 32; 0: never)\n"
    "      --max-label N     cut labels at N characters with an ellipsis (default\n"
    "                        160; 0: never); the tooltip keeps the whole text\n"
    "      --focus ID        draw only the neighbourhood of unit ID (u3)\n"
    "      --depth N         ... within N relations of it (default 2)\n"
    "      --engine E        auto (default), dot, sfdp, neato, fdp, circo, twopi\n"
    "      --sfdp-above N    auto: sfdp above N nodes, dot up to it (default 1000)\n"
    "      --cluster-max N   drop groups above N nodes (default 500)\n"
    "      --max-nodes N     refuse maps of more than N nodes (default 50000)\n"
    "      --timeout S       give up the layout after S seconds (default 60; 0: no\n"
    "                        limit, and no separate layout process)\n"
    "      --max-bytes N     refuse inputs over N bytes (K, M, G; default 64M)\n"
    "      --replace-invalid turn invalid UTF-8 into U+FFFD instead of failing\n"
    "      --models DIR      the models folder\n"
    "  -q, --quiet           no warnings on stderr\n"
    "  -h, --help            this help\n";

void rcli_init(rcli *o)
{
    memset(o, 0, sizeof *o);
    cli_input_init(&o->in);
    am_render_options_init(&o->render);
    o->render.timeout = RCLI_TIMEOUT;
}

/* A whole number from min to INT_MAX into *out: 0, else EXIT_USAGE (printed). */
static int count(const char *cmd, const char *name, const char *arg, size_t min, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = arg && *arg && *arg != '-' ? strtoull(arg, &end, 10) : 0;
    if (!arg || !*arg || *arg == '-' || errno || *end || v < min || v > (unsigned long long)INT_MAX) {
        cli_error(cmd, "--%s: '%s' is not a number from %zu to %d", name, arg ? arg : "", min,
                  INT_MAX);
        return EXIT_USAGE;
    }
    *out = (size_t)v;
    return 0;
}

/* Handle option c (from getopt_long over rcli_longopts): 0 when handled,
 * else EXIT_USAGE with the error printed (`seen` names the option). */
static int rcli_option(rcli *o, const char *cmd, int c, const char *arg, const char *seen)
{
    size_t v;
    switch (c) {
    case 'o': o->output = arg; return 0;
    case O_GROUP:
        if (am_group_parse(&o->render.group, arg) < 0) {
            cli_error(cmd, "--group: %s", am_error_last());
            return EXIT_USAGE;
        }
        return 0;
    case O_MONO: o->render.mono = 1; return 0;
    case O_NO_LEGEND: o->render.legend = 0; return 0;
    case O_WRAP: return count(cmd, "wrap", arg, 0, &o->render.wrap);
    case O_MAX_LABEL: return count(cmd, "max-label", arg, 0, &o->render.max_label);
    case O_FOCUS: o->render.focus = arg; return 0;
    case O_DEPTH: return count(cmd, "depth", arg, 0, &o->render.depth);
    case O_ENGINE: o->render.engine = arg; return 0;
    case O_SFDP_ABOVE: return count(cmd, "sfdp-above", arg, 0, &o->render.sfdp_above);
    case O_CLUSTER_MAX: return count(cmd, "cluster-max", arg, 0, &o->render.cluster_max);
    case O_MAX_NODES: return count(cmd, "max-nodes", arg, 1, &o->render.max_nodes);
    case O_TIMEOUT:
        if (count(cmd, "timeout", arg, 0, &v))
            return EXIT_USAGE;
        o->render.timeout = (unsigned)v;
        return 0;
    default: return cli_input_option_or_usage(&o->in, cmd, c, arg, seen);
    }
}

int rcli_parse(rcli *o, const char *cmd, int argc, char **argv, int with_to,
               void (*help)(FILE *))
{
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, with_to ? "o:f:T:qh" : "o:f:qh", rcli_longopts,
                            NULL)) != -1) {
        if (c == 'h') {
            help(stdout);
            return EXIT_OK;
        }
        if (c == 'T' && with_to) {
            o->render.format = optarg;
            continue;
        }
        /* report takes --to as an unknown option */
        if (rcli_option(o, cmd, c == 'T' ? '?' : c, optarg, argv[optind - 1]))
            return EXIT_USAGE;
    }
    return -1;
}

static int rcli_exit_code(int err)
{
    return err == AM_EINVAL ? EXIT_USAGE : EXIT_INPUT;
}

static int rcli_load(const char *cmd, const rcli *o, const char *path, am_model **model,
              am_document **doc, am_map **map)
{
    /* -f names an article format; without it a saved map (.json, .aif,
     * .xml) is imported and anything else is read as an article */
    return cli_open_map(cmd, &o->in, path, NULL, model, doc, map) < 0 ? EXIT_INPUT : 0;
}

static void rcli_note(const char *cmd, const rcli *o, const am_render_info *info)
{
    if (o->in.quiet)
        return;
    if (info->clusters_dropped)
        cli_warn(cmd, "--group %s left out: groups are drawn by the dot engine up to "
                      "--cluster-max nodes (this map: %zu nodes, engine %s)",
                 am_group_name(o->render.group), info->nodes, info->engine);
    if (info->legend_dropped)
        cli_warn(cmd, "legend left out: it is drawn by the dot engine only (engine %s)",
                 info->engine);
}

int rcli_run(const char *cmd, const rcli *o, int nargs, char **args, rcli_draw_fn draw)
{
    if (nargs != 1) {
        cli_error(cmd, "expected one input FILE (or '-'), got %d (see 'argmap %s --help')",
                  nargs, cmd);
        return EXIT_USAGE;
    }
    am_model *model;
    am_document *doc;
    am_map *map;
    int rc = rcli_load(cmd, o, args[0], &model, &doc, &map);
    char *data = NULL;
    size_t len = 0;
    am_render_info info;
    if (rc)
        goto done;
    am_error_clear();
    int err = draw(&data, &len, map, &o->render, &info);
    if (err < 0) {
        cli_error(cmd, "%s", am_error_last());
        rc = rcli_exit_code(err);
        goto done;
    }
    rcli_note(cmd, o, &info);
    rc = cli_write_whole(cmd, o->output, data, len, 0);
done:
    am_free(data);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(model);
    return rc;
}
