/**
 * What a fix command would change, as (object, property, value) triples read
 * from the command itself, and when two fixes pull the same property of the
 * same object in different directions (a contradiction).
 */
import { parseIp, segmentsOf, type Segment } from './rules/context.js';

export interface Effect {
  /** The object changed: 'link:ns0/veth0-1', 'addr:ns0/br0/192.168.100.1', 'netns:ns0'. */
  object: string;
  /** Which of its properties: 'exists', 'ns', 'master', 'up'. */
  property: string;
  value: string;
}

/** `netns 1` names the lab's top namespace (process 1 lives there). */
function nsName(arg: string): string {
  return arg === '1' ? 'host' : arg;
}

function segmentEffects(s: Segment): Effect[] {
  const link = (dev: string) => `link:${s.ns}/${dev}`;
  if (s.argv[0] === 'brctl') {
    const [, sub, bridge, dev] = s.argv;
    if (sub === 'addbr' && bridge) return [{ object: link(bridge), property: 'exists', value: '1' }];
    if (sub === 'delbr' && bridge) return [{ object: link(bridge), property: 'exists', value: '0' }];
    if (sub === 'addif' && dev) return [{ object: link(dev), property: 'master', value: bridge }];
    if (sub === 'delif' && dev) return [{ object: link(dev), property: 'master', value: '' }];
    return [];
  }
  const ip = parseIp(s.argv);
  if (!ip) return [];
  if (ip.object === 'netns' && (ip.verb === 'add' || ip.verb === 'delete') && ip.positional[0]) return [{ object: `netns:${ip.positional[0]}`, property: 'exists', value: ip.verb === 'add' ? '1' : '0' }];
  if (ip.object === 'link') {
    const dev = ip.dev ?? ip.opts.name;
    if (!dev) return [];
    if (ip.verb === 'add') return [dev, ip.opts.peer].filter((d): d is string => !!d).map((d) => ({ object: link(d), property: 'exists', value: '1' }));
    if (ip.verb === 'delete') return [{ object: link(dev), property: 'exists', value: '0' }];
    if (ip.verb !== 'set') return [];
    const out: Effect[] = [];
    if (ip.flags.has('up') || ip.flags.has('down')) out.push({ object: link(dev), property: 'up', value: ip.flags.has('up') ? '1' : '0' });
    if (ip.flags.has('nomaster')) out.push({ object: link(dev), property: 'master', value: '' });
    if (ip.opts.master !== undefined) out.push({ object: link(dev), property: 'master', value: ip.opts.master });
    if (ip.opts.netns !== undefined) out.push({ object: `link:*/${dev}`, property: 'ns', value: nsName(ip.opts.netns) });
    if (ip.opts.name !== undefined) out.push({ object: link(dev), property: 'exists', value: '0' }, { object: link(ip.opts.name), property: 'exists', value: '1' });
    return out;
  }
  // Every address of the device goes: a wildcard object, which implies each address's removal (see impliedBy).
  if (ip.object === 'address' && ip.verb === 'flush' && ip.dev && !ip.positional.length && !Object.keys(ip.opts).length) return [{ object: `addr:${s.ns}/${ip.dev}/*`, property: 'exists', value: '0' }];
  if (ip.object === 'address' && (ip.verb === 'add' || ip.verb === 'delete') && ip.dev && ip.positional[0]) {
    const addr = ip.positional[0].split('/')[0];
    return [{ object: `addr:${s.ns}/${ip.dev}/${addr}`, property: 'exists', value: ip.verb === 'add' ? '1' : '0' }];
  }
  if (ip.object === 'route' && (ip.verb === 'add' || ip.verb === 'delete' || ip.verb === 'replace') && ip.positional[0]) {
    return [{ object: `route:${s.ns}/${ip.positional[0]}`, property: 'via', value: ip.verb === 'delete' ? '' : `${ip.opts.via ?? ''}/${ip.dev ?? ''}` }];
  }
  return [];
}

/** The changes a command line makes, in order; later ones win. */
export function effectsOf(command: string): Effect[] {
  const last = new Map<string, Effect>();
  for (const s of segmentsOf(command)) for (const e of segmentEffects(s)) last.set(`${e.object}#${e.property}`, e);
  return [...last.values()];
}

/** Two sets of changes disagree: the same property of the same object set to different values. */
export function contradicts(a: readonly Effect[], b: readonly Effect[]): boolean {
  return a.some((x) => b.some((y) => x.object === y.object && x.property === y.property && x.value !== y.value));
}

/** After `earlier` has run, `e` already holds: the last change of that property (a wildcard one included) set that value. */
export function impliedBy(earlier: readonly Effect[], e: Effect): boolean {
  let value: string | undefined;
  for (const f of earlier) {
    const covers = f.object === e.object || (f.object.endsWith('/*') && e.object.startsWith(f.object.slice(0, -1)));
    if (covers && f.property === e.property) value = f.value;
  }
  return value === e.value;
}

/** Two sets of changes that are the same, whatever the words of their commands (`ip -n ns0 …`, `ip netns exec ns0 …`). */
export function sameChanges(a: readonly Effect[], b: readonly Effect[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((x) => b.some((y) => x.object === y.object && x.property === y.property && x.value === y.value));
}

