// The seller studio (its own chunk): become a seller, list products with photos,
// schedule shows, choose a plan. Running a live show happens in the show room (show/SellerControls.tsx).
import { useSignedIn, useTitle } from '../components/ui';
import { Dashboard } from './Dashboard';
import { BecomeSeller } from './BecomeSeller';
import { ProductEditor } from './ProductEditor';
import { ScheduleShow } from './ScheduleShow';
import { Plan } from './Plan';
import { Payouts } from './Payouts';

export default function Studio({ params }: { params: Record<string, string> }) {
  const s = useSignedIn();
  useTitle('Seller studio');
  if (!s) return null;
  if (!s.user.is_seller) return <BecomeSeller />;
  if (params.section === 'products' && params.id === 'new') return <ProductEditor />;
  if (params.section === 'products' && params.id) return <ProductEditor id={params.id} />;
  if (params.section === 'shows' && params.id === 'new') return <ScheduleShow />;
  if (params.section === 'plan') return <Plan />;
  if (params.section === 'payouts') return <Payouts />;
  return <Dashboard />;
}
