// Where Postfix logs, as plain facts: no programs run here, so the wizard's screens (which
// judge these facts) load without execa.

/** Where this Postfix's log lines can be read as they are written. */
export type LogSource =
	| {readonly kind: 'file'; readonly path: string; readonly origin: 'maillog_file' | 'syslog'}
	| {readonly kind: 'journal'};

/** The syslog files of RHEL (rsyslog) and Debian/Ubuntu (rsyslog). */
export const syslogFiles: readonly string[] = ['/var/log/maillog', '/var/log/mail.log'];

/** Postfix's own log, offered where there is no other (Postfix 3.4+, the postlog service). */
export const ownLogFile = '/var/log/postfix.log';

/** What decides whether Postfix's log can be read here, and whether its own log can be offered. */
export interface LogFacts {
	/** maillog_file in force ('' when unset). */
	readonly maillogFile: string;
	/** master.cf runs the postlog service that writes maillog_file. */
	readonly postlog: boolean;
	/** rsyslog's mail files or a journal are there. */
	readonly systemLog: boolean;
	/** mail_version, e.g. 3.7.11. */
	readonly version: string;
}
