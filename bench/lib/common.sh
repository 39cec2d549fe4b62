# Shared helpers for bench/*.sh. Source it; it sets REPO and CLI and leaves you in the repository root.
# shellcheck shell=bash

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO" || exit 1
CLI="$REPO/solver/Allocator.Cli/bin/Release/net10.0/allocator"
WORK="${ALLOCATOR_BENCH_WORK:-${TMPDIR:-/tmp}/allocator-bench}"

die() { echo "error: $*" >&2; exit 2; }

need() { command -v "$1" > /dev/null 2>&1 || die "$1 is required${2:+ ($2)}"; }

# The Release build of the CLI the scripts time.
# The scripts that time the CLI need GNU time and jq.
need_timing_tools() {
    [[ -x /usr/bin/time ]] || die "/usr/bin/time is required (Debian: apt-get install -y time)"
    need jq "Debian: apt-get install -y jq"
}

build_cli() {
    echo "building the CLI (Release)..." >&2
    dotnet build -c Release solver/Allocator.Cli -nologo -v quiet > "$WORK/build.log" 2>&1 \
        || { cat "$WORK/build.log" >&2; die "dotnet build -c Release solver/Allocator.Cli failed"; }
    [[ -x "$CLI" ]] || die "no CLI at $CLI"
}

# request_for SIZE SEED -> prints the path of a freshly generated request (the generator is deterministic,
# but regenerating keeps the request in step with the generator's code).
# SIZE is a preset (S, M, L, XL) or any hard structure (`allocator generate --structure`, docs/generator.md), which
# the CLI checks, so a new structure needs no change here.
request_for() {
    local file="$WORK/request-$1-seed$2.json"
    case "$1" in
        S|M|L|XL|s|m|l|xl)
            "$CLI" generate --preset "$1" --seed "$2" -o "$file" || die "allocator generate --preset $1 failed" ;;
        *)
            "$CLI" generate --structure "$1" --seed "$2" -o "$file" || die "allocator generate --structure $1 failed" ;;
    esac
    echo "$file"
}

# median of the numbers on stdin (one per line); the mean of the middle two for an even count.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One markdown paragraph describing the machine and the code measured.
machine_info() {
    local cpu mem_gib kernel runtime ortools commit dirty load
    cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
    mem_gib="$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
    kernel="$(uname -sr)"
    runtime="$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
    ortools="$(sed -n 's/.*"Google.OrTools" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)"
    commit="$(git rev-parse --short HEAD 2>/dev/null)"
    dirty="$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ' (with uncommitted changes)')"
    load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
    echo "Machine: ${cpu:-unknown CPU}, nproc $(nproc), ${mem_gib:-?} GiB RAM, $kernel; .NET $runtime, OR-Tools $ortools;" \
         "commit $commit$dirty; $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start $load."
}

# replace_section FILE NAME CONTENT_FILE: replaces the lines between <!-- NAME:begin --> and <!-- NAME:end -->.
replace_section() {
    local file="$1" name="$2" content="$3"
    grep -q "<!-- $name:begin -->" "$file" || die "$file has no <!-- $name:begin --> marker"
    awk -v content="$content" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
        index($0, begin) { print; while ((getline line < content) > 0) print line; skipping = 1; next }
        index($0, end) { skipping = 0 }
        !skipping { print }' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
    echo "updated the $name section of $file" >&2
}

mkdir -p "$WORK"
