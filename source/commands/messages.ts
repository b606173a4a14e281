import type {Messages} from '../i18n/lang.js';

const en = {
	nothingToChange: 'Nothing to change: main.cf already has these values. No backup written.',
	dryRunNote: '(dry run: nothing was changed)',
	askApply: (file: string, others: number) => `Apply these changes to ${file}${others === 0 ? '' : others === 1 ? ' and 1 other file' : ` and ${others} other files`}? [y/N] `,
	declined: 'Nothing was changed.',
	needsYes: 'Not a terminal, so there is no one to confirm: pass --yes to apply without asking, or --dry-run to preview.',
	noSettings: 'Nothing to apply: give --set NAME=VALUE (repeatable), --profile FILE, a relay login, --root-to ADDRESS or --send-as ADDRESS.',
	pluginMissing: (packages: string, install: string | undefined) => `The relay login needs the Cyrus SASL PLAIN/LOGIN client plugins, which are not installed: install ${packages}${install ? ` (${install})` : ''}, then run again. Nothing was touched.`,
	playWithoutProfile: '--play chooses a play of a playbook: give the playbook with --profile FILE.',
	profileNeedsPassword: 'The profile\'s sasl_passwd holds {{ vault_postfix_relay_password }}: give the relay password with --relay-password-file FILE, --relay-password-stdin or the environment variable POSTFIX_WIZARD_RELAY_PASSWORD (never as an argument). Nothing was touched.',
	badSendAsScope: (raw: string) => `--send-as-scope "${raw}": expected local (this machine's own names) or all (every sender), together with --send-as ADDRESS`,
	badSet: (raw: string) => `--set "${raw}": expected NAME=VALUE, e.g. --set 'relayhost=[smtp.example.com]:587'`,
	conflictingSet: (name: string, first: string, second: string) => `--set ${name} is given twice with different values ("${first}" and "${second}"): keep the one you mean. Nothing was touched.`,
	badTimeout: (raw: string) => `--timeout "${raw}": expected a number of seconds`,
	invalid: 'Refused, nothing was touched:',
	openRelay: (interfaces: string, networks: string) => `Refused, nothing was touched: inet_interfaces = ${interfaces} with mynetworks = ${networks} makes an open relay (anyone in those networks can send mail through this server). Give --allow-open-relay if that is what you want.`,
	directDelivery: 'Refused, nothing was touched: an empty relayhost means direct delivery to every recipient\'s mail server, not a null client. Give --allow-direct-delivery if that is what you want.',
	warning: 'warning',
	/** `files` names what the transaction writes: main.cf, or main.cf and the files beside it. */
	step: (files: string) => ({lock: 'Lock', backup: 'Backup', write: `Write ${files}`, check: 'postfix check', service: 'Restart/reload'}) as Record<string, string>,
	applied: (file: string) => `Applied to ${file}.`,
	backupAt: (file: string) => `Backup: ${file}`,
	rollbackHint: (command: string) => `Undo with: ${command}`,
	sandboxGone: 'Nothing to undo: the sandbox instance and its backup are removed when this command ends.',
	service: {restarted: 'Postfix restarted (stop + start).', reloaded: 'Postfix reloaded.', started: 'Postfix was stopped; started it.', skipped: 'Postfix not restarted (--no-restart): run `postfix reload` (or stop/start for inet_interfaces) yourself.'} as Record<string, string>,
	failed: (step: string, reason: string) => `Failed at "${step}": ${reason}`,
	interrupted: 'Interrupted.',
	rolledBack: 'Every file written was restored byte for byte, with its mode and owner: main.cf and the configuration are as they were.',
	notRolledBack: 'Nothing had been written yet: main.cf is as it was.',
	notRestored: (backup: string | undefined) => backup
		? `main.cf and the files above are NOT as before. Every file as it was is in ${backup}: once the cause is fixed, run postfix-wizard rollback ${backup}`
		: 'main.cf and the files above are NOT as before.',
	sandboxAt: (dir: string) => `Sandbox instance: ${dir} (removed on exit)`,
	sandboxLogin: (user: string, file: string) => `The sandbox relay wants STARTTLS and a login: user ${user}, password in ${file} (mode 0600).`,
	relayTranscript: 'The conversation with the relay (anything sent during AUTH is hidden):',
	sinkReceived: (subject: string, to: string, from: string) => `The sandbox relay received "${subject}" for ${to} from ${from}.`,
};

const zh: typeof en = {
	nothingToChange: '无需更改：main.cf 已经是这些值。未写入备份。',
	dryRunNote: '（演练：未做任何更改）',
	askApply: (file: string, others: number) => `将这些更改写入 ${file}${others === 0 ? '' : ` 及另外 ${others} 个文件`}？[y/N] `,
	declined: '未做任何更改。',
	needsYes: '不是终端，无人可确认：加 --yes 直接应用，或用 --dry-run 预览。',
	noSettings: '没有要应用的内容：请给出 --set 名称=值（可重复）、--profile 文件、中继登录、--root-to 地址或 --send-as 地址。',
	pluginMissing: (packages: string, install: string | undefined) => `中继登录需要 Cyrus SASL 的 PLAIN/LOGIN 客户端插件，但它们未安装：请安装 ${packages}${install ? `（${install}）` : ''}，然后重新运行。未做任何更改。`,
	playWithoutProfile: '--play 用于选择 playbook 中的某个 play：请用 --profile 文件 给出该 playbook。',
	profileNeedsPassword: '配置文件中的 sasl_passwd 含有 {{ vault_postfix_relay_password }}：请用 --relay-password-file 文件、--relay-password-stdin 或环境变量 POSTFIX_WIZARD_RELAY_PASSWORD 提供中继密码（切勿作为命令行参数）。未做任何更改。',
	badSendAsScope: (raw: string) => `--send-as-scope "${raw}"：应为 local（仅本机自己的名字）或 all（所有发件人），并与 --send-as 地址一起使用`,
	badSet: (raw: string) => `--set "${raw}"：应为 名称=值，例如 --set 'relayhost=[smtp.example.com]:587'`,
	conflictingSet: (name: string, first: string, second: string) => `--set ${name} 给出了两次且值不同（“${first}”和“${second}”）：请只保留想要的那个。未做任何更改。`,
	badTimeout: (raw: string) => `--timeout "${raw}"：应为秒数`,
	invalid: '已拒绝，未做任何更改：',
	openRelay: (interfaces: string, networks: string) => `已拒绝，未做任何更改：inet_interfaces = ${interfaces} 加上 mynetworks = ${networks} 会成为开放中继（这些网络中的任何人都能通过本服务器发信）。如确有此意，请加上 --allow-open-relay。`,
	directDelivery: '已拒绝，未做任何更改：relayhost 为空表示直接投递到每个收件人的邮件服务器，这不是空客户端。如确有此意，请加上 --allow-direct-delivery。',
	warning: '警告',
	step: (files: string) => ({lock: '加锁', backup: '备份', write: `写入 ${files}`, check: 'postfix check', service: '重启/重新加载'}) as Record<string, string>,
	applied: (file: string) => `已应用到 ${file}。`,
	backupAt: (file: string) => `备份：${file}`,
	rollbackHint: (command: string) => `撤销：${command}`,
	sandboxGone: '无需撤销：本命令结束时沙盒实例及其备份都会被删除。',
	service: {restarted: 'Postfix 已重启（停止 + 启动）。', reloaded: 'Postfix 已重新加载。', started: 'Postfix 原本未运行，已启动。', skipped: '未重启 Postfix（--no-restart）：请自行运行 `postfix reload`（inet_interfaces 需停止再启动）。'},
	failed: (step: string, reason: string) => `在“${step}”步骤失败：${reason}`,
	interrupted: '已中断。',
	rolledBack: '已写入的每个文件都已逐字节恢复（包括权限和属主）：main.cf 和配置与之前完全相同。',
	notRolledBack: '尚未写入任何内容：main.cf 保持原样。',
	notRestored: (backup: string | undefined) => backup
		? `main.cf 及上述文件与之前【不】相同。所有文件的原样都在 ${backup} 中：排除原因后，运行 postfix-wizard rollback ${backup}`
		: 'main.cf 及上述文件与之前【不】相同。',
	sandboxAt: (dir: string) => `沙盒实例：${dir}（退出时删除）`,
	sandboxLogin: (user: string, file: string) => `沙盒中继要求 STARTTLS 和登录：用户 ${user}，密码在 ${file} 中（权限 0600）。`,
	relayTranscript: '与中继的对话（AUTH 期间发送的内容已隐藏）：',
	sinkReceived: (subject: string, to: string, from: string) => `沙盒中继收到了“${subject}”，收件人 ${to}，发件人 ${from}。`,
};

export const applyMessages: Messages<typeof en> = {en, zh};

const exportEn = {
	warning: 'warning',
	needsFormat: 'export writes a playbook for the Ansible system role: add --ansible (export --ansible [--out FILE]).',
	secretsNeedOut: '--include-secrets puts the relay password into the playbook, so it is never printed: add --out FILE (written 0600).',
	exists: (file: string) => `${file} exists; choose another name, or add --force to replace it.`,
	notAFile: (file: string) => `${file} is not a regular file; --force replaces only a file.`,
	badHosts: (hosts: string) => `--hosts "${hosts}": expected an Ansible host pattern, e.g. all, mailers or web*.`,
	badRole: (role: string) => `--role "${role}": expected a role name (fedora.linux_system_roles.postfix, rhel-system-roles.postfix) or a path to the role.`,
	notARole: (dir: string) => `--role ${dir}: no tasks/main.yml there, so it is not a role directory.`,
	writeFailed: (file: string, reason: string) => `Could not write ${file} (${reason}); nothing was written.`,
	noMainCf: (dir: string) => `There is no main.cf in ${dir}, so there is no configuration to export: set this machine up first (postfix-wizard), then export it.`,
	readFailed: (dir: string, reason: string) => `Could not read the configuration in ${dir}: ${reason}`,
	wrote: (file: string, mode: number) => `Wrote ${file} (mode ${mode.toString(8).padStart(4, '0')}).`,
	runWith: (file: string, vault: readonly string[]) => vault.length > 0
		? `Create ${vault.join(', ')} with ansible-vault encrypt_string (see the file's header), then run: ansible-playbook -i INVENTORY ${file} --ask-vault-pass`
		: `Run it with: ansible-playbook -i INVENTORY ${file}`,
};

const exportZh: typeof exportEn = {
	warning: '警告',
	needsFormat: 'export 为 Ansible 系统角色生成 playbook：请加 --ansible（export --ansible [--out 文件]）。',
	secretsNeedOut: '--include-secrets 会把中继密码写进 playbook，因此绝不打印到屏幕：请加 --out 文件（权限 0600）。',
	exists: (file: string) => `${file} 已存在；请换一个文件名，或加 --force 替换它。`,
	notAFile: (file: string) => `${file} 不是普通文件；--force 只替换普通文件。`,
	badHosts: (hosts: string) => `--hosts "${hosts}"：应为 Ansible 主机模式，例如 all、mailers 或 web*。`,
	badRole: (role: string) => `--role "${role}"：应为角色名（fedora.linux_system_roles.postfix、rhel-system-roles.postfix）或角色目录的路径。`,
	notARole: (dir: string) => `--role ${dir}：其中没有 tasks/main.yml，不是角色目录。`,
	writeFailed: (file: string, reason: string) => `无法写入 ${file}（${reason}）；未写入任何内容。`,
	noMainCf: (dir: string) => `${dir} 中没有 main.cf，没有可导出的配置：请先配置本机（postfix-wizard），再导出。`,
	readFailed: (dir: string, reason: string) => `无法读取 ${dir} 中的配置：${reason}`,
	wrote: (file: string, mode: number) => `已写入 ${file}（权限 ${mode.toString(8).padStart(4, '0')}）。`,
	runWith: (file: string, vault: readonly string[]) => vault.length > 0
		? `先用 ansible-vault encrypt_string 创建 ${vault.join('、')}（见文件开头的说明），再运行：ansible-playbook -i INVENTORY ${file} --ask-vault-pass`
		: `运行：ansible-playbook -i INVENTORY ${file}`,
};

export const exportMessages: Messages<typeof exportEn> = {en: exportEn, zh: exportZh};

const rollbackEn = {
	sandbox: 'rollback works on a real configuration: a new sandbox has no backups (use --config-dir).',
	none: (dir: string) => `No complete backups in ${dir}.`,
	heading: (dir: string) => `Backups in ${dir}, newest first (restore one with: postfix-wizard rollback NAME):`,
	set: (stamp: string, files: string) => `${stamp}  ${files}`,
	absent: (name: string) => `${name} (did not exist: a rollback removes it)`,
	legacy: (stamp: string, size: number) => `${stamp}  main.cf only, ${size} bytes`,
	ignored: 'Not complete, never listed or restored:',
	identical: 'The files are already identical to that backup: nothing to restore.',
};

const rollbackZh: typeof rollbackEn = {
	sandbox: 'rollback 作用于真实配置：新建的沙盒没有备份（请用 --config-dir）。',
	none: (dir: string) => `${dir} 中没有完整的备份。`,
	heading: (dir: string) => `${dir} 中的备份，最新的在前（恢复其中一个：postfix-wizard rollback 名称）：`,
	set: (stamp: string, files: string) => `${stamp}  ${files}`,
	absent: (name: string) => `${name}（当时不存在：回滚会删除它）`,
	legacy: (stamp: string, size: number) => `${stamp}  仅 main.cf，${size} 字节`,
	ignored: '不完整，不会列出也不会恢复：',
	identical: '文件已与该备份完全相同：无需恢复。',
};

export const rollbackMessages: Messages<typeof rollbackEn> = {en: rollbackEn, zh: rollbackZh};
/** What the command line says about its own input, for every command. */
const commandEn = {
	emptyConfigDir: '--config-dir is empty: give the directory that holds main.cf, e.g. --config-dir /etc/postfix.',
	noConfigDir: (dir: string) => `--config-dir ${dir}: no such directory; give the directory that holds main.cf, e.g. /etc/postfix.`,
	configDirNotDirectory: (dir: string) => `--config-dir ${dir}: not a directory; give the directory that holds main.cf, e.g. /etc/postfix.`,
	notPostfixConfigDir: (dir: string) => `--config-dir ${dir}: not a Postfix configuration directory (it has neither main.cf nor master.cf); nothing was touched.`,
	sandboxWithConfigDir: '--sandbox and --config-dir exclude each other: the sandbox brings its own configuration.',
	unknownCommand: (name: string, commands: readonly string[]) => `Unknown command "${name}": the commands are ${commands.join(', ')}, and no command starts the wizard.`,
	seeHelp: 'Run postfix-wizard --help for usage.',
};

const commandZh: typeof commandEn = {
	emptyConfigDir: '--config-dir 为空：请给出存放 main.cf 的目录，例如 --config-dir /etc/postfix。',
	noConfigDir: (dir: string) => `--config-dir ${dir}：目录不存在；请给出存放 main.cf 的目录，例如 /etc/postfix。`,
	configDirNotDirectory: (dir: string) => `--config-dir ${dir}：不是目录；请给出存放 main.cf 的目录，例如 /etc/postfix。`,
	notPostfixConfigDir: (dir: string) => `--config-dir ${dir}：不是 Postfix 配置目录（既没有 main.cf 也没有 master.cf）；未做任何更改。`,
	sandboxWithConfigDir: '--sandbox 与 --config-dir 不能同时使用：沙盒自带配置。',
	unknownCommand: (name: string, commands: readonly string[]) => `未知命令“${name}”：可用命令为 ${commands.join('、')}，不带命令则启动向导。`,
	seeHelp: '运行 postfix-wizard --help 查看用法。',
};

export const commandMessages: Messages<typeof commandEn> = {en: commandEn, zh: commandZh};
