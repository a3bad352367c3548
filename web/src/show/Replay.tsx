// The replay of an ended show, once the show has a recording: a plain player. Nothing at all
// when there is none (no placeholder player). The recording feature supplies the address.
export function Replay({ url, title }: { url: string | null; title: string }) {
  if (!url) return null;
  return (
    <section class="replay" aria-labelledby="replay-h">
      <h2 id="replay-h">Replay</h2>
      <video class="replay-video" controls preload="metadata" src={url} aria-label={`Replay of ${title}`} />
    </section>
  );
}
