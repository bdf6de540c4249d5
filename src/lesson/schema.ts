/**
 * zod schemas for front matter and the `yaml step` block. Each expectation
 * kind's own strict schema lives in its module (src/checks/kinds/); our own
 * messages say what a lesson author should write.
 */
import * as z from 'zod/mini';
import { regex, str, text } from '../checks/fields.js';
import { SYSCTL_NAME } from '../lab/sysctl-names.js';
import { KERNEL_FEATURE_NAMES } from '../lab/kernel-features.js';

export const STEP_BLOCK_SCHEMA = z.strictObject({
  expect: z.array(z.unknown()).check(z.minLength(1, 'a step needs at least one expectation')),
  hints: z.array(text).check(z.minLength(1, 'a step needs at least one hint')),
  why: z.optional(text),
  explain: z._default(
    z.array(
      z.strictObject({
        output: z.optional(regex),
        command: z.optional(regex),
        unless: z.optional(z.strictObject({ output: z.optional(regex), command: z.optional(regex) })),
        say: text,
        fix: z.optional(text),
      }).check(
        z.refine((e) => e.output !== undefined || e.command !== undefined || e.unless !== undefined, 'an explanation needs `output`, `command` or `unless` to say when it applies'),
      ),
    ),
    [],
  ),
  wrong: z._default(z.array(z.strictObject({ command: text, explains: regex })), []),
  without: z._default(z.record(str(/^[\w.-]+$/, 'a tool name'), z.array(text).check(z.minLength(1))), {}),
  timeout: z._default(z.number().check(z.gt(0), z.lte(600)), 10),
  diagnose: z.optional(z.boolean()),
});

const toolName = str(/^[A-Za-z0-9][\w.+-]{0,63}$/, 'a program name such as nft or nc');
const featureName = z.enum(KERNEL_FEATURE_NAMES as [string, ...string[]], { error: `a kernel feature: one of ${KERNEL_FEATURE_NAMES.join(', ')}` });

export const FRONT_MATTER_SCHEMA = z.strictObject({
  id: str(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and -'),
  title: text,
  requires: z.optional(
    z.strictObject({
      tools: z._default(z.array(toolName), []),
      kernel: z._default(z.array(featureName), []),
    }),
  ),
  sysctl: z.optional(
    z.record(z.string(), z.union([z.string(), z.number()])).check(
      z.refine((r) => Object.keys(r).every((k) => SYSCTL_NAME.test(k) && k.startsWith('net.ipv4.')), 'every name must be an IPv4 setting in dotted form: it starts with net.ipv4. (such as net.ipv4.conf.all.rp_filter)'),
    ),
  ),
  /** false: no built-in diagnosis for this lesson's steps (a step's own `diagnose:` wins). */
  diagnose: z.optional(z.boolean()),
});

export type ZodError = z.core.$ZodError;
