import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher, registerService, type Dispatcher } from '../common/contract/createDispatcher';
import { createEventBus, type EventBus } from '../common/contract/eventBus';
import { appService, inferenceService, jobsService, mediaService, requesterService, videoService } from '../common/services';
import { createInferenceEngine } from '../../native/inference';
import { createAppService, type HostInfo } from './app/appServiceImpl';
import { createEngineHolder } from './inference/engineHolder';
import { createInferenceService } from './inference/inferenceServiceImpl';
import { createItemPredictor } from './inference/itemPredictor';
import { modelsDirsFor } from './inference/modelsDirs';
import { providersFromEnv } from './inference/providersFromEnv';
import { createIntakeJob } from './intake/intakeJob';
import { createJobFolders } from './jobs/jobFolders';
import { createJobRunner, type JobRunner } from './jobs/jobRunner';
import { createJobsService } from './jobs/jobsServiceImpl';
import { createPersistedJobs, type PersistedJobs } from './jobs/persistedJobs';
import { createMediaService } from './media/mediaServiceImpl';
import { createRootStore, type RootStore } from './media/rootStore';
import { createPrelabelJob } from './prelabel/prelabelJob';
import { createAutotrackJob } from './video/autotrackJob';
import { frameCacheBytesFromEnv } from './video/frameCacheCap';
import { createShotsJob } from './video/shotsJob';
import { createVideoEngine, type VideoEngine } from './video/videoEngine';
import { withPacksAfterDownload } from './video/packsAfterDownload';
import { createVideoService } from './video/videoServiceImpl';
import { createNetworkServices, type NetworkOptions, type NetworkServices } from './networkServices';
import { createRequesterService } from './requester/dashboardServiceImpl';
import { createPublishJob } from './requester/publishJob';

export interface InferenceOptions {
  /** Folders of model manifests. Default: the shipped models folder, then `<dataDir>/models`. */
  modelsDirs?: string[];
  /** Execution providers in the order to try (CPU is always last). Default: GROUNDWORK_EP, else the engine's platform default. */
  providers?: string[];
  intraOpThreads?: number;
  /** The engine's worker script; a bundled host passes its built .js (the default runs the .ts source through tsx). */
  workerEntry?: string;
}

export interface VideoOptions {
  /** Memory cap of the decoded-frame cache in bytes. Default: GROUNDWORK_FRAME_CACHE_MB, else 512 MB. */
  frameCacheBytes?: number;
}

export interface ServicesOptions {
  /** Where the Node side keeps its state: roots.json, demo/, exports/, jobs/, models/, cache/video/. */
  dataDir: string;
  host: HostInfo;
  inference?: InferenceOptions;
  video?: VideoOptions;
  /** Wallet cost settings and the local network's hub (made the default hub). */
  network?: NetworkOptions;
}

export interface Services {
  app: ReturnType<typeof createAppService>;
  media: ReturnType<typeof createMediaService>;
  jobs: ReturnType<typeof createJobsService>;
  inference: ReturnType<typeof createInferenceService>;
  video: ReturnType<typeof createVideoService>;
  /** The host's one frame server and video path resolver (shared by the video service, intake and the video jobs). */
  videoEngine: VideoEngine;
  /** Wallet, hub and rewards (the wallet's key stays inside). */
  network: NetworkServices;
  events: EventBus;
  /** The contract's host side over exactly these services; both hosts serve this. */
  dispatcher: Dispatcher;
  /** The media resolver's root lookup, shared with the hosts' media routes. */
  roots: RootStore;
  jobRunner: JobRunner;
  /**
   * Host stop: running jobs stop between items (persisted ones are left
   * 'interrupted' on disk, to be resumed by the next run), then the engines
   * (inference worker, ffmpeg decodes) shut down. Resolves once nothing writes to the data folder any more.
   */
  dispose(): Promise<void>;
}

/** Builds every service implementation of the contract over one data folder. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const events = createEventBus();
  const roots = createRootStore(dataDir);
  const engines = createEngineHolder(createInferenceEngine, {
    modelsDirs: options.inference?.modelsDirs ?? modelsDirsFor(dataDir),
    providers: options.inference?.providers ?? providersFromEnv(),
    intraOpThreads: options.inference?.intraOpThreads,
    workerEntry: options.inference?.workerEntry,
  });
  const predictor = createItemPredictor(engines);
  const videoEngine = createVideoEngine({ dataDir, roots, memoryCapBytes: options.video?.frameCacheBytes ?? frameCacheBytesFromEnv() });
  const folders = createJobFolders(dataDir);
  const network = await createNetworkServices(dataDir, roots, events, options.network);
  const emitJobs = events.emitterFor(jobsService);
  // The runner reports changes before `persisted` exists only if a job starts, which needs `persisted`.
  let persisted: PersistedJobs | undefined;
  const jobRunner = createJobRunner({
    handlers: {
      intake: createIntakeJob(roots, videoEngine),
      prelabel: createPrelabelJob({ roots, predictor, folders, onItemResult: (event) => emitJobs('itemResult', event) }),
      shots: createShotsJob(videoEngine),
      autotrack: createAutotrackJob(videoEngine, engines),
      download: withPacksAfterDownload(network.downloadJob, videoEngine),
      publish: createPublishJob({ dataDir, client: network.client, registry: network.registry, keys: network.walletKeys, roots }),
    },
    onChange: (info) => {
      emitJobs('changed', info);
      persisted?.recordOutcome(info);
    },
  });
  persisted = createPersistedJobs(folders, jobRunner);
  await persisted.restore();
  const app = createAppService(dataDir, options.host);
  const media = createMediaService(dataDir, roots, options.host.exportDelivery);
  const jobs = createJobsService(jobRunner, persisted);
  const inference = createInferenceService(engines, predictor, roots);
  const video = createVideoService(videoEngine);
  const requester = createRequesterService(network.registry, network.client);
  const dispatcher = createDispatcher(
    [
      registerService(appService, app),
      registerService(mediaService, media),
      registerService(jobsService, jobs),
      registerService(inferenceService, inference),
      registerService(videoService, video),
      ...network.registrations,
      registerService(requesterService, requester.service),
    ],
    { events },
  );
  const stopping = { promise: null as Promise<void> | null };
  const dispose = () =>
    (stopping.promise ??= (async () => {
      await jobRunner.shutdown();
      await persisted.flush();
      await Promise.all([engines.dispose(), videoEngine.dispose(), network.dispose()]);
      requester.dispose();
    })());
  return { app, media, jobs, inference, video, videoEngine, network, events, dispatcher, roots, jobRunner, dispose };
}
