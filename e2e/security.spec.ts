import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm, symlink, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { e2eHost } from './support/hostEnv';
import { listeningAddresses } from './support/listeningAddresses';
import { mediaPath } from './support/mediaUrl';
import { rawGet, tryConnect } from './support/rawHttp';
import { connectRpc, rawCall } from './support/rpcClient';

test.describe('browser host security', () => {
  test('the page has no Node globals and no Electron bridge', async ({ page }) => {
    const host = e2eHost();
    await page.goto(host.url);
    await expect(page.locator('#root > *').first()).toBeVisible();
    // Strings, not functions: this file is type-checked without DOM types.
    expect(await page.evaluate('typeof require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
    expect(await page.evaluate('typeof module')).toBe('undefined');
    expect(await page.evaluate("'groundwork' in window")).toBe(false);
  });

  test('a WebSocket without the right token gets no answer', async () => {
    const { port, token } = e2eHost();
    const base = `ws://127.0.0.1:${port}/rpc`;
    // The control: the same raw call with the token is answered, so the refusals below are about the token.
    expect(await rawCall(`${base}?token=${encodeURIComponent(token)}`)).toEqual({ answered: true });

    const wrongSameLength = token.replace(/./g, (c) => (c === 'a' ? 'b' : 'a'));
    for (const url of [base, `${base}?token=`, `${base}?token=${wrongSameLength}`, `${base}?token=${token}x`]) {
      const outcome = await rawCall(url);
      expect(outcome.answered, `${url} → ${JSON.stringify(outcome)}`).toBe(false);
    }
  });

  test('another web page cannot use the host, even with the token', async () => {
    const { port, token, url } = e2eHost();
    const withToken = `ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(token)}`;
    // A page on another origin that learnt the token still cannot open the socket (browsers send Origin).
    const crossOrigin = await rawCall(withToken, { headers: { Origin: 'http://evil.example' } });
    expect(crossOrigin.answered, JSON.stringify(crossOrigin)).toBe(false);
    expect(await rawCall(withToken, { headers: { Origin: `http://127.0.0.1:${port}` } })).toEqual({ answered: true });
    // DNS rebinding: evil.example resolving to 127.0.0.1 still sends its own Host header.
    const appPath = new URL(url).pathname + new URL(url).search;
    const rebound = await rawGet('127.0.0.1', port, appPath, { Host: `evil.example:${port}` });
    expect(rebound.status).toBeGreaterThanOrEqual(400);
    expect((await rawGet('127.0.0.1', port, appPath)).status).toBe(200);
  });

  test('media paths that leave the granted folder are refused', async () => {
    const host = e2eHost();
    const outside = await mkdtemp(path.join(os.tmpdir(), 'groundwork-e2e-outside-'));
    const rpc = connectRpc(host.port, host.token);
    try {
      // A granted folder with one real image and a symlink to an image outside it.
      const granted = path.join(outside, 'granted');
      await mkdir(granted);
      await copyFile(path.join(host.fixtureDir, 'alley.jpg'), path.join(granted, 'inside.jpg'));
      await copyFile(path.join(host.fixtureDir, 'alley.jpg'), path.join(outside, 'secret.jpg'));
      await symlink(path.join(outside, 'secret.jpg'), path.join(granted, 'escape.jpg'));
      const { rootId } = await rpc.media.openFolder({ path: granted });

      const get = (relPath: string) => rawGet('127.0.0.1', host.port, mediaPath(host, rootId, relPath));
      const inside = await get('inside.jpg');
      expect(inside.status, 'the control: a file inside the folder is served').toBe(200);
      expect(inside.body.equals(await readFile(path.join(granted, 'inside.jpg')))).toBe(true);

      const escapes = [
        '..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
        '../../../../../../etc/passwd',
        '%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        '..%5c..%5c..%5c..%5cetc%5cpasswd',
        '%2fetc%2fpasswd',
        '..%2fsecret.jpg',
        'escape.jpg',
        'inside.jpg%00.png',
      ];
      for (const relPath of escapes) {
        const response = await get(relPath);
        expect([400, 403, 404], `GET ${relPath} → ${response.status}`).toContain(response.status);
        expect(response.body.includes('root:'), `GET ${relPath} leaked /etc/passwd`).toBe(false);
        expect(response.body.equals(inside.body), `GET ${relPath} served an image`).toBe(false);
      }

      const noToken = await rawGet('127.0.0.1', host.port, `/media/${rootId}/inside.jpg`);
      expect([401, 403]).toContain(noToken.status);

      const staticEscape = await rawGet('127.0.0.1', host.port, '/..%2f..%2f..%2f..%2fetc%2fpasswd');
      expect(staticEscape.status).toBe(404);
      expect(staticEscape.body.includes('root:')).toBe(false);

      const unknownRoot = await rawGet('127.0.0.1', host.port, mediaPath(host, 'no-such-root', 'inside.jpg'));
      expect([400, 403, 404]).toContain(unknownRoot.status);

      // The same rules hold over the contract: the schema rejects '..' before any file is touched.
      await expect(rpc.media.readImage({ rootId, relPath: '../secret.jpg' })).rejects.toThrow(/inside the media|\.\./);
      await expect(rpc.media.readImage({ rootId, relPath: 'escape.jpg' })).rejects.toThrow(/outside the media folder/);
    } finally {
      rpc.close();
      await rm(outside, { recursive: true, force: true });
    }
  });

  test('the host listens on 127.0.0.1 only', async () => {
    const { port } = e2eHost();
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    // Other loopback addresses reach this machine too; a host bound to 0.0.0.0 or :: would accept them.
    expect(await tryConnect('127.0.0.2', port)).toBe('ECONNREFUSED');
    expect(await tryConnect('::1', port)).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    const addresses = listeningAddresses(port);
    test.skip(addresses === null, 'no /proc/net/tcp on this OS: the bound address was checked by connecting only');
    expect(addresses).toEqual(['127.0.0.1']);
  });
});
