import type { LocalSystem as Runtime } from '../composition/local.js';
import type { DevRoute } from './server.js';

/** The code the simulator dials first; any code can be typed, since the gateway forwards whatever was dialled. */
export const DEMO_USSD_CODE = '*123#';

const escAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The phone simulator page. It carries the local callback key so it can call POST /ussd and POST /sms
 * exactly as Africa's Talking does (same form fields, same `?key=`): what works here works behind the
 * gateway. Local only: the key is the local demo default and this route is never deployed.
 */
function phonePage(runtime: Runtime): string {
  const shortcode = runtime.deps.policy.smsShortcode;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Phone simulator · PMI hotline (local)</title>
<style>
body{margin:0;font:15px/1.4 system-ui,Arial,sans-serif;background:#e9edf0;color:#111}
h1{font-size:1.2rem;margin:.5rem 1rem}
p.note{margin:0 1rem .5rem;color:#444}
.row{display:flex;flex-wrap:wrap;gap:1rem;padding:0 1rem 1rem;align-items:flex-start}
.phone{background:#222;border-radius:18px;padding:12px;width:250px;color:#eee;box-shadow:0 2px 6px #0004}
.phone h2{font-size:.9rem;margin:0 0 6px;color:#ddd}
.phone small{color:#aaa}
.screen{background:#c8d8b0;color:#111;font:13px/1.3 monospace;min-height:140px;padding:6px;border-radius:4px;white-space:pre-wrap;word-break:break-word}
.state{font:12px monospace;color:#9fd;margin:4px 0}
.entry,.me,.sms{width:100%;box-sizing:border-box;font:14px monospace;padding:4px;margin:4px 0}
.keys{display:grid;grid-template-columns:repeat(3,1fr);gap:4px;margin:6px 0}
.keys button,.act button{font:16px monospace;padding:6px 0;border-radius:6px;border:0;background:#444;color:#fff}
.act{display:grid;grid-template-columns:1fr 1fr 1fr;gap:4px}
.act .call{background:#2e7d32}.act .end{background:#c62828}
.inbox{background:#111;border-radius:4px;min-height:60px;max-height:220px;overflow:auto;margin-top:6px;padding:4px}
.msg{background:#333;border-radius:4px;padding:4px;margin:3px 0;font-size:12px;white-space:pre-wrap}
.msg time{display:block;color:#999;font-size:10px}
.officials{display:flex;flex-wrap:wrap;gap:1rem;flex:1}
.officials .phone{width:220px}
.reply{display:flex;gap:4px}.reply input{flex:1;min-width:0}
</style></head>
<body data-key="${escAttr(runtime.callbackKey)}" data-shortcode="${escAttr(shortcode)}" data-ussd="${escAttr(DEMO_USSD_CODE)}">
<h1>Phone simulator (local only)</h1>
<p class="note">Dial <b>${DEMO_USSD_CODE}</b> and press Call to walk the USSD menu, or send an SMS to ${escAttr(shortcode)}. The phones on the right are the demo officials: alerts arrive there, and they can reply with commands. Requests go to POST /ussd and POST /sms in Africa's Talking format. Officials work cases in the <a href="/console" id="console-link">console</a> (sign-in codes arrive on their phones here).</p>
<div class="row">
  <div class="phone" id="reporter">
    <h2>Reporter phone</h2>
    <label>Number <input class="me" id="me" value="+6281234567890" aria-label="Reporter phone number"></label>
    <div class="screen" id="screen" aria-live="polite">Ready. Type a USSD code and press Call.</div>
    <div class="state" id="ussd-state">idle</div>
    <input class="entry" id="entry" value="${DEMO_USSD_CODE}" aria-label="Keypad entry" autocomplete="off">
    <div class="act"><button class="call" id="call" type="button">Call/Send</button><button id="clear" type="button">Clear</button><button class="end" id="end" type="button">End</button></div>
    <div class="keys" id="keys">${['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((k) => `<button type="button" data-key="${k}">${k}</button>`).join('')}</div>
    <textarea class="sms" id="sms-text" rows="3" aria-label="SMS text" placeholder="LAPOR gaji belum dibayar 3 bulan"></textarea>
    <div class="act"><button class="call" id="sms-send" type="button">Send SMS</button></div>
    <div class="state" id="sms-state"></div>
    <div class="inbox" id="inbox" aria-label="SMS received"></div>
  </div>
  <div class="officials" id="officials"></div>
</div>
<script src="/dev/phone.js"></script>
</body></html>`;
}

/** Plain browser JavaScript (served as a file, not built): dev-only, so no bundler step is needed. */
const PHONE_JS = String.raw`'use strict';
(function () {
  var cfg = document.body.dataset;
  var $ = function (id) { return document.getElementById(id); };
  var session = null;
  var lastSeq = 0;
  var inboxes = [];

  function e164(raw) {
    var s = String(raw).replace(/[\s().-]/g, '');
    if (s.indexOf('+') === 0) return s;
    if (s.indexOf('00') === 0) return '+' + s.slice(2);
    if (s.indexOf('62') === 0) return '+' + s;
    if (s.indexOf('0') === 0) return '+62' + s.slice(1);
    return '+62' + s;
  }
  function post(path, fields) {
    return fetch(path + '?key=' + encodeURIComponent(cfg.key), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
  function atDate() { return new Date().toISOString().slice(0, 19).replace('T', ' '); }
  function randomId(prefix) { return prefix + '-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10); }
  function setState(text) { $('ussd-state').textContent = text; }

  async function ussd(input) {
    if (!session) {
      session = { id: randomId('sim'), code: input, text: '' };
    } else {
      session.text = session.text === '' ? input : session.text + '*' + input;
    }
    var fields = { sessionId: session.id, serviceCode: session.code, phoneNumber: e164($('me').value), networkCode: '51010', text: session.text };
    setState('waiting…');
    var reply;
    try {
      var res = await fetch('/ussd?key=' + encodeURIComponent(cfg.key), {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
      });
      reply = await res.text();
      if (!res.ok) {
        // The gateway ends the session on any non-200: show it as the user would see it.
        $('screen').textContent = 'Connection problem or invalid MMI code. (HTTP ' + res.status + ')';
        setState('END (gateway error ' + res.status + ')');
        session = null;
        return;
      }
    } catch (err) {
      $('screen').textContent = 'Network error';
      setState('END (network error)');
      session = null;
      return;
    }
    if (reply.indexOf('CON ') === 0) {
      $('screen').textContent = reply.slice(4);
      setState('CON: type an answer and press Call/Send');
    } else if (reply.indexOf('END ') === 0) {
      $('screen').textContent = reply.slice(4);
      setState('END: session over');
      session = null;
    } else {
      $('screen').textContent = 'Invalid reply from the app (no CON/END): ' + reply.slice(0, 80);
      setState('END (invalid reply)');
      session = null;
    }
    $('entry').value = '';
    $('entry').focus();
  }

  $('call').addEventListener('click', function () {
    var value = $('entry').value.trim();
    if (!session && !/^\*[0-9*]+#$/.test(value)) { $('screen').textContent = 'Dial a USSD code like ' + cfg.ussd; return; }
    ussd(value);
  });
  $('entry').addEventListener('keydown', function (e) { if (e.key === 'Enter') $('call').click(); });
  $('end').addEventListener('click', function () {
    session = null; $('screen').textContent = 'Session cancelled.'; setState('idle'); $('entry').value = cfg.ussd;
  });
  $('clear').addEventListener('click', function () { $('entry').value = $('entry').value.slice(0, -1); });
  $('keys').addEventListener('click', function (e) {
    var key = e.target && e.target.getAttribute && e.target.getAttribute('data-key');
    if (key) $('entry').value += key;
  });

  async function sendSms(from, text, stateEl) {
    var res = await post('/sms', { from: from, to: cfg.shortcode, text: text, date: atDate(), id: randomId('sim-sms') });
    stateEl.textContent = res.ok ? 'sent' : 'failed: HTTP ' + res.status;
    return res.ok;
  }
  $('sms-send').addEventListener('click', async function () {
    var text = $('sms-text').value;
    if (!text.trim()) return;
    if (await sendSms(e164($('me').value), text, $('sms-state'))) $('sms-text').value = '';
  });

  function addMessage(box, entry) {
    var div = document.createElement('div');
    div.className = 'msg';
    var time = document.createElement('time');
    time.textContent = entry.at.slice(11, 19) + ' via ' + entry.route;
    div.appendChild(time);
    div.appendChild(document.createTextNode(entry.message));
    box.insertBefore(div, box.firstChild);
  }

  async function loadOfficials() {
    var officials = await (await fetch('/dev/officials')).json();
    var holder = $('officials');
    officials.forEach(function (o) {
      var card = document.createElement('div');
      card.className = 'phone';
      card.id = 'official-' + o.id;
      card.setAttribute('data-phone', o.phone);
      var h = document.createElement('h2');
      h.textContent = o.name;
      var info = document.createElement('small');
      info.textContent = o.phone + ' · level ' + o.level + ' · PIN ' + o.pin;
      var box = document.createElement('div');
      box.className = 'inbox';
      var form = document.createElement('div');
      form.className = 'reply';
      var input = document.createElement('input');
      input.className = 'sms';
      input.setAttribute('aria-label', 'Reply from ' + o.name);
      input.placeholder = 'TERIMA ABC-123 ' + o.pin;
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Send';
      var state = document.createElement('div');
      state.className = 'state';
      button.addEventListener('click', async function () {
        if (!input.value.trim()) return;
        if (await sendSms(o.phone, input.value, state)) input.value = '';
      });
      form.appendChild(input);
      form.appendChild(button);
      card.appendChild(h); card.appendChild(info); card.appendChild(box); card.appendChild(form); card.appendChild(state);
      holder.appendChild(card);
      inboxes.push({ phone: o.phone, box: box });
    });
  }

  async function poll() {
    try {
      var entries = await (await fetch('/dev/outbox')).json();
      var maxSeq = entries.reduce(function (m, e) { return Math.max(m, e.seq); }, 0);
      if (maxSeq < lastSeq) {
        // The outbox was cleared: start over.
        lastSeq = 0;
        $('inbox').textContent = '';
        inboxes.forEach(function (i) { i.box.textContent = ''; });
      }
      var me = e164($('me').value);
      entries.filter(function (e) { return e.seq > lastSeq; }).forEach(function (e) {
        if (e.to === me) addMessage($('inbox'), e);
        inboxes.forEach(function (i) { if (i.phone === e.to) addMessage(i.box, e); });
      });
      lastSeq = Math.max(lastSeq, maxSeq);
    } catch (err) { /* the server may be restarting: try again on the next tick */ }
    setTimeout(poll, 1500);
  }

  loadOfficials().then(poll, poll);
})();
`;

/** Local-only pages: the phone simulator and its script. Never deployed (the CDK stack has no such routes). */
export function extraDevRoutes(runtime: Runtime): Record<string, DevRoute> {
  return {
    'GET /dev/phone': async () => ({ status: 200, type: 'text/html; charset=utf-8', body: phonePage(runtime) }),
    'GET /dev/phone.js': async () => ({ status: 200, type: 'text/javascript; charset=utf-8', body: PHONE_JS }),
  };
}
