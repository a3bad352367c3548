/** Screen-reader announcements of outbid / winning / won / lost, assertive. */
export function Announcer({ text, seq }: { text: string; seq: number }) {
  // Re-rendering the same text would not be re-announced: alternate two regions.
  return (
    <div class="visually-hidden">
      <div aria-live="assertive" aria-atomic="true">{seq % 2 === 1 ? text : ''}</div>
      <div aria-live="assertive" aria-atomic="true">{seq % 2 === 0 ? text : ''}</div>
    </div>
  );
}
