import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {activeSteps, initialState, reduce, stepProgress, wizardSteps, type WizardState} from '../../source/ui/wizard/state.js';
import {Secret} from '../../source/relay/secret.js';
import {readyPreflight} from '../ui/fake-engine.js';

function ready(): WizardState {
	return reduce(initialState(), {type: 'preflightLoaded', preflight: readyPreflight});
}

describe('the wizard\'s steps', () => {
	test('every catalogue setting is a step, in the catalogue\'s order', () => {
		assert.deepEqual(wizardSteps.filter(step => step.setting).map(step => step.id), ['relayhost', 'myorigin', 'inet_interfaces', 'mynetworks', 'mydestination']);
		assert.equal(activeSteps(ready()).length, wizardSteps.length);
	});

	test('begin, accept, back: progress is "n of N" over the steps visited', () => {
		let state = reduce(ready(), {type: 'begin'});
		assert.deepEqual(state.screen, {name: 'step', id: 'relayhost'});
		assert.equal(stepProgress(state)?.number, 1);
		state = reduce(state, {type: 'accept'});
		assert.deepEqual(state.screen, {name: 'step', id: wizardSteps[1]!.id});
		assert.equal(stepProgress(state)?.number, 2);
		assert.equal(stepProgress(state)?.total, wizardSteps.length);
		state = reduce(state, {type: 'back'});
		state = reduce(state, {type: 'back'});
		assert.deepEqual(state.screen, {name: 'preflight'});
	});

	test('an invalid answer keeps the step; the last step leads to the review, and back returns to it', () => {
		let state = reduce(reduce(ready(), {type: 'begin'}), {type: 'edit', name: 'relayhost', value: '[smtp.example.org]:99999'});
		assert.deepEqual(reduce(state, {type: 'accept'}).screen, {name: 'step', id: 'relayhost'});
		state = reduce(state, {type: 'edit', name: 'relayhost', value: '[smtp.example.org]:587'});
		state = reduce(state, {type: 'loginEdit', change: {username: 'me', password: new Secret('pw')}});
		for (let count = 0; count < wizardSteps.length; count++) {
			state = reduce(state, {type: 'accept'});
		}

		assert.equal(state.screen.name, 'review');
		assert.deepEqual(reduce(state, {type: 'back'}).screen, {name: 'step', id: wizardSteps.at(-1)!.id});
	});
});
