// A realistic `.dx/onboarding.yaml` for a Node service: the demo workspace
// (scripts/lib/demoWorkspace.mjs) writes it, docs/onboarding.md shows it, and the
// "Edit Onboarding Checklist" command starts a repository's file from it. Unit tests keep
// the three equal and check that it loads without a single diagnostic.

export const EXAMPLE_ONBOARDING_YAML = `# .dx/onboarding.yaml: from laptop to first production deploy in a day.
version: 1
title: Get productive on payments-api
description: |
  Work through these in order; most of them tick themselves.
  Stuck for more than 15 minutes? Ask in #payments-dev: that is what it is for.
steps:
  - id: node
    title: Install Node.js 18 or later
    description: |
      \`package.json\` asks for Node 18 or later (\`engines.node\`). With nvm: \`nvm install 20 && nvm use 20\`.
    links:
      - title: Node.js downloads
        url: https://nodejs.org/en/download
    check:
      type: tool
      name: node
      minVersion: "18"

  - id: deps
    title: Install dependencies
    description: Run \`npm install\` in the repository root.
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
      - title: Open .env.example
        url: .env.example
    check:
      type: file
      path: .env
      kind: file

  - id: build
    title: Build the service
    description: Run the \`build\` task (Terminal > Run Build Task) or \`npm run build\`.
    prerequisites: [deps]
    links:
      - title: Run Build Task
        command: workbench.action.tasks.build
    check:
      type: event
      event: buildSucceeded

  - id: test
    title: Run the tests
    description: Run the \`test\` task or \`npm test\`; they need your \`.env\`.
    prerequisites: [deps, env]
    links:
      - title: Run Test Task
        command: workbench.action.tasks.test
    check:
      type: event
      event: testSucceeded

  - id: runbook
    title: Read the service runbook
    description: How payments-api is deployed, paged and rolled back. Tick this once you have read it.
    links:
      - title: Service runbook
        url: docs/runbook.md
    check:
      type: manual

  - id: first-commit
    title: Make your first commit
    description: Add yourself to \`CONTRIBUTORS.md\` and open a pull request.
    prerequisites: [test]
    check:
      type: event
      event: firstCommit
`;
