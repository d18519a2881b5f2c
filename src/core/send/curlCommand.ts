/**
 * "Copy as curl": the request as a shell command in which every secret is an environment variable reference
 * (`"$OAUTH_TOKEN_PRACTICE_LOCAL"`), never its value.
 */
import { PreparedRequest } from './sendRequest';
import { AuthReference, Template } from './sendVariables';

/** The environment variable a `$auth` reference becomes, e.g. `OAUTH_TOKEN_PRACTICE_LOCAL`. */
export function curlVariableName(ref: AuthReference): string {
  const kind = ref.kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  return `OAUTH_${kind}_${ref.profileId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** A POSIX shell command for the request; secrets as `"$NAME"` references. */
export function curlCommand(request: PreparedRequest): string {
  const parts = ['curl', '-i', '-X', quote(request.method), quote(request.shownUrl)];
  for (const header of request.headers) {
    parts.push('-H', shellWord([`${header.name}: `, ...header.value]));
  }
  if (request.body) {
    parts.push('--data-binary', shellWord(request.body));
  }
  return parts.join(' ');
}

function shellWord(template: Template): string {
  return template
    .map((part) =>
      typeof part === 'string'
        ? quote(part)
        : `"$${'auth' in part ? curlVariableName(part.auth) : part.env}"`,
    )
    .join('');
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
