import type {MachineConfig} from './machine.js';
import {redactPasswords} from './sasl-passwd.js';

/** MachineConfig as `verify --json` prints it (docs/verify-json.md): secrets as vault variables, never the password. */
export interface MachineConfigJson {
	readonly hostname: string;
	readonly configDir: string;
	readonly postfixVersion: string;
	readonly databaseType: string;
	readonly parameters: Readonly<Record<string, string>>;
	readonly files: ReadonlyArray<{readonly name: string; readonly parameter: string; readonly postmap: boolean; readonly secret: boolean; readonly content: string}>;
	readonly notes: readonly string[];
}

export function machineConfigToJson(config: MachineConfig): MachineConfigJson {
	return {
		hostname: config.hostname,
		configDir: config.configDir,
		postfixVersion: config.postfixVersion,
		databaseType: config.databaseType,
		parameters: Object.fromEntries(config.parameters),
		files: config.files.map(file => ({...file, content: file.secret ? redactPasswords(file.content).content : file.content})),
		notes: config.notes,
	};
}

/** The inverse: what export needs to write the same playbook from a saved `verify --json`. */
export function machineConfigFromJson(json: MachineConfigJson): MachineConfig {
	return {...json, parameters: new Map(Object.entries(json.parameters)), files: json.files.map(file => ({...file}))};
}
