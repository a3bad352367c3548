// Scheduling a show: title, start time, cover picture and the lineup of lots.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { idemKey } from '../api/client';
import { ApiError, errorMessage, errorText, fieldError, formError, type FormError } from '../api/errors';
import type { Stream } from '../api/types';
import { money } from '../lib/format';
import { navigate } from '../router';
import { useSession } from '../state/session';
import { ErrorBox, Field, Img, Loading, Select, TextArea, useLoad } from '../components/ui';

/** A datetime-local value (the device's zone) for a Date. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';
const MAX_IMAGE = 10 * 1024 * 1024;

export function ScheduleShow() {
  const s = useSession()!;
  const mine = useLoad(() => api.searchProducts({ seller: s.user.id, limit: 100 }), [s.user.id]);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState(() => localInput(new Date(Date.now() + 15 * 60_000)));
  const [lineup, setLineup] = useState<string[]>([]);
  const [coverLot, setCoverLot] = useState('');
  const [coverFile, setCoverFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  // The show once created: a retry after a failed cover upload only uploads again.
  const [created, setCreated] = useState<Stream | null>(null);
  const [err, setErr] = useState<FormError>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(idemKey);
  const products = mine.data?.products ?? [];
  const toggle = (id: string, on: boolean) => setLineup((l) => (on ? [...l, id] : l.filter((x) => x !== id)));
  useEffect(() => {
    const url = coverFile ? URL.createObjectURL(coverFile) : null;
    setPreview(url);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [coverFile]);
  const pickCover = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    setErr(null);
    if (file && !IMAGE_TYPES.split(',').includes(file.type)) {
      input.value = '';
      return setErr('The cover picture must be a JPEG, PNG, WebP or GIF image.');
    }
    if (file && file.size > MAX_IMAGE) {
      input.value = '';
      return setErr('The cover picture is over 10 MB.');
    }
    setCoverFile(file);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    if (!lineup.length) return setErr('Pick at least one product for the lineup.');
    const start = new Date(startsAt);
    if (Number.isNaN(start.getTime())) return setErr('Pick a start date and time.');
    // Without a cover picture the first lot's photo stands in: the chosen lot goes first.
    const ordered = !coverFile && coverLot && lineup.includes(coverLot) ? [coverLot, ...lineup.filter((x) => x !== coverLot)] : lineup;
    setBusy(true);
    let stream = created;
    try {
      if (!stream) {
        stream = (await api.createStream({ title: title.trim(), description: description.trim(), starts_at: start.toISOString(), product_ids: ordered }, key)).stream;
        setCreated(stream);
      }
      if (coverFile) await api.setCover(stream.id, coverFile);
      navigate(`/s/${stream.id}`);
    } catch (x) {
      if (!stream) setErr(formError(x));
      else setErr(`The show is scheduled, but its cover picture was not uploaded (${errorText(x)}). Try again, pick another picture, or open the show without one.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page narrow">
      <p><a href="/studio">← Studio</a></p>
      <h1>Schedule a show</h1>
      <form class="stack" onSubmit={submit}>
        <Field label="Show title" required value={title} onValue={setTitle} maxLength={120} disabled={!!created} error={fieldError(err, 'title')} />
        <TextArea label="Description" value={description} onValue={setDescription} maxLength={5000} />
        <Field label="Starts at" type="datetime-local" required value={startsAt} onValue={setStartsAt} disabled={!!created} hint={`Your time zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone}`} error={fieldError(err, 'starts_at')} />
        <div class="field">
          <label for="cover-file">Cover picture (optional; JPEG, PNG, WebP or GIF, up to 10 MB)</label>
          <input id="cover-file" type="file" accept={IMAGE_TYPES} aria-describedby="cover-file-hint" onChange={pickCover} />
          <p class="hint" id="cover-file-hint">Shown on the show's card and in the show room until the video starts. Without one, the first lot's photo is used.</p>
          {preview && <img class="img cover-preview" src={preview} alt="Chosen cover picture" width={600} height={338} />}
        </div>
        <fieldset>
          <legend>Lineup (in auction order)</legend>
          {mine.loading && <Loading />}
          {!mine.loading && products.length === 0 && <p class="empty">List a product first: <a href="/studio/products/new">List a product</a>.</p>}
          <ul class="lineup-pick">
            {products.map((p) => {
              const pos = lineup.indexOf(p.id);
              return (
                <li key={p.id}>
                  <input type="checkbox" id={`lot-${p.id}`} checked={pos >= 0} disabled={!!created} onChange={(e) => toggle(p.id, (e.target as HTMLInputElement).checked)} />
                  <label for={`lot-${p.id}`}>
                    <Img urls={p.images?.[0]?.urls} alt="" size="small" class="thumb-img" />
                    {pos >= 0 && <span class="badge">{pos + 1}</span>} {p.title} <span class="muted">{p.buy_now_price ? money(p.buy_now_price) : ''}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
        {lineup.length > 0 && !coverFile && (
          <Select label="Without a cover picture, show the photo of" value={coverLot} onValue={setCoverLot} hint="This lot opens the show.">
            <option value="">The first lot</option>
            {lineup.map((id) => <option key={id} value={id}>{products.find((p) => p.id === id)?.title ?? id}</option>)}
          </Select>
        )}
        <ErrorBox error={err instanceof ApiError ? errorMessage(err) : err} />
        <button type="submit" class="primary" disabled={busy}>{created ? 'Upload the cover again' : 'Schedule show'}</button>
        {busy && <Loading label={created ? 'Uploading the cover…' : coverFile ? 'Scheduling and uploading the cover…' : 'Scheduling…'} />}
        {created && <p><a href={`/s/${created.id}`}>Open the show without a cover</a></p>}
      </form>
    </div>
  );
}
