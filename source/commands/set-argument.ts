/**
 * The parameter a `--set NAME=VALUE` names, trimmed; undefined when there is none before the
 * `=`. Kept apart from the request's parsing (apply-request.ts) so that the head start on
 * main.cf's reads (apply-prefetch.ts) names the same parameters without loading it.
 */
export function setArgumentName(item: string): string | undefined {
	const equals = item.indexOf('=');
	const name = equals > 0 ? item.slice(0, equals).trim() : '';
	return name === '' ? undefined : name;
}
