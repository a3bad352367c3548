// The seller's controls (SellerControls.tsx) are a chunk of their own: buyers never load them.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Room } from './room';
import type { RoomState } from './state';

export interface SellerControlsProps {
  room: Room;
  state: RoomState;
}

let loaded: ComponentType<SellerControlsProps> | null = null;

/** The controls once loaded (asked for only when `needed`), else null. */
export function useSellerControls(needed: boolean): ComponentType<SellerControlsProps> | null {
  const [C, setC] = useState(() => loaded);
  useEffect(() => {
    if (needed && !C) import('./SellerControls').then((m) => setC(() => (loaded = m.SellerControls)));
  }, [needed]);
  return C;
}
