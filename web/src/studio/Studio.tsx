// The seller studio (its own chunk): become a seller, list products with photos,
// schedule shows. Running a live show happens in the show room (show/SellerControls.tsx).
import { useEffect } from 'preact/hooks';
import { navigate } from '../router';
import { useSession } from '../state/session';
import { useTitle } from '../components/ui';
import { Dashboard } from './Dashboard';
import { BecomeSeller } from './BecomeSeller';
import { ProductEditor } from './ProductEditor';
import { ScheduleShow } from './ScheduleShow';

export default function Studio({ params }: { params: Record<string, string> }) {
  const s = useSession();
  useTitle('Seller studio');
  useEffect(() => {
    if (!s) navigate(`/signin?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  }, [s]);
  if (!s) return null;
  if (!s.user.is_seller) return <BecomeSeller />;
  if (params.section === 'products' && params.id === 'new') return <ProductEditor />;
  if (params.section === 'products' && params.id) return <ProductEditor id={params.id} />;
  if (params.section === 'shows' && params.id === 'new') return <ScheduleShow />;
  return <Dashboard />;
}
