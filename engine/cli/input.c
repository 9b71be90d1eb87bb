/*
 * input.c - one way for every subcommand to turn an input into a map.
 *
 * An input is an article (text, Markdown, HTML: loaded and analysed) or a
 * saved map (argmap's JSON, AIF JSON, microtext XML: imported). The kind is
 * taken from --from/-t or --format, else the file name, else the first
 * bytes, so that render, report, chains, compare and convert all read the
 * same things (analyze reads articles only, the same way).
 *
 * The options that say how to read an input are parsed and checked here
 * too (cli_input_option), once for all the commands, batch included.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

void cli_input_init(cli_input *in)
{
    memset(in, 0, sizeof *in);
    am_load_options_init(&in->load);
    am_analyze_options_init(&in->analyze);
    am_import_options_init(&in->import);
    in->kind = CLI_IN_AUTO;
}

/* Set the kind from a --from name: auto, aif, json, microtext, text,
 * markdown, html. -1 for an unknown name. */
static int kind_parse(cli_input *in, const char *name)
{
    am_format f;
    if (!strcmp(name, "aif"))
        in->kind = CLI_IN_AIF;
    else if (!strcmp(name, "json"))
        in->kind = CLI_IN_JSON;
    else if (!strcmp(name, "microtext"))
        in->kind = CLI_IN_MICROTEXT;
    else if (!strcmp(name, "auto"))
        in->kind = CLI_IN_AUTO;
    else if (am_format_parse(&f, name) == 0 && f != AM_FORMAT_AUTO) {
        in->kind = CLI_IN_ARTICLE;
        in->load.format = f;
    } else
        return -1;
    return 0;
}

/* A limit of option --NAME: a count (K, M, G suffixes taken) of at least 1
 * and, when max is not 0, at most max. 1, or -1 with the error printed. */
static int count(const char *cmd, const char *name, const char *arg, size_t max, size_t *out)
{
    size_t v;
    if (cli_parse_size(arg, &v) < 0 || v == 0 || (max && v > max)) {
        if (max)
            cli_error(cmd, "--%s: '%s' is not a count from 1 to %zu", name, arg, max);
        else
            cli_error(cmd, "--%s: '%s' is not a positive count", name, arg);
        return -1;
    }
    *out = v;
    return 1;
}

int cli_input_option(cli_input *in, const char *cmd, int c, const char *arg)
{
    switch (c) {
    case 'f':
        if (am_format_parse(&in->load.format, arg) < 0) {
            cli_error(cmd, "%s", am_error_last());
            return -1;
        }
        /* a named format means an article; "auto" leaves the choice open */
        in->kind = in->load.format == AM_FORMAT_AUTO ? CLI_IN_AUTO : CLI_IN_ARTICLE;
        return 1;
    case 't':
        if (kind_parse(in, arg) < 0) {
            cli_error(cmd, "-t: unknown input type '%s' (aif, microtext, json, text, "
                      "markdown, html or auto)", arg);
            return -1;
        }
        return 1;
    case CLI_OPT_MAX_UNITS: return count(cmd, "max-units", arg, 0, &in->analyze.max_units);
    case CLI_OPT_MAX_BYTES:
        if (cli_parse_size(arg, &in->load.max_bytes) < 0) {
            cli_error(cmd, "--max-bytes: '%s' is not a byte count", arg);
            return -1;
        }
        /* one limit for every input, article or saved map, as --help says */
        in->import.max_bytes = in->load.max_bytes;
        return 1;
    case CLI_OPT_MAX_NODES: return count(cmd, "max-nodes", arg, 0, &in->import.max_nodes);
    case CLI_OPT_MAX_DEPTH: /* cJSON itself stops at 1000 levels (CJSON_NESTING_LIMIT) */
        return count(cmd, "max-depth", arg, 1000, &in->import.max_depth);
    case CLI_OPT_REPLACE_INVALID: in->load.replace_invalid = 1; return 1;
    case CLI_OPT_MODELS: in->models = arg; return 1;
    case 'q': in->quiet = 1; return 1;
    default: return 0;
    }
}

int cli_input_option_or_usage(cli_input *in, const char *cmd, int c, const char *arg,
                              const char *seen)
{
    int r = cli_input_option(in, cmd, c, arg);
    if (r > 0)
        return 0;
    if (r == 0)
        cli_error(cmd, "unknown or incomplete option '%s' (see 'argmap %s --help')", seen, cmd);
    return EXIT_USAGE;
}

/* By file name; CLI_IN_AUTO when the name does not tell. */
static cli_in_kind kind_by_name(const char *path, am_format *fmt)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return CLI_IN_AUTO;
    if (!strcasecmp(dot, ".json") || !strcasecmp(dot, ".aif"))
        return CLI_IN_MAP; /* AIF or argmap's own: the library tells them apart */
    if (!strcasecmp(dot, ".xml"))
        return CLI_IN_MICROTEXT;
    if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text")) {
        *fmt = AM_FORMAT_TEXT;
        return CLI_IN_ARTICLE;
    }
    if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown")) {
        *fmt = AM_FORMAT_MARKDOWN;
        return CLI_IN_ARTICLE;
    }
    if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml")) {
        *fmt = AM_FORMAT_HTML;
        return CLI_IN_ARTICLE;
    }
    return CLI_IN_AUTO;
}

/* By the first bytes: '{' or '[' a saved map; '<' with <arggraph a
 * microtext, other markup HTML; anything else plain text. */
static cli_in_kind kind_by_content(const char *buf, size_t len, am_format *fmt)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    if (i < len && (buf[i] == '{' || buf[i] == '['))
        return CLI_IN_MAP;
    if (i < len && buf[i] == '<') {
        size_t n = len - i < 4096 ? len - i : 4096;
        if (memmem(buf + i, n, "<arggraph", 9))
            return CLI_IN_MICROTEXT;
        *fmt = AM_FORMAT_HTML;
        return CLI_IN_ARTICLE;
    }
    *fmt = AM_FORMAT_TEXT;
    return CLI_IN_ARTICLE;
}

/* The whole file, at most max bytes; NULL with the error printed. */
static char *read_file(const char *cmd, const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error(cmd, "%s: cannot open: %s", path, strerror(errno));
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
            cli_error(cmd, "%s: more than %zu bytes, the limit (--max-bytes)", path, max);
            free(buf);
            fclose(f);
            return NULL;
        }
        if (k == 0)
            break;
    }
    if (!buf || ferror(f)) {
        cli_error(cmd, "%s: %s", path,
                  buf ? "read error (is it a directory, not a file?)" : "out of memory");
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

int cli_open_map(const char *cmd, const cli_input *in, const char *path,
                 const am_model *model, am_model **model_out, am_document **doc_out,
                 am_map **map_out)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    am_format fmt = in->load.format;
    cli_in_kind kind = in->kind;
    am_model *loaded = NULL;
    am_document *doc = NULL;
    am_map *map = NULL;
    size_t len = 0;
    int err = AM_EIO;
    char *buf;

    *doc_out = NULL;
    *map_out = NULL;
    if (model_out)
        *model_out = NULL;
    am_error_clear();
    if (kind == CLI_IN_AUTO && !is_stdin)
        kind = kind_by_name(path, &fmt);
    /* An article file is read by the library (it names directories and
     * limits itself); everything else is read here. */
    if (kind == CLI_IN_ARTICLE && !is_stdin) {
        am_load_options lo = in->load;
        lo.format = fmt;
        err = am_document_load_file(&doc, path, &lo);
    } else {
        size_t max = kind == CLI_IN_ARTICLE ? in->load.max_bytes : in->import.max_bytes;
        buf = is_stdin ? cli_read_stdin(cmd, max, &len) : read_file(cmd, path, max, &len);
        if (!buf)
            return AM_EIO;
        if (kind == CLI_IN_AUTO)
            kind = kind_by_content(buf, len, &fmt);
        if (kind == CLI_IN_ARTICLE) {
            am_load_options lo = in->load;
            lo.format = fmt == AM_FORMAT_AUTO ? AM_FORMAT_TEXT : fmt;
            err = am_document_load_memory(&doc, name, buf, len, &lo);
        } else {
            am_import_format f = kind == CLI_IN_AIF ? AM_IMPORT_AIF
                               : kind == CLI_IN_JSON ? AM_IMPORT_JSON
                               : kind == CLI_IN_MICROTEXT ? AM_IMPORT_MICROTEXT : AM_IMPORT_AUTO;
            err = am_map_import(&map, name, buf, len, f, &in->import);
        }
        free(buf);
    }
    if (err < 0)
        goto fail;
    if (doc) { /* an article: analyse it */
        if (!in->quiet)
            for (size_t i = 0; i < am_document_warning_count(doc); i++)
                cli_warn(cmd, "%s", am_document_warning(doc, i));
        if (!model) {
            if (!(loaded = cli_load_model(cmd, in->models))) {
                am_document_free(doc);
                return AM_ENOTFOUND;
            }
            model = loaded;
        }
        if ((err = am_analyze(&map, doc, model, &in->analyze)) < 0)
            goto fail;
    } else if (!in->quiet) {
        const am_document *md = am_map_document(map);
        for (size_t i = 0; i < am_document_warning_count(md); i++)
            cli_warn(cmd, "%s", am_document_warning(md, i));
    }
    *doc_out = doc;
    *map_out = map;
    if (model_out)
        *model_out = loaded;
    else
        am_model_free(loaded);
    return 0;
fail:
    cli_error(cmd, "%s", *am_error_last() ? am_error_last() : "failed");
    am_map_free(map);
    am_document_free(doc);
    am_model_free(loaded);
    return err;
}
