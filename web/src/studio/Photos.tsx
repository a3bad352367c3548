// A product's photos: up to 10, uploaded one by one, each removable.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { errorText } from '../api/errors';
import type { Product } from '../api/types';
import { ErrorBox, Img, Loading } from '../components/ui';

export function Photos({ product, onChange }: { product: Product; onChange: (p: Product) => void }) {
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
