// Load generator, run in its own process so that sending requests does not
// compete with the backend for its event loop. Keeps `connections` keep-alive
// sockets busy for `seconds`, each sending its next request when the previous
// answer has been read (or stops after `count` requests), and reports latencies, statuses and the request rate.
import http from 'node:http';

const { base, paths, headers, connections, seconds, method, body, count } =
  JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function send(path) {
  return new Promise(resolve => {
    const started = process.hrtime.bigint();
    const req = http.request(
      `${base}${path}`,
      { method: method ?? 'GET', agent, headers },
      res => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            retryAfter: res.headers['retry-after'],
          }),
        );
      },
    );
    req.on('error', () =>
      resolve({
        status: 0,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }),
    );
    if (body) req.end(JSON.stringify(body));
    else req.end();
  });
}

const latencies = [];
const statuses = {};
let retryAfter;
let next = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (Date.now() < deadline && (count === undefined || next < count)) {
      const path = paths[next++ % paths.length];
      const r = await send(path);
      latencies.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.retryAfter) retryAfter = r.retryAfter;
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = p =>
  latencies[
    Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
  ];
agent.destroy();
process.send({
  requests: latencies.length,
  rps: latencies.length / elapsed,
  p50: pct(50),
  p95: pct(95),
  p99: pct(99),
  statuses,
  retryAfter,
});
