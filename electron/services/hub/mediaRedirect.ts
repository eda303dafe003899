import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { HubRequestError } from './hubHttp';

/**
 * Address classes, from most to least local. A redirect may go to a class
 * no more local than the hub's own (checkMediaRedirect below).
 * BlockList checks IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rules itself.
 */
type AddressClass = 'never' | 'loopback' | 'lan' | 'public';
const RANK: Record<Exclude<AddressClass, 'never'>, number> = { loopback: 0, lan: 1, public: 2 };

const subnets = (ipv4: [string, number][], ipv6: [string, number][]) => {
  const list = new BlockList();
  for (const [net, prefix] of ipv4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of ipv6) list.addSubnet(net, prefix, 'ipv6');
  return list;
};
const LOOPBACK = subnets([['127.0.0.0', 8]], [['::1', 128]]);
/** This machine's networks: private, carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), unique-local. */
const LAN = subnets([['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]], [['fc00::', 7], ['fe80::', 10]]);
/**
 * Never a download's place, whoever the hub is: "this network" 0/8 and ::,
 * IETF protocol assignments 192.0.0.0/24, benchmarking 198.18/15, multicast
 * and reserved 224/3, IPv6 multicast, and NAT64 (64:ff9b::/96, 64:ff9b:1::/48),
 * which would carry an IPv4 address — 127.0.0.1 or 10.x included — past the IPv4 rules.
 */
const NEVER = subnets([['0.0.0.0', 8], ['192.0.0.0', 24], ['198.18.0.0', 15], ['224.0.0.0', 3]], [['::', 128], ['ff00::', 8], ['64:ff9b::', 96], ['64:ff9b:1::', 48]]);

function classOf(address: string): AddressClass {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (NEVER.check(address, family)) return 'never';
  if (LOOPBACK.check(address, family)) return 'loopback';
  if (LAN.check(address, family)) return 'lan';
  return 'public';
}

async function addressesOf(hostname: string): Promise<string[]> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return [host];
  return (await lookup(host, { all: true })).map((a) => a.address);
}

/** The classes of every address a name resolves to. */
async function classesOf(hostname: string): Promise<AddressClass[]> {
  return (await addressesOf(hostname)).map(classOf);
}

function refused(reason: string): HubRequestError {
  return new HubRequestError({ kind: 'rejected', code: 'bad_media_redirect', reason });
}

/**
 * Where a hub's `GET /media` may send the workstation: the presigned URL of
 * its object store, or an item's own URL — both plain http(s) downloads.
 * The hub is not trusted to choose anything else: no other scheme (file:,
 * data:, …), no downgrade from an https hub to http, no credentials in the
 * URL, and no address more local than the hub's own — a hub on this machine
 * (loopback) may send it anywhere, a hub on the local network to the local
 * network or the internet but never to this machine's loopback services, a
 * hub on the internet to the internet only; the hub's own host name is
 * always allowed (a store beside it). Some addresses are never allowed
 * (NEVER above).
 *
 * Checked before anything is sent; the host is resolved here, so a name that
 * points at 127.0.0.1 counts as loopback. The fetch (mediaFetch.ts, Node's
 * global fetch) resolves the name again: a resolver that answers differently
 * the second time (DNS rebinding) could still reach another address. Pinning
 * the checked address needs an undici `dispatcher` with its own `connect`;
 * undici is not a direct dependency of this project (only present under
 * @fastify/reply-from), so the window stays and is bounded instead: the
 * store's own redirects are refused, only the Range header is sent, the size
 * cap and the sha256 check bind whatever comes back.
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
  const targetClasses = await classesOf(target.hostname);
  if (targetClasses.includes('never')) throw refused(`the hub redirected a download to ${target.host}, an address no download is fetched from`);
  if (target.hostname.toLowerCase() === hub.hostname.toLowerCase()) return target;
  // The hub's class is its least local address: a name that also resolves to a public address is not "on this machine".
  const hubRank = Math.max(...(await classesOf(hub.hostname)).map((c) => (c === 'never' ? RANK.public : RANK[c])));
  const targetRank = Math.min(...targetClasses.map((c) => RANK[c as Exclude<AddressClass, 'never'>]));
  if (targetRank < hubRank) {
    const where = targetRank === RANK.loopback ? 'on this machine' : 'on its local network';
    throw refused(`the hub redirected a download to ${target.host}, an address ${where}, more local than the hub's own`);
  }
  return target;
}
