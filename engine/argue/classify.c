/*
 * classify.c - the classify stage: what each unit is (claim, evidence of a
 * type, or nothing) and which claim is the article's major claim.
 *
 * A trained model (ev, from the editorial corpus) gives the first guess of
 * the evidence class; rules that are safer than the model then decide where
 * the text says it outright: a unit carrying a quotation is testimony, one
 * opened by "for example" an example, "media reported" / "a study found" a
 * report, a figure with a counting word a statistic, a dated anecdote an
 * event. Headings and fragments that argue nothing are kept out of the
 * graph. A question answered right away ("Is it realistic? No.") hands its
 * claim to the answer. The major claim is the claim the central-claim model
 * rates highest, among the units of the opening paragraphs for long texts.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "argue.h"

/* Paragraph-count limit for looking for the major claim in an article. */
#define MAJOR_PARAGRAPHS 3
/* Bounds on the major-claim search, so that its cost does not grow with the
 * square of a long text: at most this many candidates, each compared with
 * at most ECHO_WINDOW units of the other paragraphs. */
#define MAJOR_CANDIDATES 40
#define ECHO_WINDOW 400

static int is_heading(const am_map *map, const am_unit *u)
{
    const am_document *doc = map->doc;
    if (u->paragraph >= doc->blocks.len)
        return 0;
    return doc->blocks.items[u->paragraph].kind == AM_BLOCK_HEADING ||
           (doc->has_title && u->paragraph == doc->title_block);
}

/* The tokens that start with a digit, a (lower-case) letter or a byte >=
 * 0x80: counted by the tokenizer (features.c). */
static size_t word_count(const am_unit_info *u)
{
    return u->word_tokens;
}

/* "No.", "Yes.", "Of course not.", "In my opinion, no.", "No, says X" - an
 * answer. */
static int is_answer(const am_unit_info *u)
{
    if (!u->tokens.len)
        return 0;
    if (u->tokens.len >= 2 && (!strcmp(u->tokens.items[0], "no") ||
                               !strcmp(u->tokens.items[0], "yes")) &&
        (!strcmp(u->tokens.items[1], ",") || !strcmp(u->tokens.items[1], ".") ||
         !strcmp(u->tokens.items[1], "!")))
        return 1;
    if (word_count(u) > 5)
        return 0;
    for (size_t i = 0; i < u->tokens.len; i++) {
        const char *t = u->tokens.items[i];
        if (!strcmp(t, "no") || !strcmp(t, "yes") || !strcmp(t, "not") || !strcmp(t, "never") ||
            !strcmp(t, "hardly") || !strcmp(t, "certainly") || !strcmp(t, "absolutely"))
            return 1;
    }
    return 0;
}

/* The echo of a unit: how many of its content words (4+ bytes, not the
 * commonest function words, each counted once) come back in each other
 * unit, summed. Tokens are compared by their distinct word in the feature
 * context (equal words, equal strings), so a candidate costs one pass over
 * the window's tokens with one table read each; the count is the same as
 * comparing every pair of strings. */
static const char *const common_words[] = {"that", "this", "with", "from", "have", "were", "will",
                                           "would", "there", "their", "they", "which", "been",
                                           "about", "what", "when", "also", "only", "even", NULL};

typedef struct {
    long *slot;    /* per distinct word: its place among the candidate's words, or -1 */
    uint32_t *w;   /* the candidate's words */
    size_t *stamp; /* per candidate word: the window unit it was last counted in, + 1 */
} echo_ctx;

static void echo_free(echo_ctx *e)
{
    free(e->slot);
    free(e->w);
    free(e->stamp);
}

static int echo_init(echo_ctx *e, const am_fctx *c)
{
    size_t most = 1;
    for (size_t i = 0; i < c->n; i++)
        if (c->u[i].tokens.len > most)
            most = c->u[i].tokens.len;
    e->slot = malloc((c->nwords ? c->nwords : 1) * sizeof *e->slot);
    e->w = malloc(most * sizeof *e->w);
    e->stamp = malloc(most * sizeof *e->stamp);
    if (!e->slot || !e->w || !e->stamp)
        return am_err_nomem();
    for (size_t k = 0; k < c->nwords; k++)
        e->slot[k] = -1;
    return 0;
}

/* Sum over the window units j (other paragraphs, at most ECHO_WINDOW) of the
 * content words of unit i also in unit j. */
static double echo_sum(echo_ctx *e, const am_fctx *c, size_t i)
{
    const am_unit_info *a = &c->u[i];
    size_t nw = 0;
    for (size_t t = 0; t < a->tokens.len; t++) {
        const char *tok = a->tokens.items[t];
        uint32_t word = c->ft[a->tok0 + t].word;
        int skip = c->ft[a->tok0 + t].len < 4 || e->slot[word] >= 0; /* count each word once */
        for (size_t s = 0; !skip && common_words[s]; s++)
            skip = !strcmp(tok, common_words[s]);
        if (skip)
            continue;
        e->slot[word] = (long)nw;
        e->w[nw] = word;
        e->stamp[nw] = 0;
        nw++;
    }
    double sum = 0;
    for (size_t j = 0, seen = 0; j < c->n && seen < ECHO_WINDOW; j++) {
        if (c->u[j].para_index == a->para_index)
            continue;
        seen++;
        size_t k = 0;
        const am_ftok *ft = c->ft + c->u[j].tok0;
        for (size_t t = 0; t < c->u[j].tokens.len; t++) {
            long q = e->slot[ft[t].word];
            if (q >= 0 && e->stamp[q] != j + 1) {
                e->stamp[q] = j + 1;
                k++;
            }
        }
        sum += (double)k;
    }
    for (size_t q = 0; q < nw; q++)
        e->slot[e->w[q]] = -1;
    return sum;
}

/* Where an article states its point: the opening paragraphs, or a
 * concluding "Thus ..." in its last two. */
static int major_candidate(const am_fctx *c, size_t i, size_t paras)
{
    if (c->u[i].para_index < MAJOR_PARAGRAPHS)
        return 1;
    return c->u[i].para_index + 2 >= paras && c->u[i].marker &&
           !strcmp(c->u[i].marker, "conclusion");
}

static void set(am_unit *u, am_unit_kind k, am_evidence_type e, double conf)
{
    u->kind = k;
    u->evidence = k == AM_UNIT_EVIDENCE ? e : AM_EV_NONE;
    u->confidence = conf < 0 ? 0 : conf > 1 ? 1 : conf;
}

/* Evidence class from the model's classes (trainset order: assumption,
 * anecdote, testimony, statistics, common-ground, other). */
static void from_model(am_unit *u, const am_unit_info *in, const double *p)
{
    int best = 0;
    for (int c = 1; c < 6; c++)
        if (p[c] > p[best])
            best = c;
    switch (best) {
    case 1:
        set(u, AM_UNIT_EVIDENCE, u->date >= 0 || in->year || in->month ? AM_EV_EVENT : AM_EV_EXAMPLE,
            p[1]);
        break;
    case 2: set(u, AM_UNIT_EVIDENCE, AM_EV_TESTIMONY, p[2]); break;
    case 3: set(u, AM_UNIT_EVIDENCE, AM_EV_STATISTIC, p[3]); break;
    case 4: set(u, AM_UNIT_EVIDENCE, AM_EV_COMMON_GROUND, p[4]); break;
    default: set(u, AM_UNIT_CLAIM, AM_EV_NONE, p[0] + p[5]); break;
    }
}

static void rules(const am_map *map, am_unit *u, const am_unit_info *in,
                  const am_unit_info *prev, int model)
{
    int quoted = u->quote >= 0 && map->quotes.items[u->quote].kind == AM_QUOTE_TESTIMONY;
    /* reported speech without quotation marks counts when a speech verb says
     * so ("X said that"), not on "it seems" or "is reported to have" */
    if (quoted && map->quotes.items[u->quote].indirect && !in->cue)
        quoted = 0;
    /* the quotes stage saw the marks and found a scare quote or a name: the
     * marks alone do not make testimony */
    int marks = u->quote < 0 || map->quotes.items[u->quote].kind == AM_QUOTE_TESTIMONY;
    if (quoted && in->marker && (!strcmp(in->marker, "attack") || !strcmp(in->marker, "conclusion"))) {
        /* "But the U.S. was again ..., as Bennett admitted, «keep striking»": a
         * unit the author opens with "but" or "thus" around a short quotation is
         * the author's claim; only a quotation that fills it is testimony */
        const am_quote *q = &map->quotes.items[u->quote];
        size_t ql = q->content.end > q->content.start ? q->content.end - q->content.start : 0;
        quoted = 2 * ql >= u->span.end - u->span.start;
    }
    if (!model && marks && in->quote_first && in->quote_chars && prev && prev->tokens.len &&
        (prev->cue_end || !strcmp(prev->tokens.items[prev->tokens.len - 1], ":"))) {
        /* a quotation opened after "X said:" */
        set(u, AM_UNIT_EVIDENCE, AM_EV_TESTIMONY, 0.7);
        return;
    }
    if (quoted || (marks && in->quote_chars >= 2 && in->cue)) {
        set(u, AM_UNIT_EVIDENCE, AM_EV_TESTIMONY, quoted ? 0.9 : 0.75);
        return;
    }
    if (!model && marks && (in->in_quote || (in->quote_chars && (in->cue_start || in->cue_end)) ||
                            (in->cue_end && !in->modal && !in->first_person))) {
        /* inside a quotation, or "..., he said" */
        set(u, AM_UNIT_EVIDENCE, AM_EV_TESTIMONY, 0.6);
        return;
    }
    if (in->common && !in->question) {
        set(u, AM_UNIT_EVIDENCE, AM_EV_COMMON_GROUND, 0.6);
        return;
    }
    if (in->marker && !strcmp(in->marker, "example")) {
        set(u, AM_UNIT_EVIDENCE, AM_EV_EXAMPLE, 0.85);
        return;
    }
    if (in->report_word && u->kind == AM_UNIT_EVIDENCE && u->evidence != AM_EV_STATISTIC &&
        u->evidence != AM_EV_TESTIMONY) {
        set(u, AM_UNIT_EVIDENCE, AM_EV_REPORT, 0.7);
        return;
    }
    if (in->report_word && in->cue) {
        set(u, AM_UNIT_EVIDENCE, AM_EV_REPORT, 0.65);
        return;
    }
    if (in->percent || (in->number && in->money)) {
        set(u, AM_UNIT_EVIDENCE, AM_EV_STATISTIC, 0.75);
        return;
    }
    if ((u->date >= 0 || in->month) && !in->modal && u->kind == AM_UNIT_EVIDENCE &&
        u->evidence == AM_EV_EXAMPLE)
        set(u, AM_UNIT_EVIDENCE, AM_EV_EVENT, u->confidence);
    else if (!model && (u->date >= 0 || in->month || in->year) && !in->modal &&
             !in->first_person && !in->second_person && !in->question)
        set(u, AM_UNIT_EVIDENCE, AM_EV_EVENT, 0.55); /* a dated fact */
    else if (!model && in->past && in->proper && !in->modal && !in->first_person &&
             !in->second_person && !in->question && u->kind == AM_UNIT_CLAIM &&
             (!in->marker || !strcmp(in->marker, "addition")))
        /* something named happened; a unit the author opens with "but" or
         * "thus" argues, whatever its tense */
        set(u, AM_UNIT_EVIDENCE, AM_EV_EXAMPLE, 0.5);
}

int am_stage_classify(am_map *map, const am_analyze_options *opts)
{
    (void)opts;
    size_t n = map->units.len;
    if (!n)
        return 0;
    const am_fctx *cp;
    am_fvec x = {0};
    am_hits hits = {0};
    double *pcc = NULL;
    int err = am_fctx_shared(map, &cp); /* kept for relate */
    if (err < 0)
        return err;
    const am_fctx c = *cp;
    const am_weights *w = am_argue_weights(map->model);
    if (!(pcc = calloc(n, sizeof *pcc))) {
        err = am_err_nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        am_unit *u = &map->units.items[i];
        const am_unit_info *in = &c.u[i];
        u->major = 0;
        if (is_heading(map, u)) {
            set(u, AM_UNIT_NONE, AM_EV_NONE, 0.9);
            continue;
        }
        x.f.len = 0;
        if ((err = am_feat_unit_raw(&c, i, &x)) < 0)
            goto done;
        double p[8];
        if (w && w->has_ev) {
            if ((err = am_linear_predict_raw(&w->ev, &x, p, &hits)) < 0)
                goto done;
            from_model(u, in, p);
        } else {
            set(u, AM_UNIT_CLAIM, AM_EV_NONE, 0.5);
        }
        if (w && w->cc.nclass) {
            if ((err = am_linear_predict_raw(&w->cc, &x, p, &hits)) < 0)
                goto done;
            pcc[i] = p[w->cc.labels[0] == 1 ? 0 : 1];
        } else {
            pcc[i] = i == 0 ? 0.6 : 0.4;
        }
        rules(map, u, in, i ? &c.u[i - 1] : NULL, w && w->has_ev);
        if (in->meta && !in->fact)
            set(u, AM_UNIT_NONE, AM_EV_NONE, 0.6); /* "Let us recall ...": about the text */
        if (word_count(in) < 2 && !is_answer(in))
            set(u, AM_UNIT_NONE, AM_EV_NONE, 0.6); /* a fragment: argues nothing */
    }
    /* questions answered at once: the answer carries the claim */
    for (size_t i = 0; i + 1 < n; i++) {
        am_unit *q = &map->units.items[i], *a = &map->units.items[i + 1];
        if (q->question && a->paragraph == q->paragraph && is_answer(&c.u[i + 1]) &&
            q->kind != AM_UNIT_NONE) {
            set(a, AM_UNIT_CLAIM, AM_EV_NONE, 0.7);
            set(q, AM_UNIT_NONE, AM_EV_NONE, 0.7);
            pcc[i + 1] = pcc[i] > pcc[i + 1] ? pcc[i] : pcc[i + 1];
        }
    }
    /* the major claim: in an article, among the opening paragraphs, the claim
     * the model rates highest, helped by how much the rest of the text
     * comes back to its words */
    size_t paras = c.u[n - 1].para_index + 1;
    if (paras > MAJOR_PARAGRAPHS) {
        double top = 0;
        double *echo = calloc(n, sizeof *echo);
        if (!echo) {
            err = am_err_nomem();
            goto done;
        }
        echo_ctx ec = {0};
        if ((err = echo_init(&ec, &c)) < 0) {
            echo_free(&ec);
            free(echo);
            goto done;
        }
        size_t cand = 0;
        for (size_t i = 0; i < n && cand < MAJOR_CANDIDATES; i++) {
            if (map->units.items[i].kind != AM_UNIT_CLAIM || !major_candidate(&c, i, paras))
                continue;
            cand++;
            echo[i] = echo_sum(&ec, &c, i);
            if (echo[i] > top)
                top = echo[i];
        }
        echo_free(&ec);
        for (size_t i = 0; i < n; i++) {
            pcc[i] += top > 0 ? echo[i] / top : 0;
            /* "X, but Y" in the opening: Y is where the author stands */
            const char *m = c.u[i].marker;
            if (i > 0 && m && !strcmp(m, "attack") && c.u[i].para_index < MAJOR_PARAGRAPHS &&
                map->units.items[i - 1].sentence == map->units.items[i].sentence)
                pcc[i] += 0.5;
        }
        free(echo);
    }
    long best = -1;
    for (size_t i = 0; i < n; i++) {
        const am_unit *u = &map->units.items[i];
        if (u->kind != AM_UNIT_CLAIM || u->question)
            continue;
        if (paras > MAJOR_PARAGRAPHS && !major_candidate(&c, i, paras))
            continue;
        if (best < 0 || pcc[i] > pcc[best])
            best = (long)i;
    }
    if (best < 0) /* no claim up front: any claim */
        for (size_t i = 0; i < n; i++)
            if (map->units.items[i].kind == AM_UNIT_CLAIM && (best < 0 || pcc[i] > pcc[best]))
                best = (long)i;
    /* "X, but Y": when the choice is the first half of such a sentence, the
     * author's point is the half after "but" */
    if (best >= 0 && paras > MAJOR_PARAGRAPHS && (size_t)best + 1 < n) {
        const am_unit *nx = &map->units.items[best + 1];
        const char *m = c.u[best + 1].marker;
        if (nx->sentence == map->units.items[best].sentence && nx->kind == AM_UNIT_CLAIM &&
            !nx->question && m && !strcmp(m, "attack"))
            best++;
    }
    map->major = best;
    if (best >= 0)
        map->units.items[best].major = 1;
done:
    free(pcc);
    am_fvec_free(&x);
    AM_VEC_FREE(&hits);
    return err;
}
