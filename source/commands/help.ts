import {UsageError} from '../errors.js';
import {type Lang, type Messages, inEveryLang} from '../i18n/lang.js';
import {commandMessages} from './messages.js';

/**
 * The words `--help` adds to commander's option list: what no command does, DESIGN.md's
 * exit codes, and examples to copy. Commander's own lines stay English; these follow --lang.
 */
const en = {
	program: `
With no command, postfix-wizard starts the interactive wizard (it needs a terminal):
it reads this Postfix, asks each setting with its explanation, shows the change to
main.cf, backs it up, applies, restarts Postfix and sends a test mail.

Exit codes (every command):
  0       done, or nothing to change
  1       failed: a precondition (Postfix or the SASL plugin missing) or a step
          (then rolled back); the message says what state main.cf is in
  2       bad input or usage: nothing touched, no backup written
  3       applied, but the test mail did not reach the relay
  128+N   interrupted by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP),
          after finishing or rolling back the write
  verify: 0 when every check passes, 1 when any fails (or q stopped it).

Examples:
  postfix-wizard                       start the wizard on this machine's Postfix
  postfix-wizard --sandbox             try the wizard on a throwaway Postfix
  postfix-wizard apply --set 'relayhost=[smtp.example.com]:587' --dry-run
  postfix-wizard verify --to ops@example.com
  postfix-wizard rollback --list
  postfix-wizard export --ansible --out null-client.yml

Run postfix-wizard COMMAND --help for a command's examples.
An unexpected error names itself in one sentence; POSTFIX_WIZARD_DEBUG=1 shows where it happened.`,
	apply: `
Examples:
  # preview the change, touch nothing
  postfix-wizard apply --set 'relayhost=[smtp.example.com]:587' --dry-run
  # a whole null client, no questions, then prove that mail leaves (exit 3 if it does not)
  postfix-wizard apply --set 'relayhost=[smtp.example.com]:587' --set inet_interfaces=loopback-only \\
    --set 'mynetworks=127.0.0.0/8 [::1]/128' --set mydestination= --yes --test-mail ops@example.com
  # the Ansible system role's variables, as a fleet uses them
  postfix-wizard apply --profile group_vars/mail.yml --yes --json
  # another instance's configuration directory
  postfix-wizard --config-dir /etc/postfix-out apply --set myorigin=example.com --yes`,
	verify: `
Examples:
  # audit the settings, postfix check, the service and the relay (on a terminal: q or Ctrl-C stops)
  postfix-wizard verify
  # also send a test mail and follow it to the relay, for at most 60 s
  postfix-wizard verify --to ops@example.com --timeout 60
  # for monitoring: one JSON object, exit 0 when every check passes, 1 when any fails
  postfix-wizard verify --json`,
	rollback: `
Examples:
  # the backups beside main.cf, newest first
  postfix-wizard rollback --list
  # restore the newest, after showing its diff
  postfix-wizard rollback
  # restore one backup without asking
  postfix-wizard rollback /etc/postfix/main.cf.2026-11-23T23:10:34Z --yes`,
	export: `
Examples:
  # this machine's null-client settings as a playbook for the postfix system role
  postfix-wizard export --ansible
  # into a new file, for the hosts of one inventory group
  postfix-wizard export --ansible --out null-client.yml --hosts mailers
  # for the RHEL package of the role
  postfix-wizard export --ansible --role rhel-system-roles.postfix --out null-client.yml`,
};

const zh: typeof en = {
	program: `
不带命令运行时，postfix-wizard 启动交互式向导（需要终端）：
读取本机 Postfix，逐项询问设置并加以解释，展示对 main.cf 的更改，
先备份再应用，重启 Postfix 并发送测试邮件。

退出码（所有命令通用）：
  0       完成，或无需更改
  1       失败：缺少前提条件（Postfix 或 SASL 插件），或某一步骤失败
          （已回滚）；消息会说明 main.cf 当前的状态
  2       输入或用法错误：未做任何更改，未写入备份
  3       已应用，但测试邮件未到达中继
  128+N   被信号 N 中断（Ctrl-C 为 130，SIGTERM 为 143，SIGHUP 为 129），
          写入已完成或已回滚
  verify：所有检查通过为 0，任一失败（或在终端上按 q 停止）为 1。

示例：
  postfix-wizard                       在本机 Postfix 上启动向导
  postfix-wizard --sandbox             在一次性的 Postfix 上试用向导
  postfix-wizard apply --set 'relayhost=[smtp.example.com]:587' --dry-run
  postfix-wizard verify --to ops@example.com
  postfix-wizard rollback --list
  postfix-wizard export --ansible --out null-client.yml

运行 postfix-wizard 命令 --help 查看该命令的示例。
意外错误会用一句话说明；设置 POSTFIX_WIZARD_DEBUG=1 可看到出错位置。`,
	apply: `
示例：
  # 预览更改，不做任何修改
  postfix-wizard apply --set 'relayhost=[smtp.example.com]:587' --dry-run
  # 一次配置完整的空客户端，不再询问，然后证明邮件能发出（发不出则退出码为 3）
  postfix-wizard apply --set 'relayhost=[smtp.example.com]:587' --set inet_interfaces=loopback-only \\
    --set 'mynetworks=127.0.0.0/8 [::1]/128' --set mydestination= --yes --test-mail ops@example.com
  # 使用 Ansible 系统角色的变量，与整批服务器一致
  postfix-wizard apply --profile group_vars/mail.yml --yes --json
  # 另一个实例的配置目录
  postfix-wizard --config-dir /etc/postfix-out apply --set myorigin=example.com --yes`,
	verify: `
示例：
  # 审核设置、postfix check、服务状态和中继（在终端上按 q 或 Ctrl-C 停止）
  postfix-wizard verify
  # 同时发送测试邮件并跟踪到中继，最多 60 秒
  postfix-wizard verify --to ops@example.com --timeout 60
  # 用于监控：输出一个 JSON 对象，全部通过退出码为 0，任一失败为 1
  postfix-wizard verify --json`,
	rollback: `
示例：
  # 列出 main.cf 旁的备份，最新的在前
  postfix-wizard rollback --list
  # 先显示差异，再恢复最新的备份
  postfix-wizard rollback
  # 不询问，直接恢复指定的备份
  postfix-wizard rollback /etc/postfix/main.cf.2026-11-23T23:10:34Z --yes`,
	export: `
示例：
  # 把本机的空客户端设置导出为 postfix 系统角色的 playbook
  postfix-wizard export --ansible
  # 写入新文件，用于某个清单组的主机
  postfix-wizard export --ansible --out null-client.yml --hosts mailers
  # 使用 RHEL 软件包提供的角色
  postfix-wizard export --ansible --role rhel-system-roles.postfix --out null-client.yml`,
};

const helpMessages: Messages<typeof en> = {en, zh};

export function programHelp(lang: Lang): string {
	return helpMessages[lang].program;
}

export function commandHelp(command: Exclude<keyof typeof en, 'program'>, lang: Lang): string {
	return helpMessages[lang][command];
}

/**
 * Words after no command: a mistyped command, said by name (commander alone would say
 * "too many arguments"). Exit 2; nothing was touched.
 */
export function refuseUnknownCommand(words: readonly string[], commands: readonly string[]): void {
	const [word] = words;
	if (word === undefined) {
		return;
	}

	throw new UsageError(inEveryLang(commandMessages, m => m.unknownCommand(word, commands)), {hint: inEveryLang(commandMessages, m => m.seeHelp)});
}
