// .mjr files as Janus's recorder writes them, for tests that need a recording without a
// browser to publish one: the adapter's integration test, and the API suite that records a
// show through the outbox.

// A .mjr file as Janus's recorder writes it (recordings.html): "MJR00002", a 2-byte length,
// the JSON header, then per packet "MEET", 4 bytes of receive time, a 2-byte length and
// the RTP packet. `firstUs`: the header's "u", when the first packet was written (Unix us).
export function mjr(kind, codec, payloads, clock, firstUs = Date.now() * 1000) {
  const header = Buffer.from(JSON.stringify({ t: kind, c: codec, s: firstUs, u: firstUs }));
  const parts = [Buffer.from('MJR00002'), u16(header.length), header];
  payloads.forEach((payload, i) => {
    const rtp = Buffer.alloc(12);
    rtp[0] = 0x80;
    rtp[1] = (kind === 'v' ? 0x80 : 0) | (kind === 'v' ? 96 : 111); // marker: one packet a frame
    rtp.writeUInt16BE(1000 + i, 2);
    rtp.writeUInt32BE(i * clock, 4);
    rtp.writeUInt32BE(kind === 'v' ? 0x1234 : 0x5678, 8);
    const packet = Buffer.concat([rtp, payload]);
    const time = Buffer.alloc(4);
    time.writeUInt32BE(i * 33, 0);
    parts.push(Buffer.from('MEET'), time, u16(packet.length), packet);
  });
  return Buffer.concat(parts);
}
const u16 = (n) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n, 0);
  return b;
};
// A VP8 key frame's payload: descriptor (S=1), then the frame tag, start code and a
// 320x240 size (RFC 6386 section 9.1), then filler.
export function vp8Key() {
  const size = 10;
  const tag = Buffer.from([(size << 5) & 0xe0 | 0x10, (size >> 3) & 0xff, (size >> 11) & 0xff]);
  const dims = Buffer.alloc(4);
  dims.writeUInt16LE(320, 0);
  dims.writeUInt16LE(240, 2);
  return Buffer.concat([Buffer.from([0x10]), tag, Buffer.from([0x9d, 0x01, 0x2a]), dims,
    Buffer.alloc(32, 0x55)]);
}
export const opusSilence = () => Buffer.from([0xf8, 0xff, 0xfe]); // 20 ms CELT silence
