-- wrk reporter: prints one JSON line with throughput and latency percentiles.
-- Non-2xx answers are counted so a benchmark of errors cannot pass as speed.
local non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format(
    '{"scenario":"%s","connections":%d,"duration_s":%.2f,"requests":%d,"req_per_s":%.0f,' ..
    '"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"non_2xx":%d}\n',
    os.getenv("BENCH_SCENARIO") or "unnamed", tonumber(os.getenv("BENCH_CONNECTIONS") or 0),
    secs, summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    non2xx))
end
