import * as l10n from '@vscode/l10n';
import type { OnboardingDefinition, OnboardingEvent, OnboardingStep, StepCheck } from './definition';
import { extractVersion, meetsMinVersion } from './versions';

// Pure: given what the host has observed (Facts), which steps are done. The host owns
// watchers and probes; `dependsOn` tells it which observations can change which steps,
// so it re-evaluates on those events only, not on a timer.

export interface Facts {
  /** Whether a workspace-relative path or glob matches; `kind` narrows to files or folders. */
  fileExists(pathOrGlob: string, kind?: 'file' | 'folder'): boolean;
  /** The tool's `--version` output when it is on PATH; undefined when missing or not probed yet. */
  toolVersion(name: string): string | undefined;
  /** VS Code command ids run since onboarding started. */
  readonly commandsRun: ReadonlySet<string>;
  /** A setting's value as the user set it (undefined when only the default applies). */
  setting(key: string): unknown;
  /** Installed extension ids, any case. */
  readonly installedExtensions: ReadonlySet<string>;
  readonly events: ReadonlySet<OnboardingEvent>;
  /** Step ids the developer ticked by hand. */
  readonly manualTicks: ReadonlySet<string>;
}

/** Kinds of observation a step's check depends on; the host maps each to its watcher. */
export type FactKind = 'file' | 'tool' | 'command' | 'setting' | 'extension' | 'event' | 'manual';

export type StepStatus = 'done' | 'pending' | 'blocked';

export interface StepState {
  id: string;
  title: string;
  status: StepStatus;
  /** Prerequisite ids not done yet (only when blocked). */
  blockedBy: string[];
  /** One line for the tooltip: why not done yet, or what satisfied it. */
  detail: string;
  dependsOn: FactKind;
}

export interface ChecklistState {
  steps: StepState[];
  done: number;
  total: number;
  complete: boolean;
  /** What to watch while the checklist is incomplete (empty when complete). */
  watch: {
    kinds: FactKind[];
    /** Paths and globs of pending file checks, for file system watchers. */
    files: string[];
    /** Tools to (re)probe, e.g. after a terminal command ends. */
    tools: string[];
  };
}

interface CheckResult {
  ok: boolean;
  detail: string;
}

function evaluateCheck(step: OnboardingStep, facts: Facts): CheckResult {
  const check: StepCheck = step.check ?? { type: 'manual' };
  if (facts.manualTicks.has(step.id)) return { ok: true, detail: l10n.t('ticked by hand') };
  switch (check.type) {
    case 'file': {
      const ok = facts.fileExists(check.path, check.kind);
      const waiting = check.kind === 'file' ? l10n.t('waiting for file {0}', check.path) : check.kind === 'folder' ? l10n.t('waiting for folder {0}', check.path) : l10n.t('waiting for file or folder {0}', check.path);
      return { ok, detail: ok ? l10n.t('{0} exists', check.path) : waiting };
    }
    case 'tool': {
      const out = facts.toolVersion(check.name);
      if (out === undefined) return { ok: false, detail: l10n.t('{0} not found on PATH', check.name) };
      if (check.minVersion === undefined) return { ok: true, detail: l10n.t('{0} found', check.name) };
      const meets = meetsMinVersion(out, check.minVersion);
      const have = extractVersion(out);
      if (meets === undefined) return { ok: false, detail: l10n.t("could not read {0}'s version; needs {1} or later", check.name, check.minVersion) };
      return meets
        ? { ok: true, detail: l10n.t('{0} {1} found', check.name, String(have)) }
        : { ok: false, detail: l10n.t('{0} {1} found; needs {2} or later', check.name, String(have), check.minVersion) };
    }
    case 'command': {
      const ok = facts.commandsRun.has(check.id);
      return { ok, detail: ok ? l10n.t('ran {0}', check.id) : l10n.t('run the command {0}', check.id) };
    }
    case 'setting': {
      const v = facts.setting(check.key);
      const ok = check.equals === undefined ? v !== undefined : v === check.equals;
      const equals = JSON.stringify(check.equals);
      const detail =
        check.equals === undefined ? (ok ? l10n.t('{0} is set', check.key) : l10n.t('{0} is not set', check.key)) : ok ? l10n.t('{0} is set to {1}', check.key, equals) : l10n.t('{0} is not set to {1}', check.key, equals);
      return { ok, detail };
    }
    case 'extension': {
      const id = check.id.toLowerCase();
      const ok = [...facts.installedExtensions].some((e) => e.toLowerCase() === id);
      return { ok, detail: ok ? l10n.t('{0} installed', check.id) : l10n.t('install the extension {0}', check.id) };
    }
    case 'event': {
      const ok = facts.events.has(check.event);
      const seen = { buildSucceeded: l10n.t('a successful build seen'), testSucceeded: l10n.t('a passing test run seen'), firstCommit: l10n.t('your first commit seen') };
      const waiting = { buildSucceeded: l10n.t('waiting for a successful build'), testSucceeded: l10n.t('waiting for a passing test run'), firstCommit: l10n.t('waiting for your first commit') };
      return { ok, detail: ok ? seen[check.event] : waiting[check.event] };
    }
    case 'manual':
      return { ok: false, detail: l10n.t('tick it when done') };
  }
}

export function evaluateChecklist(def: OnboardingDefinition, facts: Facts): ChecklistState {
  const results = new Map<string, CheckResult>();
  for (const s of def.steps) results.set(s.id, evaluateCheck(s, facts));

  const steps: StepState[] = def.steps.map((s) => {
    const r = results.get(s.id)!;
    const dependsOn: FactKind = s.check?.type ?? 'manual';
    // A check that passes counts even before its prerequisites: the fact is true, and
    // un-ticking real progress would only confuse.
    if (r.ok) return { id: s.id, title: s.title, status: 'done', blockedBy: [], detail: r.detail, dependsOn };
    const blockedBy = (s.prerequisites ?? []).filter((p) => results.get(p)?.ok === false);
    if (blockedBy.length > 0) {
      return { id: s.id, title: s.title, status: 'blocked', blockedBy, detail: l10n.t('first: {0}', blockedBy.join(', ')), dependsOn };
    }
    return { id: s.id, title: s.title, status: 'pending', blockedBy: [], detail: r.detail, dependsOn };
  });

  const open = def.steps.filter((s) => !results.get(s.id)!.ok);
  const kinds = new Set<FactKind>();
  const files: string[] = [];
  const tools: string[] = [];
  for (const s of open) {
    const c = s.check ?? { type: 'manual' as const };
    kinds.add(c.type);
    if (c.type === 'file') files.push(c.path);
    if (c.type === 'tool' && !tools.includes(c.name)) tools.push(c.name);
  }
  const done = steps.filter((s) => s.status === 'done').length;
  return {
    steps,
    done,
    total: steps.length,
    complete: done === steps.length,
    watch: { kinds: [...kinds].sort(), files, tools },
  };
}
