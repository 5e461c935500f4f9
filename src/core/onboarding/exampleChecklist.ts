// A realistic `.dx/onboarding.yaml` for a Node service: the demo writes it into its
// workspace and docs/onboarding.md shows the same text (a unit test keeps them equal
// and checks that it loads without a single diagnostic).

export const EXAMPLE_ONBOARDING_YAML = `# .dx/onboarding.yaml: from laptop to first production deploy in a day.
version: 1
title: Get productive on the payments service
description: |
  Work through these in order; most of them tick themselves.
  Stuck for more than 15 minutes? Ask in #payments-dev: that is what it is for.
steps:
  - id: node
    title: Install Node.js 20 or later
    description: |
      We pin the version in \`.nvmrc\`. With nvm: \`nvm install && nvm use\`.
    links:
      - title: Node.js downloads
        url: https://nodejs.org/en/download
    check:
      type: tool
      name: node
      minVersion: "20.11"

  - id: docker
    title: Install Docker
    description: The local database and queue run in containers (\`docker compose up -d\`).
    links:
      - title: Docker Desktop
        url: https://docs.docker.com/get-docker/
    check:
      type: tool
      name: docker
      minVersion: "24"

  - id: deps
    title: Install dependencies
    description: Run \`npm ci\` in the repository root.
    prerequisites: [node]
    check:
      type: file
      path: node_modules
      kind: folder

  - id: env
    title: Create your .env
    description: |
      Copy \`.env.example\` to \`.env\` and fill in the values from the team vault.
    links:
      - title: Where the secrets live
        url: docs/secrets.md
    check:
      type: file
      path: .env
      kind: file

  - id: eslint
    title: Install the ESLint extension
    links:
      - title: Show recommended extensions
        command: workbench.extensions.action.showRecommendedExtensions
    check:
      type: extension
      id: dbaeumer.vscode-eslint

  - id: format-on-save
    title: Turn on format on save
    check:
      type: setting
      key: editor.formatOnSave
      equals: true

  - id: build
    title: Build the service
    description: Run the \`build\` task (Terminal > Run Build Task).
    prerequisites: [deps]
    check:
      type: event
      event: buildSucceeded

  - id: test
    title: Run the tests
    description: Run \`npm test\`; the integration tests need Docker.
    prerequisites: [deps, docker, env]
    check:
      type: event
      event: testSucceeded

  - id: first-commit
    title: Make your first commit
    description: Add yourself to \`CONTRIBUTORS.md\` and open a pull request.
    prerequisites: [test]
    check:
      type: event
      event: firstCommit

  - id: deploy-walkthrough
    title: Watch a production deploy with your buddy
    description: Pair with your onboarding buddy on the next deploy, then tick this.
    prerequisites: [first-commit]
    links:
      - title: How we deploy
        url: https://example.com/handbook/deploys
    check:
      type: manual
`;
