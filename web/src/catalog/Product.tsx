// Product page: photos, price, condition, description, and the shop that sells it.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { conditionLabel, money, soldText } from '../lib/format';
import { ErrorBox, Img, Loading, useLoad, useTitle } from '../components/ui';

export function ProductPage({ params }: { params: Record<string, string> }) {
  const { data, error, loading } = useLoad(async () => {
    const { product } = await api.getProduct(params.id);
    const seller = await api.getSeller(product.seller_id).then((r) => r.seller, () => null);
    return { product, seller };
  }, [params.id]);
  const [shown, setShown] = useState(0);
  useTitle(data?.product.title ?? 'Product');
  if (loading) return <div class="page"><Loading /></div>;
  if (error || !data) return <div class="page"><h1>Product</h1><ErrorBox error={error} /></div>;
  const { product: p, seller } = data;
  const images = p.images ?? [];
  return (
    <article class="page product">
      <div class="gallery">
        <Img urls={images[shown]?.urls} alt={images.length ? `${p.title}, photo ${shown + 1} of ${images.length}` : p.title} size="large" class="gallery-main" eager />
        {images.length > 1 && (
          <ul class="thumbs" aria-label="Photos">
            {images.map((im, i) => (
              <li key={im.id}>
                <button type="button" class={i === shown ? 'thumb on' : 'thumb'} aria-pressed={i === shown} aria-label={`Show photo ${i + 1}`} onClick={() => setShown(i)}>
                  <Img urls={im.urls} alt="" size="small" />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="details">
        <h1>{p.title}</h1>
        {p.quantity === 0 && p.last_sale ? (
          <p class="price sold" data-testid="sold">{soldText(p.last_sale)}</p>
        ) : (
          <p class="price">{p.buy_now_price ? money(p.buy_now_price) : 'Auction only'}</p>
        )}
        <dl class="facts">
          <dt>Condition</dt><dd>{conditionLabel[p.condition] ?? p.condition}</dd>
          <dt>Available</dt><dd>{p.quantity > 0 ? `${p.quantity} in stock` : 'Sold out'}</dd>
          {p.quantity > 0 && p.last_sale && <><dt>Last sold</dt><dd>{soldText(p.last_sale)}</dd></>}
          {p.quantity === 0 && p.last_sale && p.buy_now_price ? <><dt>Asking price</dt><dd>{money(p.buy_now_price)}</dd></> : null}
          {p.shipping_weight_g ? <><dt>Shipping weight</dt><dd>{(p.shipping_weight_g / 1000).toLocaleString(undefined, { maximumFractionDigits: 2 })} kg</dd></> : null}
        </dl>
        {p.description && <p class="description">{p.description}</p>}
        {seller && (
          <p class="sold-by">
            Sold by <a href={`/sellers/${seller.username ?? seller.id}`}>{seller.shop_name}</a>
            {seller.pickup_address?.city ? ` · ${seller.pickup_address.city}, ${seller.pickup_address.state ?? ''}` : ''}
          </p>
        )}
        <p class="hint">Items sell in live auctions: follow the shop to hear when it goes live.</p>
      </div>
    </article>
  );
}
