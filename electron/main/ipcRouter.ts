import { ipcMain, webContents } from 'electron';
import type { Dispatcher } from '../common/contract/createDispatcher';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../common/contract/ipcTransport';
import type { CallOutcome } from '../common/contract/wireMessages';
import { isAppUrl } from './appOrigin';

/**
 * The one IPC entry point: every call of every service arrives on
 * 'groundwork:call', is refused unless it comes from a frame of our own
 * renderer, and goes to the dispatcher (which validates the arguments).
 */
export function routeIpc(dispatcher: Dispatcher): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, service: unknown, method: unknown, args: unknown): Promise<CallOutcome> => {
    const senderUrl = event.senderFrame?.url;
    if (!isAppUrl(senderUrl)) {
      return { ok: false, error: { name: 'ForbiddenSender', message: `IPC from "${senderUrl ?? 'an unknown frame'}" is refused: only the Groundwork renderer may call the host` } };
    }
    return dispatcher.dispatch(service as string, method as string, args);
  });
  const unsubscribe = dispatcher.subscribe((hostEvent) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, hostEvent);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
