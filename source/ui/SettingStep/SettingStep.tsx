import {Box, Text} from 'ink';
import {useKeys} from '../input/use-keys.js';
import type {Lang} from '../../i18n/lang.js';
import {formatValidationError} from '../../settings/catalogue.js';
import {type OriginFacts, resolveOrigin, rootSenderLine} from '../../settings/origin.js';
import type {EarlierAnswers, Setting} from '../../settings/types.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {Fact} from '../Fact/Fact.js';
import {Frame} from '../Frame/Frame.js';
import {Prose} from '../Prose/Prose.js';
import {Marked} from '../Marked/Marked.js';
import {TextField} from '../TextField/TextField.js';

export interface SettingStepProps {
	readonly setting: Setting;
	readonly step: number;
	readonly total: number;
	readonly value: string;
	readonly current: string | undefined;
	readonly postfixDefault: string | undefined;
	readonly recommended: string | undefined;
	/** What `$refs` and /etc/mailname hold: myorigin is judged, and shown, as it resolves. */
	readonly facts?: OriginFacts;
	/** The answers of the steps before, which the warnings quote (the relay, the interfaces…). */
	readonly earlier?: EarlierAnswers;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	readonly onChange: (value: string) => void;
	readonly onAccept: () => void;
	readonly onBack: () => void;
}

export function SettingStep({setting, step, total, value, current, postfixDefault, recommended, facts, earlier, lang, sandboxMode, onChange, onAccept, onBack}: SettingStepProps) {
	const m = uiMessages[lang];
	const validation = setting.validate(value, facts, earlier);
	const origin = setting.name === 'myorigin' && validation.ok ? resolveOrigin(value, facts ?? {}) : undefined;
	useKeys((_input, key) => {
		if (key.escape) {
			onBack();
		}
	});

	const shown = (text: string | undefined) => (text === undefined ? '—' : text === '' ? m.setting.empty : text);
	return (
		<Frame
			lang={lang}
			title={`${m.stepOf(step, total)} · ${setting.name}`}
			sandbox={sandboxMode ? m.sandboxBadge : undefined}
			keys={[
				{key: m.keys.enter, action: m.actions.accept},
				{key: m.keys.esc, action: m.actions.back},
				{key: m.keys.ctrlU, action: m.actions.clear},
				{key: m.keys.ctrlC, action: m.actions.quit},
			]}
			pinned={(
				<>
					<Box>
						<Text bold>{setting.name} = </Text>
						{/* The wizard's state judges the value Enter submits: it is newer than this frame's. */}
						<TextField value={value} onChange={onChange} onSubmit={onAccept} />
					</Box>
					{!validation.ok && (
						<Box flexDirection="column">
							<Marked mark="✖" color={theme.error}>{formatValidationError(validation.error, lang)}</Marked>
							<Text color={theme.muted}>{m.setting.invalid}</Text>
						</Box>
					)}
					{origin?.ok && <Text color={theme.ok}>→ {rootSenderLine(origin.domain)[lang]}</Text>}
					{validation.ok && validation.warnings.map(warning => <Marked key={warning.message.en} mark="!" color={theme.warn}>{warning.message[lang]}</Marked>)}
				</>
			)}
		>
			<Prose>{setting.explanation[lang]}</Prose>
			<Box flexDirection="column" marginTop={1}>
				<Fact labelWidth={18} label={m.setting.current} value={shown(current)} />
				<Fact labelWidth={18} label={m.setting.postfixDefault} value={shown(postfixDefault)} />
				<Fact labelWidth={18} label={m.setting.recommended} value={shown(recommended)} color={theme.ok} />
			</Box>
		</Frame>
	);
}
