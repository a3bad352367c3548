// The signed-in buyer's pre-bids on this show (GET /streams/{id}/prebids/me), by lot.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Id, Prebid } from '../api/types';

export interface Prebids {
  byLot: Record<Id, Prebid>;
  loadError: unknown;
  put: (p: Prebid) => void;
  drop: (productId: Id) => void;
}

export function usePrebids(streamId: Id, userId: Id | null): Prebids {
  const [byLot, setByLot] = useState<Record<Id, Prebid>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    setByLot({});
    setLoadError(null);
    if (!userId) return;
    let live = true;
    api.myPrebids(streamId).then(
      (r) => live && setByLot(Object.fromEntries(r.prebids.map((p) => [String(p.product_id), p]))),
      (e) => live && setLoadError(e),
    );
    return () => { live = false; };
  }, [streamId, userId]);
  return {
    byLot,
    loadError,
    put: (p) => setByLot((m) => ({ ...m, [String(p.product_id)]: p })),
    drop: (id) => setByLot((m) => {
      const { [id]: _gone, ...rest } = m;
      return rest;
    }),
  };
}
