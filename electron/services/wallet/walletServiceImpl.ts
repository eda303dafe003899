import { getAddress, Wallet } from 'ethers';
import type { EventEmitterFor, ServiceImpl } from '../../common/contract/defineService';
import { ServiceError } from '../../common/contract/errors';
import type { walletService, WalletOperation, WalletStatus } from '../../common/services/walletService';
import { createKdfProgress } from './kdfProgress';
import { decryptKeystore, encryptKeystore, kdfCost, KeystoreError, parseKeystore, STANDARD_SCRYPT } from './keystoreV3';
import { createWalletFiles } from './walletFiles';

/** What the other Node-side services (hub, rewards) use of the wallet; none of it goes to the renderer. */
export interface WalletKeys {
  /** The stored wallet's address, or null. */
  address(): Promise<string | null>;
  /** The unlocked key as an ethers signer; a ServiceError { code: 'locked' } when locked. */
  signer(): Wallet;
  /** Called after lock or a wallet change, so sessions made with the old key are dropped. */
  onLock(listener: () => void): void;
}

export interface WalletOptions {
  /** scrypt cost for new keystores; tests use a cheaper one. Default: N = 2^17, r = 8, p = 1. */
  scrypt?: { n: number; r: number; p: number };
}

const locked = () => new ServiceError('the wallet is locked: unlock it with its password first', { code: 'locked' });

function serviceErrorOf(error: unknown): unknown {
  return error instanceof KeystoreError ? new ServiceError(error.message, { code: error.code }) : error;
}

function keyBytes(privateKey: string): Uint8Array {
  const hex = privateKey.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ServiceError('a private key is 32 bytes: 64 hex digits, optionally after 0x', { code: 'bad-key' });
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function walletOf(key: Uint8Array): Wallet {
  try {
    return new Wallet(`0x${Buffer.from(key).toString('hex')}`);
  } catch {
    throw new ServiceError('that private key is not a valid secp256k1 key', { code: 'bad-key' });
  }
}

/** The wallet service and the internal key access for other services. One keystore per data folder. */
export function createWallet(dataDir: string, emit: EventEmitterFor<typeof walletService>, options: WalletOptions = {}) {
  const files = createWalletFiles(dataDir);
  const progress = createKdfProgress();
  const lockListeners = new Set<() => void>();
  let unlocked: Wallet | null = null;
  // One derivation at a time: each standard scrypt takes 128 MiB and a libuv thread.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  async function storedAddress(): Promise<string | null> {
    const json = await files.read();
    if (json === null) return null;
    const store = parseKeystore(json);
    if (store.address) return getAddress(`0x${store.address.replace(/^0x/, '')}`);
    return null;
  }

  async function status(): Promise<WalletStatus> {
    return { address: unlocked?.address ?? (await storedAddress()), unlocked: unlocked !== null };
  }

  async function changed(): Promise<WalletStatus> {
    const now = await status();
    emit('changed', now);
    return now;
  }

  function setUnlocked(wallet: Wallet | null) {
    const switching = unlocked !== null && unlocked.address !== wallet?.address;
    unlocked = wallet;
    if (wallet === null || switching) for (const listener of lockListeners) listener();
  }

  async function refuseOverwrite(replace: boolean) {
    if (!replace && (await files.read()) !== null) {
      throw new ServiceError('this workstation already has a wallet; pass replace: true to replace it (the old keystore file is kept)', { code: 'exists' });
    }
  }

  const reporter = (operation: WalletOperation) => (percent: number) => emit('progress', { operation, percent });

  /** Encrypts and stores a key, then unlocks it. */
  async function store(wallet: Wallet, password: string, operation: WalletOperation) {
    const cost = options.scrypt ?? STANDARD_SCRYPT;
    const json = await progress.track(cost.n * cost.r * cost.p, reporter(operation), () =>
      encryptKeystore(Uint8Array.from(Buffer.from(wallet.privateKey.slice(2), 'hex')), wallet.address, password, cost),
    );
    await files.write(json);
    setUnlocked(wallet);
  }

  const service: ServiceImpl<typeof walletService> = {
    status,
    create: ({ password, replace }) =>
      serial(async () => {
        await refuseOverwrite(replace);
        const random = Wallet.createRandom();
        await store(new Wallet(random.privateKey), password, 'create');
        return changed();
      }),
    import: ({ keystoreJson, privateKey, password, replace }) =>
      serial(async () => {
        await refuseOverwrite(replace);
        if (privateKey !== undefined) {
          await store(walletOf(keyBytes(privateKey)), password, 'import');
          return changed();
        }
        try {
          const parsed = parseKeystore(keystoreJson!);
          const key = await progress.track(kdfCost(parsed), reporter('import'), () => decryptKeystore(keystoreJson!, password));
          const wallet = walletOf(key);
          if (parsed.address && getAddress(`0x${parsed.address.replace(/^0x/, '')}`) !== wallet.address) {
            throw new ServiceError('the keystore names a different address than its key (corrupt file)', { code: 'bad-keystore' });
          }
          // Stored as given, with the address filled in if the file had none, so geth and MetaMask can read it back.
          const json = parsed.address ? keystoreJson! : JSON.stringify({ ...JSON.parse(keystoreJson!), address: wallet.address.slice(2).toLowerCase() });
          await files.write(json);
          setUnlocked(wallet);
        } catch (error) {
          throw serviceErrorOf(error);
        }
        return changed();
      }),
    exportKeystore: async () => {
      const json = await files.read();
      if (json === null) throw new ServiceError('there is no wallet to export yet', { code: 'no-wallet' });
      const address = (await storedAddress()) ?? '';
      return { keystoreJson: json, fileName: `UTC--${new Date().toISOString().replace(/:/g, '-')}--${address.slice(2).toLowerCase()}.json` };
    },
    unlock: ({ password }) =>
      serial(async () => {
        const json = await files.read();
        if (json === null) throw new ServiceError('there is no wallet yet: create or import one', { code: 'no-wallet' });
        try {
          const key = await progress.track(kdfCost(parseKeystore(json)), reporter('unlock'), () => decryptKeystore(json, password));
          setUnlocked(walletOf(key));
        } catch (error) {
          throw serviceErrorOf(error);
        }
        return changed();
      }),
    lock: async () => {
      setUnlocked(null);
      return changed();
    },
  };

  const keys: WalletKeys = {
    address: async () => unlocked?.address ?? (await storedAddress()),
    signer() {
      if (!unlocked) throw locked();
      return unlocked;
    },
    onLock(listener) {
      lockListeners.add(listener);
    },
  };
  return { service, keys };
}
