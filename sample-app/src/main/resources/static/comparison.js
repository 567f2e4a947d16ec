'use strict';

// Runs the demo: one request after the other, then shows the counters the app reports.
(function () {
	const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
	const SCOPES = ['simpleThreadScope', 'threadLocalScope'];
	const SETTLE_ATTEMPTS = 50;
	const SETTLE_DELAY_MS = 100;

	const button = document.getElementById('run-demo');
	const status = document.getElementById('status');
	const rows = document.querySelector('#visits tbody');

	function setStatus(state, text) {
		status.dataset.state = state;
		status.textContent = text;
	}

	async function json(response) {
		if (!response.ok) {
			throw new Error(response.url + ' answered ' + response.status);
		}
		return response.json();
	}

	function visit(user) {
		return fetch('compare/visit?user=' + encodeURIComponent(user), { method: 'POST' }).then(json);
	}

	function stats() {
		return fetch('compare/stats', { cache: 'no-store' }).then(json);
	}

	function cell(text, className) {
		const td = document.createElement('td');
		td.textContent = text;
		if (className) {
			td.className = className;
		}
		return td;
	}

	function foundCell(scope, outcome) {
		const td = outcome.leftover
			? cell('\u26A0 LEFTOVER: ' + outcome.foundAtStart.user + ' (request '
				+ outcome.foundAtStart.requestId + ')', 'found leftover')
			: cell('\u2713 nothing', 'found clean');
		td.classList.add(scope);
		td.dataset.leftover = String(outcome.leftover);
		return td;
	}

	function preDestroyCell(scope, outcome, earlierRequest) {
		let text;
		if (outcome.earlierPreDestroyRan === null) {
			text = '\u2014 first on this thread';
		}
		else {
			text = (outcome.earlierPreDestroyRan ? 'yes' : 'no') + ' (request ' + earlierRequest + ')';
		}
		const td = cell(text, 'pre-destroy ' + scope);
		td.dataset.preDestroyRan = String(outcome.earlierPreDestroyRan);
		return td;
	}

	function addRow(result) {
		const tr = document.createElement('tr');
		tr.dataset.request = String(result.request);
		tr.append(cell(String(result.request)), cell(result.user), cell(result.thread, 'thread'));
		for (const scope of SCOPES) {
			tr.append(foundCell(scope, result[scope]),
				preDestroyCell(scope, result[scope], result.earlierRequestOnThread));
		}
		rows.append(tr);
	}

	function showCounters(counters) {
		for (const scope of SCOPES) {
			for (const name of ['created', 'destroyed', 'leftoversSeen']) {
				document.getElementById(scope + '-' + name).textContent = String(counters[scope][name]);
			}
		}
	}

	function delay(ms) {
		return new Promise((resolve) => setTimeout(resolve, ms));
	}

	// A visit's response can arrive before its thread is cleaned up: wait until none is in progress.
	async function settledStats() {
		for (let attempt = 1; ; attempt++) {
			const counters = await stats();
			if (counters.visitsInProgress === 0 || attempt === SETTLE_ATTEMPTS) {
				return counters;
			}
			await delay(SETTLE_DELAY_MS);
		}
	}

	async function run() {
		button.disabled = true;
		rows.replaceChildren();
		setStatus('running', 'Running\u2026');
		try {
			for (const [index, user] of USERS.entries()) {
				setStatus('running', 'Running: request ' + (index + 1) + ' of ' + USERS.length + '\u2026');
				addRow(await visit(user));
			}
			showCounters(await settledStats());
			setStatus('done', 'Done: ' + USERS.length + ' requests, one after the other.');
		}
		catch (error) {
			setStatus('failed', 'The demo failed: ' + error.message);
		}
		finally {
			button.disabled = false;
		}
	}

	button.addEventListener('click', run);
	stats().then(showCounters).catch((error) => setStatus('failed', 'Could not read the counters: ' + error.message));
})();
