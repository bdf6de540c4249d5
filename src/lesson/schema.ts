/**
 * zod schemas for front matter and the `yaml step` block. Each expectation kind
 * has its own strict schema. zod/mini keeps the bundle small; our own messages
 * say what a lesson author should write.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { packRegexProblem } from './pack-regex.js';

z.config(en());

const str = (re: RegExp, message: string) => z.string().check(z.regex(re, message));
const text = z.string().check(z.minLength(1, 'must not be empty'));
const where = str(/^[A-Za-z0-9_.-]+$/, 'a namespace name: host or a named namespace');
const iface = str(/^[^\s/]{1,15}$/, 'an interface name (at most 15 characters, no spaces or /)');
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const ipv4 = str(new RegExp(`^${IPV4}$`), 'an IPv4 address such as 192.168.100.1');
const cidr = str(new RegExp(`^${IPV4}/(3[0-2]|[12]?\\d)$`), 'an IPv4 address with prefix, such as 192.168.100.1/24');
const regex = z.string().check(
  z.refine((s) => packRegexProblem(s) === undefined, {
    error: (issue) => `a valid regular expression is needed (${packRegexProblem(String(issue.input)) ?? 'not a text'})`,
  }),
);
const packet = z.enum(['arp-request', 'arp-reply', 'icmp-echo', 'icmp-echo-request', 'icmp-echo-reply']);
const flag = (value: boolean) => z._default(z.boolean(), value);
const inNs = z._default(where, 'host');
const common = { explain: z.optional(text) };

export const EXPECTATION_SCHEMAS = {
  exit: z.strictObject({ exit: z.union([z.int().check(z.gte(0), z.lte(255)), z.literal('nonzero')]), ...common }),
  output: z.strictObject({ output: regex, matches: flag(true), ...common }),
  netns: z.strictObject({ netns: where, exists: flag(true), ...common }),
  link: z.strictObject({ link: iface, in: inNs, exists: flag(true), up: z.optional(z.boolean()), ...common }),
  addr: z.strictObject({ addr: cidr, dev: iface, in: inNs, exists: flag(true), ...common }),
  port: z.strictObject({ port: iface, bridge: iface, in: inNs, exists: flag(true), ...common }),
  'same-mac': z.strictObject({ 'same-mac': z.tuple([iface, iface]), in: inNs, ...common }),
  neigh: z.strictObject({ neigh: ipv4, dev: iface, in: inNs, resolved: flag(true), ...common }),
  learned: z.strictObject({ learned: iface, in: inNs, 'mac-of': iface, 'mac-in': inNs, ...common }),
  ping: z.strictObject({
    ping: ipv4,
    from: inNs,
    iface: z.optional(iface),
    succeeds: flag(true),
    timeout: z.optional(z.number().check(z.gt(0), z.lte(10))),
    ...common,
  }),
  capture: z.strictObject({
    capture: iface,
    in: inNs,
    shows: z._default(z.array(packet), []),
    hides: z._default(z.array(packet), []),
    during: z.optional(text),
    ...common,
  }),
} as const;

export type KindName = keyof typeof EXPECTATION_SCHEMAS;
export const KIND_NAMES = Object.keys(EXPECTATION_SCHEMAS) as KindName[];

export const STEP_BLOCK_SCHEMA = z.strictObject({
  expect: z.array(z.unknown()).check(z.minLength(1, 'a step needs at least one expectation')),
  hints: z.array(text).check(z.minLength(1, 'a step needs at least one hint')),
  why: z.optional(text),
  explain: z._default(
    z.array(
      z.strictObject({ output: z.optional(regex), command: z.optional(regex), say: text }).check(
        z.refine((e) => e.output !== undefined || e.command !== undefined, 'an explanation needs `output` or `command` (or both) to say when it applies'),
      ),
    ),
    [],
  ),
  wrong: z._default(z.array(z.strictObject({ command: text, explains: regex })), []),
  without: z._default(z.record(str(/^[\w.-]+$/, 'a tool name'), z.array(text).check(z.minLength(1))), {}),
  timeout: z._default(z.number().check(z.gt(0), z.lte(600)), 10),
});

export const FRONT_MATTER_SCHEMA = z.strictObject({
  id: str(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and -'),
  title: text,
});

export type ZodError = z.core.$ZodError;
