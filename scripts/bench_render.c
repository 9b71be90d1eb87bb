/*
 * bench_render.c - synthetic argument maps for scripts/bench_render.sh.
 *
 *   bench_render svg N OUT.svg [ENGINE]   build an N-node map, draw it as SVG
 *   bench_render argdown N OUT.argdown    the same map as Argdown text
 *   bench_render report N OUT.html [ENGINE]  the HTML report of the map
 *
 * The map: N nodes, a sixth of them sources, a third of the rest claims and
 * the others evidence of every type; each node backs (9 in 10) or attacks
 * (1 in 10) an earlier claim picked by a fixed pseudo-random sequence, so
 * the map is a tree-like web of support with attacks, as articles give, and
 * the same every run. Labels are 6 to 14 words. The Argdown file has the
 * same statements and relations, so both tools lay out the same graph.
 *
 * Built by the script against build/libargmap.a with the engine's internal
 * headers (it fills an am_map directly, as the pipeline's stages do).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "argmap.h"
#include "core/model.h"
#include "core/strbuf.h"

static const char *const words[] = {
    "talks", "peace", "security", "guarantees", "ministry", "officials", "said", "border",
    "troops", "treaty", "neutral", "status", "economy", "sanctions", "delegation", "ceasefire",
    "agreement", "written", "promises", "alliance", "withdrawal", "round", "meeting", "capital",
};

static unsigned long rng = 12345;

static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((rng >> 33) % n);
}

typedef struct {
    am_document *doc;
    am_map *map;
    size_t *claims; /* unit indexes of claims, in order */
    size_t nclaims;
} synth;

static int make(synth *s, size_t n)
{
    size_t nsrc = n / 6, nunits = n - nsrc;
    am_strbuf text = {0};
    size_t *start = malloc(nunits * sizeof *start), *end = malloc(nunits * sizeof *end);
    if (!start || !end)
        return -1;
    for (size_t i = 0; i < nunits; i++) {
        start[i] = text.len;
        unsigned k = 6 + next(9);
        for (unsigned w = 0; w < k; w++)
            am_sb_printf(&text, "%s%s", w ? " " : "", words[next(sizeof words / sizeof *words)]);
        am_sb_putc(&text, '.');
        end[i] = text.len;
        am_sb_puts(&text, i % 5 == 4 ? "\n\n" : " ");
    }
    am_load_options lo;
    am_load_options_init(&lo);
    lo.format = AM_FORMAT_TEXT;
    if (text.oom || am_document_load_memory(&s->doc, "synthetic.txt", text.buf, text.len, &lo) < 0)
        return -1;
    am_sb_free(&text);
    am_map *m = calloc(1, sizeof *m);
    s->claims = malloc(n * sizeof *s->claims);
    if (!m || !s->claims)
        return -1;
    m->doc = s->doc;
    m->major = 0;
    s->map = m;
    for (size_t i = 0; i < nunits; i++) {
        am_unit *u = AM_VEC_PUSH(&m->units);
        if (!u)
            return -1;
        u->span.start = start[i];
        u->span.end = end[i];
        u->quote = u->date = u->source = -1;
        u->confidence = 1;
        if (i == 0 || next(3) == 0) {
            u->kind = AM_UNIT_CLAIM;
            u->major = i == 0;
            s->claims[s->nclaims++] = i;
        } else {
            u->kind = AM_UNIT_EVIDENCE;
            u->evidence = (am_evidence_type)next(7);
        }
        if (i > 0) {
            am_relation *r = AM_VEC_PUSH(&m->relations);
            if (!r)
                return -1;
            r->from = (am_ref){AM_NODE_UNIT, i};
            r->to = (am_ref){AM_NODE_UNIT, s->claims[next((unsigned)(s->nclaims - (u->kind == AM_UNIT_CLAIM)))]};
            r->type = next(10) == 0 ? AM_REL_ATTACK : AM_REL_SUPPORT;
            r->reason = "synthetic";
        }
    }
    for (size_t i = 0; i < nsrc; i++) {
        am_source *src = AM_VEC_PUSH(&m->sources);
        if (!src)
            return -1;
        char name[64];
        snprintf(name, sizeof name, "Source %zu", i + 1);
        src->name = strdup(name);
        src->kind = (am_source_kind)next(5);
        size_t u = 1 + next((unsigned)(nunits - 1));
        m->units.items[u].source = (long)i;
        am_relation *r = AM_VEC_PUSH(&m->relations);
        if (!r)
            return -1;
        r->from = (am_ref){AM_NODE_SOURCE, i};
        r->to = (am_ref){AM_NODE_UNIT, u};
        r->type = AM_REL_SUPPORT;
        r->reason = "synthetic";
    }
    free(start);
    free(end);
    return 0;
}

static void node_name(char *buf, size_t n, am_ref r)
{
    snprintf(buf, n, r.kind == AM_NODE_SOURCE ? "S%zu" : "u%zu", r.index + 1);
}

/* Statements with their text, then each target with its "+"/"-" children. */
static int write_argdown(const synth *s, FILE *f)
{
    const am_map *m = s->map;
    fprintf(f, "===\ntitle: synthetic map\n===\n\n");
    for (size_t i = 0; i < m->units.len; i++) {
        const am_unit *u = &m->units.items[i];
        fprintf(f, "[u%zu]: %.*s\n\n", i + 1, (int)(u->span.end - u->span.start),
                m->doc->text + u->span.start);
    }
    for (size_t i = 0; i < m->sources.len; i++)
        fprintf(f, "[S%zu]: %s\n\n", i + 1, m->sources.items[i].name);
    /* Group by target: a simple pass per target would be quadratic, so sort
     * relation indexes by target first. */
    size_t nr = m->relations.len, nn = m->units.len + m->sources.len;
    size_t *count = calloc(nn + 1, sizeof *count), *order = malloc(nr * sizeof *order);
    if (!count || !order)
        return -1;
    for (size_t i = 0; i < nr; i++)
        count[m->relations.items[i].to.index + 1]++;
    for (size_t v = 0; v < nn; v++)
        count[v + 1] += count[v];
    for (size_t i = 0; i < nr; i++)
        order[count[m->relations.items[i].to.index]++] = i;
    size_t prev = (size_t)-1;
    char a[32], b[32];
    for (size_t k = 0; k < nr; k++) {
        const am_relation *r = &m->relations.items[order[k]];
        if (r->to.index != prev) {
            node_name(b, sizeof b, r->to);
            fprintf(f, "%s[%s]\n", prev == (size_t)-1 ? "" : "\n", b);
            prev = r->to.index;
        }
        node_name(a, sizeof a, r->from);
        fprintf(f, "  %c [%s]\n", r->type == AM_REL_ATTACK ? '-' : '+', a);
    }
    free(count);
    free(order);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "svg") && strcmp(argv[1], "argdown") &&
                     strcmp(argv[1], "report"))) {
        fprintf(stderr, "usage: bench_render svg|argdown|report N OUT [ENGINE]\n");
        return 2;
    }
    size_t n = (size_t)strtoul(argv[2], NULL, 10);
    if (n < 6) {
        fprintf(stderr, "bench_render: N must be at least 6\n");
        return 2;
    }
    synth s = {0};
    if (make(&s, n) < 0) {
        fprintf(stderr, "bench_render: could not build the map\n");
        return 3;
    }
    FILE *f = fopen(argv[3], "wb");
    if (!f) {
        perror(argv[3]);
        return 3;
    }
    int rc = 0;
    if (!strcmp(argv[1], "argdown")) {
        rc = write_argdown(&s, f) < 0 ? 3 : 0;
    } else {
        am_render_options o;
        am_render_options_init(&o);
        o.engine = argc > 4 ? argv[4] : NULL;
        o.timeout = 170;
        char *svg = NULL;
        size_t len = 0;
        am_render_info info;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int err = !strcmp(argv[1], "report") ? am_map_report(&svg, &len, s.map, &o, &info)
                                             : am_map_render(&svg, &len, s.map, &o, &info);
        if (err < 0) {
            fprintf(stderr, "bench_render: %s\n", am_error_last());
            rc = 3;
        } else {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            fwrite(svg, 1, len, f);
            fprintf(stderr, "nodes %zu edges %zu engine %s render %.3f s\n", info.nodes,
                    info.edges, info.engine,
                    (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
        }
        am_free(svg);
    }
    if (fclose(f) != 0)
        rc = 3;
    free(s.claims);
    am_map_free(s.map);
    am_document_free(s.doc);
    return rc;
}
