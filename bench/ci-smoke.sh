#!/usr/bin/env bash
# What CI runs so the benchmarks and scripts never rot: every BenchmarkDotNet benchmark once at S (Dry job),
# the --phases breakdown, and the three scripts at S. It fails only if something throws or a solve fails,
# never on timings: nothing here is compared with a target. Output goes to $ALLOCATOR_BENCH_WORK (default
# /tmp/allocator-bench), never to bench/results/.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
out="$WORK/ci"
rm -rf "$out"; mkdir -p "$out"
start=$SECONDS

echo "::group::BenchmarkDotNet, every benchmark once at S (Dry job)"
dotnet run -c Release --project bench/Allocator.Bench -- --sizes S --filter '*' --job Dry --artifacts "$out/bdn"
echo "::endgroup::"

echo "::group::Phase breakdown at S"
dotnet run -c Release --no-build --project bench/Allocator.Bench -- --phases --sizes S --runs 1
echo "::endgroup::"

echo "::group::measure-cli.sh at S"
bench/measure-cli.sh --sizes S --runs 1 --no-breakdown --out "$out/results"
echo "::endgroup::"

echo "::group::measure-cli.sh on the hard structure 'small'"
bench/measure-cli.sh --sizes small --runs 1 --no-breakdown --no-build --out "$out/hard"
echo "::endgroup::"

echo "::group::compare-backends.sh at S"
bench/compare-backends.sh --sizes S --time-limit 5 --out "$out/results" --no-build
echo "::endgroup::"

if command -v gcc > /dev/null; then
    echo "::group::highs-lp.sh on the value stage of the hard structure 'small'"
    "$CLI" generate --structure small -o "$out/small.json"
    ALLOCATOR_HIGHS_WRITE="$out/small-lp" "$CLI" solve "$out/small.json" -o "$out/small-result.json" 2> /dev/null
    bench/highs-lp.sh "$out/small-lp-0.mps" --support "$out/small-used.txt"
    bench/highs-lp.sh "$out/small-lp-0.mps" --keep "$out/small-used.txt"
    bench/highs-lp.sh "$out/small-lp-0.mps" --keep "$out/small-used.txt" --among "$out/small-lp-routes.tsv" --grow
    echo "::endgroup::"
else
    echo "gcc not installed: skipping highs-lp.sh"
fi

if command -v gnuplot > /dev/null; then
    echo "::group::plot-scaling.sh"
    bench/plot-scaling.sh --csv "$out/results/cli-scaling.csv" --png "$out/results/scaling.png" --md "$out/results/scaling.md"
    echo "::endgroup::"
else
    echo "gnuplot not installed: skipping plot-scaling.sh"
fi
echo "bench smoke test passed in $((SECONDS - start)) s"
