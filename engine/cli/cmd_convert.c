/*
 * cmd_convert.c - `argmap convert`: a map from one format to another.
 *
 * The input is an AIF nodeset, a microtext XML file, or an article (text,
 * Markdown, HTML), which is analysed first. Its type comes from -t, else
 * from the file name's extension, else from the first bytes. The output is
 * AIF JSON, Argdown, GraphML or argmap's JSON, written whole or not at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

#define CMD "convert"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap convert [options] -f FORMAT [IN]\n\n"
        "Convert an argument map. IN (or stdin, given as '-' or no IN) is an AIF\n"
        "nodeset (AIFdb, OVA), a microtext corpus XML file, argmap's own JSON, or\n"
        "an article, which is analysed first. See docs/interchange.md.\n\n"
        "options:\n"
        "  -f, --to FORMAT       output: aif, argdown, graphml, json\n"
        "  -t, --from TYPE       input: aif, microtext, json, text, markdown, html, or\n"
        "                        auto (default: by extension - .json is AIF or\n"
        "                        argmap JSON by its \"schema\", .xml is microtext,\n"
        "                        .txt/.md/.html an article - else by the first bytes)\n"
        "  -o, --output FILE     write to FILE (whole or not at all) instead of stdout\n"
        "      --compact         one-line JSON (aif, json)\n"
        "      --max-bytes N     refuse inputs over N bytes (K, M, G suffixes;\n"
        "                        default 64M)\n"
        "      --max-nodes N     refuse imports with more than N nodes or edges\n"
        "                        (default 100000)\n"
        "      --max-depth N     refuse JSON nested deeper than N levels (default\n"
        "                        64, at most 1000)\n"
        "      --models DIR      the models folder, for articles\n"
        "  -q, --quiet           no warnings on stderr\n"
        "  -h, --help            this help\n\n"
        "exit codes: 0 ok, 2 usage, 3 the input could not be read or converted\n");
}

typedef enum { IN_AUTO, IN_AIF, IN_MICROTEXT, IN_JSON, IN_ARTICLE, IN_SNIFF_JSON } in_kind;

typedef enum { OUT_AIF, OUT_ARGDOWN, OUT_GRAPHML, OUT_JSON } out_kind;

static in_kind kind_by_name(const char *path, am_format *fmt)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return IN_AUTO;
    if (!strcasecmp(dot, ".json"))
        return IN_SNIFF_JSON; /* AIF or argmap's own: the library tells them apart */
    if (!strcasecmp(dot, ".xml"))
        return IN_MICROTEXT;
    if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text")) {
        *fmt = AM_FORMAT_TEXT;
        return IN_ARTICLE;
    }
    if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown")) {
        *fmt = AM_FORMAT_MARKDOWN;
        return IN_ARTICLE;
    }
    if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml")) {
        *fmt = AM_FORMAT_HTML;
        return IN_ARTICLE;
    }
    return IN_AUTO;
}

/* '{' or '[' first: AIF; '<' with <arggraph: microtext; else an article. */
static in_kind kind_by_content(const char *buf, size_t len, am_format *fmt)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    if (i < len && (buf[i] == '{' || buf[i] == '['))
        return IN_SNIFF_JSON;
    if (i < len && buf[i] == '<') {
        size_t n = len - i < 4096 ? len - i : 4096;
        if (memmem(buf + i, n, "<arggraph", 9))
            return IN_MICROTEXT;
        *fmt = AM_FORMAT_HTML;
        return IN_ARTICLE;
    }
    *fmt = AM_FORMAT_TEXT;
    return IN_ARTICLE;
}

static char *read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error(CMD, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (n > max) {
            cli_error(CMD, "%s: more than %zu bytes, the limit (--max-bytes)", path, max);
            free(buf);
            fclose(f);
            return NULL;
        }
        if (k == 0)
            break;
    }
    if (!buf || ferror(f)) {
        cli_error(CMD, "%s: %s", path, buf ? "read error (is it a directory?)" : "out of memory");
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

int cmd_convert(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"to", required_argument, NULL, 'f'},
        {"from", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"compact", no_argument, NULL, 'c'},
        {"max-bytes", required_argument, NULL, 'm'},
        {"max-nodes", required_argument, NULL, 'n'},
        {"max-depth", required_argument, NULL, 'D'},
        {"models", required_argument, NULL, 'M'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *models = NULL, *to = NULL;
    in_kind kind = IN_AUTO;
    am_format afmt = AM_FORMAT_AUTO;
    am_import_options io;
    am_import_options_init(&io);
    int compact = 0, quiet = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:t:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': to = optarg; break;
        case 't':
            if (!strcmp(optarg, "aif"))
                kind = IN_AIF;
            else if (!strcmp(optarg, "json"))
                kind = IN_JSON;
            else if (!strcmp(optarg, "microtext"))
                kind = IN_MICROTEXT;
            else if (!strcmp(optarg, "auto"))
                kind = IN_AUTO;
            else if (am_format_parse(&afmt, optarg) == 0 && afmt != AM_FORMAT_AUTO)
                kind = IN_ARTICLE;
            else {
                cli_error(CMD, "-t: unknown input type '%s' (aif, microtext, json, text, "
                          "markdown, html or auto)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o': output = optarg; break;
        case 'c': compact = 1; break;
        case 'm':
            if (cli_parse_size(optarg, &io.max_bytes) < 0) {
                cli_error(CMD, "--max-bytes: '%s' is not a byte count", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'n':
            if (cli_parse_size(optarg, &io.max_nodes) < 0 || io.max_nodes == 0) {
                cli_error(CMD, "--max-nodes: '%s' is not a positive count", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'D':
            /* cJSON itself stops at 1000 levels (CJSON_NESTING_LIMIT) */
            if (cli_parse_size(optarg, &io.max_depth) < 0 || io.max_depth == 0 ||
                io.max_depth > 1000) {
                cli_error(CMD, "--max-depth: '%s' is not a count from 1 to 1000", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'M': models = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            cli_error(CMD, "unknown or incomplete option '%s' (see 'argmap convert --help')",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    out_kind ok;
    if (!to) {
        cli_error(CMD, "no output format: give -f aif, argdown, graphml or json");
        return EXIT_USAGE;
    } else if (!strcmp(to, "aif")) {
        ok = OUT_AIF;
    } else if (!strcmp(to, "argdown")) {
        ok = OUT_ARGDOWN;
    } else if (!strcmp(to, "graphml")) {
        ok = OUT_GRAPHML;
    } else if (!strcmp(to, "json")) {
        ok = OUT_JSON;
    } else if (!strcmp(to, "dot")) {
        cli_error(CMD, "-f dot: DOT is written by the Graphviz module; use 'argmap render -f dot'");
        return EXIT_USAGE;
    } else {
        cli_error(CMD, "-f: unknown output format '%s' (aif, argdown, graphml or json)", to);
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        cli_error(CMD, "one input at a time (got %d)", argc - optind);
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;

    int rc = EXIT_INPUT, err;
    size_t len = 0;
    char *buf = is_stdin ? cli_read_stdin(CMD, io.max_bytes, &len)
                         : read_file(path, io.max_bytes, &len);
    am_model *model = NULL;
    am_document *doc = NULL;
    am_map *map = NULL;
    char *text = NULL;
    size_t text_len = 0;
    if (!buf)
        return EXIT_INPUT;
    if (kind == IN_AUTO && !is_stdin)
        kind = kind_by_name(path, &afmt);
    if (kind == IN_AUTO)
        kind = kind_by_content(buf, len, &afmt);
    am_error_clear();
    if (kind == IN_ARTICLE) {
        am_load_options lo;
        am_load_options_init(&lo);
        lo.format = afmt;
        lo.max_bytes = io.max_bytes;
        if (!(model = cli_load_model(CMD, models)))
            goto done;
        if ((err = am_document_load_memory(&doc, name, buf, len, &lo)) < 0 ||
            (err = am_analyze(&map, doc, model, NULL)) < 0)
            goto fail;
    } else {
        am_import_format f = kind == IN_AIF ? AM_IMPORT_AIF
                           : kind == IN_JSON ? AM_IMPORT_JSON
                           : kind == IN_MICROTEXT ? AM_IMPORT_MICROTEXT : AM_IMPORT_AUTO;
        if ((err = am_map_import(&map, name, buf, len, f, &io)) < 0)
            goto fail;
    }
    const am_document *md = am_map_document(map);
    if (!quiet)
        for (size_t i = 0; i < am_document_warning_count(md); i++)
            cli_warn(CMD, "%s", am_document_warning(md, i));
    switch (ok) {
    case OUT_AIF: err = am_map_to_aif(&text, &text_len, map, compact ? AM_JSON_COMPACT : 0); break;
    case OUT_ARGDOWN: err = am_map_to_argdown(&text, &text_len, map); break;
    case OUT_GRAPHML: err = am_map_to_graphml(&text, &text_len, map); break;
    default: err = am_map_to_json(&text, &text_len, map, compact ? AM_JSON_COMPACT : 0); break;
    }
    if (err < 0)
        goto fail;
    cli_out out;
    if (cli_out_open(&out, CMD, output) < 0)
        goto done;
    fwrite(text, 1, text_len, out.f);
    if (text_len && text[text_len - 1] != '\n')
        fputc('\n', out.f);
    if (cli_out_commit(&out, CMD) < 0)
        goto done;
    rc = EXIT_OK;
    goto done;
fail:
    cli_error(CMD, "%s", *am_error_last() ? am_error_last() : "failed");
done:
    am_free(text);
    am_map_free(map);
    am_document_free(doc);
    am_model_free(model);
    free(buf);
    return rc;
}
