#!/usr/bin/env bash
# Builds bench/highs-lp/highs-lp.c against the HiGHS library of the restored OR-Tools runtime package (linux-x64)
# and runs it: one LP file solved by HiGHS alone, as the engine's session does, for the experiments in
# bench/README.md, section 5 ("Sixth round"). Needs gcc and a restored solution (dotnet restore).
#
#   ALLOCATOR_HIGHS_WRITE=/tmp/m allocator solve REQUEST -o RESULT     # each stage's LP as /tmp/m-N.mps
#   bench/highs-lp.sh /tmp/m-0.mps                                     # the value stage, as the engine solves it
#   bench/highs-lp.sh /tmp/m-0.mps --support used.txt                  # ... and the columns its optimum uses
#   bench/highs-lp.sh /tmp/m-0.mps --keep used.txt                     # restricted to those columns
#   bench/highs-lp.sh /tmp/m-0.mps --keep used.txt --among /tmp/m-routes.tsv --grow   # only the routes, priced back in
#   bench/highs-lp.sh /tmp/m-0.mps simplex_strategy=4 presolve=off     # any HiGHS option
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
library="$(ls -d "$packages"/google.ortools.runtime.linux-x64/*/runtimes/linux-x64/native 2>/dev/null | sort -V | tail -1)"
[[ -n "$library" && -f "$library/libhighs.so.1" ]] || die "no libhighs.so.1 under $packages/google.ortools.runtime.linux-x64 (run dotnet restore first)"
command -v gcc > /dev/null || die "gcc is needed to build bench/highs-lp/highs-lp.c"
binary="$WORK/highs-lp"
source_file="$(dirname "$0")/highs-lp/highs-lp.c"
if [[ ! -x "$binary" || "$source_file" -nt "$binary" ]]; then
    mkdir -p "$WORK"
    gcc -O2 -Wall -Werror -o "$binary" "$source_file" "$library/libhighs.so.1" -Wl,-rpath,"$library"
fi
exec "$binary" "$@"
