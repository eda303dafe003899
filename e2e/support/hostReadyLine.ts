/** The one line hostProcess.ts prints once the host serves; startHost.ts waits for it. */
export const READY_MARKER = 'GROUNDWORK_E2E_HOST_READY';

export interface ReadyInfo {
  url: string;
  token: string;
  port: number;
}

export function formatReadyLine(info: ReadyInfo): string {
  return `${READY_MARKER} ${JSON.stringify(info)}\n`;
}

/** The info of a READY line, or null for any other line. */
export function parseReadyLine(line: string): ReadyInfo | null {
  if (!line.startsWith(`${READY_MARKER} `)) return null;
  return JSON.parse(line.slice(READY_MARKER.length + 1)) as ReadyInfo;
}
