/** zod schemas for the `yaml step` block. Each expectation kind has its own strict schema. */
import { z } from 'zod';

const where = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a namespace name: host or a named namespace');
const iface = z.string().regex(/^[^\s/]{1,15}$/, 'an interface name (at most 15 characters, no spaces or /)');
const ipv4 = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, 'an IPv4 address such as 192.168.100.1');
const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'an IPv4 address with prefix, such as 192.168.100.1/24');
const regex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');
const packet = z.enum(['arp-request', 'arp-reply', 'icmp-echo', 'icmp-echo-request', 'icmp-echo-reply']);
const common = { explain: z.string().min(1).optional() };

export const EXPECTATION_SCHEMAS = {
  exit: z.strictObject({ exit: z.union([z.number().int().min(0).max(255), z.literal('nonzero')]), ...common }),
  output: z.strictObject({ output: regex, matches: z.boolean().default(true), ...common }),
  netns: z.strictObject({ netns: where, exists: z.boolean().default(true), ...common }),
  link: z.strictObject({ link: iface, in: where.default('host'), exists: z.boolean().default(true), up: z.boolean().optional(), ...common }),
  addr: z.strictObject({ addr: cidr, dev: iface, in: where.default('host'), exists: z.boolean().default(true), ...common }),
  port: z.strictObject({ port: iface, bridge: iface, in: where.default('host'), exists: z.boolean().default(true), ...common }),
  'same-mac': z.strictObject({ 'same-mac': z.tuple([iface, iface]), in: where.default('host'), ...common }),
  neigh: z.strictObject({ neigh: ipv4, dev: iface, in: where.default('host'), resolved: z.boolean().default(true), ...common }),
  learned: z.strictObject({ learned: iface, in: where.default('host'), 'mac-of': iface, 'mac-in': where.default('host'), ...common }),
  ping: z.strictObject({
    ping: ipv4,
    from: where.default('host'),
    iface: iface.optional(),
    succeeds: z.boolean().default(true),
    timeout: z.number().positive().max(10).optional(),
    ...common,
  }),
  capture: z.strictObject({
    capture: iface,
    in: where.default('host'),
    shows: z.array(packet).default([]),
    hides: z.array(packet).default([]),
    during: z.string().min(1).optional(),
    ...common,
  }),
} as const;

export type KindName = keyof typeof EXPECTATION_SCHEMAS;
export const KIND_NAMES = Object.keys(EXPECTATION_SCHEMAS) as KindName[];

const command = z.string().min(1);

export const STEP_BLOCK_SCHEMA = z.strictObject({
  expect: z.array(z.unknown()).min(1, 'a step needs at least one expectation'),
  hints: z.array(z.string().min(1)).min(1, 'a step needs at least one hint'),
  why: z.string().min(1).optional(),
  explain: z
    .array(
      z.strictObject({ output: regex.optional(), command: regex.optional(), say: z.string().min(1) }).refine((e) => e.output !== undefined || e.command !== undefined, 'an explanation needs `output` or `command` (or both) to say when it applies'),
    )
    .default([]),
  wrong: z.array(z.strictObject({ command, explains: regex })).default([]),
  without: z.record(z.string().regex(/^[\w.-]+$/), z.array(command).min(1)).default({}),
  timeout: z.number().positive().max(600).default(10),
});

export const FRONT_MATTER_SCHEMA = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and -'),
  title: z.string().min(1),
});
