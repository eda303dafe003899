// npm run contracts:build — compiles contracts/src and writes contracts/artifacts/*.json.
// Commit the artifacts: the app, the hub and the tests load them without solc.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifactJson, artifactsDir, compileContracts } from './compile';

const started = performance.now();
const artifacts = compileContracts();
mkdirSync(artifactsDir, { recursive: true });
for (const artifact of artifacts) {
  const file = path.join(artifactsDir, `${artifact.contractName}.json`);
  writeFileSync(file, artifactJson(artifact));
  const size = (artifact.bytecode.length - 2) / 2;
  console.log(`wrote ${path.relative(process.cwd(), file)} (init code ${size.toLocaleString('en-US')} bytes)`);
}
console.log(`compiled with solc ${artifacts[0]?.compiler.version} in ${Math.round(performance.now() - started)} ms`);
