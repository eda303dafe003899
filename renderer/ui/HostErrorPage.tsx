import { HostAccessError } from '../platform/hostAccessError';

const TITLES = {
  'missing-token': 'Open Groundwork from the address the host printed',
  refused: 'This address has expired',
  unreachable: 'The Groundwork host is not answering',
} as const;

/** Full-page explanation when the renderer cannot reach its host or open its store. */
export function HostErrorPage({ error }: { error: unknown }) {
  const title = error instanceof HostAccessError ? TITLES[error.problem] : 'Groundwork could not start';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="full-page-message" data-testid="host-error">
      <div className="card">
        <h1>{title}</h1>
        <p>{message}</p>
        <p className="hint">
          Start it with <code>npm start</code> and open the full URL it prints, including the part after <code>#</code>.
        </p>
        <div>
          <button className="btn" onClick={() => location.reload()}>
            Try again
          </button>
        </div>
      </div>
    </div>
  );
}
