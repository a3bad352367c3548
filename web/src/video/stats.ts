// The decoder figures of the interface (types.ts VideoStats), read from a getStats() report
// the same way for every provider: the inbound video RTP stream's.
import type { VideoStats } from './types';

export function decoderStats(report: RTCStatsReport): VideoStats | null {
  let out: VideoStats | null = null;
  report.forEach((r: any) => {
    if (r.type === 'inbound-rtp' && r.kind === 'video') {
      out = {
        framesDecoded: r.framesDecoded ?? 0,
        frameWidth: r.frameWidth ?? 0,
        frameHeight: r.frameHeight ?? 0,
        jitterBufferDelayS: r.jitterBufferEmittedCount ? r.jitterBufferDelay / r.jitterBufferEmittedCount : 0,
      };
    }
  });
  return out;
}
