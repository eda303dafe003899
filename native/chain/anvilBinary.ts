import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Path of the real anvil binary from Foundry's platform package. We depend on
 * the platform package directly (optionalDependencies): the registry these
 * machines reach serves only linux-amd64, and @foundry-rs/anvil's lock entry for
 * the other platforms made `npm ci` fail.
 * We spawn the binary itself, not node_modules/.bin/anvil: that wrapper is a
 * Node script that forwards only SIGINT/SIGTERM, so killing it can orphan anvil.
 */
export function anvilBinaryPath(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch];
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch ?? process.arch}`;
  const file = `${pkg}/bin/anvil${process.platform === 'win32' ? '.exe' : ''}`;
  try {
    return require.resolve(file);
  } catch {
    throw new Error(
      `anvil binary not found: ${file} is not installed. Add ${pkg} to optionalDependencies ` +
        `(Foundry publishes one package per platform) and run \`npm install\` on this platform (${process.platform}/${process.arch}).`,
    );
  }
}
