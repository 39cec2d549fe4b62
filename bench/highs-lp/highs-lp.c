/* Solves one LP file (MPS or LP) with HiGHS's C API, as the engine's HiGHS session would (one thread, feasibility
 * tolerances 1e-9), and prints its status, simplex iterations, objective and time. A developer's tool for the
 * experiments in bench/README.md, section 5 ("Sixth round"); built and run by bench/highs-lp.sh.
 *
 *   highs-lp MODEL [--keep FILE [--among FILE] [--grow]] [--support FILE] [--drop-fixed] [name=value ...]
 *
 * --keep FILE     fixes at zero every column not listed in FILE (0-based indices, the first number of each line; lines
 *                 that do not start with a digit are skipped) whose cost and lower bound are zero: the LP restricted to
 *                 those columns
 * --among FILE    with --keep, fixes only columns listed in FILE too (for example the money routes' columns, the first
 *                 field of the PREFIX-routes.tsv that ALLOCATOR_HIGHS_WRITE writes): every other column stays free
 * --grow          with --keep, after the restricted solve every fixed column whose reduced cost improves the objective
 *                 (by more than 1e-9) gets its bounds back and HiGHS goes on from its basis with primal simplex, round
 *                 after round, until none does: column generation over the fixed columns, printing each round
 * --support FILE  writes the indices of the columns the solution uses (value above 1e-12)
 * --drop-fixed    deletes every column whose bounds are equal, moving what it puts into each row into the row's
 *                 bounds: the LP a later stage sees on the optimal face, without the columns the face fixed
 * name=value      any HiGHS option, for example simplex_strategy=4 or presolve=off
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int HighsInt;
void *Highs_create(void);
void Highs_destroy(void *);
HighsInt Highs_readModel(void *, const char *);
HighsInt Highs_run(void *);
HighsInt Highs_getOptionType(const void *, const char *, HighsInt *);
HighsInt Highs_setBoolOptionValue(void *, const char *, HighsInt);
HighsInt Highs_setIntOptionValue(void *, const char *, HighsInt);
HighsInt Highs_setDoubleOptionValue(void *, const char *, double);
HighsInt Highs_setStringOptionValue(void *, const char *, const char *);
HighsInt Highs_getIntInfoValue(const void *, const char *, HighsInt *);
HighsInt Highs_getDoubleInfoValue(const void *, const char *, double *);
HighsInt Highs_getModelStatus(const void *);
double Highs_getRunTime(const void *);
HighsInt Highs_getNumCol(const void *);
HighsInt Highs_getNumRow(const void *);
HighsInt Highs_getSolution(const void *, double *, double *, double *, double *);
HighsInt Highs_changeColBounds(void *, HighsInt, double, double);
HighsInt Highs_getColsByRange(const void *, HighsInt, HighsInt, HighsInt *, double *, double *, double *, HighsInt *,
                              HighsInt *, HighsInt *, double *);
HighsInt Highs_getRowsByRange(const void *, HighsInt, HighsInt, HighsInt *, double *, double *, HighsInt *, HighsInt *,
                              HighsInt *, double *);
HighsInt Highs_changeRowBounds(void *, HighsInt, double, double);
HighsInt Highs_deleteColsByMask(void *, HighsInt *);
HighsInt Highs_getObjectiveSense(const void *, HighsInt *);

/* HiGHS's option types (HighsOptionType). */
enum { kBool = 0, kInt = 1, kDouble = 2, kString = 3 };

static int set_option(void *highs, const char *name, const char *value) {
    HighsInt type;
    if (Highs_getOptionType(highs, name, &type) != 0) return -1;
    switch (type) {
    case kBool: return Highs_setBoolOptionValue(highs, name, strcmp(value, "true") == 0 || strcmp(value, "1") == 0);
    case kInt: return Highs_setIntOptionValue(highs, name, atoi(value));
    case kDouble: return Highs_setDoubleOptionValue(highs, name, atof(value));
    default: return Highs_setStringOptionValue(highs, name, value);
    }
}

/* Marks the columns FILE lists (the first number of each line; other lines skipped); -1 if it cannot be read. */
static int read_columns(const char *path, char *listed, HighsInt columns) {
    FILE *file = fopen(path, "r");
    if (file == NULL) return -1;
    char line[512];
    while (fgets(line, sizeof line, file) != NULL) {
        if (line[0] < '0' || line[0] > '9') continue;
        long j = strtol(line, NULL, 10);
        if (j >= 0 && j < columns) listed[j] = 1;
    }
    fclose(file);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: highs-lp MODEL [--keep FILE [--among FILE] [--grow]] [--support FILE] [--drop-fixed] [name=value ...]\n");
        return 2;
    }
    void *highs = Highs_create();
    set_option(highs, "output_flag", "false");
    set_option(highs, "threads", "1");
    set_option(highs, "primal_feasibility_tolerance", "1e-9");
    set_option(highs, "dual_feasibility_tolerance", "1e-9");
    if (Highs_readModel(highs, argv[1]) != 0) {
        fprintf(stderr, "highs-lp: cannot read %s\n", argv[1]);
        return 2;
    }
    const HighsInt columns = Highs_getNumCol(highs), rows = Highs_getNumRow(highs);
    const char *keep = NULL, *among = NULL, *support = NULL;
    int drop_fixed = 0, grow = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--drop-fixed") == 0) { drop_fixed = 1; continue; }
        if (strcmp(argv[i], "--grow") == 0) { grow = 1; continue; }
        if (strcmp(argv[i], "--among") == 0 && i + 1 < argc) { among = argv[++i]; continue; }
        if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc) { keep = argv[++i]; continue; }
        if (strcmp(argv[i], "--support") == 0 && i + 1 < argc) { support = argv[++i]; continue; }
        char *equals = strchr(argv[i], '=');
        if (equals == NULL) { fprintf(stderr, "highs-lp: %s is not name=value\n", argv[i]); return 2; }
        *equals = '\0';
        if (set_option(highs, argv[i], equals + 1) != 0) { fprintf(stderr, "highs-lp: HiGHS refused option %s\n", argv[i]); return 2; }
    }
    char *fixed = NULL;          /* with --keep: the columns it fixed */
    double *upper_kept = NULL;   /* ... and their upper bounds, which --grow gives back */
    if (keep != NULL) {
        char *listed = calloc(columns, 1), *candidate = malloc(columns);
        fixed = calloc(columns, 1);
        double *cost = malloc(sizeof(double) * columns), *lower = malloc(sizeof(double) * columns);
        upper_kept = malloc(sizeof(double) * columns);
        HighsInt count, nonzeros, kept = 0;
        if (read_columns(keep, listed, columns) != 0) { fprintf(stderr, "highs-lp: cannot read %s\n", keep); return 2; }
        memset(candidate, among == NULL, columns);
        if (among != NULL && read_columns(among, candidate, columns) != 0) { fprintf(stderr, "highs-lp: cannot read %s\n", among); return 2; }
        Highs_getColsByRange(highs, 0, columns - 1, &count, cost, lower, upper_kept, &nonzeros, NULL, NULL, NULL);
        for (HighsInt j = 0; j < columns; j++) {
            if (!candidate[j] || listed[j] || cost[j] != 0 || lower[j] != 0) kept++;
            else { Highs_changeColBounds(highs, j, 0, 0); fixed[j] = 1; }
        }
        printf("kept %d of %d columns\n", kept, columns);
    }
    if (drop_fixed) {
        HighsInt count, nonzeros, row_count, row_nonzeros, dropped = 0;
        double *cost = malloc(sizeof(double) * columns), *lower = malloc(sizeof(double) * columns), *upper = malloc(sizeof(double) * columns);
        Highs_getColsByRange(highs, 0, columns - 1, &count, cost, lower, upper, &nonzeros, NULL, NULL, NULL);
        HighsInt *start = malloc(sizeof(HighsInt) * (columns + 1)), *index = malloc(sizeof(HighsInt) * (nonzeros + 1));
        double *value = malloc(sizeof(double) * (nonzeros + 1));
        Highs_getColsByRange(highs, 0, columns - 1, &count, cost, lower, upper, &nonzeros, start, index, value);
        start[columns] = nonzeros;
        double *shift = calloc(rows, sizeof(double)), *row_lower = malloc(sizeof(double) * rows), *row_upper = malloc(sizeof(double) * rows);
        HighsInt *mask = calloc(columns, sizeof(HighsInt));
        for (HighsInt j = 0; j < columns; j++) {
            if (lower[j] != upper[j]) continue;
            mask[j] = 1;
            dropped++;
            for (HighsInt k = start[j]; k < start[j + 1]; k++) shift[index[k]] += value[k] * lower[j];
        }
        Highs_getRowsByRange(highs, 0, rows - 1, &row_count, row_lower, row_upper, &row_nonzeros, NULL, NULL, NULL);
        for (HighsInt i = 0; i < rows; i++)
            Highs_changeRowBounds(highs, i, row_lower[i] - shift[i], row_upper[i] - shift[i]);
        Highs_deleteColsByMask(highs, mask);
        printf("dropped %d fixed columns of %d\n", dropped, columns);
    }
    Highs_run(highs);
    HighsInt iterations = 0;
    double objective = 0;
    if (grow && fixed != NULL) {
        /* Column generation: the restricted optimum's duals price the fixed columns; the improving ones come back. */
        HighsInt sense = 1, total = 0;
        Highs_getObjectiveSense(highs, &sense);
        double *x = malloc(sizeof(double) * columns), *d = malloc(sizeof(double) * columns);
        double *r = malloc(sizeof(double) * rows), *y = malloc(sizeof(double) * rows);
        for (int round = 1;; round++) {
            Highs_getIntInfoValue(highs, "simplex_iteration_count", &iterations);
            Highs_getDoubleInfoValue(highs, "objective_function_value", &objective);
            total += iterations;
            Highs_getSolution(highs, x, d, r, y);
            const HighsInt status = Highs_getModelStatus(highs); /* before changing bounds, which resets it */
            int added = 0, left = 0;
            for (HighsInt j = 0; j < columns; j++) {
                if (!fixed[j]) continue;
                /* HiGHS's reduced cost c - A^T y: a column at zero improves a minimisation when negative, a maximisation when positive. */
                if ((sense < 0 ? d[j] : -d[j]) > 1e-9) { fixed[j] = 0; Highs_changeColBounds(highs, j, 0, upper_kept[j]); added++; }
                else left++;
            }
            printf("round %d: model status %d, %d simplex iterations, objective %.10g, at %.2f s; %d columns improve and come back, %d stay fixed\n",
                   round, status, iterations, objective, Highs_getRunTime(highs), added, left);
            if (added == 0) break;
            /* From the restricted optimum's basis, as the engine's sifting goes on (Backends/HighsSifting.cs). */
            Highs_setIntOptionValue(highs, "simplex_strategy", 4);
            Highs_run(highs);
        }
        iterations = total;
        free(x); free(d); free(r); free(y);
    }
    else Highs_getIntInfoValue(highs, "simplex_iteration_count", &iterations);
    Highs_getDoubleInfoValue(highs, "objective_function_value", &objective);
    printf("model status %d, %d simplex iterations, objective %.10g, %.2f s\n", Highs_getModelStatus(highs), iterations,
           objective, Highs_getRunTime(highs));
    {
        /* A hash of the primal solution's bits: two runs that print the same hash found the same point (determinism). */
        double *x = malloc(sizeof(double) * columns);
        Highs_getSolution(highs, x, NULL, NULL, NULL);
        unsigned long long hash = 1469598103934665603ULL;
        for (HighsInt j = 0; j < columns; j++) {
            unsigned long long bits;
            memcpy(&bits, &x[j], sizeof bits);
            hash = (hash ^ bits) * 1099511628211ULL;
        }
        printf("solution hash %016llx\n", hash);
        free(x);
    }
    if (support != NULL) {
        double *x = malloc(sizeof(double) * columns), *d = malloc(sizeof(double) * columns);
        double *r = malloc(sizeof(double) * rows), *y = malloc(sizeof(double) * rows);
        Highs_getSolution(highs, x, d, r, y);
        FILE *file = fopen(support, "w");
        if (file == NULL) { fprintf(stderr, "highs-lp: cannot write %s\n", support); return 2; }
        HighsInt used = 0;
        for (HighsInt j = 0; j < columns; j++)
            if (x[j] > 1e-12) { fprintf(file, "%d\n", j); used++; }
        fclose(file);
        printf("%d columns used, written to %s\n", used, support);
    }
    Highs_destroy(highs);
    return 0;
}
