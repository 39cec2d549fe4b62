#!/usr/bin/env bash
# Solves generated requests with each LP backend through the CLI (`allocator solve FILE --backend X`) and records
# wall time, peak RSS, status, value and committed money, with each backend's difference from the first backend's
# (glop's) value and committed money, to see that they agree. Prints a markdown table and writes it, with a CSV,
# under bench/results/. See bench/README.md.
#
#   bench/compare-backends.sh                              # S, M, L with glop, pdlp, highs, clp
#   bench/compare-backends.sh --sizes S --backends "glop highs"    # smoke test
#
# Options: --sizes "S M L"  --xl  --backends "glop pdlp highs clp"  --runs N (1; median)  --seed N (1)
#          --time-limit SECS (120; the solver's --time-limit, so a backend that does not converge shows as
#          "feasible (time limit)"; 0 = none)  --timeout SECS (kill the process after this; time limit + 300)
#          --no-build  --out DIR (bench/results)  --readme (also update bench/README.md)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

sizes="S M L"; backends="glop pdlp highs clp"; runs=1; seed=1; timeout_s=""; time_limit=120; build=1; out=bench/results; readme=0
while (($#)); do
    case "$1" in
        --sizes) sizes="${2//,/ }"; shift ;;
        --xl) sizes="$sizes XL" ;;
        --backends) backends="${2//,/ }"; shift ;;
        --runs) runs="$2"; shift ;;
        --seed) seed="$2"; shift ;;
        --timeout) timeout_s="$2"; shift ;;
        --time-limit) time_limit="$2"; shift ;;
        --no-build) build=0 ;;
        --out) out="$2"; shift ;;
        --readme) readme=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
need_timing_tools
((runs >= 1)) || die "--runs must be at least 1"
[[ "$time_limit" == 0 ]] && time_limit=""
[[ -n "$timeout_s" ]] || timeout_s=$(( ${time_limit:-3600} + 300 ))
mkdir -p "$out"
csv="$out/backends.csv"; md="$out/backends.md"
((build)) && build_cli
[[ -x "$CLI" ]] || die "no CLI at $CLI; build it with dotnet build -c Release solver/Allocator.Cli"
reference="${backends%% *}"

info="$(machine_info)"
echo "size,backend,runs,wall_median_s,rss_median_kb,solve_median_s,status,value,committed,value_rel_diff,committed_rel_diff,time_limit_s" > "$csv"
table="| Size | Backend | status | wall, median (s) | peak RSS, median (MB) | in solver (s) | value | committed | value vs $reference | committed vs $reference |
|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
failed=0
for size in $sizes; do
    request="$(request_for "$size" "$seed")"
    ref_value=""; ref_committed=""
    for backend in $backends; do
        result="$WORK/result-$size-$backend.json"; timing="$WORK/time-$size-$backend.txt"
        walls=(); rsss=(); solves=(); status=""
        for ((r = 1; r <= runs; r++)); do
            rm -f "$result"
            echo "$size $backend run $r/$runs..." >&2
            set +e
            /usr/bin/time -f "%e %M" -o "$timing" timeout "$timeout_s" "$CLI" solve "$request" --backend "$backend" \
                ${time_limit:+--time-limit "$time_limit"} -o "$result" 2> "$WORK/stderr-$size-$backend.txt"
            rc=$?
            set -e
            if ((rc == 124)); then status="killed after $timeout_s s"; break; fi
            # A not_solved result exits non-zero but is still a result to report.
            if [[ ! -s "$result" ]]; then status="failed (exit $rc): $(head -c 120 "$WORK/stderr-$size-$backend.txt" | tr '\n|' '  ')"; break; fi
            read -r wall rss < <(tail -1 "$timing")
            walls+=("$wall"); rsss+=("$rss"); solves+=("$(jq -r '.diagnostics.solveSeconds' "$result")")
            status="$(jq -r 'if (.message // "" | test("time limit")) then .status + " (time limit)" else .status end' "$result")"
        done
        if ((${#walls[@]} == 0)); then
            failed=1
            echo "$size,$backend,0,,,,\"$status\",,,,,$time_limit" >> "$csv"
            table+=$'\n'"| $size | $backend | $status | | | | | | | |"
            continue
        fi
        wm="$(printf '%s\n' "${walls[@]}" | median)"; rm_kb="$(printf '%s\n' "${rsss[@]}" | median)"
        sm="$(printf '%s\n' "${solves[@]}" | median)"
        read -r value committed < <(jq -r '[.summary.value, .summary.committed] | @tsv' "$result")
        if [[ "$status" == not_solved* ]]; then
            # No plan: its zeros are not a value to compare.
            echo "$size,$backend,${#walls[@]},$wm,$rm_kb,$sm,$status,,,,,$time_limit" >> "$csv"
            table+=$'\n'"$(awk -v s="$size" -v b="$backend" -v st="$status" -v w="$wm" -v r="$rm_kb" -v sm="$sm" \
                'BEGIN { printf "| %s | %s | %s | %.2f | %.0f | %.2f | — | — | — | — |", s, b, st, w, r / 1024, sm }')"
            continue
        fi
        if [[ "$backend" == "$reference" ]]; then ref_value="$value"; ref_committed="$committed"; fi
        # Relative differences from the reference backend (empty when it has no result).
        read -r dv dc < <(awk -v v="$value" -v c="$committed" -v rv="$ref_value" -v rc="$ref_committed" 'BEGIN {
            if (rv == "") { print "- -"; exit }
            m = rv < 0 ? -rv : rv; n = rc < 0 ? -rc : rc
            printf "%.2e %.2e\n", (v - rv) / (m > 1 ? m : 1), (c - rc) / (n > 1 ? n : 1) }')
        echo "$size,$backend,${#walls[@]},$wm,$rm_kb,$sm,$status,$value,$committed,$dv,$dc,$time_limit" >> "$csv"
        table+=$'\n'"$(awk -v s="$size" -v b="$backend" -v st="$status" -v w="$wm" -v r="$rm_kb" -v sm="$sm" -v v="$value" -v c="$committed" -v dv="$dv" -v dc="$dc" \
            'BEGIN { printf "| %s | %s | %s | %.2f | %.0f | %.2f | %.6f | %.2f | %s | %s |", s, b, st, w, r / 1024, sm, v, c, dv, dc }')"
    done
done

limit_text="no time limit"; [[ -n "$time_limit" ]] && limit_text="\`--time-limit $time_limit\`"
{
    echo "$info"
    echo
    echo "\`allocator solve REQUEST --backend X -o RESULT\` (Release build, $limit_text), requests from \`allocator generate --preset SIZE --seed $seed\`, median of $runs run(s); wall and peak RSS of the whole process. *value vs $reference* and *committed vs $reference* are relative differences, (x − x_$reference) / max(1, |x_$reference|): the backends agree when they are near 0. A status *feasible (time limit)* means the backend did not finish within the limit: its plan is valid but, if stage 2 was cut short, its committed money is not minimised."
    echo
    echo "$table"
} > "$md"
cat "$md"
echo >&2
echo "wrote $md and $csv" >&2
if ((readme)); then replace_section bench/README.md compare-backends "$md"; fi
# Non-zero only when a run failed or was killed; a backend stopped by --time-limit is a result, not a failure.
exit "$failed"
