#!/usr/bin/env bash
# Plots time and peak memory against problem size from measure-cli.sh's CSV (gnuplot, pngcairo) and prints the
# scaling table in markdown. See bench/README.md.
#
#   bench/measure-cli.sh --xl && bench/plot-scaling.sh --readme
#
# Options: --csv FILE (bench/results/cli-scaling.csv)  --png FILE (bench/results/scaling.png)
#          --md FILE (bench/results/scaling.md)  --readme (also update bench/README.md)
# Needs gnuplot with the pngcairo terminal (Debian: apt-get install -y gnuplot-nox).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

csv=bench/results/cli-scaling.csv; png=bench/results/scaling.png; md=bench/results/scaling.md; readme=0
while (($#)); do
    case "$1" in
        --csv) csv="$2"; shift ;;
        --png) png="$2"; shift ;;
        --md) md="$2"; shift ;;
        --readme) readme=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done
need gnuplot "Debian: apt-get install -y gnuplot-nox"
gnuplot -e 'set terminal' 2>&1 | grep -q pngcairo || die "this gnuplot has no pngcairo terminal (Debian: gnuplot-nox has it)"
[[ -s "$csv" ]] || die "no $csv: run bench/measure-cli.sh first"
mkdir -p "$(dirname "$png")" "$(dirname "$md")"

# Only sizes that produced a measurement; columns: size variables wall_median rss_median_mb solve_median.
data="$WORK/scaling.dat"
awk -F, 'NR > 1 && $9 != "" { printf "%s %s %s %.1f %s\n", $1, $6, $9, $12 / 1024, $14 }' "$csv" > "$data"
[[ -s "$data" ]] || die "$csv has no successful measurement"
measured="$(cut -d' ' -f1 "$data" | tr '\n' ' ')"
machine="$(dirname "$csv")/cli-machine.txt"
# "CPU, nproc N, RAM, kernel; commit X; date" from the machine line measure-cli.sh wrote next to the CSV.
stamp="$( [[ -s "$machine" ]] && cut -d';' -f1,3,4 "$machine" | sed 's/^Machine: //; s/ (with uncommitted changes)//' || echo "machine not recorded")"

gnuplot <<GNUPLOT
set terminal pngcairo size 1200,500 font "sans,11"
set output "$png"
set multiplot layout 1,2 title "allocator solve (whole process, median) against LP size\n{/*0.8 $stamp}"
set logscale xy
set grid
set xlabel "LP variables (after pooling)"
set key top left
set format x "10^{%L}"
set offsets graph 0.05, graph 0.15, graph 0.1, graph 0.1

set ylabel "wall time (s)"
set title "Time"
plot "$data" using 2:3 with linespoints lw 2 pt 7 title "wall (process)", \
     "$data" using 2:5 with linespoints lw 2 pt 5 dt 2 title "in solver", \
     "$data" using 2:3:1 with labels offset 0,1.2 notitle, \
     "$data" using 2:(strcol(1) eq "M" ? 1 : strcol(1) eq "L" ? 5 : strcol(1) eq "XL" ? 60 : 1/0) with points pt 2 ps 2 lc rgb "red" title "target"

set ylabel "peak RSS (MB)"
set title "Memory"
plot "$data" using 2:4 with linespoints lw 2 pt 7 title "peak RSS (process)", \
     "$data" using 2:4:1 with labels offset 0,1.2 notitle, \
     "$data" using 2:(strcol(1) eq "L" ? 2048 : strcol(1) eq "XL" ? 8192 : 1/0) with points pt 2 ps 2 lc rgb "red" title "target"
unset multiplot
GNUPLOT

{
    echo "From \`$csv\` (bench/measure-cli.sh), plotted in \`$png\`. $(cat "$machine" 2>/dev/null || echo "Machine: not recorded.")"
    echo
    echo "| Size | donors | lines | periods | needs | LP variables | LP constraints | wall, median (s) | peak RSS, median (MB) | in solver, median (s) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F, 'NR > 1 {
        if ($9 == "") printf "| %s | %s | %s | %s | %s | | | %s | | |\n", $1, $2, $3, $4, $5, $15
        else printf "| %s | %s | %s | %s | %s | %d | %d | %.2f | %.0f | %.2f |\n", $1, $2, $3, $4, $5, $6, $7, $9, $12 / 1024, $14 }' "$csv"
    for size in S M L XL; do
        [[ " $measured " == *" $size "* ]] || echo "| $size | | | | | | | to be measured | to be measured | to be measured |"
    done
} > "$md"
cat "$md"
echo >&2
echo "wrote $png and $md" >&2
if ((readme)); then replace_section bench/README.md plot-scaling "$md"; fi
