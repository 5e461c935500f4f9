import type { Insights } from '../../src/protocol/sidebar';
import { age, duration, el, foldableSection } from './dom';
import * as l10n from '@vscode/l10n';

/** The developer's own timeline: computed on this machine, shown even with sharing off. */
export function renderInsights(i: Insights): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  if (i.streak) items.push(el('li', {}, l10n.t('{0} has failed {1}× since {2}.', i.streak.command, i.streak.failures, age(i.streak.since))));
  if (i.setupMinutes !== undefined) items.push(el('li', {}, !i.setupFailedAttempts ? l10n.t('Setting up this repository took {0}.', duration(i.setupMinutes)) : i.setupFailedAttempts === 1 ? l10n.t('Setting up this repository took {0}, with 1 failed attempt.', duration(i.setupMinutes)) : l10n.t('Setting up this repository took {0}, with {1} failed attempts.', duration(i.setupMinutes), i.setupFailedAttempts)));
  else if (i.setupSince !== undefined) items.push(el('li', {}, l10n.t('Setting up since {0}: DX Pulse stops the clock at your first successful build or test.', age(i.setupSince))));
  else if (i.setupNotMeasured !== undefined) items.push(el('li', { class: 'muted' }, l10n.t('No setup time for this repository: {0}.', i.setupNotMeasured)));
  if (i.newHireSince !== undefined) items.push(el('li', {}, l10n.t('New here since {0}: your first commit stops the clock.', age(i.newHireSince))));
  if (items.length === 0) return undefined;
  const { section, body } = foldableSection('insights', l10n.t('Your friction'), { class: 'insights' });
  body.append(el('ul', {}, ...items));
  return section;
}
