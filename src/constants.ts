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
  addProfile: 'oauthWorkbench.addProfile',
  editProfile: 'oauthWorkbench.editProfile',
  removeProfile: 'oauthWorkbench.removeProfile',
  setClientSecret: 'oauthWorkbench.setClientSecret',
  signIn: 'oauthWorkbench.signIn',
  /** Opens the paste-back box for the sign-in under way (linked from its progress notification). */
  pasteRedirectUrl: 'oauthWorkbench.pasteRedirectUrl',
  signInWithDeviceCode: 'oauthWorkbench.signInWithDeviceCode',
  refreshToken: 'oauthWorkbench.refreshToken',
  revokeToken: 'oauthWorkbench.revokeToken',
  signOut: 'oauthWorkbench.signOut',
  copyAccessToken: 'oauthWorkbench.copyAccessToken',
  insertAuthorizationHeader: 'oauthWorkbench.insertAuthorizationHeader',
  checkConsent: 'oauthWorkbench.checkConsent',
  showTokenDetails: 'oauthWorkbench.showTokenDetails',
  /** Opened by the status bar item: a quick pick of profiles and actions. */
  showProfileActions: 'oauthWorkbench.showProfileActions',
  openWalkthrough: 'oauthWorkbench.openWalkthrough',
  /** Walkthrough-only: opens a recorded error response so the user can hover it. */
  openErrorExample: 'oauthWorkbench.openErrorExample',
  /** Tree-only: copies a detail item's value (endpoint, scope, claim, consent id; never a token). */
  copyValue: 'oauthWorkbench.copyValue',
  startPracticeServer: 'oauthWorkbench.startPracticeServer',
  practiceTrouble: 'oauthWorkbench.practiceTrouble',
  sendRequest: 'oauthWorkbench.sendRequest',
  showResponseHistory: 'oauthWorkbench.showResponseHistory',
  copyAsCurl: 'oauthWorkbench.copyAsCurl',
  /** From a response document: writes its answer, masked, as comments above its request in the source file. */
  keepAnswer: 'oauthWorkbench.keepAnswer',
  explainError: 'oauthWorkbench.explainError',
} as const;

/** Setting keys, all under the `oauthWorkbench` section. */
export const SettingKeys = {
  section: 'oauthWorkbench',
  profiles: 'profiles',
  tlsFiles: 'tlsFiles',
  autoRefresh: 'autoRefresh',
  refreshAheadSeconds: 'refreshAheadSeconds',
  revokeOnSignOut: 'revokeOnSignOut',
  practiceSpeed: 'practiceSpeed',
  sendTimeoutSeconds: 'sendTimeoutSeconds',
} as const;

/** `contextValue`s of the token explorer's items; `package.json` menus match on them (`viewItem =~ /…/`). */
export const TreeItemContexts = {
  /** A profile node; suffixed with its state so menus can tell them apart. */
  profileSignedIn: 'oauthWorkbench.profile.signedIn',
  profileExpired: 'oauthWorkbench.profile.expired',
  profileSignedOut: 'oauthWorkbench.profile.signedOut',
  profileNoSecret: 'oauthWorkbench.profile.noSecret',
  profileError: 'oauthWorkbench.profile.error',
  /** A profile node whose token set carries a Rabobank consent id (adds "Check consent"). */
  profileConsentSuffix: '.consent',
  /**
   * A profile node with a problem the last answer proved, followed by the fitting action (`.problem-signIn`,
   * `.problem-checkConsent`, `.problem-setClientSecret`); comes before the consent suffix.
   */
  profileProblemInfix: '.problem-',
  invalidProfile: 'oauthWorkbench.invalidProfile',
  accessToken: 'oauthWorkbench.accessToken',
  refreshToken: 'oauthWorkbench.refreshToken',
  consentId: 'oauthWorkbench.consentId',
  detail: 'oauthWorkbench.detail',
} as const;

/** The authentication provider other extensions ask for sessions (`vscode.authentication.getSession`). */
export const AUTH_PROVIDER_ID = 'oauthWorkbench';

/** A session scope that names the profile, e.g. `profile:rabo-sandbox`. */
export const PROFILE_SCOPE_PREFIX = 'profile:';

/** The walkthrough id as contributed (`<publisher>.<name>#<id>` when opened). */
export const WALKTHROUGH_ID = 'oauthWorkbench.gettingStarted';

/** Scheme of the read-only token-details documents. */
export const TOKEN_DETAILS_SCHEME = 'oauth-workbench-token';

/** Scheme of the read-only response documents Send Request opens. */
export const RESPONSE_SCHEME = 'oauth-workbench-response';

/** Context key the web worker build sets, so the Tokens view says what works in the browser (package.json). */
export const WEB_WORKER_CONTEXT_KEY = 'oauthWorkbench.webWorker';

/** Context keys the walkthrough's `completionEvents` wait for (`onContext:<key>`), set from real events. */
export const WalkthroughContextKeys = {
  profileAdded: 'oauthWorkbench.walkthrough.profileAdded',
  secretStored: 'oauthWorkbench.walkthrough.secretStored',
  signedIn: 'oauthWorkbench.walkthrough.signedIn',
  practiceStarted: 'oauthWorkbench.walkthrough.practiceStarted',
} as const;
