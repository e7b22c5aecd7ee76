#!/bin/sh
# usage: run.sh TARGET SECONDS [extra libFuzzer flags]
# Runs an already-built fuzz target (see README.md) without rebuilding it.
set -eu
cd "$(dirname "$0")"
t=$1; secs=$2; shift 2
case $t in
  html) dict=dict/html.dict ;;
  docx|docx_xml) dict=dict/docx.dict ;;
  pdf) dict=dict/pdf.dict ;;
  *) dict=dict/report.dict ;;
esac
mkdir -p corpus/$t artifacts/$t && cp -n seeds/$t/* corpus/$t/
exec nice -n 10 ./target/x86_64-unknown-linux-gnu/release/$t corpus/$t \
  -max_total_time=$secs -rss_limit_mb=2048 -timeout=5 -report_slow_units=2 \
  -dict=$dict -artifact_prefix=artifacts/$t/ -print_final_stats=1 "$@"
