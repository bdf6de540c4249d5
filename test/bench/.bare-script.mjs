// src/lesson/course.ts
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// src/lesson/parse.ts
import { Lexer } from "marked";
import { LineCounter, parseDocument, isMap, isSeq } from "yaml";

// src/lesson/schema.ts
import * as z from "zod/mini";
import { en } from "zod/locales";
z.config(en());
var str = (re, message) => z.string().check(z.regex(re, message));
var text = z.string().check(z.minLength(1, "must not be empty"));
var where = str(/^[A-Za-z0-9_.-]+$/, "a namespace name: host or a named namespace");
var iface = str(/^[^\s/]{1,15}$/, "an interface name (at most 15 characters, no spaces or /)");
var OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var IPV4 = `${OCTET}(\\.${OCTET}){3}`;
var ipv4 = str(new RegExp(`^${IPV4}$`), "an IPv4 address such as 192.168.100.1");
var cidr = str(new RegExp(`^${IPV4}/(3[0-2]|[12]?\\d)$`), "an IPv4 address with prefix, such as 192.168.100.1/24");
var regex2 = z.string().check(
  z.refine((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }, "a valid regular expression")
);
var packet = z.enum(["arp-request", "arp-reply", "icmp-echo", "icmp-echo-request", "icmp-echo-reply"]);
var flag = (value) => z._default(z.boolean(), value);
var inNs = z._default(where, "host");
var common = { explain: z.optional(text) };
var EXPECTATION_SCHEMAS = {
  exit: z.strictObject({ exit: z.union([z.int().check(z.gte(0), z.lte(255)), z.literal("nonzero")]), ...common }),
  output: z.strictObject({ output: regex2, matches: flag(true), ...common }),
  netns: z.strictObject({ netns: where, exists: flag(true), ...common }),
  link: z.strictObject({ link: iface, in: inNs, exists: flag(true), up: z.optional(z.boolean()), ...common }),
  addr: z.strictObject({ addr: cidr, dev: iface, in: inNs, exists: flag(true), ...common }),
  port: z.strictObject({ port: iface, bridge: iface, in: inNs, exists: flag(true), ...common }),
  "same-mac": z.strictObject({ "same-mac": z.tuple([iface, iface]), in: inNs, ...common }),
  neigh: z.strictObject({ neigh: ipv4, dev: iface, in: inNs, resolved: flag(true), ...common }),
  learned: z.strictObject({ learned: iface, in: inNs, "mac-of": iface, "mac-in": inNs, ...common }),
  ping: z.strictObject({
    ping: ipv4,
    from: inNs,
    iface: z.optional(iface),
    succeeds: flag(true),
    timeout: z.optional(z.number().check(z.gt(0), z.lte(10))),
    ...common
  }),
  capture: z.strictObject({
    capture: iface,
    in: inNs,
    shows: z._default(z.array(packet), []),
    hides: z._default(z.array(packet), []),
    during: z.optional(text),
    ...common
  })
};
var KIND_NAMES = Object.keys(EXPECTATION_SCHEMAS);
var STEP_BLOCK_SCHEMA = z.strictObject({
  expect: z.array(z.unknown()).check(z.minLength(1, "a step needs at least one expectation")),
  hints: z.array(text).check(z.minLength(1, "a step needs at least one hint")),
  why: z.optional(text),
  explain: z._default(
    z.array(
      z.strictObject({ output: z.optional(regex2), command: z.optional(regex2), say: text }).check(
        z.refine((e) => e.output !== void 0 || e.command !== void 0, "an explanation needs `output` or `command` (or both) to say when it applies")
      )
    ),
    []
  ),
  wrong: z._default(z.array(z.strictObject({ command: text, explains: regex2 })), []),
  without: z._default(z.record(str(/^[\w.-]+$/, "a tool name"), z.array(text).check(z.minLength(1))), {}),
  timeout: z._default(z.number().check(z.gt(0), z.lte(600)), 10)
});
var FRONT_MATTER_SCHEMA = z.strictObject({
  id: str(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and -"),
  title: text
});

// src/lesson/parse.ts
var MAX_BYTES = 512 * 1024;
var RUN_INFO = "sh run";
var STEP_INFO = "yaml step";
var Errors = class {
  constructor(file) {
    this.file = file;
  }
  file;
  list = [];
  add(line, message) {
    this.list.push({ file: this.file, line: Math.max(1, line), message });
  }
};
var YamlBlock = class {
  constructor(text2, firstLine) {
    this.firstLine = firstLine;
    this.doc = parseDocument(text2, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: true });
  }
  firstLine;
  doc;
  counter = new LineCounter();
  lineAt(offset) {
    if (offset === void 0) return this.firstLine;
    return this.firstLine + this.counter.linePos(offset).line - 1;
  }
  lineOfPath(path) {
    for (let i = path.length; i >= 0; i--) {
      const node = this.doc.getIn(path.slice(0, i), true);
      if (node && typeof node === "object" && "range" in node && node.range) return this.lineAt(node.range[0]);
      const parent = this.doc.getIn(path.slice(0, i - 1), true);
      if (i > 0 && isMap(parent)) {
        const pair = parent.items.find((p) => p.key?.value === path[i - 1]);
        if (pair && pair.key?.range) return this.lineAt(pair.key.range[0]);
      }
    }
    return this.firstLine;
  }
  /** Reports YAML syntax errors, each distinct one once and at most five per block. */
  syntaxErrors(errors) {
    const seen = /* @__PURE__ */ new Set();
    for (const e of this.doc.errors) {
      const message = `YAML: ${e.message.split("\n")[0]}`;
      if (seen.has(message) || seen.size >= 5) continue;
      seen.add(message);
      errors.add(this.lineAt(e.pos[0]), message);
    }
    return this.doc.errors.length > 0;
  }
};
function reportZod(err, block, errors, prefix = [], what = "") {
  for (const issue of err.issues) {
    const path = [...prefix, ...issue.path];
    const where2 = issue.path.length ? `\`${issue.path.join(".")}\`` : what || "block";
    let message;
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys;
      message = `unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `\`${k}\``).join(", ")}${what ? ` in ${what}` : ""}`;
      const first = keys[0];
      errors.add(block.lineOfPath([...path, first]), message);
      continue;
    }
    const inWhat = what && issue.path.length ? ` in ${what}` : "";
    if (issue.code === "invalid_type" && path.length && !block.doc.hasIn(path)) message = `missing ${where2}${inWhat}`;
    else if (issue.code === "invalid_type") {
      const got = describeValue(path.length ? block.doc.getIn(path) : block.doc.toJS());
      const want = EXPECTED[String(issue.expected)] ?? String(issue.expected);
      message = `${where2}${inWhat} must be ${want}, not ${got}`;
      if (want === "a text" && got === "a mapping") message += ' (a plain YAML text containing ": " is read as a mapping: put the text in quotes)';
    } else if (issue.code === "invalid_union" && path[path.length - 1] === "exit") message = `${where2}${inWhat} must be a number from 0 to 255, or \`nonzero\``;
    else message = `${where2}${inWhat}: ${issue.message}`;
    errors.add(block.lineOfPath(path), message);
  }
}
var EXPECTED = {
  string: "a text",
  boolean: "true or false",
  number: "a number",
  int: "a whole number",
  array: "a list",
  object: "a mapping (key: value lines)",
  tuple: "a list"
};
function describeValue(v) {
  if (v === null || v === void 0) return "empty";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return isMap(v) || !isSeq(v) ? "a mapping" : "a list";
  if (typeof v === "string") return `the text "${v.length > 30 ? `${v.slice(0, 30)}\u2026` : v}"`;
  return `${typeof v === "number" ? "the number" : "the value"} ${String(v)}`;
}
function blockValue(block, errors, line) {
  try {
    return { ok: true, value: block.doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    errors.add(line, `YAML: ${e.message.split("\n")[0]}`);
    return { ok: false };
  }
}
function slug(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
function toExpectation(kind, v, line) {
  const base = { line, explain: v.explain };
  switch (kind) {
    case "exit":
      return { ...base, kind, status: v.exit };
    case "output":
      return { ...base, kind, pattern: v.output, matches: v.matches };
    case "netns":
      return { ...base, kind, name: v.netns, exists: v.exists };
    case "link":
      return { ...base, kind, name: v.link, in: v.in, exists: v.exists, up: v.up };
    case "addr":
      return { ...base, kind, cidr: v.addr, dev: v.dev, in: v.in, exists: v.exists };
    case "port":
      return { ...base, kind, name: v.port, bridge: v.bridge, in: v.in, exists: v.exists };
    case "same-mac":
      return { ...base, kind, a: v["same-mac"][0], b: v["same-mac"][1], in: v.in };
    case "neigh":
      return { ...base, kind, address: v.neigh, dev: v.dev, in: v.in, resolved: v.resolved };
    case "learned":
      return { ...base, kind, bridge: v.learned, in: v.in, macOf: v["mac-of"], macIn: v["mac-in"] };
    case "ping":
      return { ...base, kind, target: v.ping, from: v.from, iface: v.iface, succeeds: v.succeeds, timeout: v.timeout };
    case "capture":
      return { ...base, kind, iface: v.capture, in: v.in, shows: v.shows, hides: v.hides, during: v.during };
  }
}
function parseExpectations(items, block, errors) {
  const out = [];
  items.forEach((item, i) => {
    const path = ["expect", i];
    const line = block.lineOfPath(path);
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      errors.add(line, `expectation ${i + 1} must be a mapping such as \`link: veth0-0\``);
      return;
    }
    const keys = Object.keys(item);
    const kinds = keys.filter((k) => KIND_NAMES.includes(k));
    if (kinds.length === 0) {
      errors.add(line, `expectation ${i + 1} has no known kind (first key \`${keys[0] ?? ""}\`); use one of: ${KIND_NAMES.join(", ")}`);
      return;
    }
    if (kinds.length > 1) {
      errors.add(line, `expectation ${i + 1} names several kinds (${kinds.join(", ")}); split it into one expectation per kind`);
      return;
    }
    const kind = kinds[0];
    const r = EXPECTATION_SCHEMAS[kind].safeParse(item);
    if (!r.success) {
      reportZod(r.error, block, errors, path, `\`${kind}\` expectation`);
      return;
    }
    if (kind === "capture" && r.data.shows.length + r.data.hides.length === 0) {
      errors.add(line, "`capture` expectation needs `shows` or `hides`");
      return;
    }
    out.push(toExpectation(kind, r.data, line));
  });
  return out;
}
function lineCount(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
function splitCommands(text2) {
  const out = [];
  let cur = "";
  for (const raw of text2.split("\n")) {
    const line = raw.trim();
    if (!cur && (!line || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      cur += line.slice(0, -1).trimEnd() + " ";
      continue;
    }
    out.push((cur + line).trim());
    cur = "";
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
function parseLesson(file, text2) {
  const errors = new Errors(file);
  const bytes = Buffer.byteLength(text2);
  if (bytes > MAX_BYTES) {
    errors.add(1, `file is ${bytes} bytes; a lesson may be at most ${MAX_BYTES} bytes`);
    return { errors: errors.list };
  }
  if (text2.includes("\0")) {
    errors.add(1, "not a UTF-8 text file (binary data found)");
    return { errors: errors.list };
  }
  const bad = text2.indexOf("\uFFFD");
  if (bad >= 0) {
    errors.add(lineCount(text2.slice(0, bad)) + 1, "not UTF-8: this line has bytes that are not UTF-8 text (save the file as UTF-8)");
    return { errors: errors.list };
  }
  text2 = text2.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  if (!text2.trim()) {
    errors.add(1, "empty file: a lesson needs front matter (--- id, title ---) and at least one `## ` step");
    return { errors: errors.list };
  }
  const fm = /^---\n(?:([\s\S]*?)\n)?---[ \t]*(\n|$)/.exec(text2);
  if (!fm) {
    errors.add(1, text2.startsWith("---") ? "front matter is never closed: add a line `---` after it" : "missing front matter: start the file with ---, then `id:` and `title:`, then ---");
    return { errors: errors.list };
  }
  const front = new YamlBlock(fm[1] ?? "", 2);
  let id = "";
  let title = "";
  const fmValue = front.syntaxErrors(errors) ? void 0 : blockValue(front, errors, 2);
  if (fmValue?.ok) {
    const r = FRONT_MATTER_SCHEMA.safeParse(fmValue.value ?? {});
    if (!r.success) reportZod(r.error, front, errors, [], "front matter");
    else ({ id, title } = r.data);
  }
  const bodyStart = lineCount(fm[0]) + 1;
  const body = text2.slice(fm[0].length);
  let tokens;
  try {
    tokens = new Lexer({ gfm: true }).blockTokens(body.replace(/\r\n|\r/g, "\n"), []);
  } catch (e) {
    errors.add(bodyStart, `cannot read the Markdown of this lesson: ${e.message} (is something nested thousands of levels deep?)`);
    return { errors: errors.list };
  }
  let line = bodyStart;
  const intro = [];
  const drafts = [];
  for (const tok of tokens) {
    const here = line + lineCount(tok.raw.slice(0, tok.raw.length - tok.raw.trimStart().length));
    line += lineCount(tok.raw);
    const cur = drafts[drafts.length - 1];
    if (tok.type === "heading" && tok.depth === 2) {
      const m = /^(.*?)\s*\{#([A-Za-z0-9_-]+)\}\s*$/.exec(tok.text);
      const t = (m ? m[1] : tok.text).trim();
      drafts.push({ title: t, id: m ? m[2] : slug(t) || `step-${drafts.length + 1}`, line: here, prose: [] });
      continue;
    }
    if (tok.type === "code") {
      const code = tok;
      const closed = /\n\s*(```+|~~~+)\s*$/.test(code.raw.trimEnd()) || /^(```+|~~~+)[^\n]*\n?(```+|~~~+)\s*$/.test(code.raw.trim());
      if (code.codeBlockStyle !== "indented" && !closed) errors.add(here, "this code fence never closes: add a line ``` after its last line");
      const info = (code.lang ?? "").trim().replace(/\s+/g, " ");
      if (info === RUN_INFO || info === STEP_INFO) {
        if (!cur) {
          errors.add(here, `a \`${info}\` block must come after a \`## \` step heading`);
          continue;
        }
        const slot = info === RUN_INFO ? "run" : "block";
        if (cur[slot]) errors.add(here, `step "${cur.title}" has a second \`${info}\` block (first at line ${cur[slot].line}); merge them`);
        else cur[slot] = { text: code.text, line: here };
        continue;
      }
    }
    (cur ? cur.prose : intro).push(tok.raw);
  }
  if (drafts.length === 0) errors.add(bodyStart, "no steps: each step starts with a `## ` heading");
  const steps = [];
  const seen = /* @__PURE__ */ new Map();
  for (const d of drafts) {
    if (seen.has(d.id)) errors.add(d.line, `duplicate step id \`${d.id}\` (also at line ${seen.get(d.id)})`);
    seen.set(d.id, d.line);
    if (!d.run) errors.add(d.line, `step "${d.title}" has no \`\`\`${RUN_INFO} block with the commands to run`);
    if (!d.block) {
      errors.add(d.line, `step "${d.title}" has no \`\`\`${STEP_INFO} block: every step needs expectations (expect:) and hints (hints:)`);
      continue;
    }
    const commands = d.run ? splitCommands(d.run.text) : [];
    if (d.run && commands.length === 0) errors.add(d.run.line, "the run block has no command");
    const block = new YamlBlock(d.block.text, d.block.line + 1);
    if (block.syntaxErrors(errors)) continue;
    const value = blockValue(block, errors, d.block.line + 1);
    if (!value.ok) continue;
    const raw = value.value;
    if (raw === null || raw === void 0 || typeof raw !== "object" || Array.isArray(raw)) {
      errors.add(d.block.line, `the \`${STEP_INFO}\` block must be a mapping with \`expect:\` and \`hints:\``);
      continue;
    }
    const r = STEP_BLOCK_SCHEMA.safeParse(raw);
    if (!r.success) {
      reportZod(r.error, block, errors, [], `step "${d.title}"`);
      continue;
    }
    const expect = parseExpectations(r.data.expect, block, errors);
    steps.push({
      id: d.id,
      title: d.title,
      prose: d.prose.join("").trim(),
      commands,
      expect,
      hints: r.data.hints,
      why: r.data.why,
      explain: r.data.explain.map((e, i) => ({ ...e, line: block.lineOfPath(["explain", i]) })),
      wrong: r.data.wrong.map((w, i) => ({ ...w, line: block.lineOfPath(["wrong", i]) })),
      without: r.data.without,
      timeout: r.data.timeout,
      line: d.line,
      commandsLine: (d.run?.line ?? d.line) + 1
    });
  }
  if (errors.list.length) return { errors: errors.list };
  return { lesson: { id, title, intro: intro.join("").trim(), steps, file }, errors: [] };
}

// src/lesson/course.ts
function builtinLessonsRoot() {
  let dir2 = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir2, "lessons", "en"))) return join(dir2, "lessons");
    dir2 = dirname(dir2);
  }
  return resolve("lessons");
}
function lessonFiles(dir2) {
  return readdirSync(dir2).filter((f) => f.endsWith(".md") && !/^readme\.md$/i.test(f) && !f.startsWith("_")).sort().map((f) => join(dir2, f));
}
function isCourseRoot(dir2) {
  return existsSync(join(dir2, "en")) && statSync(join(dir2, "en")).isDirectory();
}
function courseDir(lessonsOption, lang) {
  const root = lessonsOption ? resolve(lessonsOption) : builtinLessonsRoot();
  if (isCourseRoot(root)) return existsSync(join(root, lang)) ? join(root, lang) : join(root, "en");
  return root;
}
function loadCourse(dir2) {
  if (!existsSync(dir2) || !statSync(dir2).isDirectory()) return { errors: [{ file: dir2, line: 1, message: "no such lessons folder" }] };
  const files = lessonFiles(dir2);
  if (files.length === 0) return { errors: [{ file: dir2, line: 1, message: "no lesson files (*.md) in this folder" }] };
  const errors = [];
  const lessons = [];
  const ids = /* @__PURE__ */ new Map();
  for (const file of files) {
    let text2;
    try {
      text2 = readFileSync(file, "utf8");
    } catch (e) {
      errors.push({ file, line: 1, message: `cannot read: ${e.message}` });
      continue;
    }
    const r = parseLesson(file, text2);
    errors.push(...r.errors);
    if (!r.lesson) continue;
    const other = ids.get(r.lesson.id);
    if (other) errors.push({ file, line: 2, message: `duplicate lesson id \`${r.lesson.id}\` (also in ${other})` });
    ids.set(r.lesson.id, file);
    lessons.push(r.lesson);
  }
  if (errors.length) return { errors };
  return { course: { dir: dir2, lessons }, errors: [] };
}

// src/lesson/refs.ts
function allSteps(course2) {
  const out = [];
  course2.lessons.forEach(
    (l, li) => l.steps.forEach((step, si) => out.push({ ref: `${li + 1}.${si + 1}`, lessonIndex: li, stepIndex: si, flat: out.length, step }))
  );
  return out;
}

// src/lab/state.ts
var ALL_SECTIONS = /* @__PURE__ */ new Set(["ids", "links", "neigh", "fdb", "routes"]);
var READERS = {
  ids: 'echo "@@ids $1"; ip $2 -j netns list 2>/dev/null; echo',
  links: 'echo "@@links $1"; ip $2 -j -d addr show; echo',
  neigh: 'echo "@@neigh $1"; ip $2 -j -4 neigh show; echo',
  fdb: 'echo "@@fdb $1"; bridge $2 -j fdb show 2>/dev/null; echo',
  routes: 'echo "@@routes $1"; ip $2 -j -4 route show; echo'
};
function snapshotScript(sections = ALL_SECTIONS) {
  const body = [...sections].map((s) => `  ${READERS[s]}`).join("\n");
  return `snap() {
${body}
}
snap host ""
for n in $(ip netns list | cut -d' ' -f1); do snap "$n" "-n $n"; done
`;
}
var SNAPSHOT_SCRIPT = snapshotScript();

// src/i18n/index.ts
function fill(template, vars = {}) {
  return template.replace(/\{(\w+)\}/g, (m, k) => k in vars ? String(vars[k]) : m);
}
function translator(table2) {
  return (lang, key, vars) => fill(table2[lang][key] ?? table2.en[key], vars);
}

// src/checks/labels.ts
var table = {
  en: {
    exit0: "the command succeeds (exit status 0)",
    exitNonzero: "the command fails (non-zero exit status)",
    exitN: "the command exits with status {n}",
    output: "the output shows /{p}/",
    noOutput: "the output does not show /{p}/",
    netns: "namespace {name} exists",
    noNetns: "namespace {name} does not exist",
    link: "{name} exists in {ns}",
    noLink: "{name} does not exist in {ns}",
    linkUp: "{name} is up in {ns}",
    linkDown: "{name} is down in {ns}",
    addr: "{dev} has {cidr} in {ns}",
    noAddr: "{dev} does not have {cidr} in {ns}",
    port: "{name} is a port of {bridge}",
    noPort: "{name} is not a port of {bridge}",
    sameMac: "{a} and {b} have the same MAC address",
    neigh: "the ARP entry for {addr} on {dev} is resolved",
    noNeigh: "the ARP entry for {addr} on {dev} is not resolved",
    learned: "{bridge} has learned the MAC of {of} ({ofns})",
    ping: "ping {target} from {from}{via} gets a reply",
    noPing: "ping {target} from {from}{via} gets no reply",
    via: " via {iface}",
    capture: "tcpdump on {iface} ({ns}){shows}{hides}",
    shows: " sees {kinds}",
    hides: "{and} does not see {kinds}",
    and: ",",
    failedAsExpected: "failed as expected",
    actualExit: "exit status was {n}",
    actualSignal: "killed by {signal}",
    actualTimeout: "timed out after {s}s and was killed",
    actualNoCommand: "no command ran",
    actualNoNetns: "namespaces present: {list}",
    actualMissing: "{name} is not in {ns}",
    actualElsewhere: "{name} is in {where}, not {ns}",
    actualPresent: "it is there",
    actualState: "{name} is {state}",
    actualAddrs: "{dev} has {list}",
    actualMaster: "{name} is a port of {master}",
    actualNoMaster: "{name} is not a port of any bridge",
    actualMacs: "{a} is {ma}, {b} is {mb}",
    actualNeigh: "the entry is {state}",
    actualNoNeighEntry: "there is no entry",
    actualNotLearned: "no learned entry for {mac}",
    actualReplied: "it got a reply",
    actualNoReply: "no reply",
    actualPingError: "the ping could not run: {error}",
    actualSaw: "saw {kinds}",
    actualSawNothing: "saw nothing of interest",
    none: "none",
    up: "UP",
    down: "DOWN",
    host: "host"
  },
  zh: {
    exit0: "\u547D\u4EE4\u6267\u884C\u6210\u529F\uFF08\u9000\u51FA\u7801 0\uFF09",
    exitNonzero: "\u547D\u4EE4\u6267\u884C\u5931\u8D25\uFF08\u9000\u51FA\u7801\u975E 0\uFF09",
    exitN: "\u547D\u4EE4\u7684\u9000\u51FA\u7801\u4E3A {n}",
    output: "\u8F93\u51FA\u4E2D\u51FA\u73B0 /{p}/",
    noOutput: "\u8F93\u51FA\u4E2D\u6CA1\u6709 /{p}/",
    netns: "\u547D\u540D\u7A7A\u95F4 {name} \u5B58\u5728",
    noNetns: "\u547D\u540D\u7A7A\u95F4 {name} \u4E0D\u5B58\u5728",
    link: "{ns} \u4E2D\u6709\u63A5\u53E3 {name}",
    noLink: "{ns} \u4E2D\u6CA1\u6709\u63A5\u53E3 {name}",
    linkUp: "{ns} \u4E2D\u7684 {name} \u5DF2\u542F\u7528\uFF08UP\uFF09",
    linkDown: "{ns} \u4E2D\u7684 {name} \u5904\u4E8E\u5173\u95ED\u72B6\u6001\uFF08DOWN\uFF09",
    addr: "{ns} \u4E2D\u7684 {dev} \u914D\u6709\u5730\u5740 {cidr}",
    noAddr: "{ns} \u4E2D\u7684 {dev} \u6CA1\u6709\u5730\u5740 {cidr}",
    port: "{name} \u662F\u7F51\u6865 {bridge} \u7684\u7AEF\u53E3",
    noPort: "{name} \u4E0D\u662F\u7F51\u6865 {bridge} \u7684\u7AEF\u53E3",
    sameMac: "{a} \u548C {b} \u7684 MAC \u5730\u5740\u76F8\u540C",
    neigh: "{dev} \u4E0A {addr} \u7684 ARP \u8868\u9879\u5DF2\u89E3\u6790",
    noNeigh: "{dev} \u4E0A {addr} \u7684 ARP \u8868\u9879\u672A\u89E3\u6790",
    learned: "{bridge} \u5DF2\u5B66\u5230 {of}\uFF08{ofns}\uFF09\u7684 MAC \u5730\u5740",
    ping: "\u4ECE {from}{via} ping {target} \u80FD\u6536\u5230\u56DE\u590D",
    noPing: "\u4ECE {from}{via} ping {target} \u6536\u4E0D\u5230\u56DE\u590D",
    via: " \u7ECF {iface}",
    capture: "\u5728 {iface}\uFF08{ns}\uFF09\u4E0A\u6293\u5305{shows}{hides}",
    shows: "\uFF0C\u80FD\u770B\u5230 {kinds}",
    hides: "{and}\u770B\u4E0D\u5230 {kinds}",
    and: ",",
    failedAsExpected: "\u5982\u9884\u671F\u822C\u5931\u8D25",
    actualExit: "\u9000\u51FA\u7801\u4E3A {n}",
    actualSignal: "\u88AB\u4FE1\u53F7 {signal} \u7EC8\u6B62",
    actualTimeout: "\u8FD0\u884C\u8D85\u8FC7 {s} \u79D2\uFF0C\u5DF2\u88AB\u7EC8\u6B62",
    actualNoCommand: "\u6CA1\u6709\u6267\u884C\u4EFB\u4F55\u547D\u4EE4",
    actualNoNetns: "\u73B0\u6709\u7684\u547D\u540D\u7A7A\u95F4\uFF1A{list}",
    actualMissing: "{ns} \u4E2D\u6CA1\u6709 {name}",
    actualElsewhere: "{name} \u5728 {where} \u4E2D\uFF0C\u800C\u4E0D\u5728 {ns} \u4E2D",
    actualPresent: "\u5B83\u5DF2\u7ECF\u5B58\u5728",
    actualState: "{name} \u7684\u72B6\u6001\u662F {state}",
    actualAddrs: "{dev} \u4E0A\u7684\u5730\u5740\uFF1A{list}",
    actualMaster: "{name} \u662F {master} \u7684\u7AEF\u53E3",
    actualNoMaster: "{name} \u4E0D\u5C5E\u4E8E\u4EFB\u4F55\u7F51\u6865",
    actualMacs: "{a} \u662F {ma},{b} \u662F {mb}",
    actualNeigh: "\u8868\u9879\u72B6\u6001\u4E3A {state}",
    actualNoNeighEntry: "\u6CA1\u6709\u8FD9\u6761\u8868\u9879",
    actualNotLearned: "\u6CA1\u6709\u5B66\u5230 {mac} \u7684\u8868\u9879",
    actualReplied: "\u6536\u5230\u4E86\u56DE\u590D",
    actualNoReply: "\u6CA1\u6709\u56DE\u590D",
    actualPingError: "ping \u65E0\u6CD5\u6267\u884C\uFF1A{error}",
    actualSaw: "\u6293\u5230\u4E86 {kinds}",
    actualSawNothing: "\u6CA1\u6709\u6293\u5230\u76F8\u5173\u7684\u5305",
    none: "\u65E0",
    up: "UP",
    down: "DOWN",
    host: "\u4E3B\u673A"
  }
};
var tl = translator(table);

// src/engine/probes.ts
function inNs2(ns, command) {
  return ns === "host" ? command : `ip netns exec ${ns} ${command}`;
}
function pingCommand(e) {
  const wait = e.timeout ?? (e.succeeds ? 2 : 0.5);
  return inNs2(e.from, `ping -n -c 1 -W ${wait}${e.iface ? ` -I ${e.iface}` : ""} ${e.target}`);
}

// test/bench/bare-script.ts
var [dir, upTo] = process.argv.slice(2);
var course = loadCourse(courseDir(dir, "en")).course;
if (!course) throw new Error(`cannot load ${dir}`);
var lines = [
  "set +e",
  "if [ -d /run/netns ]; then mount -t tmpfs none /run/netns; else mount -t tmpfs none /run; mkdir /run/netns; fi",
  "mount -t sysfs sysfs /sys",
  "ip link set lo up"
];
var capture = (file, ns, iface2) => `${inNs2(ns, `tcpdump --immediate-mode -l -t -nn -e -i ${iface2} arp or icmp`)} >${file} 2>&1 & CAPS="$CAPS $!"; until grep -q "listening on" ${file} 2>/dev/null; do sleep 0.005; done`;
var replayOnly = upTo !== void 0;
for (const s of allSteps(course)) {
  if (upTo && s.ref === upTo) break;
  lines.push(`# ${s.ref}`, "CAPS=");
  if (!replayOnly) s.step.expect.forEach((e, i) => e.kind === "capture" && !e.during && lines.push(capture(`/run/cap.${i}`, e.in, e.iface)));
  lines.push(...s.step.commands.map((c) => `${c} >/dev/null 2>&1`));
  if (replayOnly) continue;
  lines.push('[ -n "$CAPS" ] && { sleep 0.06; kill -INT $CAPS; wait $CAPS 2>/dev/null; }');
  for (const e of s.step.expect) {
    if (e.kind === "ping") lines.push(`${pingCommand(e)} >/dev/null 2>&1`);
    if (e.kind === "capture" && e.during) lines.push("CAPS=", capture("/run/cap.d", e.in, e.iface), `${e.during} >/dev/null 2>&1`, "sleep 0.06; kill -INT $CAPS; wait $CAPS 2>/dev/null");
  }
}
process.stdout.write(lines.join("\n") + "\n");
