/** zod building blocks for lesson fields (names, addresses, regexes), with messages that say what to write. */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { SYSCTL_NAME } from '../lab/sysctl-names.js';
import { packRegexProblem } from '../text/pack-regex.js';

z.config(en());

export const str = (re: RegExp, message: string) => z.string().check(z.regex(re, message));
export const text = z.string().check(z.minLength(1, 'must not be empty'));
export const where = str(/^[A-Za-z0-9_.-]+$/, 'a namespace name: host or a named namespace');
export const iface = str(/^[^\s/]{1,15}$/, 'an interface name (at most 15 characters, no spaces or /)');
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
export const ipv4 = str(new RegExp(`^${IPV4}$`), 'an IPv4 address such as 192.168.100.1');
export const cidr = str(new RegExp(`^${IPV4}/(3[0-2]|[12]?\\d)$`), 'an IPv4 address with prefix, such as 192.168.100.1/24');
export const mac = str(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/, 'a MAC address such as 02:00:00:00:00:01');
export const sysctlName = str(SYSCTL_NAME, 'a sysctl name in dotted form, such as net.ipv4.ip_forward');
export const regex = z.string().check(
  z.refine((s) => packRegexProblem(s) === undefined, {
    error: (issue) => `a valid regular expression is needed (${packRegexProblem(String(issue.input)) ?? 'not a text'})`,
  }),
);
export const flag = (value: boolean) => z._default(z.boolean(), value);
export const inNs = z._default(where, 'host');
/** 1-based index of one of the step's command lines. */
export const commandIndex = z.optional(z.int().check(z.gte(1, 'counts from 1: the first command line is 1'), z.lte(100)));
/** Keys every expectation accepts, whatever its kind. */
export const COMMON_FIELDS = { explain: z.optional(text), label: z.optional(text) };
