import {type MasterService, type PostconfReading, readDefaults, readExpanded, readExplicit, readMapTypes, readServices} from './postconf.js';
import type {RunOptions} from './run.js';
import type {PostfixTarget} from './target.js';

/**
 * What one run reads of an existing main.cf, started at once as one wave of parallel postconf
 * runs and shared by every planner (settings, relay login, root mail, Postfix's own log):
 * each postconf is a process start, and until the staged main.cf is written every
 * millisecond adds to the run (Postfix then waits for that file to be ~2 s old).
 */
export interface ConfigReading {
	/** The configuration directory read. */
	readonly configDir: string;
	/** `postconf -n`: every parameter main.cf sets. */
	readonly explicit: Promise<PostconfReading>;
	/** `postconf -d NAME…` of `defaultNames`: one call for every default any planner needs. */
	readonly defaults: Promise<PostconfReading>;
	readonly defaultNames: ReadonlySet<string>;
	/** `postconf -x NAME…` of `expandedNames` (root mail's origin facts), when asked for. */
	readonly expanded: Promise<PostconfReading> | undefined;
	readonly expandedNames: ReadonlySet<string>;
	/** `postconf -M`: master.cf's services, when asked for (Postfix's own log service, on a host without a system log). */
	readonly services: Promise<MasterService[]> | undefined;
	/** `postconf -m`: the map types, when a login may be planned. */
	readonly mapTypes: Promise<Set<string>> | undefined;
}

export interface ReadingNeeds {
	readonly defaults: readonly string[];
	readonly expanded?: readonly string[];
	readonly mapTypes?: boolean;
	readonly services?: boolean;
}

/**
 * A read the run may never come to await (a refusal before it) must not end the process as
 * an unhandled rejection: whoever awaits it still gets the error.
 */
function started<T>(read: Promise<T>): Promise<T> {
	read.catch(() => undefined);
	return read;
}

/** Starts every read at once; callers await the parts they need. */
export function startReading(target: PostfixTarget, needs: ReadingNeeds, options: RunOptions = {}): ConfigReading {
	const defaultNames = new Set(needs.defaults);
	const expandedNames = new Set(needs.expanded ?? []);
	return {
		configDir: target.configDir,
		explicit: started(readExplicit(target, options)),
		defaults: started(readDefaults(target, [...defaultNames], options)),
		defaultNames,
		expanded: expandedNames.size > 0 ? started(readExpanded(target, [...expandedNames], options)) : undefined,
		expandedNames,
		services: needs.services ? started(readServices(target, options)) : undefined,
		mapTypes: needs.mapTypes ? started(readMapTypes(target, options)) : undefined,
	};
}

/**
 * The reading when it is one of `target`'s configuration, else undefined (the caller reads for
 * itself): a head start made from the options as given (see prefetchReading) is used only for
 * the config dir it read. The one place that question is answered.
 */
export function readingFor(target: PostfixTarget, reading: ConfigReading | undefined): ConfigReading | undefined {
	return reading?.configDir === target.configDir ? reading : undefined;
}

/** The reading's `postconf -d` when it covers `names`, else undefined (the caller reads them itself). */
export function defaultsCovering(reading: ConfigReading | undefined, names: readonly string[]): Promise<PostconfReading> | undefined {
	return reading && names.every(name => reading.defaultNames.has(name)) ? reading.defaults : undefined;
}

/** The reading's `postconf -x` when it covers `names`. */
export function expandedCovering(reading: ConfigReading | undefined, names: readonly string[]): Promise<PostconfReading> | undefined {
	return reading?.expanded && names.every(name => reading.expandedNames.has(name)) ? reading.expanded : undefined;
}
