/** Identifiers shared by code and `package.json`; `when` clauses and tests match on these. */
export const EXTENSION_NAME = 'OAuth Workbench';

export const ViewContainerIds = {
  main: 'oauthWorkbench',
} as const;

export const ViewIds = {
  tokens: 'oauthWorkbench.tokens',
} as const;

export const CommandIds = {
  showLog: 'oauthWorkbench.showLog',
} as const;
