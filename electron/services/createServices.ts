import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher, registerService, type Dispatcher } from '../common/contract/createDispatcher';
import { createEventBus, type EventBus } from '../common/contract/eventBus';
import { appService, jobsService, mediaService } from '../common/services';
import { createAppService, type HostInfo } from './app/appServiceImpl';
import { createIntakeJob } from './intake/intakeJob';
import { createJobRunner, type JobRunner } from './jobs/jobRunner';
import { createJobsService } from './jobs/jobsServiceImpl';
import { createMediaService } from './media/mediaServiceImpl';
import { createRootStore, type RootStore } from './media/rootStore';

export interface ServicesOptions {
  /** Where the Node side keeps its state: roots.json, demo/, exports/. */
  dataDir: string;
  host: HostInfo;
}

export interface Services {
  app: ReturnType<typeof createAppService>;
  media: ReturnType<typeof createMediaService>;
  jobs: ReturnType<typeof createJobsService>;
  events: EventBus;
  /** The contract's host side over exactly these services; both hosts serve this. */
  dispatcher: Dispatcher;
  /** The media resolver's root lookup, shared with the hosts' media routes. */
  roots: RootStore;
  jobRunner: JobRunner;
  dispose(): void;
}

/** Builds every service implementation of the contract over one data folder. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const events = createEventBus();
  const roots = createRootStore(dataDir);
  const emitJobs = events.emitterFor(jobsService);
  const jobRunner = createJobRunner({
    handlers: { intake: createIntakeJob(roots) },
    onChange: (info) => emitJobs('changed', info),
  });
  const app = createAppService(dataDir, options.host);
  const media = createMediaService(dataDir, roots);
  const jobs = createJobsService(jobRunner);
  const dispatcher = createDispatcher(
    [registerService(appService, app), registerService(mediaService, media), registerService(jobsService, jobs)],
    { events },
  );
  return { app, media, jobs, events, dispatcher, roots, jobRunner, dispose: () => jobRunner.cancelAll() };
}
