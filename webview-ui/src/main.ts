import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { HostNotification, SidebarState } from '../../src/protocol/sidebar';
import { post } from './vscodeApi';
import styles from './styles.css';

const sheet = new CSSStyleSheet();
sheet.replaceSync(styles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const app = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function render(state: SidebarState): void {
  const welcome = el(
    'section',
    { class: 'welcome', 'aria-labelledby': 'welcome-title' },
    el('h2', { id: 'welcome-title' }, 'Welcome to DX Pulse'),
    el('p', {}, 'Your team’s developer experience, where you already work: friction DX Pulse notices for you, deploy metrics for this repository, onboarding and platform news.'),
    el(
      'p',
      { class: 'telemetry', 'data-testid': 'telemetry-state' },
      el('vscode-badge', { variant: state.telemetryEnabled ? 'default' : 'counter' }, state.telemetryEnabled ? 'sharing on' : 'sharing off'),
      ' ',
      state.telemetryEnabled ? 'What you agreed to share is sent to your platform team.' : 'Nothing leaves this machine: VS Code telemetry is off.',
    ),
  );
  const log = el('vscode-button', { secondary: '' }, 'Show log');
  log.addEventListener('click', () => post({ type: 'sidebar/runCommand', command: 'dxPulse.showLog' }));
  app.replaceChildren(welcome, el('p', {}, log), el('footer', { class: 'muted' }, `DX Pulse ${state.version}`));
}

window.addEventListener('message', (event: MessageEvent<HostNotification>) => {
  const msg = event.data;
  if (msg?.type === 'sidebar/state') render(msg.state);
});

post({ type: 'sidebar/ready' });
