#!/bin/sh
# Stand-in for nvidia-smi, written by dev.berth.testkit.FakeNvidiaSmi. It answers only the query
# Berth's probe runs, with whatever the test set last: the answer is a shell fragment the test
# replaces atomically, so one run always sees one consistent answer (stdout, stderr, exit code).
printf '%s\n' "$*" >> @CALLS@
query=missing
format=missing
for arg in "$@"; do
  case "$arg" in
    --query-gpu=index,uuid,name,memory.used,memory.total,utilization.gpu,power.draw,temperature.gpu,clocks.sm,clocks_throttle_reasons.active) query=ok ;;
    --format=csv,noheader,nounits) format=ok ;;
    *) query=unexpected ;;
  esac
done
if [ "$query" != ok ] || [ "$format" != ok ]; then
  # What the real tool says about arguments it does not accept.
  echo "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help."
  exit 2
fi
. @ANSWER@
