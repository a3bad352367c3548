// The seller's choice of bidders: anyone signed in, or only buyers with a card on file (charged
// when they win, so a won lot is paid at once). Many Malaysian buyers pay by FPX and have no
// card, so it is off unless the seller turns it on; a buyer it stops is told why and how to
// add a card (errors.ts, card_required).
import { useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import { useSession } from '../state/session';
import { ErrorBox, useLoad } from '../components/ui';
import { useAction } from '../components/useAction';

export function CardRule() {
  const s = useSession()!;
  const { data } = useLoad(() => api.getSeller(s.user.id).then((r) => r.seller.require_card ?? false), [s.user.id]);
  const [chosen, setChosen] = useState<boolean | null>(null); // the box as the seller set it here
  const act = useAction();
  if (data === null) return null;
  const checked = chosen ?? data;
  const toggle = (on: boolean) => {
    setChosen(on);
    return act.run(async () => {
      try {
        await api.updateMyShop({ require_card: on });
      } catch (e) {
        setChosen(!on); // not kept: the box says what holds
        throw e;
      }
      return on ? 'Only buyers with a saved card can bid in your shows now.' : 'Anyone signed in can bid in your shows now.';
    });
  };
  return (
    <section aria-labelledby="bidders-h">
      <h2 id="bidders-h">Who can bid</h2>
      <div class="field check">
        <input id="require-card" type="checkbox" checked={checked} disabled={act.busy} aria-describedby="require-card-hint"
          onChange={(e) => toggle((e.target as HTMLInputElement).checked)} />
        <label for="require-card">Only buyers with a saved card</label>
        <p class="hint" id="require-card-hint">Their card is charged when they win, so what they win is paid at once. Buyers who pay by FPX or GrabPay and have no card cannot bid while this is on.</p>
      </div>
      <p role="status" class="ok">{act.ok}</p>
      <ErrorBox error={act.err} />
    </section>
  );
}
