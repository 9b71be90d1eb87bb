/*
 * load.c - reading input into an am_document.
 *
 * The order of checks is the order a user needs the answers in: can the
 * file be read at all, is it within the size limit, is it text (no NUL,
 * valid UTF-8), and only then how is it laid out.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "load.h"
#include "utf8.h"

void am_load_options_init(am_load_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->version = AM_LOAD_OPTIONS_VERSION;
    opts->format = AM_FORMAT_AUTO;
    opts->max_bytes = AM_DEFAULT_MAX_BYTES;
}

const char *am_format_name(am_format f)
{
    switch (f) {
    case AM_FORMAT_TEXT: return "text";
    case AM_FORMAT_MARKDOWN: return "markdown";
    case AM_FORMAT_HTML: return "html";
    default: return "auto";
    }
}

int am_format_parse(am_format *out, const char *name)
{
    static const struct { const char *name; am_format f; } names[] = {
        {"auto", AM_FORMAT_AUTO}, {"text", AM_FORMAT_TEXT}, {"txt", AM_FORMAT_TEXT},
        {"markdown", AM_FORMAT_MARKDOWN}, {"md", AM_FORMAT_MARKDOWN},
        {"html", AM_FORMAT_HTML}, {"htm", AM_FORMAT_HTML},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (name && strcmp(name, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    }
    return am_err(AM_EINVAL, "unknown format '%s' (use text, markdown, html or auto)",
                  name ? name : "");
}

static am_format format_from_name(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (dot && (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown")))
        return AM_FORMAT_MARKDOWN;
    if (dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") ||
                !strcasecmp(dot, ".xhtml")))
        return AM_FORMAT_HTML;
    return AM_FORMAT_TEXT;
}

void am_document_free(am_document *doc)
{
    if (!doc)
        return;
    free(doc->name);
    if (doc->text != doc->src)
        free(doc->text);
    free(doc->src);
    free(doc->map);
    AM_VEC_FREE(&doc->blocks);
    for (size_t i = 0; i < doc->warnings.len; i++)
        free(doc->warnings.items[i]);
    AM_VEC_FREE(&doc->warnings);
    free(doc);
}

int am_doc_warn(am_document *doc, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = strdup(buf);
    char **slot = s ? AM_VEC_PUSH(&doc->warnings) : NULL;
    if (!slot) {
        free(s);
        return am_err_nomem();
    }
    *slot = s;
    return 0;
}

/* Check the bytes and parse them; takes ownership of `bytes` (malloc'd,
 * len + 1 with a NUL at len). */
static int load_owned(am_document **out, const char *name, char *bytes, size_t len,
                      const am_load_options *opts)
{
    int err = 0;
    am_document *doc = calloc(1, sizeof *doc);
    if (!doc) {
        free(bytes);
        return am_err_nomem();
    }
    doc->src = bytes;
    doc->src_len = len;
    doc->name = strdup(name);
    if (!doc->name) {
        err = am_err_nomem();
        goto done;
    }

    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
        err = am_err(AM_EPARSE, "%s: byte %zu: NUL byte; this looks like a binary file, not text",
                     name, (size_t)(nul - bytes));
        goto done;
    }
    size_t bad;
    if (!am_utf8_valid(bytes, len, &bad)) {
        if (!opts->replace_invalid) {
            err = am_err(AM_EPARSE,
                         "%s: byte %zu: invalid UTF-8 (byte 0x%02X); "
                         "convert the file to UTF-8 or use --replace-invalid",
                         name, bad, (unsigned char)bytes[bad]);
            goto done;
        }
        size_t nlen, replaced;
        char *fixed = am_utf8_repair(bytes, len, &nlen, &replaced);
        if (!fixed) {
            err = am_err_nomem();
            goto done;
        }
        free(doc->src);
        doc->src = fixed;
        doc->src_len = nlen;
        if ((err = am_doc_warn(doc, "%s: replaced %zu invalid UTF-8 sequence%s with U+FFFD, "
                               "first at byte %zu", name, replaced, replaced == 1 ? "" : "s",
                               bad)) < 0)
            goto done;
    }

    doc->format = opts->format == AM_FORMAT_AUTO ? format_from_name(name) : opts->format;
    switch (doc->format) {
    case AM_FORMAT_MARKDOWN: err = am_parse_markdown(doc); break;
    case AM_FORMAT_HTML: err = am_parse_html(doc); break;
    default: err = am_parse_text(doc); break;
    }
    if (err < 0)
        goto done;
    if (doc->blocks.len == 0 && (err = am_doc_warn(doc, "%s: empty document: no text to analyse", name)) < 0)
        goto done;

    *out = doc;
    doc = NULL;
done:
    am_document_free(doc);
    return err;
}

static int check_opts(const am_load_options *opts)
{
    if (opts->version != AM_LOAD_OPTIONS_VERSION)
        return am_err(AM_EINVAL, "load options: version %d, expected %d", opts->version,
                      AM_LOAD_OPTIONS_VERSION);
    return 0;
}

int am_document_load_memory(am_document **out, const char *name, const char *data,
                            size_t len, const am_load_options *opts)
{
    am_load_options defaults;
    if (!opts) {
        am_load_options_init(&defaults);
        opts = &defaults;
    }
    if (!out || (!data && len))
        return am_err(AM_EINVAL, "am_document_load_memory: NULL argument");
    int err = check_opts(opts);
    if (err < 0)
        return err;
    if (!name)
        name = "<memory>";
    if (len > opts->max_bytes)
        return am_err(AM_ELIMIT, "%s: %zu bytes is over the limit of %zu bytes (--max-bytes)",
                      name, len, opts->max_bytes);
    char *copy = malloc(len + 1);
    if (!copy)
        return am_err_nomem();
    if (len)
        memcpy(copy, data, len);
    copy[len] = '\0';
    return load_owned(out, name, copy, len, opts);
}

int am_document_load_file(am_document **out, const char *path, const am_load_options *opts)
{
    am_load_options defaults;
    if (!opts) {
        am_load_options_init(&defaults);
        opts = &defaults;
    }
    if (!out || !path)
        return am_err(AM_EINVAL, "am_document_load_file: NULL argument");
    int err = check_opts(opts);
    if (err < 0)
        return err;

    FILE *f = fopen(path, "rb");
    if (!f)
        return am_err(AM_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *buf = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        err = am_err(AM_EIO, "%s: cannot stat: %s", path, strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        err = am_err(AM_EIO, "%s: is a directory, not a file", path);
        goto fail;
    }
    /* Read in chunks: the size of a pipe or /dev/stdin is not known up front. */
    size_t len = 0, cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    if (S_ISREG(st.st_mode) && (size_t)st.st_size > opts->max_bytes) {
        err = am_err(AM_ELIMIT, "%s: %lld bytes is over the limit of %zu bytes (--max-bytes)",
                     path, (long long)st.st_size, opts->max_bytes);
        goto fail;
    }
    buf = malloc(cap);
    if (!buf) {
        err = am_err_nomem();
        goto fail;
    }
    for (;;) {
        if (len + 1 >= cap) {
            size_t ncap = cap * 2;
            char *p = realloc(buf, ncap);
            if (!p) {
                err = am_err_nomem();
                goto fail;
            }
            buf = p;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len > opts->max_bytes) {
            err = am_err(AM_ELIMIT, "%s: more than %zu bytes, the limit (--max-bytes)", path,
                         opts->max_bytes);
            goto fail;
        }
        if (n == 0) {
            if (ferror(f)) {
                err = am_err(AM_EIO, "%s: read error: %s", path, strerror(errno));
                goto fail;
            }
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    return load_owned(out, path, buf, len, opts);
fail:
    free(buf);
    fclose(f);
    return err;
}

/* ------------------------------------------------------------ accessors */

const char *am_document_name(const am_document *doc) { return doc->name; }
am_format am_document_format(const am_document *doc) { return doc->format; }

const char *am_document_source(const am_document *doc, size_t *len)
{
    if (len)
        *len = doc->src_len;
    return doc->src;
}

size_t am_doc_src_offset(const am_document *doc, size_t off)
{
    if (off > doc->text_len)
        off = doc->text_len;
    return doc->map ? doc->map[off] : off;
}

am_span am_doc_src_span(const am_document *doc, am_tspan t)
{
    am_span s;
    s.start = am_doc_src_offset(doc, t.start);
    if (!doc->map || t.end <= t.start)
        s.end = doc->map ? s.start : t.end;
    else { /* the byte after the last byte of the span, in the source */
        size_t last = am_doc_src_offset(doc, t.end - 1);
        s.end = last + 1;
        /* HTML: a span that ends in a decoded entity ends after its ';' */
        if (doc->format == AM_FORMAT_HTML && last < doc->src_len && doc->src[last] == '&') {
            const char *semi = memchr(doc->src + last, ';', doc->src_len - last < 34 ? doc->src_len - last : 34);
            if (semi)
                s.end = (size_t)(semi - doc->src) + 1;
        }
    }
    if (s.end < s.start)
        s.end = s.start;
    return s;
}

int am_document_title(const am_document *doc, am_span *span)
{
    if (!doc->has_title)
        return 0;
    if (span)
        *span = am_doc_src_span(doc, doc->blocks.items[doc->title_block].span);
    return 1;
}

size_t am_document_paragraph_count(const am_document *doc)
{
    return doc->blocks.len;
}

int am_document_paragraph(const am_document *doc, size_t i, am_span *span, am_block_kind *kind)
{
    if (i >= doc->blocks.len)
        return am_err(AM_EINVAL, "paragraph %zu out of range (%zu paragraphs)", i,
                      doc->blocks.len);
    if (span)
        *span = am_doc_src_span(doc, doc->blocks.items[i].span);
    if (kind)
        *kind = doc->blocks.items[i].kind;
    return 0;
}

size_t am_document_warning_count(const am_document *doc)
{
    return doc->warnings.len;
}

const char *am_document_warning(const am_document *doc, size_t i)
{
    return i < doc->warnings.len ? doc->warnings.items[i] : NULL;
}
