#!/usr/bin/env bash
# Generates the hostile files of issue 12 at full size, runs the release
# build on each beside a good file, and prints a table: the case, its size,
# the wall time, the peak resident memory (/usr/bin/time), the bound
# (4 x the file's size + the peak of a run on the good file alone), whether
# the good file came out, and the exit code with the hostile file's message.
#
#   tools/hostile.sh [CASE...]     # all cases when none is named
#
# Cases: divs russia timex token newlines json_array jsonl_line
# Needs python3 and /usr/bin/time; builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."
flock /tmp/cargo.lock cargo build --release --bin tension-timeline >&2
bin="$PWD/target/release/tension-timeline"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(divs russia timex token newlines json_array jsonl_line)

printf ' date 2021-12-07 Talks\n\nBiden spoke with Putin on Tuesday.\n' > "$work/ok.txt"

gen() { # gen CASE FILE
    python3 - "$1" "$2" <<'PY'
import sys
case, path = sys.argv[1], sys.argv[2]
with open(path, "w") as f:
    if case == "divs":
        n = 100_000
        f.write("<html><body>" + "<div>" * n
                + "<p>Russia attacked Ukraine on Tuesday, officials said.</p>"
                + "</div>" * n + "</body></html>")
    elif case == "russia":
        f.write("Russia," * 40_000)
    elif case == "timex":
        n = 20_000
        f.write('<?xml version="1.0" ?>\n<TimeML>\n<DOCID>nest</DOCID>\n<TEXT>Russia attacked Ukraine '
                + '<TIMEX3 tid="t1" type="DATE" value="2021-12-07" temporalFunction="false">x ' * n
                + "on Tuesday" + "</TIMEX3>" * n + ".</TEXT>\n</TimeML>\n")
    elif case == "token":
        f.write("a" * (50 << 20))
    elif case == "newlines":
        f.write("Title\n" + "\n" * 10_000_000 + "Russia attacked Ukraine.\n")
    elif case == "json_array":
        f.write("[" + ",".join('{"text": "Russia attacked Ukraine %d."}' % i
                               for i in range(1_000_000)) + "]")
    elif case == "jsonl_line":
        body = "Russia attacked Ukraine and NATO warned Moscow. " * (200_000_000 // 48)
        f.write('{"text": "' + body + '"}\n{"text": "Kyiv replied on Friday."}\n')
PY
}

ext() { case "$1" in divs) echo html;; timex) echo tml;; json_array) echo json;; jsonl_line) echo jsonl;; *) echo txt;; esac; }

measure() { # measure FILE... -> "seconds peak_kb exit" and the output in $work/out.jsonl
    local code=0
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" extract --format jsonl --progress never "$@" \
        > "$work/out.jsonl" 2> "$work/err" || code=$?
    echo "$(tail -1 "$work/time") $code"
}

read -r _ base_kb _ < <(measure "$work/ok.txt")
printf '%-11s %9s %8s %9s %9s %5s %4s  %s\n' case size_MB time_s peak_MB bound_MB good exit message
for c in "${cases[@]}"; do
    f="$work/$c.$(ext "$c")"
    gen "$c" "$f"
    size=$(stat -c %s "$f")
    read -r secs peak_kb code < <(measure "$f" "$work/ok.txt")
    good=no
    grep -q '"id":"ok.txt"' "$work/out.jsonl" && good=yes
    msg=$( (grep -v '^$' "$work/err" || true) | head -1 | sed "s|$work/||g" | cut -c1-90)
    [ -z "$msg" ] && msg="read: $(grep -c '"article"' "$work/out.jsonl") article(s)"
    printf '%-11s %9.1f %8.2f %9.1f %9.1f %5s %4s  %s\n' "$c" "$(echo "$size/1048576" | bc -l)" "$secs" \
        "$(echo "$peak_kb/1024" | bc -l)" "$(echo "(4*$size+$base_kb*1024)/1048576" | bc -l)" "$good" "$code" "$msg"
    rm -f "$f"
done
echo "baseline (the good file alone): $((base_kb / 1024)) MB"
