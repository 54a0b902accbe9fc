// Progressive enhancement for WCAG 2.2.1 (Timing Adjustable): two minutes before a session ends for want of
// activity, a dialog says so and offers more time. Without JavaScript every page load gives more time, and the
// session ends on the server all the same.
(() => {
  const script = document.currentScript;
  if (!script || typeof HTMLDialogElement !== 'function') return;
  const warnSeconds = 120;
  const csrfToken = script.dataset.csrfToken || '';
  let endsAt = 0;
  let canExtend = false;
  let timers = [];

  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/static/session-timeout.css';
  document.head.append(link);

  const dialog = document.createElement('dialog');
  dialog.className = 'onestop-timeout';
  dialog.setAttribute('aria-labelledby', 'onestop-timeout-heading');
  dialog.setAttribute('aria-describedby', 'onestop-timeout-message');
  dialog.innerHTML = `
    <h2 class="govuk-heading-m" id="onestop-timeout-heading">You will be signed out soon</h2>
    <p class="govuk-body" id="onestop-timeout-message"></p>
    <div class="govuk-button-group">
      <button type="button" class="govuk-button" data-timeout-action="extend">Stay signed in</button>
      <form method="post" action="/sign-out" class="onestop-inline-form">
        <input type="hidden" name="_csrf">
        <button type="submit" class="govuk-button govuk-button--secondary">Sign out</button>
      </form>
    </div>`;
  dialog.querySelector('input[name="_csrf"]').value = csrfToken;
  const message = dialog.querySelector('#onestop-timeout-message');
  const extendButton = dialog.querySelector('[data-timeout-action="extend"]');
  document.body.append(dialog);

  function inWords(seconds) {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? '' : 's'}`;
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }

  function describe() {
    const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    message.textContent = canExtend
      ? `For your security, we will sign you out in ${inWords(left)} because you have not done anything for a while.`
      : `Your session reaches its time limit in ${inWords(left)}. Save your work, then sign in again.`;
  }

  function warn() {
    extendButton.hidden = !canExtend;
    describe();
    if (!dialog.open) dialog.showModal();
    timers.push(setInterval(describe, 1000));
  }

  function end() {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?timedOut=1&next=${encodeURIComponent(here)}`);
  }

  function schedule(secondsLeft, extendable) {
    timers.forEach((timer) => { clearTimeout(timer); clearInterval(timer); });
    endsAt = Date.now() + secondsLeft * 1000;
    canExtend = extendable;
    timers = [setTimeout(warn, Math.max(0, secondsLeft - warnSeconds) * 1000), setTimeout(end, secondsLeft * 1000)];
  }

  async function extend() {
    try {
      const response = await fetch('/session/extend', {
        method: 'POST', credentials: 'same-origin', redirect: 'manual', headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
      });
      if (!response.ok) return end();
      const session = await response.json();
      dialog.close();
      schedule(session.secondsLeft, session.canExtend);
    } catch {
      describe();
    }
  }

  extendButton.addEventListener('click', extend);
  // Escape asks for more time, as the button does: closing the warning should not sign anyone out.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (canExtend) extend();
    else dialog.close();
  });

  schedule(Number(script.dataset.secondsLeft), script.dataset.canExtend === 'true');
})();
