import { useState } from 'preact/hooks';
import { api } from '../api';
import { DataTable, Loading, fmtDate, useApi } from '../components';
import type { Accounts, Repos, Teams, Tokens } from '../types';

function useForm(submit: (f: FormData) => Promise<string>, after: () => void) {
  const [msg, setMsg] = useState('');
  const onSubmit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.target as HTMLFormElement;
    try {
      setMsg(await submit(new FormData(form)));
      form.reset();
      after();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return { msg, onSubmit };
}

function Tokens() {
  const s = useApi<Tokens>('/admin/v1/tokens');
  const f = useForm(async (d) => {
    const r = await api<{ token: string }>('POST', '/admin/v1/tokens', { name: d.get('name'), scope: d.get('scope') });
    return `Token made. Copy it now, it is shown only once: ${r.token}`;
  }, s.reload);
  return (
    <section aria-labelledby="tokens-h">
      <h2 id="tokens-h">Tokens</h2>
      <Loading state={s}>
        {(d) => (
          <DataTable
            caption="API tokens (secrets are never shown again)"
            rows={d.tokens}
            columns={[
              { key: 'name', label: 'Name', value: (r) => r.name },
              { key: 'scope', label: 'Scope', value: (r) => r.scope },
              { key: 'created', label: 'Created', value: (r) => fmtDate(r.createdAt) },
              {
                key: 'state',
                label: 'State',
                value: (r) => (r.revokedAt ? `revoked ${fmtDate(r.revokedAt)}` : 'active'),
                render: (r) =>
                  r.revokedAt ? (
                    `revoked ${fmtDate(r.revokedAt)}`
                  ) : (
                    <button type="button" onClick={() => void api('DELETE', `/admin/v1/tokens/${r.id}`).then(s.reload)} aria-label={`Revoke token ${r.name}`}>
                      Revoke
                    </button>
                  ),
              },
            ]}
          />
        )}
      </Loading>
      <form class="inline" onSubmit={f.onSubmit} aria-label="Make a token">
        <label>
          Name <input name="name" required maxLength={200} />
        </label>
        <label>
          Scope{' '}
          <select name="scope">
            <option value="ingest">ingest (the extension)</option>
            <option value="admin">admin (scripts, CI)</option>
          </select>
        </label>
        <button type="submit">Make token</button>
        <p role="status" class="secret">{f.msg}</p>
      </form>
    </section>
  );
}

function Teams() {
  const s = useApi<Teams>('/admin/v1/teams');
  const f = useForm(async (d) => {
    await api('PUT', `/admin/v1/teams/${encodeURIComponent(String(d.get('name')))}`);
    return 'Team added.';
  }, s.reload);
  return (
    <section aria-labelledby="teams-h">
      <h2 id="teams-h">Teams</h2>
      <Loading state={s}>{(d) => <DataTable caption="Teams" rows={d.teams} columns={[{ key: 'name', label: 'Team', value: (r) => r.name }]} />}</Loading>
      <form class="inline" onSubmit={f.onSubmit} aria-label="Add a team">
        <label>
          Team name <input name="name" required maxLength={200} />
        </label>
        <button type="submit">Add team</button>
        <p role="status">{f.msg}</p>
      </form>
    </section>
  );
}

function Repos() {
  const s = useApi<Repos>('/admin/v1/repos');
  const f = useForm(async (d) => {
    const r = await api<{ invalid?: { url: string }[] }>('POST', '/admin/v1/repos', {
      repos: [{ url: d.get('url'), ...(d.get('service') ? { service: d.get('service') } : {}), ...(d.get('team') ? { team: d.get('team') } : {}) }],
    });
    return r.invalid?.length ? `Not a repository URL: ${r.invalid[0].url}` : 'Repository added.';
  }, s.reload);
  return (
    <section aria-labelledby="repos-h">
      <h2 id="repos-h">Repositories</h2>
      <Loading state={s}>
        {(d) => (
          <DataTable
            caption="Repositories (id: SHA-256 of the normalized remote)"
            csv="repos"
            rows={d.repos}
            columns={[
              { key: 'name', label: 'Repository', value: (r) => r.name },
              { key: 'service', label: 'Service', value: (r) => r.service ?? '' },
              { key: 'team', label: 'Team', value: (r) => r.team ?? '' },
              { key: 'id', label: 'Id', value: (r) => r.id, render: (r) => <code>{r.id.slice(0, 12)}…</code> },
            ]}
          />
        )}
      </Loading>
      <form class="inline" onSubmit={f.onSubmit} aria-label="Add a repository">
        <label>
          Remote URL <input name="url" required placeholder="git@github.com:acme/shop.git" />
        </label>
        <label>
          Service <input name="service" />
        </label>
        <label>
          Team <input name="team" />
        </label>
        <button type="submit">Add repository</button>
        <p role="status">{f.msg}</p>
      </form>
    </section>
  );
}

function Accounts() {
  const s = useApi<Accounts>('/admin/v1/accounts');
  const f = useForm(async (d) => {
    const teams = String(d.get('teams') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    await api('POST', '/admin/v1/accounts', { username: d.get('username'), password: d.get('password'), role: d.get('role'), ...(teams.length ? { teams } : {}) });
    return 'Account made.';
  }, s.reload);
  return (
    <section aria-labelledby="accounts-h">
      <h2 id="accounts-h">Dashboard accounts</h2>
      <Loading state={s}>
        {(d) => (
          <DataTable
            caption="Accounts"
            rows={d.accounts}
            columns={[
              { key: 'u', label: 'Username', value: (r) => r.username },
              { key: 'r', label: 'Role', value: (r) => r.role },
              { key: 't', label: 'Teams', value: (r) => (r.teams ? r.teams.join(', ') : 'all') },
              {
                key: 'x',
                label: '',
                value: () => '',
                render: (r) => (
                  <button type="button" onClick={() => void api('DELETE', `/admin/v1/accounts/${r.id}`).then(s.reload)} aria-label={`Delete account ${r.username}`}>
                    Delete
                  </button>
                ),
              },
            ]}
          />
        )}
      </Loading>
      <form class="inline" onSubmit={f.onSubmit} aria-label="Make an account">
        <label>
          Username <input name="username" required pattern="[A-Za-z0-9._@\-]{1,100}" />
        </label>
        <label>
          Password <input name="password" type="password" required minLength={12} autoComplete="new-password" />
        </label>
        <label>
          Role{' '}
          <select name="role">
            <option value="viewer">viewer (read only)</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>
          Limit to teams <input name="teams" placeholder="payments, search (viewers only)" />
        </label>
        <button type="submit">Make account</button>
        <p role="status">{f.msg}</p>
      </form>
    </section>
  );
}

export function AdminPage() {
  return (
    <div class="admin">
      <Tokens />
      <Accounts />
      <Repos />
      <Teams />
    </div>
  );
}
