// The seller studio (its own chunk): become a seller, list products with photos,
// schedule shows. Running a live show happens in the show room (SellerControls).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { ApiError, errorText, idemKey } from '../api/client';
import type { Condition, Product, Stream } from '../api/types';
import { money, parseRinggit, when } from '../lib/format';
import { navigate } from '../router';
import { useSession, userChanged } from '../state/session';
import { categoryOptions } from '../pages/Search';
import { ErrorBox, Field, Img, Loading, Select, TextArea, useLoad, useTitle } from '../components/ui';

const STATES = [
  'Johor', 'Kedah', 'Kelantan', 'Melaka', 'Negeri Sembilan', 'Pahang', 'Perak', 'Perlis', 'Pulau Pinang',
  'Sabah', 'Sarawak', 'Selangor', 'Terengganu', 'W.P. Kuala Lumpur', 'W.P. Labuan', 'W.P. Putrajaya',
];

export default function Studio({ params }: { params: Record<string, string> }) {
  const s = useSession();
  useTitle('Seller studio');
  useEffect(() => {
    if (!s) navigate(`/signin?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  }, [s]);
  if (!s) return null;
  if (!s.user.is_seller) return <BecomeSeller />;
  if (params.section === 'products' && params.id === 'new') return <ProductEditor />;
  if (params.section === 'products' && params.id) return <ProductEditor id={params.id} />;
  if (params.section === 'shows' && params.id === 'new') return <ScheduleShow />;
  return <Dashboard />;
}

function Dashboard() {
  const s = useSession()!;
  const { data, error, loading } = useLoad(async () => {
    const [products, live, soon] = await Promise.all([
      api.searchProducts({ seller: s.user.id, limit: 100 }),
      api.streams('live', { seller: s.user.id }),
      api.streams('scheduled', { seller: s.user.id }),
    ]);
    return { products: products.products, shows: [...live.streams, ...soon.streams] };
  }, [s.user.id]);
  return (
    <div class="page studio">
      <h1>Seller studio</h1>
      <p class="actions">
        <a class="button-like primary" href="/studio/products/new">List a product</a>
        <a class="button-like" href="/studio/shows/new">Schedule a show</a>
        <a class="button-like" href="/orders?role=seller">Sales</a>
      </p>
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <section aria-labelledby="my-shows-h">
            <h2 id="my-shows-h">Your shows</h2>
            {data.shows.length === 0 ? <p class="empty">No shows yet. Schedule one with a lineup of your products.</p> : (
              <ul class="list">
                {data.shows.map((x: Stream) => (
                  <li key={x.id}>
                    <a href={`/s/${x.id}`}>{x.title}</a> <span class={`badge ${x.status === 'live' ? 'live' : 'muted'}`}>{x.status === 'live' ? 'Live' : 'Scheduled'}</span>
                    <span class="muted"> · {when(x.starts_at)} · {x.product_ids.length} lots · </span>
                    <a href={`/s/${x.id}`}>Open control room</a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="my-prod-h">
            <h2 id="my-prod-h">Your products</h2>
            {data.products.length === 0 ? <p class="empty">No products yet.</p> : (
              <ul class="list">
                {data.products.map((p: Product) => (
                  <li key={p.id} class="product-row">
                    <Img urls={p.images?.[0]?.urls} alt="" size="small" class="thumb-img" />
                    <a href={`/studio/products/${p.id}`}>{p.title}</a>
                    <span class="muted"> · {p.quantity} in stock · {p.images?.length ?? 0} photos</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function BecomeSeller() {
  const [f, setF] = useState({ shop_name: '', description: '', line1: '', line2: '', city: '', state: 'W.P. Kuala Lumpur', postcode: '' });
  const [err, setErr] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const fe = (name: string) => (err instanceof ApiError && (err.field === name || err.field === `pickup_address.${name}`) ? err.message : null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      await api.becomeSeller({
        shop_name: f.shop_name.trim(), description: f.description.trim(),
        pickup_address: { line1: f.line1.trim(), line2: f.line2.trim(), city: f.city.trim(), state: f.state, postcode: f.postcode.trim() },
      });
      userChanged((await api.me()).user);
    } catch (x) {
      setErr(x instanceof ApiError ? x : errorText(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page narrow">
      <h1>Become a seller</h1>
      <p>Open a shop to list products and run live auctions. Buyers see your city and state; the full pickup address is only for couriers.</p>
      <form class="stack" onSubmit={submit}>
        <Field label="Shop name" required value={f.shop_name} onValue={set('shop_name')} error={fe('shop_name')} maxLength={60} />
        <TextArea label="About your shop" value={f.description} onValue={set('description')} maxLength={1000} />
        <fieldset>
          <legend>Pickup address (Malaysia)</legend>
          <Field label="Address line 1" required autoComplete="address-line1" value={f.line1} onValue={set('line1')} error={fe('line1')} />
          <Field label="Address line 2 (optional)" autoComplete="address-line2" value={f.line2} onValue={set('line2')} error={fe('line2')} />
          <div class="row">
            <Field label="City" required autoComplete="address-level2" value={f.city} onValue={set('city')} error={fe('city')} />
            <Field label="Postcode" required inputMode="numeric" autoComplete="postal-code" pattern="[0-9]{5}" hint="5 digits" value={f.postcode} onValue={set('postcode')} error={fe('postcode')} />
          </div>
          <Select label="State" value={f.state} onValue={set('state')}>
            {STATES.map((x) => <option key={x} value={x}>{x}</option>)}
          </Select>
          {fe('state') && <p class="field-error">{fe('state')}</p>}
        </fieldset>
        <ErrorBox error={err instanceof ApiError ? (err.field ? `Please check the form: ${err.message}` : err.message) : err} />
        <button type="submit" class="primary" disabled={busy}>Open my shop</button>
      </form>
    </div>
  );
}

function ProductEditor({ id }: { id?: string }) {
  const cats = useLoad(() => api.categories(), []);
  const existing = useLoad(() => (id ? api.getProduct(id).then((r) => r.product) : Promise.resolve(null)), [id]);
  const [product, setProduct] = useState<Product | null>(null);
  const [f, setF] = useState({ title: '', description: '', condition: 'good' as Condition, category_id: '', quantity: '1', price: '', weight: '500' });
  const [err, setErr] = useState<ApiError | string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(idemKey);
  useEffect(() => {
    const p = existing.data;
    if (p) {
      setProduct(p);
      setF({
        title: p.title, description: p.description ?? '', condition: p.condition, category_id: p.category_id ?? '',
        quantity: String(p.quantity), price: p.buy_now_price ? String(p.buy_now_price / 100) : '', weight: String(p.shipping_weight_g ?? ''),
      });
    }
  }, [existing.data]);
  useTitle(id ? 'Edit product' : 'List a product');
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const fe = (name: string) => (err instanceof ApiError && err.field === name ? err.message : null);

  const save = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    setMsg(null);
    const price = f.price.trim() ? parseRinggit(f.price) : 0;
    if (price === null) return setErr('The price is an amount in ringgit, like 120 or 120.50.');
    const body: api.ProductInput = {
      title: f.title.trim(), description: f.description.trim(), condition: f.condition,
      category_id: f.category_id || null, quantity: Number(f.quantity), buy_now_price: price,
      shipping_weight_g: Number(f.weight) || undefined,
    };
    // An edit sends the quantity only when the seller changed it: the server keeps the stored
    // one otherwise, so a sale made while this form was open is not undone by saving it.
    const edit: Partial<api.ProductInput> = { ...body };
    if (product && f.quantity === String(product.quantity)) delete edit.quantity;
    setBusy(true);
    try {
      const r = product ? await api.updateProduct(product.id, edit) : await api.createProduct(body, key);
      setProduct(r.product);
      setF((cur) => ({ ...cur, quantity: String(r.product.quantity) }));
      setMsg(product ? 'Saved.' : 'Product listed. Add photos below.');
      if (!product) history.replaceState(null, '', `/studio/products/${r.product.id}`);
    } catch (x) {
      setErr(x instanceof ApiError ? x : errorText(x));
    } finally {
      setBusy(false);
    }
  };

  if (id && existing.loading) return <div class="page"><Loading /></div>;
  return (
    <div class="page narrow">
      <p><a href="/studio">← Studio</a></p>
      <h1>{product ? product.title : 'List a product'}</h1>
      <form class="stack" onSubmit={save}>
        <Field label="Title" required value={f.title} onValue={set('title')} error={fe('title')} maxLength={120} />
        <TextArea label="Description" value={f.description} onValue={set('description')} maxLength={5000} rows={4} />
        <div class="row">
          <Select label="Condition" value={f.condition} onValue={set('condition')}>
            <option value="new">New</option>
            <option value="like_new">Like new</option>
            <option value="good">Good</option>
            <option value="fair">Fair</option>
          </Select>
          <Select label="Category" value={f.category_id} onValue={set('category_id')}>
            <option value="">No category</option>
            {cats.data && categoryOptions(cats.data.categories).map(({ c, depth }) => <option key={c.id} value={c.id}>{`${'\u00a0\u00a0'.repeat(depth)}${c.name}`}</option>)}
          </Select>
        </div>
        <div class="row">
          <Field label="Quantity" type="number" inputMode="numeric" min={0} max={10000} required value={f.quantity} onValue={set('quantity')} error={fe('quantity')} />
          <Field label="Value / buy-now price (RM)" inputMode="decimal" value={f.price} onValue={set('price')} error={fe('buy_now_price')} hint="Optional" />
        </div>
        <Field label="Shipping weight (g)" type="number" inputMode="numeric" min={1} max={30000} value={f.weight} onValue={set('weight')} error={fe('shipping_weight_g')} />
        <ErrorBox error={err instanceof ApiError ? (err.field ? null : err.message) : err} />
        <button type="submit" class="primary" disabled={busy}>{product ? 'Save changes' : 'List product'}</button>
        <p role="status" class="ok">{msg}</p>
      </form>
      {product && <Photos product={product} onChange={setProduct} />}
    </div>
  );
}

function Photos({ product, onChange }: { product: Product; onChange: (p: Product) => void }) {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const images = product.images ?? [];
  const add = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    setBusy(true);
    setErr(null);
    setMsg(null);
    try {
      for (const file of files) {
        const { image } = await api.addProductImage(product.id, file);
        product = { ...product, images: [...(product.images ?? []), image] };
        onChange(product);
      }
      setMsg(`${files.length} photo${files.length === 1 ? '' : 's'} uploaded.`);
    } catch (x) {
      setErr(errorText(x));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };
  const remove = async (imageId: string) => {
    setErr(null);
    try {
      await api.deleteProductImage(product.id, imageId);
      onChange({ ...product, images: images.filter((i) => i.id !== imageId) });
    } catch (x) {
      setErr(errorText(x));
    }
  };
  return (
    <section aria-labelledby="photos-h">
      <h2 id="photos-h">Photos ({images.length}/10)</h2>
      <ul class="photo-grid">
        {images.map((im, i) => (
          <li key={im.id}>
            <Img urls={im.urls} alt={`Photo ${i + 1}`} size="small" />
            <button type="button" class="small" onClick={() => remove(im.id)} aria-label={`Remove photo ${i + 1}`}>Remove</button>
          </li>
        ))}
      </ul>
      <div class="field">
        <label for="photo-file">Add photos (JPEG, PNG, WebP or GIF, up to 10 MB each)</label>
        <input id="photo-file" type="file" accept="image/jpeg,image/png,image/webp,image/gif" multiple disabled={busy || images.length >= 10} onChange={add} />
      </div>
      {busy && <Loading label="Uploading…" />}
      <p role="status" class="ok">{msg}</p>
      <ErrorBox error={err} />
    </section>
  );
}

/** A datetime-local value (the device's zone) for a Date. */
function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';
const MAX_IMAGE = 10 * 1024 * 1024;

function ScheduleShow() {
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
  const [err, setErr] = useState<ApiError | string | null>(null);
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
      if (!stream) setErr(x instanceof ApiError ? x : errorText(x));
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
        <Field label="Show title" required value={title} onValue={setTitle} maxLength={120} disabled={!!created} error={err instanceof ApiError && err.field === 'title' ? err.message : null} />
        <TextArea label="Description" value={description} onValue={setDescription} maxLength={5000} />
        <Field label="Starts at" type="datetime-local" required value={startsAt} onValue={setStartsAt} disabled={!!created} hint={`Your time zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone}`} error={err instanceof ApiError && err.field === 'starts_at' ? err.message : null} />
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
        <ErrorBox error={err instanceof ApiError ? err.message : err} />
        <button type="submit" class="primary" disabled={busy}>{created ? 'Upload the cover again' : 'Schedule show'}</button>
        {busy && <Loading label={created ? 'Uploading the cover…' : coverFile ? 'Scheduling and uploading the cover…' : 'Scheduling…'} />}
        {created && <p><a href={`/s/${created.id}`}>Open the show without a cover</a></p>}
      </form>
    </div>
  );
}
