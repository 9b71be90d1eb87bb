/*
 * cmd_train.c - `argmap train`: build the argument models under models/
 * from training texts, or score them by cross-validation.
 *
 * The training texts are JSON Lines written from the corpora by
 * scripts/microtexts_to_jsonl.py and scripts/webis_to_jsonl.py; the
 * corpora themselves never enter the repository, only the weights.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "../argue/train.h"

#define CMD "train"

static void help(FILE *f)
{
    fprintf(f,
        "usage: argmap train [options] TASK DATA.jsonl\n\n"
        "Train the argument models from DATA (JSON Lines, one text a line; see\n"
        "scripts/microtexts_to_jsonl.py and scripts/webis_to_jsonl.py) and write\n"
        "them into the models folder, or score them by cross-validation.\n\n"
        "tasks:\n"
        "  structure   central claim, role, function and attachment (cc, ro, fu, at\n"
        "              .model and decode.txt), from texts with \"head\" and \"fu\"\n"
        "  evidence    the evidence class of a unit (ev.model), from texts with \"ev\"\n\n"
        "options:\n"
        "      --folds FILE   structure: cross-validate over the test folds in FILE\n"
        "                     ({\"test_folds\": [[id, ...], ...]}); print the table,\n"
        "                     write nothing\n"
        "      --kfold K      evidence: cross-validate with K folds by text; print\n"
        "                     the table, write nothing\n"
        "  -C VALUE           inverse regularisation strength (default 1)\n"
        "      --weights W    decoder weighting of cc,ro,fu,at (default 1,1,1,1)\n"
        "  -o, --output DIR   where to write the models (default: MODELS/weights)\n"
        "      --models DIR   the models folder (lexicons are read from it)\n"
        "  -h, --help         this help\n\n"
        "exit codes: 0 ok, 2 usage, 3 bad data or I/O error\n");
}

int cmd_train(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"folds", required_argument, NULL, 'F'},
        {"kfold", required_argument, NULL, 'K'},
        {"weights", required_argument, NULL, 'W'},
        {"output", required_argument, NULL, 'o'},
        {"models", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *folds_path = NULL, *outdir = NULL, *models = NULL;
    size_t kfold = 0;
    double C = 1.0, weight[4] = {1, 1, 1, 1};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "C:o:h", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'F': folds_path = optarg; break;
        case 'K':
            kfold = strtoul(optarg, &end, 10);
            if (*end || kfold < 2) {
                cli_error(CMD, "--kfold: '%s' is not a fold count of 2 or more", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'C':
            C = strtod(optarg, &end);
            if (*end || !(C > 0)) {
                cli_error(CMD, "-C: '%s' is not a positive number", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'W':
            if (sscanf(optarg, "%lf,%lf,%lf,%lf", &weight[0], &weight[1], &weight[2],
                       &weight[3]) != 4) {
                cli_error(CMD, "--weights: expected four numbers, cc,ro,fu,at");
                return EXIT_USAGE;
            }
            break;
        case 'o': outdir = optarg; break;
        case 'M': models = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            cli_error(CMD, "unknown or incomplete option '%s' (see 'argmap train --help')",
                      argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    if (argc - optind != 2) {
        cli_error(CMD, "expected TASK and DATA (see 'argmap train --help')");
        return EXIT_USAGE;
    }
    const char *task = argv[optind], *data = argv[optind + 1];
    int structure = !strcmp(task, "structure");
    if (!structure && strcmp(task, "evidence")) {
        cli_error(CMD, "unknown task '%s': structure or evidence", task);
        return EXIT_USAGE;
    }
    if ((structure && kfold) || (!structure && folds_path)) {
        cli_error(CMD, "--folds goes with structure, --kfold with evidence");
        return EXIT_USAGE;
    }
    am_model *model = cli_load_model(CMD, models);
    if (!model)
        return EXIT_INPUT;
    int rc = EXIT_OK, err;
    am_trainset ts = {0};
    am_train_data td = {0};
    am_folds folds = {0};
    am_strbuf out = {0};
    size_t *all = NULL;
    am_weights w;
    memset(&w, 0, sizeof w);
    if ((err = am_trainset_load(&ts, data, 100000, 10000)) < 0 ||
        (err = am_train_data_init(&td, model, &ts, structure)) < 0)
        goto fail;
    if (folds_path || kfold) {
        if (folds_path && (err = am_folds_load(&folds, folds_path)) < 0)
            goto fail;
        err = structure ? am_eval_structure(&out, &td, &folds, C, weight)
                        : am_eval_ev(&out, &td, kfold, C);
        if (err < 0)
            goto fail;
        char *s = am_sb_take(&out, NULL);
        if (s)
            fputs(s, stdout);
        free(s);
        goto done;
    }
    if (!(all = malloc((td.n ? td.n : 1) * sizeof *all))) {
        err = AM_ENOMEM;
        cli_error(CMD, "out of memory");
        rc = EXIT_INPUT;
        goto done;
    }
    for (size_t i = 0; i < td.n; i++)
        all[i] = i;
    if (structure) {
        if ((err = am_train_structure(&w, &td, all, td.n, C)) < 0)
            goto fail;
        memcpy(w.weight, weight, sizeof weight);
    } else {
        if ((err = am_train_ev(&w.ev, &td, all, td.n, C)) < 0)
            goto fail;
        w.has_ev = 1;
    }
    char dir[4096];
    if (outdir)
        snprintf(dir, sizeof dir, "%s", outdir);
    else
        snprintf(dir, sizeof dir, "%s/weights", am_model_dir(model));
    if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
        cli_error(CMD, "%s: cannot create: %s", dir, strerror(errno));
        rc = EXIT_INPUT;
        goto done;
    }
    if ((err = am_weights_save_structure(&w, dir)) < 0)
        goto fail;
    printf("wrote %s models to %s (%zu texts)\n", structure ? "structure" : "evidence", dir,
           td.n);
    goto done;
fail:
    cli_error(CMD, "%s", am_error_last());
    rc = EXIT_INPUT;
done:
    am_linear_free(&w.cc);
    am_linear_free(&w.ro);
    am_linear_free(&w.fu);
    am_linear_free(&w.at);
    am_linear_free(&w.ev);
    free(all);
    am_sb_free(&out);
    am_folds_free(&folds);
    am_train_data_free(&td);
    am_trainset_free(&ts);
    am_model_free(model);
    return rc;
}
