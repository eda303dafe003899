import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { HubRequestError } from './hubHttp';

/** Loopback, private, link-local, carrier-grade NAT, multicast, reserved. BlockList checks IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rules itself. */
const LOCAL_NETWORKS = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  LOCAL_NETWORKS.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) LOCAL_NETWORKS.addSubnet(net, prefix, 'ipv6');

async function addressesOf(hostname: string): Promise<string[]> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return [host];
  return (await lookup(host, { all: true })).map((a) => a.address);
}

async function isLocal(hostname: string): Promise<boolean> {
  const addresses = await addressesOf(hostname);
  return addresses.some((a) => LOCAL_NETWORKS.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
}

function refused(reason: string): HubRequestError {
  return new HubRequestError({ kind: 'rejected', code: 'bad_media_redirect', reason });
}

/**
 * Where a hub's `GET /media` may send the workstation: the presigned URL of
 * its object store, or an item's own URL — both plain http(s) downloads.
 * The hub is not trusted to choose anything else: no other scheme (file:,
 * data:, …), no downgrade from an https hub to http, no credentials in the
 * URL, and no address on this machine or its networks unless the hub itself
 * is there (a local network: hub and store on loopback). Checked before
 * anything is sent; the host is resolved here, so a name that points at
 * 127.0.0.1 counts as loopback (a later answer of the resolver could still
 * differ: the size cap and the sha256 check bind whatever comes back).
 */
export async function checkMediaRedirect(hubUrl: string, location: string): Promise<URL> {
  let target: URL;
  try {
    target = new URL(location, `${hubUrl}/`);
  } catch {
    throw refused(`the hub redirected a download to "${location.slice(0, 200)}", which is not a URL`);
  }
  const hub = new URL(hubUrl);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refused(`the hub redirected a download to a ${target.protocol} URL; only http(s) is followed`);
  if (hub.protocol === 'https:' && target.protocol !== 'https:') throw refused(`the hub (https) redirected a download to plain http at ${target.host}`);
  if (target.username || target.password) throw refused(`the hub redirected a download to a URL with credentials in it (${target.host})`);
  if ((await isLocal(target.hostname)) && !(await isLocal(hub.hostname))) {
    throw refused(`the hub redirected a download to ${target.host}, an address on this machine or its local network`);
  }
  return target;
}
