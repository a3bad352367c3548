// Listing a product, or editing one (/studio/products/:id), with its photos below.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { idemKey } from '../api/client';
import { ApiError, errorMessage, fieldError, formError, type FormError } from '../api/errors';
import type { Condition, Product, ProductInput } from '../api/types';
import { parseRinggit } from '../lib/format';
import { categoryOptions } from '../catalog/categories';
import { ErrorBox, Field, Loading, Select, TextArea, useLoad, useTitle } from '../components/ui';
import { Photos } from './Photos';

export function ProductEditor({ id }: { id?: string }) {
  const cats = useLoad(() => api.categories(), []);
  const existing = useLoad(() => (id ? api.getProduct(id).then((r) => r.product) : Promise.resolve(null)), [id]);
  const [product, setProduct] = useState<Product | null>(null);
  const [f, setF] = useState({ title: '', description: '', condition: 'good' as Condition, category_id: '', quantity: '1', price: '', weight: '500' });
  const [err, setErr] = useState<FormError>(null);
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
  const fe = (name: string) => fieldError(err, name);

  const save = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    setMsg(null);
    const price = f.price.trim() ? parseRinggit(f.price) : 0;
    if (price === null) return setErr('The price is an amount in ringgit, like 120 or 120.50.');
    // Partial: a field left empty is left out, and the server's refusal names it at its field.
    const body: Partial<ProductInput> = {
      title: f.title.trim(), description: f.description.trim(), condition: f.condition,
      category_id: f.category_id || null, quantity: Number(f.quantity), buy_now_price: price,
      shipping_weight_g: Number(f.weight) || undefined,
    };
    // An edit sends the quantity only when the seller changed it: the server keeps the stored
    // one otherwise, so a sale made while this form was open is not undone by saving it.
    const edit: Partial<ProductInput> = { ...body };
    if (product && f.quantity === String(product.quantity)) delete edit.quantity;
    setBusy(true);
    try {
      const r = product ? await api.updateProduct(product.id, edit) : await api.createProduct(body, key);
      setProduct(r.product);
      setF((cur) => ({ ...cur, quantity: String(r.product.quantity) }));
      setMsg(product ? 'Saved.' : 'Product listed. Add photos below.');
      if (!product) history.replaceState(null, '', `/studio/products/${r.product.id}`);
    } catch (x) {
      setErr(formError(x));
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
        <ErrorBox error={err instanceof ApiError ? (err.field ? null : errorMessage(err)) : err} />
        <button type="submit" class="primary" disabled={busy}>{product ? 'Save changes' : 'List product'}</button>
        <p role="status" class="ok">{msg}</p>
      </form>
      {product && <Photos product={product} onChange={setProduct} />}
    </div>
  );
}
