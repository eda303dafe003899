// The whole bridge between the sandboxed renderer and the host: one call
// function and one event subscription. No ipcRenderer, no Node, nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL as CALL_CHANNEL, IPC_EVENT_CHANNEL as EVENT_CHANNEL, type GroundworkBridge } from '../common/contract/ipcTransport';
import type { CallOutcome, HostEvent } from '../common/contract/wireMessages';

const bridge: GroundworkBridge = {
  call: (service, method, args) => ipcRenderer.invoke(CALL_CHANNEL, service, method, args) as Promise<CallOutcome>,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, hostEvent: HostEvent) => listener(hostEvent);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('groundwork', bridge);
