#!/usr/bin/env bash
# End-to-end check of the real TUI in tmux: start it, drive it with keys, read the screen.
set -euo pipefail
binary=${1:?usage: tui-e2e.sh PATH/TO/nbpscope}
session=nbpscope-e2e-$$
fail() { echo "tui-e2e: FAIL: $*" >&2; tmux capture-pane -p -t "$session" >&2 || true; tmux kill-session -t "$session" 2>/dev/null || true; exit 1; }
screen() { tmux capture-pane -p -t "$session"; }
wait_for() { # pattern, seconds
  for _ in $(seq 1 $((${2:-10} * 10))); do screen | grep -q -- "$1" && return 0; sleep 0.1; done
  fail "timed out waiting for: $1"
}

tmux new-session -d -x 160 -y 48 -s "$session" "$binary; echo \"EXIT=\$?\"; echo MODES \$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)\$'); sleep 30"
wait_for "tick 0 · before the first sample" 20
for k in 00 01 02 03 04 05 06 07 08 09 10 11; do screen | grep -q "g$k" || fail "gate g$k is not on screen"; done
echo "tui-e2e: gating raster shows g00…g11"

tmux send-keys -t "$session" s
wait_for "tick 1 · before the first sample"
echo "tui-e2e: 's' advanced the tick counter"

tmux send-keys -t "$session" ':' ; sleep 0.2
tmux send-keys -t "$session" 'break gate g05' Enter
wait_for "breakpoint 1: gate g05"
tmux send-keys -t "$session" c
wait_for "phase 5 g05 W2 potentiation · live · paused · breakpoint 1"
echo "tui-e2e: ':break gate g05' then 'c' stopped on phase 5"

for size in "100 30" "60 18" "200 60" "90 26" "160 48"; do
  tmux resize-window -t "$session" -x "${size% *}" -y "${size#* }"; sleep 0.1
done
tmux resize-window -t "$session" -x 60 -y 18
wait_for "enlarge to at least 80×24"
tmux resize-window -t "$session" -x 160 -y 48
wait_for "phase 5 g05 W2 potentiation"
lines=$(screen | wc -l)
[ "$lines" -eq 48 ] || fail "screen has $lines lines after resizing, expected 48"
screen | grep -q "g11" || fail "g11 missing after resize"
echo "tui-e2e: resizing keeps a valid screen"

tmux send-keys -t "$session" q
wait_for "EXIT=0"
# The mode line comes from the shell just after the program exits: wait for it, then check it.
wait_for "MODES"
screen | grep -q "MODES icanon echo" || fail "the terminal was not restored (expected canonical mode and echo)"
echo "tui-e2e: 'q' left the terminal usable"
tmux kill-session -t "$session"

# Any JSON network live: the ring's gating block gives it gates, phases and gate breakpoints.
session=nbpscope-e2e-net-$$
tmux new-session -d -x 120 -y 40 -s "$session" "$binary tui --net samples/synfire-ring.json; echo \"EXIT=\$?\"; sleep 30"
wait_for "tick 0 · before the first cycle · live · paused" 20
tmux send-keys -t "$session" ':' ; sleep 0.2
tmux send-keys -t "$session" 'break gate g05' Enter
wait_for "breakpoint 1: gate g05"
tmux send-keys -t "$session" c
wait_for "tick 18 · cycle 0 · phase 5 g05 W2 potentiation · live · paused · breakpoint 1"
for key in j k j Tab j k b Tab Tab; do tmux send-keys -t "$session" "$key"; done
tmux send-keys -t "$session" q
wait_for "EXIT=0"
tmux kill-session -t "$session"
echo "tui-e2e: --net samples/synfire-ring.json stops on its gate breakpoint"

# A network without a gating cycle: no gate pane, cycle commands refused, keys never trap.
session=nbpscope-e2e-plain-$$
tmux new-session -d -x 80 -y 24 -s "$session" "$binary tui --net samples/lif-bias.json; echo \"EXIT=\$?\"; sleep 30"
wait_for "tick 0 · live · paused" 20
for key in j k h l Tab j k b + - Tab b n; do tmux send-keys -t "$session" "$key"; done
wait_for "next needs a gating cycle"
tmux send-keys -t "$session" s s
wait_for "tick 2 · live · paused"
tmux send-keys -t "$session" q
wait_for "EXIT=0"
tmux kill-session -t "$session"
echo "tui-e2e: --net samples/lif-bias.json (no gating) steps and refuses cycle commands"
echo "tui-e2e: 7 passed, 0 failed"
