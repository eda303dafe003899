import { existsSync, readFileSync } from 'node:fs';

const LISTEN = '0A';

/** Linux only: the local addresses with a socket listening on `port`, read from /proc/net/tcp{,6}. */
export function listeningAddresses(port: number): string[] | null {
  if (!existsSync('/proc/net/tcp')) return null;
  const found: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', decodeIpv4],
    ['/proc/net/tcp6', decodeIpv6],
  ] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [addressHex, portHex] = (fields[1] ?? '').split(':');
      if (fields[3] === LISTEN && addressHex && portHex && parseInt(portHex, 16) === port) found.push(decode(addressHex));
    }
  }
  return found;
}

/** /proc writes IPv4 addresses as one little-endian 32-bit word. */
function decodeIpv4(hex: string): string {
  const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16));
  return bytes.reverse().join('.');
}

/** IPv6: four little-endian 32-bit words; shown as full hex groups, with the loopback and any-address named. */
function decodeIpv6(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  const full = words.join('');
  if (/^0{31}1$/.test(full)) return '::1';
  if (/^0{32}$/.test(full)) return '::';
  if (/^0{20}ffff/.test(full)) return `::ffff:${decodeIpv4(hex.slice(24))}`;
  return full.match(/.{4}/g)!.join(':');
}
