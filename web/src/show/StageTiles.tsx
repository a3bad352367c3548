// The smaller pictures of the stage beside the main one: co-hosts' cameras and shared screens
// (or the seller's camera while another picture is shown large). Tapping one shows it large.
// Co-hosts are heard: a tile plays its sound, except one's own.
import { useEffect, useRef } from 'preact/hooks';
import type { StageTile } from '../video/stage';

function TileVideo({ tile, label }: { tile: StageTile; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = tile.stream;
    void el.play().catch(() => { /* autoplay refused: it starts with the main picture's controls */ });
  }, [tile.stream]);
  const mirror = tile.self && tile.kind === 'camera';
  return <video ref={ref} class={`tile-video${mirror ? ' mirror' : ''}`} autoplay playsInline muted={tile.self} aria-label={label} />;
}

export function StageTiles({ tiles, nameOf, onPick }: {
  tiles: StageTile[];
  /** A tile's words: "kedai", "kedai's screen", "You". */
  nameOf: (t: StageTile) => string;
  onPick: (key: string) => void;
}) {
  if (!tiles.length) return null;
  return (
    <ul class="stage-tiles" aria-label="Also on stage">
      {tiles.map((t) => {
        const name = nameOf(t);
        return (
          <li key={t.key} class={`stage-tile ${t.kind}`} data-testid="stage-tile" data-identity={t.identity} data-kind={t.kind}>
            <TileVideo tile={t} label={name} />
            <button type="button" class="tile-pick" onClick={() => onPick(t.key)}>
              <span class="tile-name"><span class="visually-hidden">Show large: </span>{name}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
