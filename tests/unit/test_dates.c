/* test_dates.c - dates: every form read, ISO 8601 values with precision,
 * years taken from context, relative dates, what is not a date, and the
 * link between a date and its unit. Each case gives the dates found as
 * "text=iso precision inferred" joined by " | ". */
#include "testutil.h"
#include "core/model.h"

typedef struct {
    const char *text;
    const char *want;
} dcase;

static const dcase cases[] = {
    {"On February 25, 2022, Zelensky spoke.", "February 25, 2022=2022-02-25 day 0"},
    {"On February 25 2022 he spoke.", "February 25 2022=2022-02-25 day 0"},
    {"It was 25 February 2022.", "25 February 2022=2022-02-25 day 0"},
    {"On the 25th of February 2022 he spoke.", "25th of February 2022=2022-02-25 day 0"},
    {"Published 2022-02-25 at noon.", "2022-02-25=2022-02-25 day 0"},
    {"On Sept. 11, 2001 it happened.", "Sept. 11, 2001=2001-09-11 day 0"},
    {"In February 2022 the war began.", "February 2022=2022-02 month 0"},
    {"In 2021 talks failed.", "2021=2021 year 0"},
    {"Since 2014 the war goes on.", "2014=2014 year 0"},
    /* a partial date takes the nearest explicit year before it */
    {"On February 17, 2022, Moscow warned. On March 6 Bennett flew.",
     "February 17, 2022=2022-02-17 day 0 | March 6=2022-03-06 day 1"},
    {"In 2019 it began. In 2021 it went on. On March 6 they met.",
     "2019=2019 year 0 | 2021=2021 year 0 | March 6=2021-03-06 day 1"},
    {"On February 26 he spoke.\n\nOn March 1 she did.\n\nIn 2022 all changed.",
     "February 26=2022-02-26 day 1 | March 1=2022-03-01 day 1 | 2022=2022 year 0"},
    {"On February 26 he spoke.", ""},
    {"In March talks began in 2022.", "March=2022-03 month 1 | 2022=2022 year 0"},
    {"In 2022 it started. In early April talks failed.",
     "2022=2022 year 0 | April=2022-04 month 1"},
    {"In 2022 it started. By mid-April talks failed.",
     "2022=2022 year 0 | April=2022-04 month 1"},
    /* ranges */
    {"In March and early April 2022, negotiations began.",
     "March and early April 2022=2022-03/2022-04 month 0"},
    {"From December to February 2022 it snowed.",
     "December to February 2022=2021-12/2022-02 month 0"},
    {"In 2021 it began. In March and April they talked.",
     "2021=2021 year 0 | March and April=2021-03/2021-04 month 1"},
    /* relative dates count from the latest explicit date seen */
    {"On December 17, 2022, Russia sent proposals. Gen. Milley last November advised talks.",
     "December 17, 2022=2022-12-17 day 0 | last November=2022-11 month 1"},
    {"On February 17, 2022, Moscow warned. Last November he advised talks.",
     "February 17, 2022=2022-02-17 day 0 | Last November=2021-11 month 1"},
    {"In April 2022 it failed. This month he spoke.",
     "April 2022=2022-04 month 0 | This month=2022-04 month 1"},
    {"In April 2022 it failed. Last month he spoke, and next year he will.",
     "April 2022=2022-04 month 0 | Last month=2022-03 month 1 | next year=2023 year 1"},
    {"In April 2022 it failed. Next March they meet.",
     "April 2022=2022-04 month 0 | Next March=2023-03 month 1"},
    {"Last November he advised talks.", ""},
    /* a bare year moves no anchor: "by 2050" is a target */
    {"On May 3, 2016 he said emissions fall by 2050. This year they rose.",
     "May 3, 2016=2016-05-03 day 0 | 2050=2050 year 0 | This year=2016 year 1"},
    {"In 2016 it rose. This year it fell.", "2016=2016 year 0"},
    /* not dates */
    {"They may win. May I go? We March on.", ""},
    {"In 2022 some 2000 people came.", "2022=2022 year 0"},
    {"He paid 2022 dollars.", ""},
    {"In 2022 it was May 45 degrees.", "2022=2022 year 0"},
    {"In 2023 it began. On February 29 they met. In 2024 on February 29 again.",
     "2023=2023 year 0 | 2024=2024 year 0 | February 29=2024-02-29 day 1"},
};

static am_map *analyze(am_document *doc)
{
    am_map *map = NULL;
    if (am_analyze(&map, doc, test_model, NULL) < 0)
        fail_msg("analyze: %s", am_error_last());
    return map;
}

static void table(void **state)
{
    (void)state;
    size_t bad = 0;
    static const char *prec[] = {"year", "month", "day"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        am_document *doc = load_str("d.txt", cases[i].text, AM_FORMAT_TEXT);
        am_map *map = analyze(doc);
        char got[1024];
        size_t len = 0;
        got[0] = '\0';
        for (size_t k = 0; k < map->dates.len; k++) {
            const am_date *d = &map->dates.items[k];
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%.*s=%s %s %d",
                                    k ? " | " : "", (int)(d->span.end - d->span.start),
                                    doc->text + d->span.start, d->iso, prec[d->precision],
                                    d->year_inferred);
        }
        if (strcmp(got, cases[i].want)) {
            print_message("case %zu: %s\n  want: %s\n  got:  %s\n", i, cases[i].text,
                          cases[i].want, got);
            bad++;
        }
        am_map_free(map);
        am_document_free(doc);
    }
    assert_int_equal(bad, 0);
}

static void attached_to_units(void **state)
{
    (void)state;
    am_document *doc = load_str("d.txt", "On February 25, 2022, talks began, but on March 6 and "
                                "on March 7 they failed. Nothing happened.", AM_FORMAT_TEXT);
    am_map *map = analyze(doc);
    assert_int_equal(map->units.len, 3);
    assert_int_equal(map->dates.len, 3);
    assert_int_equal(map->dates.items[0].unit, 0);
    assert_int_equal(map->dates.items[1].unit, 1);
    assert_int_equal(map->dates.items[2].unit, 1);
    assert_int_equal(map->units.items[0].date, 0);
    assert_int_equal(map->units.items[1].date, 1); /* the first date of the unit */
    assert_int_equal(map->units.items[2].date, -1);
    am_map_free(map);
    am_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(attached_to_units),
    };
    return cmocka_run_group_tests(tests, test_models_setup, test_models_teardown);
}
