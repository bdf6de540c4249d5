/** The in-memory shape of a course, as parsed from lesson Markdown. */

export type { Where, PacketKind } from '../checks/kind.js';
export type { Expectation, ExpectationKind } from '../checks/expectation.js';
import type { Expectation } from '../checks/expectation.js';

export interface Explanation {
  output?: string;
  command?: string;
  /** Patterns that must not match: the linear-time way to say "ping, but without -I". */
  unless?: { output?: string; command?: string };
  say: string;
  /** The command that repairs the mistake; offered once proven on a copy of the learner's lab. */
  fix?: string;
  line: number;
}

export interface WrongAnswer {
  command: string;
  explains: string;
  line: number;
}

export interface Step {
  id: string;
  title: string;
  /** Markdown prose of the step, without the run and step blocks. */
  prose: string;
  commands: string[];
  expect: Expectation[];
  hints: string[];
  why?: string;
  explain: Explanation[];
  wrong: WrongAnswer[];
  /** Tool name -> commands to run instead when that tool is not installed. */
  without: Record<string, string[]>;
  /** Seconds each command may run. */
  timeout: number;
  /** The built-in diagnosis explains this step's failures (false: only the lesson's own explanations). */
  diagnose: boolean;
  line: number;
  /** Line of the first command in the run block. */
  commandsLine: number;
}

/** What a lesson needs from the machine (front matter `requires:`). */
export interface Requirements {
  /** Programs its commands run. */
  tools: string[];
  /** Kernel features, by the names src/lab/requirements.ts probes. */
  kernel: string[];
}

export interface Lesson {
  id: string;
  title: string;
  requires?: Requirements;
  /** IPv4 settings for every namespace of the lab during this lesson, on top of the lab defaults (dotted name -> value). */
  sysctl?: Record<string, string>;
  intro: string;
  steps: Step[];
  file: string;
}

export interface Course {
  dir: string;
  lessons: Lesson[];
}

/** A step with its place in the course, as `L.S`. */
export interface StepRef {
  lesson: number;
  step: number;
}

export interface LessonError {
  file: string;
  line: number;
  message: string;
}

/** What parsing one lesson file gives: the lesson when it parsed, and every error and note, located. */
export interface ParseOutcome {
  lesson?: Lesson;
  errors: LessonError[];
  /** Advice that does not stop the lesson from running (lint reports it). */
  notes: LessonError[];
}
