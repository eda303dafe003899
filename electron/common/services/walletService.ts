import { z } from 'zod';
import { defineService, method } from '../contract/defineService';

/**
 * The workstation's wallet. The private key lives only on the Node side: no
 * method or event of this service ever carries it (exportKeystore returns the
 * password-encrypted keystore, never the raw key).
 */

/** A checksummed 0x address. */
export const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte hex address');

export const WalletStatusSchema = z.object({
  /** The wallet's address, or null when no keystore exists yet (offer create / import). */
  address: AddressSchema.nullable(),
  /** True while the key is decrypted in the host's memory for this session (signing and claiming need it). */
  unlocked: z.boolean(),
});
export type WalletStatus = z.infer<typeof WalletStatusSchema>;

/** At least 8 characters for a new keystore; unlock accepts whatever the keystore was made with. */
const NewPasswordSchema = z.string().min(8, 'the password needs at least 8 characters').max(1024);
const PasswordSchema = z.string().min(1).max(1024);

export const WalletOperationSchema = z.enum(['create', 'import', 'unlock']);
export type WalletOperation = z.infer<typeof WalletOperationSchema>;

export const walletService = defineService(
  'wallet',
  {
    /** Whether a keystore exists (its address) and whether it is unlocked. Cheap; no password. */
    status: method(z.object({}).strict(), WalletStatusSchema),
    /**
     * Makes a new random key, encrypts it (keystore v3, scrypt; ~1–2 s, `progress` events) and stores it
     * under `<dataDir>/wallet/`. The wallet is unlocked afterwards. Refuses when a wallet exists unless
     * `replace` (the old keystore file is kept next to it, renamed, never deleted).
     */
    create: method(z.object({ password: NewPasswordSchema, replace: z.boolean().default(false) }).strict(), WalletStatusSchema),
    /**
     * Imports a keystore v3 JSON (geth, MetaMask, ethers exports) and checks it opens with `password`
     * (the file is stored as given), or a raw 0x private key that is then encrypted with `password`.
     * Exactly one of `keystoreJson` / `privateKey`. Unlocked afterwards. Same `replace` rule as create.
     * Wrong password or a malformed keystore: ServiceError with details { code: 'wrong-password' | 'bad-keystore' | 'bad-key' }.
     */
    import: method(
      z
        .object({
          keystoreJson: z.string().min(2).max(64 * 1024).optional(),
          privateKey: z.string().max(200).optional(),
          password: PasswordSchema,
          replace: z.boolean().default(false),
        })
        .strict()
        .refine((a) => (a.keystoreJson === undefined) !== (a.privateKey === undefined), { message: 'give exactly one of keystoreJson or privateKey' }),
      WalletStatusSchema,
    ),
    /** The encrypted keystore v3 JSON as stored (safe to save to a file; opening it needs the password), and a geth-style file name. */
    exportKeystore: method(z.object({}).strict(), z.object({ keystoreJson: z.string(), fileName: z.string() })),
    /** Decrypts the key for this session (host memory only; ~1–2 s with `progress` events). Wrong password: details { code: 'wrong-password' }. */
    unlock: method(z.object({ password: PasswordSchema }).strict(), WalletStatusSchema),
    /** Forgets the decrypted key; hub sessions signed in with it are dropped too. */
    lock: method(z.object({}).strict(), WalletStatusSchema),
  },
  {
    /** Key-derivation progress of a running create / import / unlock, a few per second, 0…100 (the last one is 100). */
    progress: z.object({ operation: WalletOperationSchema, percent: z.number().min(0).max(100) }),
    /** The status after any change (create, import, unlock, lock). */
    changed: WalletStatusSchema,
  },
);
