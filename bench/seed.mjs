// Seeds one seller and one product through the public API; prints the product id.
const url = process.argv[2];
const post = async (path, body, token) => {
  const r = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const j = await r.json();
  if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(j)}`);
  return j;
};
const n = Date.now().toString(36);
const s = await post('/api/v1/auth/register', { email: `bench${n}@example.my`, username: `bench_${n}`, password: 'bench-password-123' });
await post('/api/v1/sellers', {
  shop_name: 'Bench Shop', description: 'benchmark seller',
  pickup_address: { line1: '1 Jalan Bench', line2: '', city: 'Petaling Jaya', state: 'Selangor', postcode: '46000' },
}, s.access_token);
const cats = await (await fetch(`${url}/api/v1/categories`)).json();
const p = await post('/api/v1/products', {
  title: 'Vintage Seiko 5 automatic watch', description: 'Runs well, light wear on the bezel.',
  condition: 'good', category_id: cats.categories[0].id, quantity: 1, buy_now_price: 45000,
  shipping_weight_g: 300,
}, s.access_token);
console.log(p.product.id);
