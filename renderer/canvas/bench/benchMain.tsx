import { createRoot } from 'react-dom/client';
import { BenchApp } from './BenchApp';

// Entry of the canvas benchmark page (bench/canvas/index.html): ?n=<box count>.
const n = Number(new URLSearchParams(location.search).get('n') ?? '0');
createRoot(document.getElementById('root')!).render(<BenchApp boxCount={Number.isFinite(n) ? n : 0} />);
