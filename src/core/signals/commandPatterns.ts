import type { CommandCategory } from '../events/kinds';

// Which reduced commands count as install, build or test. Plain data so a setting can extend
// or replace it (dxPulse.signals.commandPatterns). A pattern is matched word by word against
// the reduced command (see commandClassifier.ts): `*` inside a word matches any characters,
// a lone `*` matches exactly one word, and a final `**` matches any further words. The first
// matching pattern wins; user patterns are tried before these.

export interface CommandPattern {
  readonly pattern: string;
  readonly category: CommandCategory;
}

const p = (category: CommandCategory, ...patterns: string[]): CommandPattern[] => patterns.map((pattern) => ({ pattern, category }));

export const DEFAULT_COMMAND_PATTERNS: readonly CommandPattern[] = [
  ...p('install',
    'npm install', 'npm i', 'npm ci', 'npm add', 'npm install-clean', 'npm run install*', 'npm run setup*', 'npm run bootstrap*',
    'pnpm install', 'pnpm i', 'pnpm add', 'pnpm run install*', 'pnpm run setup*', 'pnpm bootstrap*', 'pnpm setup*',
    'yarn', 'yarn install', 'yarn add', 'yarn run setup*', 'yarn setup*', 'yarn bootstrap*',
    'bun install', 'bun i', 'bun add',
    'pip install', 'pip3 install', 'python -m pip', 'python3 -m pip', 'poetry install', 'pipenv install', 'uv sync', 'uv pip **', 'conda install', 'conda env **',
    'bundle', 'bundle install', 'composer install', 'go mod **', 'go get', 'cargo fetch', 'dotnet restore', 'nuget restore',
    'mvn dependency:*', 'lerna bootstrap', 'brew install', 'brew bundle', 'apt install', 'apt-get install', 'asdf install', 'mise install', 'nvm install',
  ),
  ...p('test',
    'npm test', 'npm t', 'npm run test*', 'npm run e2e*', 'npm run coverage*', 'npm it', 'npm cit',
    'pnpm test*', 'pnpm run test*', 'pnpm e2e*', 'pnpm run e2e*', 'yarn test*', 'yarn run test*', 'yarn e2e*',
    'bun test', 'bun run test*',
    'npx jest', 'npx vitest', 'npx mocha', 'npx playwright', 'npx cypress', 'npx ava', 'npx tap', 'pnpm exec jest', 'pnpm exec vitest', 'pnpm dlx vitest',
    'jest', 'vitest', 'vitest *', 'mocha', 'playwright test', 'cypress run', 'ava', 'karma',
    'pytest', 'py.test', 'python -m pytest', 'python3 -m pytest', 'python -m unittest', 'python3 -m unittest', 'tox', 'nox', 'poetry run pytest', 'uv run pytest', 'hatch test',
    'go test', 'cargo test', 'cargo nextest', 'dotnet test', 'dotnet vstest',
    'mvn test', 'mvn verify', 'mvn * test', 'mvn * verify', 'mvnw test', 'mvnw verify', 'mvnw * test', 'mvnw * verify',
    'gradle test', 'gradle check', 'gradle * test', 'gradle * check', 'gradlew test', 'gradlew check', 'gradlew * test', 'gradlew * check',
    'gradle *Test', 'gradlew *Test', 'gradle *:test', 'gradlew *:test',
    'make test', 'make check', 'make test*', 'make * test', 'make * check', 'ctest', 'bazel test', 'bazelisk test', 'buck test', 'buck2 test', 'pants test',
    'rspec', 'bundle exec rspec', 'bundle exec rake', 'rake test', 'rake spec', 'phpunit', 'composer test', 'swift test', 'mix test', 'deno test', 'flutter test', 'dart test',
    'sbt test', 'lein test', 'stack test', 'cabal test', 'zig test', 'just test', 'task test',
  ),
  ...p('other',
    'make clean', 'mvn clean', 'mvnw clean', 'gradle clean', 'gradlew clean', 'cargo clean', 'go clean', 'dotnet clean', 'npm run clean*', 'yarn clean*', 'pnpm clean*', 'bazel clean',
  ),
  ...p('build',
    'npm run build*', 'npm run compile*', 'npm run bundle*', 'npm run package*', 'npm run dist*', 'npm run typecheck*',
    'pnpm build*', 'pnpm run build*', 'pnpm compile*', 'pnpm run compile*', 'pnpm typecheck*', 'yarn build*', 'yarn run build*', 'yarn compile*', 'yarn typecheck*',
    'bun run build*', 'bun build',
    'npx tsc', 'tsc', 'npx webpack', 'webpack', 'npx vite', 'vite build', 'npx esbuild', 'esbuild', 'npx rollup', 'rollup', 'npx turbo', 'turbo build', 'turbo run', 'npx nx', 'nx build', 'nx run',
    'make', 'make *', 'make * *', 'cmake', 'cmake *', 'ninja', 'ninja *', 'meson', 'meson *', 'msbuild', 'xcodebuild', 'xcodebuild *',
    'go build', 'go install', 'go generate', 'go vet', 'cargo build', 'cargo check', 'cargo run', 'cargo clippy', 'dotnet build', 'dotnet publish', 'dotnet run',
    'mvn', 'mvn *', 'mvn * *', 'mvnw', 'mvnw *', 'mvnw * *',
    'gradle', 'gradle build', 'gradle assemble', 'gradle * build', 'gradle * assemble', 'gradle *', 'gradlew', 'gradlew build', 'gradlew assemble', 'gradlew * build', 'gradlew * assemble', 'gradlew *',
    'ant', 'ant *', 'sbt compile', 'sbt package', 'lein uberjar', 'stack build', 'cabal build', 'zig build', 'swift build', 'mix compile', 'flutter build', 'just build', 'task build',
    'docker build', 'docker buildx', 'docker compose build', 'podman build', 'buildah bud', 'bazel build', 'bazelisk build', 'buck build', 'buck2 build', 'pants package',
    'python -m build', 'python3 -m build', 'poetry build', 'hatch build', 'uv build', 'rake build', 'rake compile',
  ),
];
