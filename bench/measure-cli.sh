#!/usr/bin/env bash
# Times the whole `allocator solve REQUEST -o RESULT` process (JSON in, JSON out) on generated requests, with
# /usr/bin/time: wall seconds and peak RSS, median of --runs runs, against the speed targets. Prints a markdown
# table and writes it (with a CSV for plot-scaling.sh) under bench/results/. See bench/README.md.
#
#   bench/measure-cli.sh                      # S, M, L; 5 runs each; breakdown at L
#   bench/measure-cli.sh --xl                 # also XL (minutes, several GB)
#   bench/measure-cli.sh --sizes "national wide" --runs 3    # hard structures (allocator generate --structure)
#   bench/measure-cli.sh --sizes S --runs 1 --no-breakdown     # smoke test (CI)
# Exits non-zero only if a solve fails or is killed, never because a target is missed.
#
# Options: --sizes "S M L"  --xl  --runs N (5)  --seed N (1)  --backend NAME (highs, the default)  --timeout SECS per run (900)
#          --breakdown-runs N (3; 0 = no breakdown)  --no-breakdown  --no-build
#          --out DIR (bench/results)  --readme (also update bench/README.md)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

sizes="S M L"; runs=5; seed=1; backend=highs; timeout_s=900; breakdown_runs=3; build=1; out=bench/results; readme=0
while (($#)); do
    case "$1" in
        --sizes) sizes="${2//,/ }"; shift ;;
        --xl) sizes="$sizes XL" ;;
        --runs) runs="$2"; shift ;;
        --seed) seed="$2"; shift ;;
        --backend) backend="$2"; shift ;;
        --timeout) timeout_s="$2"; shift ;;
        --breakdown-runs) breakdown_runs="$2"; shift ;;
        --no-breakdown) breakdown_runs=0 ;;
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
mkdir -p "$out"
csv="$out/cli-scaling.csv"; md="$out/cli.md"
((build)) && build_cli
[[ -x "$CLI" ]] || die "no CLI at $CLI; build it with dotnet build -c Release solver/Allocator.Cli"

# Targets: wall seconds and peak RSS in KiB (GiB as 1024^2 KiB); empty = none.
target_wall() { case "$1" in M) echo 1 ;; L) echo 5 ;; XL|research) echo 60 ;; national) echo 3 ;; esac; }
target_rss_kb() { case "$1" in L) echo $((2 * 1024 * 1024)) ;; XL|research) echo $((8 * 1024 * 1024)) ;; esac; }
target_text() { case "$1" in M) echo "< 1 s" ;; L) echo "< 5 s, < 2 GiB" ;; XL|research) echo "< 60 s, < 8 GiB" ;; national) echo "< 3 s" ;; *) echo "—" ;; esac; }

info="$(machine_info)"
echo "$info" > "$out/cli-machine.txt"   # plot-scaling.sh quotes it under the scaling table
echo "size,donors,lines,periods,needs,variables,constraints,runs,wall_median_s,wall_min_s,wall_max_s,rss_median_kb,rss_max_kb,solve_median_s,status,value,committed,backend" > "$csv"
table="| Size | donors / lines / periods / needs | LP variables × constraints | runs | wall, median (s) | wall, min–max (s) | peak RSS, median (MB) | in solver, median (s) | target | met |
|---|---|---:|---:|---:|---:|---:|---:|---|---|"
declare -A wall_median
failed=0
for size in $sizes; do
    request="$(request_for "$size" "$seed")"
    counts="$(jq -r '[(.donors|length), (.lines|length), .horizon.periods, (.needs|length)] | join(",")' "$request")"
    result="$WORK/result-$size.json"; timing="$WORK/time-$size.txt"
    walls=(); rsss=(); solves=(); status=""
    for ((r = 1; r <= runs; r++)); do
        rm -f "$result"
        echo "$size run $r/$runs..." >&2
        set +e
        /usr/bin/time -f "%e %M" -o "$timing" timeout "$timeout_s" "$CLI" solve "$request" --backend "$backend" -o "$result"
        rc=$?
        set -e
        if ((rc == 124)); then status="timeout (> $timeout_s s)"; break; fi
        if ((rc != 0)); then status="failed (exit $rc)"; failed=1; break; fi
        read -r wall rss < <(tail -1 "$timing")
        walls+=("$wall"); rsss+=("$rss"); solves+=("$(jq -r '.diagnostics.solveSeconds' "$result")")
        status="$(jq -r '.status' "$result")"
    done
    if ((${#walls[@]} == 0)); then
        failed=1
        echo "$size,${counts},,,,,,,,,,$status,,,$backend" >> "$csv"
        table+=$'\n'"| $size | ${counts//,/ / } | | 0 | | | | | $(target_text "$size") | $status |"
        continue
    fi
    wm="$(printf '%s\n' "${walls[@]}" | median)"; wmin="$(printf '%s\n' "${walls[@]}" | sort -g | head -1)"
    wmax="$(printf '%s\n' "${walls[@]}" | sort -g | tail -1)"
    rm_kb="$(printf '%s\n' "${rsss[@]}" | median)"; rmax="$(printf '%s\n' "${rsss[@]}" | sort -g | tail -1)"
    sm="$(printf '%s\n' "${solves[@]}" | median)"
    read -r vars cons value committed < <(jq -r '[.diagnostics.variables, .diagnostics.constraints, .summary.value, .summary.committed] | @tsv' "$result")
    wall_median[$size]="$wm"
    met="—"
    tw="$(target_wall "$size")"; tr="$(target_rss_kb "$size")"
    if [[ -n "$tw" ]]; then
        met="$(awk -v w="$wm" -v tw="$tw" -v r="$rm_kb" -v tr="${tr:-0}" 'BEGIN { print (w < tw && (tr == 0 || r < tr)) ? "yes" : "**no**" }')"
    fi
    [[ "$status" == optimal ]] || met="$met (status $status)"
    echo "$size,$counts,$vars,$cons,${#walls[@]},$wm,$wmin,$wmax,$rm_kb,$rmax,$sm,$status,$value,$committed,$backend" >> "$csv"
    table+=$'\n'"$(awk -v s="$size" -v c="${counts//,/ / }" -v v="$vars" -v k="$cons" -v n="${#walls[@]}" -v wm="$wm" -v a="$wmin" -v b="$wmax" \
        -v r="$rm_kb" -v sm="$sm" -v t="$(target_text "$size")" -v m="$met" \
        'BEGIN { printf "| %s | %s | %d × %d | %d | %.2f | %.2f–%.2f | %.0f | %.2f | %s | %s |", s, c, v, k, n, wm, a, b, r / 1024, sm, t, m }')"
done

{
    echo "$info"
    echo
    echo "\`allocator solve REQUEST --backend $backend -o RESULT\`, Release build, requests from \`allocator generate --preset SIZE --seed $seed\`; wall time and peak RSS of the whole process from \`/usr/bin/time -f \"%e %M\"\`; *in solver* is the result's \`diagnostics.solveSeconds\` (loading the LP into the backend and both lexicographic stages)."
    echo
    echo "$table"
} > "$md"

if ((breakdown_runs > 0)) && [[ " $sizes " == *" L "* ]]; then
    echo "breakdown at L ($breakdown_runs runs)..." >&2
    phases_csv="$WORK/phases-L.csv"; rm -f "$phases_csv"
    dotnet build -c Release bench/Allocator.Bench -nologo -v quiet > "$WORK/build-bench.log" 2>&1 \
        || { cat "$WORK/build-bench.log" >&2; die "building bench/Allocator.Bench failed"; }
    phases="$(dotnet bench/Allocator.Bench/bin/Release/net10.0/Allocator.Bench.dll --phases --sizes L --runs "$breakdown_runs" --backend "$backend" --csv "$phases_csv")"
    first_sum="$(awk -F, '$2 == "\"Sum of phases\"" { print $3 }' "$phases_csv")"
    {
        echo
        echo "#### Where the time goes at L"
        echo
        echo "In-process, from \`dotnet run -c Release --project bench/Allocator.Bench -- --phases --sizes L --runs $breakdown_runs\` (same request; *first run* includes JIT compilation, as a fresh CLI process does):"
        echo
        echo "${phases/\#\#\# /##### }"
        if [[ -n "${wall_median[L]:-}" && -n "$first_sum" ]]; then
            echo
            awk -v w="${wall_median[L]}" -v f="$first_sum" 'BEGIN { printf "The CLI process at L takes %.2f s (median); the first in-process run of the phases takes %.2f s, so about %.2f s goes to runtime start-up, argument parsing, and reading and writing the files.\n", w, f, w - f }'
        fi
    } >> "$md"
fi

cat "$md"
echo >&2
echo "wrote $md and $csv" >&2
if ((readme)); then replace_section bench/README.md measure-cli "$md"; fi
# Non-zero only when a solve failed (never on timings), so CI can run this without flaking.
exit "$failed"
