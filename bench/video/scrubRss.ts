/**
 * Child process of bench:video: scrubs one video end to end through a frame
 * server with the given cache cap (a jump every `step` frames, then a short
 * forward play so decode windows and prefetch fill the cache past its cap)
 * and prints its memory as one JSON line. A separate process so its peak
 * RSS is its own.
 */
import { createFrameServer, probeVideo } from '../../native/video';

const [file, capText, cacheDir, stepText, playText] = process.argv.slice(2);
const play = Number(playText);
const cap = Number(capText);
const probe = await probeVideo(file!, { cacheDir });
const frames = createFrameServer({ cacheDir: cacheDir!, memoryCapBytes: cap, diskCache: false });
await frames.getFrame(probe, 0);
await frames.whenIdle();
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const started = Date.now();
for (let stop = 0; stop < probe.info.frameCount; stop += Number(stepText)) {
  for (let n = stop; n < Math.min(stop + play, probe.info.frameCount); n++) await frames.getFrame(probe, n, 'forward');
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
await frames.whenIdle();
const stats = frames.stats();
await frames.close();
console.log(JSON.stringify({ startRss, peakRss, maxRssKb: process.resourceUsage().maxRSS, cacheBytes: stats.memoryBytes, frames: stats.framesDecoded, seconds: (Date.now() - started) / 1000 }));
