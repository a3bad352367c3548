// A shop's page: about, follow/unfollow, its shows and products.
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { navigate } from '../router';
import { useSession } from '../state/session';
import { ProductCard, StreamCard } from '../components/cards';
import { ErrorBox, Loading, useLoad, useTitle } from '../components/ui';
import { useAction } from '../components/useAction';

export function SellerPage({ params }: { params: Record<string, string> }) {
  const s = useSession();
  const { data, error, loading } = useLoad(async () => {
    const r = await api.getSeller(params.id);
    const [live, soon] = await Promise.all([
      api.streams('live', { seller: r.seller.id }).then((x) => x.streams, () => []),
      api.streams('scheduled', { seller: r.seller.id }).then((x) => x.streams, () => []),
    ]);
    return { ...r, shows: [...live, ...soon] };
  }, [params.id, s?.user.id]);
  const [following, setFollowing] = useState<boolean | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const { busy, err, run } = useAction();
  useTitle(data?.seller.shop_name ?? 'Shop');
  if (loading) return <div class="page"><Loading /></div>;
  if (error || !data) return <div class="page"><h1>Shop</h1><ErrorBox error={error} /></div>;
  const seller = data.seller;
  const isFollowing = following ?? !!seller.is_following;
  const followers = count ?? seller.follower_count;
  const mine = s?.user.id === seller.id;

  const toggle = async () => {
    if (!s) return navigate(`/signin?next=${encodeURIComponent(location.pathname)}`);
    await run(async () => {
      if (isFollowing) await api.unfollow(seller.id);
      else await api.follow(seller.id);
      setFollowing(!isFollowing);
      setCount(followers + (isFollowing ? -1 : 1));
    });
  };

  return (
    <div class="page seller">
      <header class="seller-head">
        <h1>{seller.shop_name}</h1>
        <p class="muted">
          @{seller.username} {seller.pickup_address?.city ? `· ${seller.pickup_address.city}, ${seller.pickup_address.state ?? ''}` : ''} ·{' '}
          <span aria-live="polite">{followers} {followers === 1 ? 'follower' : 'followers'}</span>
        </p>
        {seller.description && <p>{seller.description}</p>}
        {!mine && (
          <button type="button" class={isFollowing ? '' : 'primary'} aria-pressed={isFollowing} disabled={busy} onClick={toggle}>
            {isFollowing ? 'Following · Unfollow' : 'Follow'}
          </button>
        )}
        <ErrorBox error={err} />
      </header>
      <section aria-labelledby="shows-h">
        <h2 id="shows-h">Shows</h2>
        {data.shows.length ? <ul class="grid">{data.shows.map((x) => <StreamCard key={x.id} s={x} />)}</ul> : <p class="empty">No shows scheduled.</p>}
      </section>
      <section aria-labelledby="prod-h">
        <h2 id="prod-h">Products</h2>
        {data.products.length ? <ul class="grid">{data.products.map((p) => <ProductCard key={p.id} p={p} />)}</ul> : <p class="empty">No products yet.</p>}
      </section>
    </div>
  );
}
