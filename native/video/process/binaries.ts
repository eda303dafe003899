import fs from 'node:fs';
import { createRequire } from 'node:module';
import { VideoError } from '../errors';

export interface VideoBinaries {
  ffmpeg: string;
  ffprobe: string;
}

const require = createRequire(import.meta.url);
let resolved: VideoBinaries | undefined;

/**
 * The ffmpeg/ffprobe to run. GROUNDWORK_FFMPEG / GROUNDWORK_FFPROBE win (a
 * system build); otherwise the npm-installed static builds. Resolved once.
 */
export function resolveBinaries(): VideoBinaries {
  resolved ??= {
    ffmpeg: usable('ffmpeg', process.env.GROUNDWORK_FFMPEG || bundledPath('@ffmpeg-installer/ffmpeg'), 'GROUNDWORK_FFMPEG'),
    ffprobe: usable('ffprobe', process.env.GROUNDWORK_FFPROBE || bundledPath('@ffprobe-installer/ffprobe'), 'GROUNDWORK_FFPROBE'),
  };
  return resolved;
}

function bundledPath(pkg: string): string {
  try {
    return (require(pkg) as { path: string }).path;
  } catch (error) {
    throw new VideoError('binary-unavailable', `${pkg} is not installed for this platform (${(error as Error).message}); set ${pkg.includes('ffprobe') ? 'GROUNDWORK_FFPROBE' : 'GROUNDWORK_FFMPEG'} to a system binary`);
  }
}

/**
 * npm 11 skips the installers' postinstall `chmod u+x`, and ffprobe ships as
 * rwxr--r--: only its owner may run it. Root passes X_OK whenever any x bit
 * is set, so look at the mode itself and widen it when we may.
 */
export function usable(name: string, file: string, envName: string): string {
  let mode: number;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    throw new VideoError('binary-unavailable', `${name} not found at ${file}; install it or set ${envName}`);
  }
  if ((mode & 0o111) !== 0o111) {
    try {
      fs.chmodSync(file, mode | 0o755);
    } catch {
      // read-only install: fine as long as we can run it ourselves
    }
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new VideoError('binary-unavailable', `${name} at ${file} is not executable (chmod +x it or set ${envName} to a system ${name})`);
  }
  return file;
}
