// "Stream from OBS" in the seller's control room: an encoder endpoint for this show
// (POST/GET/DELETE /streams/{id}/ingress, docs/video.md "OBS and WHIP"). The server creates it at
// the video provider in the background, so a request answers "pending" and the panel asks
// again until it is ready. The stream key is a secret: masked until the seller shows it,
// copied without being shown, never kept by the app. A server whose video provider has no
// ingress (the embedded Janus) answers 501 unsupported, and the panel says so.
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api/client';
import { ApiError } from '../api/errors';
import type { components } from '../api/schema';
import type { Id } from '../api/types';
import { ErrorBox } from '../components/ui';
import { useAction } from '../components/useAction';

type Ingress = components['schemas']['Ingress'];
type Panel = { kind: 'loading' } | { kind: 'none' } | { kind: 'unsupported'; why: string } | { kind: 'off'; why: string } | { kind: 'ingress'; ingress: Ingress };

const POLL_MS = 1_000;
const path = (id: Id) => `/streams/${encodeURIComponent(id)}/ingress`;

async function read(id: Id): Promise<Panel> {
  try {
    return { kind: 'ingress', ingress: (await get<{ ingress: Ingress }>(path(id))).ingress };
  } catch (e) {
    if (e instanceof ApiError && e.code === 'not_found') return { kind: 'none' };
    if (e instanceof ApiError && e.code === 'unsupported') return { kind: 'unsupported', why: e.message };
    if (e instanceof ApiError && e.code === 'unavailable') return { kind: 'off', why: e.message };
    throw e;
  }
}

/** A read-only value with a copy button (and, for a secret, a show/hide toggle). */
function CopyField({ label, value, secret, hint }: { label: string; value: string; secret?: boolean; hint?: string }) {
  const [shown, setShown] = useState(!secret);
  const [copied, setCopied] = useState(false);
  const id = `enc-${label.toLowerCase().replace(/\W+/g, '-')}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div class="field encoder-field">
      <label for={id}>{label}</label>
      <div class="encoder-value">
        {shown
          ? <input id={id} readOnly value={value} type="text" autoComplete="off" spellcheck={false} aria-describedby={hint ? `${id}-hint` : undefined} />
          : <input id={id} readOnly value={value} type="password" autoComplete="off" aria-describedby={hint ? `${id}-hint` : undefined} />}
        {secret && <button type="button" class="small" aria-pressed={shown} onClick={() => setShown(!shown)}>{shown ? 'Hide' : 'Show'}</button>}
        <button type="button" class="small" onClick={copy}>{copied ? 'Copied' : 'Copy'}<span class="visually-hidden"> {label.toLowerCase()}</span></button>
      </div>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}

const STATE_TEXT: Record<Ingress['state'], string> = {
  pending: 'Creating your stream key…',
  ready: 'Ready: OBS can stream to this show.',
  failed: 'The video service could not create a stream key.',
};

export function EncoderPanel({ streamId, live }: { streamId: Id; live: boolean }) {
  const [panel, setPanel] = useState<Panel>({ kind: 'loading' });
  const [loadErr, setLoadErr] = useState<unknown>(null);
  const { busy, err, run } = useAction('show-control');
  const pending = panel.kind === 'ingress' && panel.ingress.state === 'pending';

  useEffect(() => {
    let gone = false;
    read(streamId).then((p) => !gone && setPanel(p), (e) => !gone && setLoadErr(e));
    return () => { gone = true; };
  }, [streamId]);
  // While the server creates it, ask again now and then.
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => { read(streamId).then(setPanel, setLoadErr); }, POLL_MS);
    return () => clearTimeout(t);
  }, [pending, panel, streamId]);

  const ask = () => run(async () => {
    setPanel({ kind: 'ingress', ingress: (await post<{ ingress: Ingress }>(path(streamId))).ingress });
  });
  const drop = () => {
    if (!confirm('Remove this stream key? OBS stops reaching the show; you can get a new key.')) return;
    void run(async () => {
      await del(path(streamId));
      setPanel({ kind: 'none' });
    });
  };

  let body;
  if (panel.kind === 'loading') body = loadErr ? <ErrorBox error={loadErr} /> : <p class="hint" role="status">Loading…</p>;
  else if (panel.kind === 'unsupported' || panel.kind === 'off') body = <p class="encoder-note" role="note">{panel.why}</p>;
  else if (panel.kind === 'none') {
    body = (
      <>
        <p>Use OBS (or any WHIP encoder) instead of this browser's camera: scenes, overlays, a better camera.</p>
        <button type="button" class="primary" disabled={busy} onClick={ask}>Get a stream key</button>
      </>
    );
  } else {
    const ing = panel.ingress;
    body = (
      <>
        <p role="status" class={`encoder-state ${ing.state}`}>{STATE_TEXT[ing.state]}{ing.state === 'failed' && ing.error ? ` (${ing.error})` : ''}</p>
        {ing.state === 'ready' && ing.url && ing.stream_key && (
          <>
            <CopyField label="Server" value={ing.url} />
            <CopyField label="Stream key" value={ing.stream_key} secret hint="Like a password: whoever has it can stream into your show." />
            <ol class="encoder-steps">
              <li>In OBS (30 or later): Settings → Stream.</li>
              <li>Service: <strong>{ing.whip ? 'WHIP' : 'Custom'}</strong>. Server: the server above. {ing.whip ? 'Bearer Token' : 'Stream Key'}: the stream key.</li>
              <li>Start Streaming. {live ? 'Viewers see OBS in place of your camera.' : 'Viewers see it once you go live.'}</li>
            </ol>
            <button type="button" class="small" disabled={busy} onClick={drop}>Remove stream key</button>
          </>
        )}
        {ing.state === 'failed' && <button type="button" class="primary" disabled={busy} onClick={ask}>Try again</button>}
      </>
    );
  }
  return (
    <section class="encoder" aria-labelledby="enc-h">
      <h3 id="enc-h">Stream from OBS</h3>
      {body}
      <ErrorBox error={err} />
    </section>
  );
}
