// The dashboard shell: sign-in, the page list, the team and period pickers, and a hash
// router (#/friction), so the server serves one index.html and nothing else.
import './app.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, query, setCsrf, type Session } from './api';
import { AdminPage } from './pages/admin';
import { ChangelogPage } from './pages/changelog';
import { DeliveryPage } from './pages/delivery';
import { FrictionPage } from './pages/friction';
import { GoldenPathPage } from './pages/goldenPath';
import { OnboardingPage } from './pages/onboarding';
import { OverviewPage } from './pages/overview';
import { SurveysPage } from './pages/surveys';

export interface PageProps {
  session: Session;
  /** The query every insight route takes: days, team. */
  q: string;
  team: string | undefined;
}

const PAGES: { id: string; title: string; admin?: boolean; Page: (p: PageProps) => preact.JSX.Element }[] = [
  { id: 'overview', title: 'Overview', Page: OverviewPage },
  { id: 'friction', title: 'Friction', Page: FrictionPage },
  { id: 'onboarding', title: 'Onboarding', Page: OnboardingPage },
  { id: 'surveys', title: 'Surveys', Page: SurveysPage },
  { id: 'delivery', title: 'Delivery', Page: DeliveryPage },
  { id: 'golden-path', title: 'Golden path', Page: GoldenPathPage },
  { id: 'changelog', title: 'Changelog', Page: ChangelogPage, admin: true },
  { id: 'admin', title: 'Tokens, repos & teams', Page: AdminPage, admin: true },
];

const route = () => location.hash.replace(/^#\/?/, '').split('?')[0] || 'overview';

function SignIn({ onDone, csrf, oidc }: { onDone: (s: Session) => void; csrf: string; oidc: boolean }) {
  const [mode, setMode] = useState<'account' | 'token'>('account');
  const [error, setError] = useState('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const body = mode === 'token' ? { token: String(f.get('token')) } : { username: String(f.get('username')), password: String(f.get('password')) };
    setCsrf(csrf);
    try {
      onDone(await api<Session>('POST', '/auth/login', body));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <main class="signin">
      <h1>DX Pulse Platform</h1>
      {oidc ? (
        <p>
          <a class="button" href="/auth/oidc/start">
            Sign in with your identity provider
          </a>
        </p>
      ) : null}
      <form onSubmit={submit} aria-label="Sign in">
        <fieldset>
          <legend>Sign in with</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'account'} onChange={() => setMode('account')} /> an account
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'token'} onChange={() => setMode('token')} /> an admin token (first start)
          </label>
        </fieldset>
        {mode === 'token' ? (
          <label>
            Admin token
            <input name="token" type="password" autoComplete="off" required />
          </label>
        ) : (
          <>
            <label>
              Username
              <input name="username" autoComplete="username" required />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        )}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

function App() {
  const [session, setSession] = useState<Session | undefined>();
  const [page, setPage] = useState(route());
  const [team, setTeam] = useState<string | undefined>();
  const [days, setDays] = useState('28');
  const load = () =>
    api<Session>('GET', '/auth/session').then((s) => {
      setCsrf(s.csrf);
      // A team-limited account starts on its first team: it may not ask for all teams.
      setTeam(s.teams?.[0]);
      setSession(s);
    });
  useEffect(() => {
    void load();
    const on = () => setPage(route());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    const p = PAGES.find((x) => x.id === page);
    document.title = `${p?.title ?? 'Not found'} · DX Pulse Platform`;
  }, [page]);
  if (!session) return <p class="loading">Loading…</p>;
  if (!session.signedIn)
    return (
      <SignIn
        csrf={session.csrf}
        oidc={session.oidc === true}
        onDone={(s) => {
          setCsrf(s.csrf);
          void load();
        }}
      />
    );
  const isAdmin = session.role === 'admin';
  const pages = PAGES.filter((p) => !p.admin || isAdmin);
  const current = pages.find((p) => p.id === page) ?? pages[0]!;
  // The server's clock decides the period's end; every answer says which period it used.
  const q = query({ days, team });
  const signOut = async () => {
    await api('POST', '/auth/logout');
    setSession(undefined);
    void load();
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">DX Pulse Platform</span>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li>
                <a href={`#/${p.id}`} aria-current={p.id === current.id ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="controls">
          <label>
            Team{' '}
            <select value={team ?? ''} onChange={(e) => setTeam((e.target as HTMLSelectElement).value || undefined)}>
              {session.teams ? null : <option value="">All teams</option>}
              {(session.visibleTeams ?? []).map((t) => (
                <option value={t}>{t}</option>
              ))}
            </select>
          </label>
          <label>
            Period{' '}
            <select value={days} onChange={(e) => setDays((e.target as HTMLSelectElement).value)}>
              <option value="7">last 7 days</option>
              <option value="28">last 28 days</option>
              <option value="90">last 90 days</option>
              <option value="365">last 365 days</option>
            </select>
          </label>
          <span class="who">
            {session.label} ({session.role})
          </span>
          <button type="button" class="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{current.title}</h1>
        <current.Page session={session} q={q} team={team} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
