import type { LocalSystem as Runtime } from '../composition/local.js';
import type { DevRoute } from './server.js';

/** The code the simulator dials first; any code can be typed, since the gateway forwards whatever was dialled. */
export const DEMO_USSD_CODE = '*123#';

const escAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The phone simulator page. It carries the local callback key so it can call POST /ussd and POST /sms
 * exactly as Africa's Talking does (same form fields, same `?key=`), and the local WhatsApp app secret
 * so it can post POST /whatsapp exactly as Meta does (the webhook body signed in the browser with
 * HMAC-SHA256, `X-Hub-Signature-256`): what works here works behind the gateways. Local only: both
 * are the local demo defaults and this route is never deployed (the server listens on loopback,
 * which is also what lets the browser's WebCrypto sign).
 */
function phonePage(runtime: Runtime): string {
  const shortcode = runtime.deps.policy.smsShortcode;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Phone simulator · PMI hotline (local)</title>
<style>
body{margin:0;font:15px/1.4 system-ui,Arial,sans-serif;background:#e9edf0;color:#111}
h1{font-size:1.2rem;margin:.5rem 1rem}
.note{margin:0 1rem .5rem;color:#444}
details.note summary{cursor:pointer}
.row{display:flex;flex-wrap:wrap;gap:1rem;padding:0 1rem 1rem;align-items:flex-start}
.phone{background:#222;border-radius:18px;padding:12px;width:250px;max-width:100%;box-sizing:border-box;color:#eee;box-shadow:0 2px 6px #0004}
.phone h2{font-size:.9rem;margin:0 0 6px;color:#ddd}
.phone h3{font-size:.75rem;margin:8px 0 0;color:#bbb;font-weight:normal;text-transform:uppercase;letter-spacing:.05em}
.phone small{color:#aaa}
.screen{background:#c8d8b0;color:#111;font:13px/1.3 monospace;min-height:140px;padding:6px;border-radius:4px;white-space:pre-wrap;word-break:break-word}
.state{font:12px monospace;color:#9fd;margin:4px 0;overflow-wrap:anywhere}
.entry,.me,.sms{width:100%;box-sizing:border-box;font:14px monospace;padding:4px;margin:4px 0}
.keys{display:grid;grid-template-columns:repeat(3,1fr);gap:4px;margin:6px 0}
.keys button,.act button,.reply button{font:15px system-ui,sans-serif;padding:6px 4px;border-radius:6px;border:0;background:#444;color:#fff;min-height:36px}
.act{display:grid;grid-template-columns:1fr 1fr 1fr;gap:4px}
.act.two{grid-template-columns:1fr 1fr}
.act .call{background:#2e7d32}.act .end{background:#c62828}
.act .wa,.reply .wa{background:#128c7e}
.apps{display:grid;grid-template-columns:1fr 1fr;gap:4px;margin:6px 0}
.apps button{font:14px system-ui,sans-serif;padding:6px 0;border-radius:6px;border:1px solid #666;background:#333;color:#ddd;min-height:36px}
.apps button[aria-pressed="true"]{background:#eee;color:#111;font-weight:bold}
.inbox{background:#111;border-radius:4px;min-height:40px;max-height:220px;overflow:auto;margin-top:4px;padding:4px}
.chat{background:#e5ddd5;border-radius:4px;min-height:40px;max-height:260px;overflow:auto;margin-top:4px;padding:4px;color:#111}
.msg{background:#333;border-radius:4px;padding:4px;margin:3px 0;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}
.msg time{display:block;color:#999;font-size:10px}
.chat .msg{background:#fff;border-radius:6px;margin:4px 24px 4px 0;box-shadow:0 1px 1px #0002}
.chat .msg.mine{background:#dcf8c6;margin:4px 0 4px 24px}
.chat .msg time{color:#667}
.chat .tpl{display:inline-block;background:#fff3c4;color:#5a4500;border-radius:3px;padding:0 3px;font-size:10px;margin-bottom:2px}
.chat .ticks{display:flex;gap:4px;margin-top:3px;flex-wrap:wrap}
.chat .ticks button{font:11px system-ui,sans-serif;padding:2px 6px;border-radius:10px;border:1px solid #999;background:#f4f4f4;color:#222}
.officials{display:flex;flex-wrap:wrap;gap:1rem;flex:1 1 240px;min-width:0}
.officials .phone{width:240px}
.officials summary{cursor:pointer}.officials summary h2{display:inline}
.officials .count{display:inline-block;background:#128c7e;color:#fff;border-radius:9px;padding:0 6px;font-size:11px;margin-left:4px}
@media (max-width:600px){.row{padding:0 .5rem 1rem;gap:.75rem}.phone,.officials .phone{width:100%}}
.reply{display:flex;gap:4px;flex-wrap:wrap}.reply input{flex:1 1 100%;min-width:0}.reply button{flex:1}
[hidden]{display:none!important}
</style></head>
<body data-key="${escAttr(runtime.callbackKey)}" data-shortcode="${escAttr(shortcode)}" data-ussd="${escAttr(DEMO_USSD_CODE)}" data-wa-secret="${escAttr(runtime.config.local.whatsappAppSecret)}">
<h1>Phone simulator (local only)</h1>
<p class="note">Dial <b>${DEMO_USSD_CODE}</b> and press Call for the USSD menu, or send an SMS to ${escAttr(shortcode)}. Switch the reporter phone to <b>WhatsApp</b> to write as a worker abroad (a number like +60…). The demo officials' phones follow; each opens when a message arrives, and answers by WhatsApp or SMS. Officials work cases in the <a href="/console" id="console-link">console</a> (sign-in codes arrive on their phones here).</p>
<details class="note"><summary>What the simulator sends</summary>POST /ussd and POST /sms in Africa's Talking format, and POST /whatsapp as Meta's webhooks, signed with the local app secret (X-Hub-Signature-256). The <i>delivered</i>, <i>read</i> and <i>failed</i> buttons under a WhatsApp message post its status as Meta would: <i>failed</i> on an official's alert sends the alert again by SMS.</details>
<div class="row">
  <div class="phone" id="reporter">
    <h2>Reporter phone</h2>
    <label>Number <input class="me" id="me" value="+6281234567890" aria-label="Reporter phone number"></label>
    <div class="apps" role="group" aria-label="App"><button type="button" id="mode-sms" aria-pressed="true">SMS / USSD</button><button type="button" id="mode-wa" aria-pressed="false">WhatsApp</button></div>
    <div id="sms-app">
      <div class="screen" id="screen" aria-live="polite">Ready. Type a USSD code and press Call.</div>
      <div class="state" id="ussd-state">idle</div>
      <input class="entry" id="entry" value="${DEMO_USSD_CODE}" aria-label="Keypad entry" autocomplete="off">
      <div class="act"><button class="call" id="call" type="button">Call/Send</button><button id="clear" type="button">Clear</button><button class="end" id="end" type="button">End</button></div>
      <div class="keys" id="keys">${['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((k) => `<button type="button" data-key="${k}">${k}</button>`).join('')}</div>
      <textarea class="sms" id="sms-text" rows="3" aria-label="SMS text" placeholder="LAPOR gaji belum dibayar 3 bulan"></textarea>
      <div class="act"><button class="call" id="sms-send" type="button">Send SMS</button></div>
      <div class="state" id="sms-state"></div>
    </div>
    <div id="wa-app" hidden>
      <h3>WhatsApp · Hotline PMI NTB</h3>
      <div class="chat" id="wa-chat" aria-label="WhatsApp chat with the hotline" aria-live="polite"></div>
      <textarea class="sms" id="wa-text" rows="3" aria-label="WhatsApp message" placeholder="LAPOR gaji belum dibayar 3 bulan, asal Lotim"></textarea>
      <div class="act two"><button class="wa" id="wa-send" type="button">Send WhatsApp</button><button id="wa-voice" type="button">Voice note</button></div>
      <div class="state" id="wa-state"></div>
    </div>
    <h3>SMS</h3>
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
  /** WhatsApp ids are the number's digits without "+": what Meta puts in "from" and "wa_id". */
  function waId(phone) { return e164(phone).replace(/^\+/, ''); }
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

  // --- WhatsApp: Meta's webhook, signed as Meta signs it ---------------------------------------

  /** X-Hub-Signature-256: HMAC-SHA256 of the exact body bytes with the app secret, in hex. */
  async function sign(body) {
    if (!window.crypto || !crypto.subtle) throw new Error('WebCrypto needs a secure page: open the simulator at http://127.0.0.1 or http://localhost');
    var enc = new TextEncoder();
    var key = await crypto.subtle.importKey('raw', enc.encode(cfg.waSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    var mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(body)));
    return 'sha256=' + Array.prototype.map.call(mac, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }
  function webhook(value) {
    return {
      object: 'whatsapp_business_account',
      entry: [{ id: 'local-waba', changes: [{ field: 'messages', value: Object.assign({
        messaging_product: 'whatsapp', metadata: { display_phone_number: cfg.shortcode, phone_number_id: 'local-phone-number-id' },
      }, value) }] }],
    };
  }
  async function postWebhook(payload, stateEl) {
    var body = JSON.stringify(payload);
    try {
      var res = await fetch('/whatsapp', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': await sign(body) }, body: body });
      stateEl.textContent = res.ok ? 'sent' : 'failed: HTTP ' + res.status;
      return res.ok;
    } catch (err) {
      stateEl.textContent = 'failed: ' + err.message;
      return false;
    }
  }
  /** One WhatsApp message from a phone: type "text" with a body, or a voice note (no words). */
  function sendWhatsApp(phone, message, stateEl) {
    var from = waId(phone);
    var m = Object.assign({ from: from, id: 'wamid.' + randomId('sim'), timestamp: String(Math.floor(Date.now() / 1000)) }, message);
    return postWebhook(webhook({ contacts: [{ wa_id: from, profile: { name: 'Simulator' } }], messages: [m] }), stateEl);
  }
  function postStatus(entry, status, stateEl) {
    var s = { id: entry.providerMessageId, status: status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: waId(entry.to) };
    if (status === 'failed') s.errors = [{ code: 131026, title: 'Message undeliverable' }];
    return postWebhook(webhook({ statuses: [s] }), stateEl);
  }
  function addMine(box, text) {
    var div = document.createElement('div');
    div.className = 'msg mine';
    var time = document.createElement('time');
    time.textContent = new Date().toTimeString().slice(0, 8) + ' · you';
    div.appendChild(time);
    div.appendChild(document.createTextNode(text));
    box.insertBefore(div, box.firstChild);
  }
  $('wa-send').addEventListener('click', async function () {
    var text = $('wa-text').value;
    if (!text.trim()) return;
    if (await sendWhatsApp($('me').value, { type: 'text', text: { body: text } }, $('wa-state'))) {
      addMine($('wa-chat'), text);
      $('wa-text').value = '';
    }
  });
  $('wa-voice').addEventListener('click', async function () {
    if (await sendWhatsApp($('me').value, { type: 'audio', audio: { id: randomId('media'), mime_type: 'audio/ogg; codecs=opus', voice: true } }, $('wa-state'))) {
      addMine($('wa-chat'), '🎤 voice note');
    }
  });
  function setMode(mode) {
    var wa = mode === 'whatsapp';
    $('sms-app').hidden = wa;
    $('wa-app').hidden = !wa;
    $('mode-sms').setAttribute('aria-pressed', String(!wa));
    $('mode-wa').setAttribute('aria-pressed', String(wa));
  }
  $('mode-sms').addEventListener('click', function () { setMode('sms'); });
  $('mode-wa').addEventListener('click', function () { setMode('whatsapp'); });
  var params = new URLSearchParams(location.search);
  if (params.get('me')) $('me').value = params.get('me');
  setMode(params.get('mode') === 'whatsapp' ? 'whatsapp' : 'sms');

  // --- What arrives on each phone: the outbox, SMS apart from WhatsApp ---------------------------

  function addMessage(box, entry) {
    var div = document.createElement('div');
    div.className = 'msg';
    var time = document.createElement('time');
    time.textContent = entry.at.slice(11, 19) + ' via ' + entry.route;
    div.appendChild(time);
    div.appendChild(document.createTextNode(entry.message));
    box.insertBefore(div, box.firstChild);
  }
  function addWhatsApp(box, entry) {
    var div = document.createElement('div');
    div.className = 'msg';
    div.setAttribute('data-wamid', entry.providerMessageId);
    var time = document.createElement('time');
    time.textContent = entry.at.slice(11, 19) + ' · WhatsApp';
    div.appendChild(time);
    if (entry.template) {
      var tpl = document.createElement('span');
      tpl.className = 'tpl';
      tpl.textContent = 'template ' + entry.template;
      div.appendChild(tpl);
      div.appendChild(document.createElement('br'));
    }
    div.appendChild(document.createTextNode(entry.message));
    var ticks = document.createElement('div');
    ticks.className = 'ticks';
    var state = document.createElement('span');
    ['delivered', 'read', 'failed'].forEach(function (status) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = status;
      b.title = 'Post a "' + status + '" status for this message, as Meta would';
      b.addEventListener('click', function () {
        postStatus(entry, status, state).then(function (ok) { if (ok) state.textContent = status + ' posted'; });
      });
      ticks.appendChild(b);
    });
    ticks.appendChild(state);
    div.appendChild(ticks);
    box.insertBefore(div, box.firstChild);
  }

  function heading(text) { var h = document.createElement('h3'); h.textContent = text; return h; }

  async function loadOfficials() {
    var officials = await (await fetch('/dev/officials')).json();
    var holder = $('officials');
    officials.forEach(function (o) {
      // Closed until a message arrives: twelve open phones bury the one a walk is about on a small screen.
      var card = document.createElement('details');
      card.className = 'phone';
      card.id = 'official-' + o.id;
      card.setAttribute('data-phone', o.phone);
      var summary = document.createElement('summary');
      var h = document.createElement('h2');
      h.textContent = o.name;
      var count = document.createElement('span');
      count.className = 'count';
      count.hidden = true;
      var info = document.createElement('small');
      info.textContent = o.phone + ' · level ' + o.level + ' · PIN ' + o.pin + ' · alerts by ' + (o.whatsapp ? 'WhatsApp' : 'SMS');
      var chat = document.createElement('div');
      chat.className = 'chat';
      chat.setAttribute('aria-label', 'WhatsApp to ' + o.name);
      var box = document.createElement('div');
      box.className = 'inbox';
      box.setAttribute('aria-label', 'SMS to ' + o.name);
      var form = document.createElement('div');
      form.className = 'reply';
      var input = document.createElement('input');
      input.className = 'sms';
      input.setAttribute('aria-label', 'Reply from ' + o.name);
      input.placeholder = 'TERIMA ABC-123 ' + o.pin;
      var state = document.createElement('div');
      state.className = 'state';
      var wa = document.createElement('button');
      wa.type = 'button';
      wa.className = 'wa';
      wa.textContent = 'WhatsApp';
      wa.setAttribute('aria-label', 'Send by WhatsApp from ' + o.name);
      wa.addEventListener('click', async function () {
        var text = input.value;
        if (!text.trim()) return;
        if (await sendWhatsApp(o.phone, { type: 'text', text: { body: text } }, state)) { addMine(chat, text); input.value = ''; }
      });
      var sms = document.createElement('button');
      sms.type = 'button';
      sms.textContent = 'SMS';
      sms.setAttribute('aria-label', 'Send by SMS from ' + o.name);
      sms.addEventListener('click', async function () {
        if (!input.value.trim()) return;
        if (await sendSms(o.phone, input.value, state)) input.value = '';
      });
      form.appendChild(input);
      form.appendChild(wa);
      form.appendChild(sms);
      summary.appendChild(h); summary.appendChild(count); summary.appendChild(document.createElement('br')); summary.appendChild(info);
      card.appendChild(summary);
      card.appendChild(heading('WhatsApp')); card.appendChild(chat);
      card.appendChild(heading('SMS')); card.appendChild(box);
      card.appendChild(form); card.appendChild(state);
      holder.appendChild(card);
      inboxes.push({ phone: o.phone, box: box, chat: chat, card: card, count: count, received: 0 });
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
        $('wa-chat').textContent = '';
        inboxes.forEach(function (i) { i.box.textContent = ''; i.chat.textContent = ''; i.received = 0; i.count.hidden = true; });
      }
      var me = e164($('me').value);
      entries.filter(function (e) { return e.seq > lastSeq; }).forEach(function (e) {
        var wa = e.route === 'whatsapp';
        if (e.to === me) (wa ? addWhatsApp($('wa-chat'), e) : addMessage($('inbox'), e));
        inboxes.forEach(function (i) {
          if (i.phone !== e.to) return;
          (wa ? addWhatsApp(i.chat, e) : addMessage(i.box, e));
          i.card.open = true;
          i.count.textContent = String(++i.received);
          i.count.hidden = false;
        });
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
