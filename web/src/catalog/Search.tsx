// Search with filters. The URL holds the filters, so results can be shared and the back
// button works; the form edits a draft and applies it on submit.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Product } from '../api/types';
import { categoryOptions } from './categories';
import { errorText } from '../api/errors';
import { navigate, useLocation } from '../router';
import { parseRinggit, ringgitInput } from '../lib/format';
import { ProductCard } from '../components/cards';
import { ErrorBox, Field, Loading, Select, useLoad, useTitle } from '../components/ui';

export function Search() {
  useTitle('Search');
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const category = query.get('category') ?? '';
  const seller = query.get('seller') ?? '';
  const min = query.get('min_price');
  const max = query.get('max_price');
  const inStock = query.get('in_stock') === 'true';
  const cats = useLoad(() => api.categories(), []);

  const [draft, setDraft] = useState({ q, category, seller, min: min ? ringgitInput(Number(min)) : '', max: max ? ringgitInput(Number(max)) : '', inStock });
  const [formError, setFormError] = useState<string | null>(null);
  const [items, setItems] = useState<Product[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null });

  const params: api.SearchParams = {
    q: q || undefined, category: category || undefined, seller: seller || undefined,
    min_price: min ? Number(min) : undefined, max_price: max ? Number(max) : undefined, in_stock: inStock, limit: 24,
  };
  const key = JSON.stringify(params);

  useEffect(() => {
    let live = true;
    setState({ loading: true, error: null });
    // The API filters by seller id; people type a shop's username, so look it up first.
    const sellerId = !seller || /^\d+$/.test(seller) ? Promise.resolve(seller || undefined) : api.getSeller(seller).then((r) => r.seller.id);
    sellerId.then((id) => api.searchProducts({ ...params, seller: id })).then(
      (r) => { if (live) { setItems(r.products); setCursor(r.next_cursor); setState({ loading: false, error: null }); } },
      (error) => live && setState({ loading: false, error }),
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const more = async () => {
    if (!cursor) return;
    try {
      const sellerId = items[0]?.seller_id;
      const r = await api.searchProducts({ ...params, seller: seller ? sellerId : undefined, cursor });
      setItems((x) => [...x, ...r.products]);
      setCursor(r.next_cursor);
    } catch (e) {
      setState({ loading: false, error: e });
    }
  };

  const apply = (e: Event) => {
    e.preventDefault();
    const minS = draft.min ? parseRinggit(draft.min) : null;
    const maxS = draft.max ? parseRinggit(draft.max) : null;
    if ((draft.min && minS === null) || (draft.max && maxS === null)) return setFormError('Prices are amounts in ringgit, like 25 or 25.50.');
    if (minS !== null && maxS !== null && minS > maxS) return setFormError('The lowest price is above the highest.');
    setFormError(null);
    const p = new URLSearchParams();
    if (draft.q.trim()) p.set('q', draft.q.trim());
    if (draft.category) p.set('category', draft.category);
    if (draft.seller.trim()) p.set('seller', draft.seller.trim());
    if (minS !== null) p.set('min_price', String(minS));
    if (maxS !== null) p.set('max_price', String(maxS));
    if (draft.inStock) p.set('in_stock', 'true');
    navigate(`/search${p.size ? `?${p}` : ''}`, { replace: false });
  };

  return (
    <div class="page search">
      <h1>Search</h1>
      <form class="filters" role="search" onSubmit={apply} aria-describedby={formError ? 'filters-err' : undefined}>
        <Field label="Keywords" type="search" name="q" value={draft.q} onValue={(v) => setDraft({ ...draft, q: v })} />
        <details class="more-filters" open={!!(category || seller || min || max || inStock) || window.innerWidth >= 720 || undefined}>
          <summary>Filters: category, price, seller, stock</summary>
          <Select label="Category" value={draft.category} onValue={(v) => setDraft({ ...draft, category: v })}>
            <option value="">All categories</option>
            {cats.data && categoryOptions(cats.data.categories).map(({ c, depth }) => (
              <option key={c.id} value={c.slug}>{`${'\u00a0\u00a0'.repeat(depth)}${c.name}`}</option>
            ))}
          </Select>
          <div class="row">
            <Field label="Min price (RM)" inputMode="decimal" value={draft.min} onValue={(v) => setDraft({ ...draft, min: v })} />
            <Field label="Max price (RM)" inputMode="decimal" value={draft.max} onValue={(v) => setDraft({ ...draft, max: v })} />
          </div>
          <Field label="Seller (username)" value={draft.seller} onValue={(v) => setDraft({ ...draft, seller: v })} />
          <div class="check">
            <input id="f-stock" type="checkbox" checked={draft.inStock} onChange={(e) => setDraft({ ...draft, inStock: (e.target as HTMLInputElement).checked })} />
            <label for="f-stock">In stock only</label>
          </div>
        </details>
        {formError && <p class="field-error" id="filters-err" role="alert">{formError}</p>}
        <button type="submit" class="primary">Search</button>
      </form>

      <section aria-labelledby="results-h" aria-busy={state.loading}>
        <h2 id="results-h">Results</h2>
        {state.loading && <Loading />}
        {state.error ? <ErrorBox error={errorText(state.error)} /> : null}
        {!state.loading && !state.error && (items.length ? (
          <ul class="grid">{items.map((p) => <ProductCard key={p.id} p={p} />)}</ul>
        ) : <p class="empty">No products match. Try fewer filters.</p>)}
        {cursor && <button type="button" onClick={more}>Show more</button>}
      </section>
    </div>
  );
}
