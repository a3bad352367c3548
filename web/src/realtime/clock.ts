// The server's clock decides when an auction ends (DESIGN §4), so countdowns run on an
// estimate of it: offset = server_time − the midpoint of the request that carried it.
// Of all samples the one with the shortest round trip is the most accurate (NTP's rule);
// a sample older than two minutes gives way, in case this device's clock was adjusted.
let offset = 0;
let bestRtt = Infinity;
let bestAt = 0;

export function sampleClock(serverIso: string | undefined, sentAt: number, receivedAt: number): void {
  if (!serverIso) return;
  const server = Date.parse(serverIso);
  if (Number.isNaN(server)) return;
  const rtt = Math.max(0, receivedAt - sentAt);
  const stale = receivedAt - bestAt > 120_000;
  if (rtt <= bestRtt || stale) {
    bestRtt = rtt;
    bestAt = receivedAt;
    offset = server - (sentAt + receivedAt) / 2;
  }
}

/** Milliseconds to add to Date.now() to get the server's time. */
export const clockOffset = (): number => offset;
export const serverNow = (): number => Date.now() + offset;
