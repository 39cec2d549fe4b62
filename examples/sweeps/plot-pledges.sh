#!/usr/bin/env bash
# Runs the research sweep examples/sweeps/ukraine-2024-pledges.json (189 scenarios of the 2024 example), gathers
# its table and plots value against Norway's pledge (gnuplot, pngcairo). See examples/sweeps/README.md.
#
#   examples/sweeps/plot-pledges.sh                 # builds the CLI (Release), sweeps, gathers, plots
#   examples/sweeps/plot-pledges.sh --cli "dotnet solver/Allocator.Cli/bin/Debug/net10.0/allocator.dll"
#
# Options: --cli CMD (the allocator command; default: build Release)  --out DIR (sweep folder; default under
#          $TMPDIR, resumed if it exists)  --csv FILE, --png FILE (default: next to the manifest)
# Needs gnuplot with the pngcairo terminal (Debian: apt-get install -y gnuplot-nox).
set -euo pipefail
source "$(dirname "$0")/../../bench/lib/common.sh"

manifest=examples/sweeps/ukraine-2024-pledges.json
csv=examples/sweeps/ukraine-2024-pledges.csv; png=examples/sweeps/ukraine-2024-pledges.png
out="$WORK/sweep-ukraine-2024-pledges"; cli=""
while (($#)); do
    case "$1" in
        --cli) cli="$2"; shift ;;
        --out) out="$2"; shift ;;
        --csv) csv="$2"; shift ;;
        --png) png="$2"; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
need gnuplot "Debian: apt-get install -y gnuplot-nox"
gnuplot -e 'set terminal' 2>&1 | grep -q pngcairo || die "this gnuplot has no pngcairo terminal (Debian: gnuplot-nox has it)"
mkdir -p "$WORK"
if [[ -z "$cli" ]]; then build_cli; cli="$CLI"; fi

# A folder that already holds some results is resumed: only the scenarios without a result are solved.
$cli sweep "$manifest" -o "$out"
$cli sweep gather "$out" -o "$csv"

# Columns: 4 value, 5 maxValue, 8 Denmark's first tranche (DKK), 9 Norway's pledge (NOK), 10 DKK rate, 11 USD rate.
# One series per file (gnuplot breaks a line at every filtered-out row): "Norway (bn NOK)  value (% of max)".
series() { awk -F, -v dk="$1" -v rate="$2" -v usd="$3" \
    'NR > 1 && $8 == dk && $10 == rate && $11 == usd { printf "%g %.3f\n", $9 / 1e9, 100 * $4 / $5 }' "$csv" | sort -g; }
for dk in 600000000 1200000000 1800000000; do series "$dk" 0.1341 0.924 > "$WORK/pledges-dk-$dk.dat"; done
for rate in 0.12 0.1341 0.145; do series 1200000000 "$rate" 0.924 > "$WORK/pledges-rate-$rate.dat"; done

gnuplot <<GNUPLOT
set terminal pngcairo size 1200,480 font "sans,11"
set output "$png"
set multiplot layout 1,2 title "ukraine-2024.json swept over pledges and exchange rates (189 scenarios, allocator sweep)"
set grid
set key bottom right
set xlabel "Norway's pledge (billion NOK; 3.5 as pledged)"
set ylabel "value delivered (% of all needs met on time)"
set xrange [0:7.5]
set yrange [60:85]
set arrow from 3.5, graph 0 to 3.5, graph 1 nohead dt 3 lc rgb "gray40"

set title "Denmark's first tranche (DKK 0.1341, USD 0.924 EUR)"
plot for [dk in "600000000 1200000000 1800000000"] "$WORK/pledges-dk-".dk.".dat" using 1:2 \
     with linespoints lw 2 pt 7 title sprintf("Denmark %.1f bn DKK%s", real(dk) / 1e9, dk eq "1200000000" ? " (as pledged)" : "")

set title "The krone's rate (Denmark as pledged, USD 0.924 EUR)"
plot for [rate in "0.12 0.1341 0.145"] "$WORK/pledges-rate-".rate.".dat" using 1:2 \
     with linespoints lw 2 pt 7 title sprintf("1 DKK = %s EUR%s", rate, rate eq "0.1341" ? " (2024 average)" : "")
unset multiplot
GNUPLOT
echo "wrote $csv and $png" >&2
