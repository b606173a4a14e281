import {Box, Text} from 'ink';
import type {Lang} from '../../i18n/lang.js';
import {encryptionFor} from '../../relay/encryption.js';
import {providers} from '../../relay/providers.js';
import {Secret} from '../../relay/secret.js';
import {Fact} from '../Fact/Fact.js';
import {Frame, InView} from '../Frame/Frame.js';
import {useKeys} from '../input/use-keys.js';
import {uiMessages} from '../messages.js';
import {TextField} from '../TextField/TextField.js';
import {Prose} from '../Prose/Prose.js';
import {theme} from '../theme.js';
import {type LoginAnswers, type LoginField, loginFields, loginProblem, providerOf, relayhostFor} from '../wizard/login.js';
import {loginMessages} from './messages.js';
import {Marked} from '../Marked/Marked.js';

export interface LoginStepProps {
	readonly login: LoginAnswers;
	/** The relayhost typed in step 1 (the provider may replace it). */
	readonly relayhost: string;
	readonly step: number;
	readonly total: number;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	/** Every key becomes an intent the wizard's reducer applies to the answers as they are then. */
	readonly onEdit: (change: Partial<Pick<LoginAnswers, 'region' | 'username' | 'password'>>) => void;
	readonly onMove: (direction: 1 | -1) => void;
	readonly onProvider: (direction: 1 | -1) => void;
	readonly onToggleVerify: () => void;
}

const labelWidth = 14;

/**
 * "Login and encryption": the provider (←/→), its region, the username, the password in a
 * masked field, and certificate verification. Enter goes to the next field and, on the last,
 * on to the next step; Esc goes back a field, then a step.
 */
export function LoginStep({login, relayhost, step, total, lang, sandboxMode, onEdit, onMove, onProvider, onToggleVerify}: LoginStepProps) {
	const m = loginMessages[lang];
	const ui = uiMessages[lang];
	const provider = providerOf(login);
	const fields = loginFields(login);
	const field: LoginField = fields.includes(login.field) ? login.field : 'provider';
	const problem = loginProblem(login, relayhost);
	const next = () => onMove(1);
	useKeys((input, key) => {
		if (key.escape) {
			onMove(-1);
		} else if (key.tab) {
			onMove(1);
		} else if (field === 'provider' && (key.leftArrow || key.rightArrow)) {
			// ←/→, not ↑/↓: the frame scrolls with those when the screen is taller than the terminal.
			onProvider(key.leftArrow ? -1 : 1);
		} else if (field === 'verify' && input === ' ') {
			onToggleVerify();
		} else if (key.return && (field === 'provider' || field === 'verify')) {
			onMove(1);
		}
	});

	const target = relayhostFor(login, relayhost);
	const encryption = encryptionFor(target || '[x]:587', login.verify ? 'verify' : 'encrypt');
	const encryptionText = provider.login === 'none' && !login.verify
		? m.noLogin
		: encryption.mode === 'implicit-tls' ? (login.verify ? m.implicitVerify : m.implicit) : (login.verify ? m.starttlsVerify : m.starttls);
	const marker = (name: LoginField) => (name === field ? '❯ ' : '  ');
	return (
		<Frame
			title={`${ui.stepOf(step, total)} · ${m.title}`}
			sandbox={sandboxMode ? ui.sandboxBadge : undefined}
			lang={lang}
			keys={[
				{key: ui.keys.enter, action: m.keys.next},
				...(field === 'provider' ? [{key: '←/→', action: m.keys.choose}] : []),
				...(field === 'verify' ? [{key: 'Space', action: m.keys.toggle}] : []),
				{key: ui.keys.esc, action: ui.actions.back},
				{key: ui.keys.ctrlC, action: ui.actions.quit},
			]}
		>
			<Prose>{m.intro}</Prose>
			{sandboxMode && <Text color={theme.muted}>{m.sandboxPrefilled}</Text>}
			<Box flexDirection="column" marginTop={1}>
				<InView active={field === 'provider'}>
					<Box>
						<Box width={labelWidth} flexShrink={0}><Text color={theme.muted}>{marker('provider')}{m.provider}</Text></Box>
						<Text bold={field === 'provider'}>{provider.label[lang]}</Text>
					</Box>
				</InView>
				{field === 'provider' && (
					<Box flexDirection="column" marginLeft={labelWidth}>
						{providers.map(candidate => (
							// The choice ←/→ moves to stays on screen, however short the terminal.
							<InView key={candidate.id} active={candidate.id === provider.id}>
								<Text color={candidate.id === provider.id ? theme.key : theme.muted}>
									{candidate.id === provider.id ? '▸ ' : '  '}{candidate.label[lang]}
								</Text>
							</InView>
						))}
					</Box>
				)}
				{fields.includes('region') && (
					<InView active={field === 'region'}>
						<Box>
							<Box width={labelWidth} flexShrink={0}><Text color={theme.muted}>{marker('region')}{m.region}</Text></Box>
							<TextField value={login.region} focus={field === 'region'} placeholder={provider.region?.example} onChange={region => onEdit({region})} onSubmit={next} />
						</Box>
					</InView>
				)}
				<InView active={field === 'username'}>
					{provider.login !== 'none' && (
						<Box>
							<Box width={labelWidth} flexShrink={0}><Text color={theme.muted}>{marker('username')}{m.username}</Text></Box>
							{fields.includes('username')
								? <TextField value={login.username} focus={field === 'username'} onChange={username => onEdit({username})} onSubmit={next} />
								: <Text>{provider.fixedUsername ? m.fixedUser(provider.fixedUsername) : m.tokenUser}</Text>}
						</Box>
					)}
					{fields.includes('username') && field === 'username' && <Box marginLeft={labelWidth}><Text color={theme.muted}>{provider.usernameHint[lang]}</Text></Box>}
				</InView>
				<InView active={field === 'password'}>
					{fields.includes('password') && (
						<Box>
							<Box width={labelWidth} flexShrink={0}><Text color={theme.muted}>{marker('password')}{m.password}</Text></Box>
							<TextField masked value={login.password.reveal()} focus={field === 'password'} onChange={text => onEdit({password: new Secret(text)})} onSubmit={next} />
						</Box>
					)}
					{field === 'password' && <Box marginLeft={labelWidth}><Text color={theme.muted}>{provider.passwordHint[lang]}</Text></Box>}
				</InView>
				<InView active={field === 'verify'}>
					<Box>
						<Box width={labelWidth} flexShrink={0}><Text color={theme.muted}>{marker('verify')}{m.certificate}</Text></Box>
						<Text bold={field === 'verify'}>{login.verify ? m.verifyOn : m.verifyOff}</Text>
					</Box>
				</InView>
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Fact labelWidth={labelWidth} label={m.relay} value={target || '—'} />
				<Fact labelWidth={labelWidth} label={m.encryption} value={encryptionText} />
				<Fact labelWidth={labelWidth} label={m.sender} value={provider.sender[lang]} />
				{provider.note && <Fact labelWidth={labelWidth} label={m.note} value={provider.note[lang]} color={theme.warn} />}
			</Box>
			{problem && problem.field === field && (field === 'region' || login.field !== 'provider') && (
				<Marked mark="✖" color={theme.error}>{problem.reason[lang]}</Marked>
			)}
		</Frame>
	);
}
