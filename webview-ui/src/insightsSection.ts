import type { Insights } from '../../src/protocol/sidebar';
import { age, duration, el, foldableSection } from './dom';
import { plural } from '../../src/core/common/plural';

/** The developer's own timeline: computed on this machine, shown even with sharing off. */
export function renderInsights(i: Insights): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  if (i.streak) items.push(el('li', {}, `${i.streak.command} has failed ${i.streak.failures}× since ${age(i.streak.since)}.`));
  if (i.setupMinutes !== undefined) items.push(el('li', {}, `Setting up this repository took ${duration(i.setupMinutes)}${i.setupFailedAttempts ? `, with ${plural(i.setupFailedAttempts, 'failed attempt')}` : ''}.`));
  else if (i.setupSince !== undefined) items.push(el('li', {}, `Setting up since ${age(i.setupSince)}: DX Pulse stops the clock at your first successful build or test.`));
  else if (i.setupNotMeasured !== undefined) items.push(el('li', { class: 'muted' }, `No setup time for this repository: ${i.setupNotMeasured}.`));
  if (i.newHireSince !== undefined) items.push(el('li', {}, `New here since ${age(i.newHireSince)}: your first commit stops the clock.`));
  if (items.length === 0) return undefined;
  const { section, body } = foldableSection('insights', 'Your friction', { class: 'insights' });
  body.append(el('ul', {}, ...items));
  return section;
}
