-- What wrk measured, one `@load` line per figure, for the bench to read back.
-- Latencies are in microseconds; requests that outlived --timeout are counted as timeouts
-- and are not in the latency figures.
function report(summary, latency)
  local errors = summary.errors
  io.write(string.format("@load requests %d\n", summary.requests))
  io.write(string.format("@load duration_us %d\n", summary.duration))
  io.write(string.format("@load p50_us %d\n", latency:percentile(50)))
  io.write(string.format("@load p99_us %d\n", latency:percentile(99)))
  io.write(string.format("@load max_us %d\n", latency.max))
  io.write(string.format("@load connect %d\n@load read %d\n@load write %d\n@load timeout %d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
  -- Answers with a status of 400 or more, as wrk counts them itself.
  io.write(string.format("@load status_errors %d\n", errors.status))
end
