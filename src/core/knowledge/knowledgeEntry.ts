/** Where in an OAuth exchange an error shows up; hovers and the `explain` command print it. */
export type ErrorPlace =
  | 'authorize-redirect'
  | 'authorize-page'
  | 'token-endpoint'
  | 'revocation-endpoint'
  | 'resource-call'
  | 'consent-api'
  | 'request';

/**
 * What an entry says the user can do about it. Hovers link these and the error boundary offers them as buttons; one
 * table in `platform/knowledgeActions.ts` maps each to its command.
 */
export type KnowledgeActionKind =
  'setClientSecret' | 'signIn' | 'refreshToken' | 'checkConsent' | 'editProfile';

/** The kinds a hover links (the same kinds: the name stays for the hover code). */
export type HoverActionKind = KnowledgeActionKind;

/** The four mistakes in Rabobank's troubleshooting guide, named so entries can point at them. */
export type ErratumId =
  'grant-type-value' | 'missing-scope-name' | 'payment-request-scope' | 'consent-status-invalid';

/** A likely cause; `when` ranks it first when the request context matches (e.g. the grant that was used). */
export interface KnowledgeCause {
  readonly text: string;
  readonly when?: CauseCondition;
}

/** Request facts that make one cause more likely than another. */
export type CauseCondition =
  | { readonly grantType: string }
  | { readonly endpoint: 'authorize' | 'token' | 'revoke' | 'resource' | 'consent' };

/** One error signature explained: the unit the diagnostics, hovers and `explain` share by its stable `id`. */
export interface KnowledgeEntry {
  /** Stable id in `provider.place.name` form, used as the diagnostic `code`. */
  readonly id: string;
  readonly title: string;
  readonly place: ErrorPlace;
  /** HTTP statuses this signature comes with; empty when none applies (lints, redirects shown as pages). */
  readonly status: readonly number[];
  /** What happened, in one or two sentences. */
  readonly summary: string;
  /** Most likely first. */
  readonly causes: readonly KnowledgeCause[];
  /** Steps the user can take now, each starting with a verb from `FIX_VERBS` (`fixText.ts`); the first ends notifications. */
  readonly fixes: readonly string[];
  readonly link: { readonly title: string; readonly url: string };
  readonly errata: readonly ErratumId[];
  readonly actions: readonly HoverActionKind[];
  /** Ids of entries sharing the same payload, which the request context decides between. */
  readonly related: readonly string[];
}

/** One correction to the Rabobank guide, stated where an entry depends on it. */
export interface Erratum {
  readonly id: ErratumId;
  readonly title: string;
  readonly text: string;
}

/** Builds an entry with empty optional lists, so the catalog files stay short. */
export function entry(
  fields: Omit<KnowledgeEntry, 'causes' | 'errata' | 'actions' | 'related' | 'status'> & {
    readonly causes: readonly (string | KnowledgeCause)[];
    readonly status?: readonly number[];
    readonly errata?: readonly ErratumId[];
    readonly actions?: readonly HoverActionKind[];
    readonly related?: readonly string[];
  },
): KnowledgeEntry {
  return {
    ...fields,
    status: fields.status ?? [],
    causes: fields.causes.map((c) => (typeof c === 'string' ? { text: c } : c)),
    errata: fields.errata ?? [],
    actions: fields.actions ?? [],
    related: fields.related ?? [],
  };
}
