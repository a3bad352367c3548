// The seller's controls (SellerControls.tsx: the bar on the show's screen and the lot queue
// below it) are a chunk of their own: buyers never load them.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Room } from './room';
import type { RoomState } from './state';

export interface SellerControlsProps {
  room: Room;
  state: RoomState;
}

export interface SellerParts {
  Bar: ComponentType<SellerControlsProps>;
  Queue: ComponentType<SellerControlsProps>;
}

let loaded: SellerParts | null = null;

/** The controls once loaded (asked for only when `needed`), else null. */
export function useSellerControls(needed: boolean): SellerParts | null {
  const [C, setC] = useState(() => loaded);
  useEffect(() => {
    if (needed && !C) import('./SellerControls').then((m) => setC((loaded = { Bar: m.SellerBar, Queue: m.LotQueue })));
  }, [needed]);
  return C;
}
