import type {Ipv6Support} from '../postfix/ipv6.js';
import {listItems} from '../settings/syntax.js';
import type {Localized, SettingWarning} from '../settings/types.js';

/** Why IPv6 settings must go, in the administrator's words. */
export function ipv6OffReason(ipv6: {readonly reason: 'disabled' | 'absent'}): Localized {
	return ipv6.reason === 'disabled'
		? {en: 'IPv6 is disabled on this host (net.ipv6.conf.all.disable_ipv6 = 1)', zh: '本机已禁用 IPv6（net.ipv6.conf.all.disable_ipv6 = 1）'}
		: {en: 'this host has no IPv6 (no ::1 on the loopback)', zh: '本机没有 IPv6（回环接口上没有 ::1）'};
}

/** True when a value of inet_protocols makes Postfix look for IPv6 addresses. */
export function wantsIpv6(inetProtocols: string): boolean {
	return listItems(inetProtocols.toLowerCase()).some(item => item === 'all' || item === 'ipv6');
}

/** mynetworks without its IPv6 items: they match nothing where there is no IPv6. */
export function withoutIpv6Networks(mynetworks: string): string {
	return listItems(mynetworks).filter(item => !item.replace(/^!/, '').startsWith('[')).join(' ');
}

export interface HostAdjustment {
	/** Settings added to what was asked, because this host needs them. */
	readonly settings: ReadonlyMap<string, string>;
	/** Why, for the review and the headless output. */
	readonly warnings: readonly SettingWarning[];
}

/**
 * Pure: what an IPv6-less host needs besides the answers. With IPv6 off, `inet_protocols = all`
 * (the default) makes Postfix look for ::1 and fail (`no local interface found for ::1`):
 * propose `inet_protocols = ipv4`, unless the user asked for IPv6 explicitly (then only
 * say why it will fail). A mynetworks given with IPv6 networks is the user's, but noted.
 */
export function adjustForHost(ipv6: Ipv6Support, inForce: {readonly inetProtocols: string}, desired: ReadonlyMap<string, string>): HostAdjustment {
	if (ipv6.loopback) {
		return {settings: new Map(), warnings: []};
	}

	const reason = ipv6OffReason(ipv6);
	const settings = new Map<string, string>();
	const warnings: SettingWarning[] = [];
	const asked = desired.get('inet_protocols');
	if (asked !== undefined && wantsIpv6(asked)) {
		warnings.push({parameter: 'inet_protocols', message: {
			en: `${reason.en}: inet_protocols = ${asked} makes Postfix fail with "no local interface found for ::1"; use inet_protocols = ipv4.`,
			zh: `${reason.zh}：inet_protocols = ${asked} 会让 Postfix 报错“no local interface found for ::1”；请使用 inet_protocols = ipv4。`,
		}});
	} else if (asked === undefined && wantsIpv6(inForce.inetProtocols)) {
		settings.set('inet_protocols', 'ipv4');
		warnings.push({parameter: 'inet_protocols', message: {
			en: `${reason.en}: the change also sets inet_protocols = ipv4, because with ${inForce.inetProtocols} Postfix looks for ::1 and fails ("no local interface found for ::1").`,
			zh: `${reason.zh}：本次更改同时设置 inet_protocols = ipv4，因为设为 ${inForce.inetProtocols} 时 Postfix 会寻找 ::1 并报错（“no local interface found for ::1”）。`,
		}});
	}

	const networks = desired.get('mynetworks');
	if (networks !== undefined && withoutIpv6Networks(networks) !== listItems(networks).join(' ')) {
		const kept = withoutIpv6Networks(networks) || '127.0.0.0/8';
		warnings.push({parameter: 'mynetworks', message: {
			en: `${reason.en}: the IPv6 networks in mynetworks match nothing here; ${kept} is enough.`,
			zh: `${reason.zh}：mynetworks 中的 IPv6 网络在本机不会匹配任何客户端；${kept} 就够了。`,
		}});
	}

	return {settings, warnings};
}
