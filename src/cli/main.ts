/** Entry point: parses arguments and picks a front end. The Ink UI is imported only when a terminal is there to show it. */
import { Command, CommanderError, Option } from 'commander';
import { isAbsolute, join, relative } from 'node:path';
import { detectLang, type Lang } from '../i18n/index.js';
import { builtinLessonsRoot, courseDir, courseKey, formatErrors } from '../lesson/course.js';
import { loadCourseLazily } from '../lesson/load-course-lazily.js';
import { allSteps, findStep } from '../lesson/refs.js';
import type { Course, LessonError } from '../lesson/types.js';
import { LabError, defaultMode, liveLabs } from '../lab/lab-error.js';
import { installHint, missingTools } from '../lab/tools.js';
import { tc } from './messages.js';
import { choicesNote, commanderError, helpSpacing, helpText, helpTitle, langFlag } from './help-text.js';
import type { EngineEvent } from '../engine/types.js';
import { labErrorMessage } from './lab-errors.js';
import { leanHeap } from './heap.js';
import { courseJson, stepJson, listJson } from '../report/json.js';
import { stripControls, terminalJson } from '../text/sanitize.js';
import type { JoinFlags, Joined } from '../class/join.js';
import type { ClassFlags } from '../class/run-class.js';

interface Globals extends JoinFlags {
  lessons?: string;
  lang?: string;
  plain?: boolean;
}

/** Raised to end the program with a message and an exit code, never a stack trace. */
export class Exit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** The steps `--steps 5,7.2` names: a lesson number takes all its steps. */
function stepsFilter(c: Course, list: string, lang: Lang): Set<string> {
  const refs = new Set<string>();
  for (const item of list.split(',').map((x) => x.trim()).filter(Boolean)) {
    const steps = /^\d+$/.test(item) ? allSteps(c).filter((s) => s.ref.startsWith(`${item}.`)) : allSteps(c).filter((s) => s.ref === item);
    if (!steps.length) throw new Exit(2, tc(lang, 'noStep', { ref: item }));
    for (const s of steps) refs.add(s.ref);
  }
  if (!refs.size) throw new Exit(2, tc(lang, 'stepsNeedMutants'));
  return refs;
}

/** Every line the CLI prints goes through here: titles, commands, output and names from a pack or a command are stripped. */
function out(s: string): void {
  s = stripControls(s);
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

function outJson(value: unknown): void {
  process.stdout.write(terminalJson(value) + '\n');
}

/** The message for an error nobody expected: what happened in one line, the stack only with NETNS_TUTOR_DEBUG=1. */
export function unexpectedErrorMessage(e: unknown, lang: Lang): string {
  const detail = stripControls(String((e as Error)?.message ?? e)).split('\n')[0].slice(0, 500);
  const stack = process.env.NETNS_TUTOR_DEBUG ? stripControls(String((e as Error)?.stack ?? e)) + '\n' : '';
  return stack + tc(lang, 'errInternal', { detail });
}

function showPath(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
}

function lessonErrors(errors: LessonError[]): Exit {
  return new Exit(1, formatErrors(errors, (e) => ({ ...e, file: showPath(e.file) })).join('\n'));
}

async function course(g: Globals, lang: Lang): Promise<Course> {
  const r = await loadCourseLazily(courseDir(g.lessons, lang));
  if (!r.course) throw lessonErrors(r.errors);
  return r.course;
}

/** Required tools must be there; optional ones (brctl) are replaced by the lesson's `without` commands. */
function toolCheck(lang: Lang): Set<string> {
  const missing = missingTools();
  const required = missing.filter((t) => t.required);
  if (required.length) throw new Exit(1, tc(lang, 'missingTools', { tools: required.map((t) => t.name).join(', '), hint: installHint(required) }));
  return new Set(missing.map((t) => t.name));
}


/** A pack's declared tools and kernel features, before anything of it runs. */
async function requirementsCheck(c: Course, lang: Lang): Promise<void> {
  const [{ courseRequirementProblems, requirementsMessage }, { featureCache }] = await Promise.all([import('../lab/requirements.js'), import('../lab/feature-cache.js')]);
  const problems = await courseRequirementProblems(c, undefined, featureCache(defaultMode()));
  if (problems.length) throw new Exit(1, requirementsMessage(problems, lang));
}

function secs(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function installSignalHandlers(lang: Lang): void {
  const bye = (code: number) => () => {
    for (const lab of liveLabs) lab.killNow();
    process.stderr.write(tc(lang, 'interrupted') + '\n');
    process.exit(code);
  };
  process.on('SIGINT', bye(130));
  process.on('SIGTERM', bye(143));
  process.on('SIGHUP', bye(129));
  process.on('exit', () => {
    for (const lab of liveLabs) lab.killNow();
  });
}

/** `--join`: the class link, loaded only when asked for (it loads no UI either). */
async function joinClass(g: Globals, lang: Lang, c: Course, mode: 'learn' | 'check'): Promise<Joined | undefined> {
  if (g.join === undefined) return undefined;
  const { openJoin } = await import('../class/join.js');
  return openJoin(g, c, mode, lang, (line) => process.stderr.write(line + '\n'));
}

async function runHeadlessCourse(g: Globals, lang: Lang, opts: { json?: boolean; verbosity: 'transcript' | 'summary'; from?: string }): Promise<number> {
  const c = await course(g, lang);
  const missing = toolCheck(lang);
  await requirementsCheck(c, lang);
  const [{ checkCourse }, { PlainReporter }] = await Promise.all([import('../engine/course-run.js'), import('../report/plain.js')]);
  const reporter = opts.json ? undefined : new PlainReporter({ lang, course: c, verbosity: opts.verbosity });
  const joined = await joinClass(g, lang, c, 'check');
  const emit = joined ? (e: EngineEvent) => (reporter?.on(e), joined.on(e)) : reporter?.on;
  const r = await checkCourse(c, { lang, missing, emit, from: opts.from ? findStep(c, opts.from) : undefined });
  const failed = r.steps.filter((s) => !s.passed).length;
  if (opts.json) outJson(courseJson(r));
  else {
    out('');
    out(r.passed ? tc(lang, 'summaryPass', { n: r.steps.length, s: secs(r.durationMs) }) : tc(lang, 'summaryFail', { failed: failed || r.expected - r.steps.length, n: r.expected, s: secs(r.durationMs) }));
  }
  await joined?.finish();
  return r.passed ? 0 : 1;
}

async function interactive(g: Globals, lang: Lang, start: string | undefined, mode: 'learn' | 'present', pace?: number): Promise<number> {
  const c = await course(g, lang);
  if (start !== undefined && !findStep(c, start)) throw new Exit(2, tc(lang, 'noStep', { ref: start }));
  const tty = process.stdin.isTTY && process.stdout.isTTY;
  if (!tty || g.plain) leanHeap();
  if (!tty) return runHeadlessCourse(g, lang, { verbosity: 'transcript', from: start });
  if (g.plain && mode === 'learn') return plainConversation(g, lang, start);
  if (g.plain) return runHeadlessCourse(g, lang, { verbosity: 'transcript', from: start });
  const missing = toolCheck(lang);
  await requirementsCheck(c, lang);
  // The splash and the progress store load only here: the headless path never needs them.
  const [{ drawSplash }, { ProgressStore }] = await Promise.all([import('../ui/splash.js'), import('../progress/store.js')]);
  const progress = new ProgressStore();
  // Before the splash: the UI clears exactly the splash's lines, so the join message must come first.
  const joined = await joinClass(g, lang, c, 'learn');
  const at = start ?? (mode === 'present' ? '1.1' : progress.load().courses[courseKey(g.lessons)]?.current);
  const splash = at ? drawSplash(c, at, lang, !process.env.NO_COLOR) : 0;
  // Ink draws nothing until exit when it believes it runs in CI; a terminal on both ends says otherwise.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  const [{ runInteractive }, { Session }, { staticFindings, summarize }] = await Promise.all([
    import('../ui/run-interactive.js'),
    import('../engine/session.js'),
    import('./doctor.js'),
  ]);
  const session = new Session({ course: c, lang, missing });
  if (joined) session.subscribe(joined.on);
  try {
    return await runInteractive({
      session,
      progress,
      courseKey: courseKey(g.lessons),
      splashLines: splash,
      startRef: start,
      mode,
      pace,
      environment: { mode: process.geteuid?.() === 0 ? 'root' : 'rootless', missing: missingTools(), doctor: summarize(lang, staticFindings(lang)) },
      classLink: joined,
      onFirstFrame: leanHeap,
    });
  } finally {
    await joined?.finish();
    await session.close();
  }
}

/** `--plain` on a terminal: the course step by step as a conversation (src/cli/plain-session.ts). */
async function plainConversation(g: Globals, lang: Lang, start: string | undefined): Promise<number> {
  const c = await course(g, lang);
  const missing = toolCheck(lang);
  const [{ runPlainSession }, { Session }, { ProgressStore }] = await Promise.all([import('./plain-session.js'), import('../engine/session.js'), import('../progress/store.js')]);
  const session = new Session({ course: c, lang, missing });
  try {
    return await runPlainSession({ session, progress: new ProgressStore(), courseKey: courseKey(g.lessons), lang, startRef: start });
  } finally {
    await session.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  let lang: Lang = detectLang(langFlag(argv));
  const h = helpText(lang);
  const program = new Command('netns-tutor')
    .description(h.program)
    .addOption(new Option('--lessons <dir>', h.optLessons))
    .addOption(new Option('--lang <lang>', h.optLang).choices(['en', 'zh']))
    .option('--plain', h.optPlain)
    .addOption(new Option('--join <url>', h.optJoin))
    .addOption(new Option('--code <code>', h.optCode))
    .addOption(new Option('--name <name>', h.optName))
    .addOption(new Option('--join-wait <seconds>', h.optJoinWait))
    .usage('[options] [command]')
    .version('0.1.0', '-V, --version', h.optVersion)
    .helpOption('-h, --help', h.optHelp)
    .helpCommand('help [command]', h.helpCommand)
    .configureHelp({
      styleTitle: (title) => helpTitle(lang, title),
      optionDescription: (o) => (o.argChoices ? `${o.description}${lang === 'zh' ? '' : ' '}${choicesNote(lang, o.argChoices)}` : o.description),
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(stripControls(helpSpacing(lang, s))),
      writeErr: (s) => process.stderr.write(stripControls(s)),
      outputError: (s, write) => write(commanderError(lang, s)),
    });
  const globals = (): Globals => program.opts<Globals>();
  let code = 0;
  program.hook('preAction', async (_program, action) => {
    lang = detectLang(globals().lang);
    installSignalHandlers(lang);
    const g = globals();
    if (g.join !== undefined || g.code !== undefined || g.name !== undefined || g.joinWait !== undefined) {
      const { joinProblem } = await import('../class/join.js');
      const name = action.name();
      const mutants = name === 'check' && action.opts<{ mutants?: boolean }>().mutants;
      const problem = joinProblem(g, lang, name === 'class' ? 'class' : name === 'check' && !mutants ? 'check' : name === 'start' || action === program ? 'learn' : 'other');
      if (problem) throw new Exit(2, problem);
    }
  });

  // Only the UI (the default command, start, present) waits for its first frame to slim the heap.
  program.hook('preAction', (_, action) => {
    if (action !== program && !['start', 'present'].includes(action.name())) leanHeap();
  });
  program.argument('[command]').action(async (word?: string) => {
    if (word !== undefined) {
      const names = program.commands.map((c) => c.name()).join(', ');
      throw new Exit(2, tc(lang, 'unknownCommand', { word, names }));
    }
    code = await interactive(globals(), lang, undefined, 'learn');
  });

  program
    .command('start')
    .description(h.start)
    .argument('[ref]', h.argRef)
    .action(async (ref?: string) => {
      code = await interactive(globals(), lang, ref, 'learn');
    });

  program
    .command('present')
    .description(h.present)
    .argument('[ref]', h.argRef)
    .option('--pace <seconds>', h.optPace, (v) => {
      const n = Number(v);
      if (!(n > 0)) throw new Exit(2, tc(lang, 'paceNeedsSeconds', { v }));
      return n;
    })
    .action(async (ref: string | undefined, o: { pace?: number }) => {
      code = await interactive(globals(), lang, ref, 'present', o.pace);
    });

  program
    .command('list')
    .description(h.list)
    .option('--json', h.optJson)
    .action(async (o: { json?: boolean }) => {
      const c = await course(globals(), lang);
      if (o.json) return outJson(listJson(c));
      c.lessons.forEach((l, li) => {
        out(`${li + 1}. ${l.title}`);
        l.steps.forEach((s, si) => {
          out(`   ${li + 1}.${si + 1} ${s.title}`);
          for (const cmd of s.commands) out(`        $ ${cmd}`);
        });
      });
    });

  program
    .command('check')
    .description(h.check)
    .option('--json', h.optJson)
    .option('--mutants', h.optMutants)
    .option('--verbose', h.optVerbose)
    .option('--steps <list>', h.optSteps)
    .action(async (o: { json?: boolean; mutants?: boolean; verbose?: boolean; steps?: string }) => {
      if (o.steps !== undefined && !o.mutants) throw new Exit(2, tc(lang, 'stepsNeedMutants'));
      if (!o.mutants) {
        code = await runHeadlessCourse(globals(), lang, { json: o.json, verbosity: o.verbose ? 'transcript' : 'summary' });
        return;
      }
      const c = await course(globals(), lang);
      const missing = toolCheck(lang);
      await requirementsCheck(c, lang);
      const { checkMutants } = await import('../engine/course-run.js');
      const only = o.steps === undefined ? undefined : stepsFilter(c, o.steps, lang);
      const r = await checkMutants(c, {
        lang,
        missing,
        only,
        onResult: o.json
          ? undefined
          : (m) => {
              out(`${m.passed ? '✔' : '✘'} ${m.ref} $ ${m.command}`);
              if (!m.stepFailed) out(`    ${showPath(m.file)}:${m.line}: ${tc(lang, 'mutantNotFailed')}`);
              else if (!m.explained) out(`    ${showPath(m.file)}:${m.line}: ${tc(lang, 'mutantNotExplained', { re: m.explains, got: m.explanations.map((e) => e.text).join(' | ') || '—' })}`);
            },
      });
      if (o.json) outJson({ passed: r.passed, mutants: r.mutants.length, results: r.mutants, durationMs: Math.round(r.durationMs) });
      else {
        const failed = r.mutants.filter((m) => !m.passed).length;
        out(r.passed ? tc(lang, 'mutantsPass', { n: r.mutants.length, s: secs(r.durationMs) }) : tc(lang, 'mutantsFail', { failed, n: r.mutants.length, s: secs(r.durationMs) }));
      }
      code = r.passed ? 0 : 1;
    });

  program
    .command('try')
    .description(h.try)
    .argument('<ref>', h.argRef)
    .argument('[command...]', h.argCommand)
    .option('--json', h.optJson)
    .action(async (ref: string, words: string[], o: { json?: boolean }) => {
      const c = await course(globals(), lang);
      if (!findStep(c, ref)) throw new Exit(2, tc(lang, 'noStep', { ref }));
      if (!words.length) throw new Exit(2, tc(lang, 'needCommand'));
      const command = words.length === 1 ? words[0] : words.map(quoteArg).join(' ');
      const missing = toolCheck(lang);
      await requirementsCheck(c, lang);
      const [{ tryStep }, { formatChecks, headAndTail }] = await Promise.all([import('../engine/course-run.js'), import('../report/plain.js')]);
      const r = await tryStep(c, ref, command, { lang, missing });
      if (o.json) outJson({ ...stepJson(r), explanations: r.explanations });
      else {
        out(`$ ${command}`);
        for (const cmd of r.commands) if (cmd.output.trim()) out(headAndTail(cmd.output).replace(/\n$/, '').replace(/^/gm, '    '));
        for (const l of formatChecks(r, lang)) out(l);
        out(tc(lang, r.passed ? 'tryPass' : 'tryFail', { ref: r.ref }));
      }
      code = r.passed ? 0 : 1;
    });

  program
    .command('class')
    .description(h.class)
    .option('--port <n>', h.optPort)
    .option('--host <address>', h.optHost)
    .option('--resume', h.optResume)
    .option('--headless', h.optHeadless)
    .action(async (o: ClassFlags) => {
      const { classProblem, runClass } = await import('../class/run-class.js');
      const flags = { ...o, code: globals().code };
      const problem = classProblem(flags, lang);
      if (problem) throw new Exit(2, problem);
      code = await runClass(flags, lang, { say: out, complain: (line) => process.stderr.write(line + '\n') });
    });

  program
    .command('lint')
    .description(h.lint)
    .argument('[dir]', h.argDir)
    .action(async (dir?: string) => {
      const { lintTree } = await import('../lesson/lint.js');
      const target = dir ?? globals().lessons ?? builtinLessonsRoot();
      const { errors, warnings, files } = lintTree(target);
      const shown = [...errors, ...warnings.map((w) => ({ ...w, message: `${tc(lang, 'warning')}: ${w.message}` }))];
      if (shown.length) process.stderr.write(formatErrors(shown, (e) => ({ ...e, file: showPath(e.file) })).join('\n') + '\n');
      if (errors.length) {
        out(tc(lang, 'lintErrors', { n: errors.length }) + (warnings.length ? ' ' + tc(lang, 'lintWarnings', { n: warnings.length }) : ''));
        code = 1;
      } else out(tc(lang, 'lintClean', { n: files }) + (warnings.length ? ' ' + tc(lang, 'lintWarnings', { n: warnings.length }) : ''));
    });

  program
    .command('doctor')
    .description(h.doctor)
    .option('--json', h.optJson)
    .action(async (o: { json?: boolean }) => {
      const { runDoctor } = await import('./doctor.js');
      code = await runDoctor(lang, !!o.json, await loadCourseLazily(courseDir(globals().lessons, lang)));
    });

  program
    .command('progress')
    .description(h.progress)
    .option('--json', h.optJson)
    .option('--reset [course]', h.optReset)
    .action(async (o: { json?: boolean; reset?: string | true }) => {
      const { showProgress, resetProgress } = await import('./progress.js');
      if (o.reset !== undefined) code = resetProgress(lang, o.reset === true ? undefined : o.reset);
      else code = showProgress(lang, !!o.json, (await loadCourseLazily(courseDir(globals().lessons, lang))).course, courseKey(globals().lessons));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof Exit) {
      if (e.message) process.stderr.write(stripControls(e.message) + '\n');
      return e.code;
    }
    if (e instanceof LabError) {
      process.stderr.write(stripControls(labErrorMessage(e, lang)) + '\n');
      return 1;
    }
    process.stderr.write(unexpectedErrorMessage(e, lang) + '\n');
    return 1;
  }
}

