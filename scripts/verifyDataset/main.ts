// `npm run verify-dataset -- <export.zip or folder>`; see README.md.
import { runVerifyDataset } from './runVerifyDataset';

process.exitCode = await runVerifyDataset(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
