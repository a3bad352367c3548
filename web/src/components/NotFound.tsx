import { useTitle } from './ui';

export function NotFound() {
  useTitle('Not found');
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>That page does not exist. <a href="/">Back to the home page</a>.</p>
    </div>
  );
}
