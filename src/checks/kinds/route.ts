/** `route:` a namespace's main table has (or lacks) a route: the default or a prefix, optionally via a gateway and on a device. */
import * as z from 'zod/mini';
import type { LabState, RouteEntry } from '../../lab/state.js';
import { IPV4, flag, iface, inNs, ipv4, str } from '../fields.js';
import { inNs as inNamespace } from '../../lab/in-ns.js';
import { defineKind, type ExpectationBase, type Where } from '../kind.js';
import { kindMessages, nsName, tl } from '../labels.js';

export interface RouteExpectation extends ExpectationBase {
  kind: 'route';
  /** 'default' or a prefix such as 10.0.1.0/24. */
  dst: string;
  via?: string;
  dev?: string;
  in: Where;
  exists: boolean;
}

const t = kindMessages({
  en: {
    defaultRoute: '{ns} has a default route{via}{dev}',
    route: '{ns} has a route to {dst}{via}{dev}',
    noDefaultRoute: '{ns} has no default route{via}{dev}',
    noRoute: '{ns} has no route to {dst}{via}{dev}',
    via: ' via {gw}',
    dev: ' on {dev}',
    actualRoutes: 'routes in {ns}: {list}',
    actualThere: 'it is there: {route}',
    unreachableGateway: 'The gateway {gw} is not on any subnet {ns} has an address in, so the kernel cannot use it as a next hop: give {ns} an address in the gateway\'s subnet first, then add the route.',
    differs: 'The route in {ns} is `{have}`, and this step wants it{via}{dev}. Replace it.',
    differsNobody: 'The route in {ns} is `{have}`, and this step wants it{via}{dev}. No interface in the lab has {gw}, so nothing answers for that gateway. Replace the route.',
  },
  zh: {
    defaultRoute: '{ns} 中有默认路由{via}{dev}',
    route: '{ns} 中有到 {dst} 的路由{via}{dev}',
    noDefaultRoute: '{ns} 中没有默认路由{via}{dev}',
    noRoute: '{ns} 中没有到 {dst} 的路由{via}{dev}',
    via: '，网关 {gw}',
    dev: '，出口 {dev}',
    actualRoutes: '{ns} 中的路由：{list}',
    actualThere: '这条路由存在：{route}',
    unreachableGateway: '网关 {gw} 不在 {ns} 任何已配置地址的子网里，内核无法把它当作下一跳：先给 {ns} 配一个与网关同一子网的地址，再添加这条路由。',
    differs: '{ns} 中的这条路由是 `{have}`，而这一步要求它{via}{dev}。请替换它。',
    differsNobody: '{ns} 中的这条路由是 `{have}`，而这一步要求它{via}{dev}。实验里没有哪个接口拥有 {gw}，没人会替这个网关应答。请替换这条路由。',
  },
});

/** 'default', or a prefix with its length (a bare address is a /32). */
export function routeKey(dst: string): string {
  if (dst === 'default' || dst === '0.0.0.0/0') return 'default';
  return dst.includes('/') ? dst : `${dst}/32`;
}

export function formatRoute(r: RouteEntry): string {
  return [r.type && r.type !== 'unicast' ? r.type : '', r.dst, r.gateway ? `via ${r.gateway}` : '', r.dev ? `dev ${r.dev}` : ''].filter(Boolean).join(' ');
}

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** The network address of `ip/len`, e.g. 10.0.1.0 for 10.0.1.7/24. */
export function networkOf(ip: string, len: number): string {
  const n = (toInt(ip) & maskOf(len)) >>> 0;
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

const maskOf = (len: number) => (len === 0 ? 0 : 2 ** 32 - 2 ** (32 - len));

/** Is `ip` inside `prefix/len`? */
export function inSubnet(ip: string, net: string, len: number): boolean {
  return networkOf(ip, len) === networkOf(net, len);
}

function matching(state: LabState, e: RouteExpectation): RouteEntry[] {
  const key = routeKey(e.dst);
  return state.routes.filter((r) => r.ns === e.in && routeKey(r.dst) === key && (e.via === undefined || r.gateway === e.via) && (e.dev === undefined || r.dev === e.dev));
}

export const routeKind = defineKind<RouteExpectation>()({
  name: 'route',
  fields: {
    route: str(new RegExp(`^(default|${IPV4}(/(3[0-2]|[12]?\\d))?)$`), '`default` or a prefix such as 10.0.1.0/24'),
    via: z.optional(ipv4),
    dev: z.optional(iface),
    in: inNs,
    exists: flag(true),
  },
  validate(v) {
    const [net, len] = routeKey(v.route).split('/');
    if (len === undefined) return undefined;
    const base = networkOf(net, Number(len));
    return base === net ? undefined : `\`route: ${v.route}\` has host bits set; the kernel stores this route as ${base}/${len}`;
  },
  build: (v) => ({ dst: v.route, via: v.via, dev: v.dev, in: v.in, exists: v.exists }),
  needs: () => ({ sections: ['routes'] }),
  evaluate(e, { state }, lang) {
    const hits = matching(state, e);
    if (!e.exists) return { passed: hits.length === 0, actual: hits.length ? t(lang, 'actualThere', { route: formatRoute(hits[0]) }) : undefined };
    const mine = state.routes.filter((r) => r.ns === e.in);
    const same = mine.filter((r) => routeKey(r.dst) === routeKey(e.dst));
    const list = (same.length ? same : mine).map(formatRoute).join('; ') || tl(lang, 'none');
    return { passed: hits.length > 0, actual: t(lang, 'actualRoutes', { ns: nsName(lang, e.in), list }) };
  },
  label(e, lang) {
    const vars = { ns: nsName(lang, e.in), dst: e.dst, via: e.via ? t(lang, 'via', { gw: e.via }) : '', dev: e.dev ? t(lang, 'dev', { dev: e.dev }) : '' };
    const isDefault = routeKey(e.dst) === 'default';
    return t(lang, e.exists ? (isDefault ? 'defaultRoute' : 'route') : isDefault ? 'noDefaultRoute' : 'noRoute', vars);
  },
  diagnose({ e, state, lang }) {
    // (Without via or dev, any route to the destination is the wanted one: nothing differs.)
    if (!e.exists) return [];
    const onLink = e.via === undefined || state.links.some((l) => l.ns === e.in && l.addrs.some((a) => inSubnet(e.via!, a.local, a.prefixlen)));
    if (!onLink) return [{ id: `route-gateway:${e.in}:${e.via}`, weight: 70, text: t(lang, 'unreachableGateway', { gw: e.via!, ns: nsName(lang, e.in) }) }];
    // The route is there, through another gateway or device: replacing it is the whole fix.
    const have = state.routes.find((r) => r.ns === e.in && routeKey(r.dst) === routeKey(e.dst) && (!r.type || r.type === 'unicast'));
    if (!have || matching(state, e).length) return [];
    const gw = have.gateway;
    const nobody = gw !== undefined && !state.links.some((l) => l.addrs.some((a) => a.local === gw));
    const vars = { ns: nsName(lang, e.in), have: formatRoute(have), via: e.via ? t(lang, 'via', { gw: e.via }) : '', dev: e.dev ? t(lang, 'dev', { dev: e.dev }) : '', gw: gw ?? '' };
    const replace = ['ip route replace', routeKey(e.dst) === 'default' ? 'default' : routeKey(e.dst), e.via ? `via ${e.via}` : '', e.dev ? `dev ${e.dev}` : ''].filter(Boolean).join(' ');
    return [{ id: `route-differs:${e.in}:${routeKey(e.dst)}`, weight: 75, text: t(lang, nobody ? 'differsNobody' : 'differs', vars), fix: inNamespace(e.in, replace) }];
  },
});
