/**
 * The console's two static files, served by the console function with a long cache. No inline
 * style or script anywhere, so the CSP can forbid both. Small on purpose: pages must load on a slow
 * link on a 360-pixel phone.
 */
export const CONSOLE_CSS = `*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,Arial,sans-serif;color:#111;background:#f4f6f7}
header{background:#0b4f6c;color:#fff;padding:.5rem .75rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
header a,header .link{color:#fff}
header a,header button.link{display:inline-flex;align-items:center;min-height:44px;min-width:44px}
header nav{display:flex;flex-wrap:wrap;gap:0 .75rem;align-items:center;flex-basis:100%}
header .account{flex-basis:100%;display:flex;justify-content:space-between;align-items:center;gap:.5rem;border-top:1px solid #3d7a93}
header small{opacity:.9}
header #lang-switch{margin-left:auto}
main{padding:.5rem .75rem 2rem;max-width:60rem;margin:0 auto}
h1{font-size:1.25rem;margin:.5rem 0}
h2{font-size:1.05rem;margin:1rem 0 .25rem}
a{color:#0b4f6c}
label{display:block;font-weight:600;margin:.5rem 0 .15rem}
input,select,textarea,button{font:inherit;max-width:100%}
input[type=text],input[type=tel],input[type=password],input[type=date],select,textarea{width:100%;padding:.45rem;border:1px solid #888;border-radius:4px;background:#fff}
button{min-height:44px;min-width:44px;padding:.5rem .9rem;border:0;border-radius:4px;background:#0b4f6c;color:#fff;margin-top:.5rem;cursor:pointer}
button.secondary{background:#fff;color:#0b4f6c;border:2px solid #0b4f6c}
button.primary{width:100%;font-size:1.1rem;font-weight:700}
.main-action{background:#e6f2f7;border:2px solid #0b4f6c;border-radius:6px;padding:.5rem;margin:.5rem 0}
.main-action p{margin:0}
button.link{background:none;padding:0 .25rem;margin:0;text-decoration:underline}
a.button-link{display:inline-block;min-height:44px;padding:.6rem .9rem}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.5rem}
.side{background:#fff;border:1px solid #ccd;border-radius:6px;padding:.5rem}
.side h3{font-size:1rem;margin:0 0 .25rem}
.confirm{background:#fff6d6;border:2px solid #c99a00;border-radius:6px;padding:.5rem;margin:.5rem 0}
form.inline{display:inline}
.err{color:#a40000;font-weight:600}
.ok{color:#11632a;font-weight:600}
.notice{background:#fff6d6;border-left:4px solid #c99a00;padding:.5rem;margin:.5rem 0}
.tabs{display:flex;flex-wrap:wrap;gap:.25rem;margin:.5rem 0;padding:0;list-style:none}
.tabs a{display:flex;align-items:center;min-height:44px;padding:.3rem .6rem;border:1px solid #0b4f6c;border-radius:4px;text-decoration:none}
.chips{display:flex;flex-wrap:wrap;gap:.25rem;margin:.25rem 0;padding:0;list-style:none}
.chips a{display:flex;align-items:center;min-height:44px;padding:.2rem .7rem;border-radius:22px;background:#e6f2f7;border:1px solid #0b4f6c;text-decoration:none}
.search-row{display:flex;gap:.4rem}
.search-row input{flex:1;min-width:0;padding:.45rem;border:1px solid #888;border-radius:4px;min-height:44px}
.search-row button{margin-top:0}
ol.cases li.card{position:relative;min-height:44px}
ol.cases li.card a.ref::after{content:'';position:absolute;inset:0}
ol.cases li.card:hover{border-color:#0b4f6c}
.new-msg{background:#0b4f6c;color:#fff;padding:0 .4em;border-radius:3px;font-size:.85rem;font-weight:600}
ol.thread{list-style:none;padding:0;margin:.25rem 0}
ol.thread li{margin:.5rem 0}
ol.thread li.from-official{margin-left:1.5rem}
ol.thread li.from-official .text{background:#eef5f9}
ol.thread .who{margin:.1rem 0;font-size:.85rem;color:#333}
input,select{min-height:44px}
.tabs a[aria-current=page]{background:#0b4f6c;color:#fff}
ol.cases{list-style:none;padding:0;margin:0}
ol.cases li{background:#fff;border:1px solid #ccd;border-radius:6px;margin:.4rem 0;padding:.5rem}
ol.cases li.urgent{border-left:6px solid #b00020}
ol.cases li.high{border-left:6px solid #d97700}
.ref{font-weight:700;font-family:monospace;font-size:1.05rem}
.meta{color:#444;font-size:.9rem}
.late{color:#a40000;font-weight:600}
dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.2rem .6rem;margin:.25rem 0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.text{white-space:pre-wrap;background:#fff;border:1px solid #ccd;border-radius:6px;padding:.5rem;overflow-wrap:anywhere}
ol.timeline{padding-left:1.2rem;font-size:.9rem}
details{background:#fff;border:1px solid #ccd;border-radius:6px;padding:.4rem .6rem;margin:.4rem 0}
summary{font-weight:600;cursor:pointer;min-height:44px;display:flex;align-items:center}
fieldset{border:1px solid #ccd;border-radius:6px;margin:.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.85rem;background:#fff}
td,th{border:1px solid #ccd;padding:.25rem;text-align:left;overflow-wrap:anywhere}
`;

/**
 * The WebAuthn ceremonies (progressive enhancement: without JavaScript the buttons stay hidden and
 * the SMS code works as before). Plain browser JavaScript, no build step.
 */
export const CONSOLE_JS = String.raw`'use strict';
(function () {
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  function b64u(buf) {
    var bytes = new Uint8Array(buf), s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function bytes(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function post(url, body, csrf) {
    var headers = { 'content-type': 'application/json' };
    if (csrf) headers['x-csrf-token'] = csrf;
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body || {}), credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || 'failed'); return j; }); });
  }
  function show(id, text) { var el = document.getElementById(id); if (el) { el.textContent = text; el.hidden = false; } }

  var signIn = document.getElementById('passkey-signin');
  if (signIn) {
    signIn.hidden = false;
    signIn.addEventListener('click', function () {
      post('/console/sign-in/passkey/options').then(function (o) {
        o.challenge = bytes(o.challenge);
        (o.allowCredentials || []).forEach(function (c) { c.id = bytes(c.id); });
        return navigator.credentials.get({ publicKey: o });
      }).then(function (cred) {
        return post('/console/sign-in/passkey', {
          id: cred.id, rawId: b64u(cred.rawId), type: cred.type, clientExtensionResults: {},
          response: {
            clientDataJSON: b64u(cred.response.clientDataJSON), authenticatorData: b64u(cred.response.authenticatorData),
            signature: b64u(cred.response.signature), userHandle: cred.response.userHandle ? b64u(cred.response.userHandle) : undefined
          }
        });
      }).then(function (r) { location.href = r.location; })
        .catch(function () { show('passkey-status', signIn.dataset.failed); });
    });
  }

  var add = document.getElementById('passkey-add');
  if (add) {
    add.hidden = false;
    var csrf = add.dataset.csrf;
    add.addEventListener('click', function () {
      post('/console/passkeys/options', {}, csrf).then(function (o) {
        o.challenge = bytes(o.challenge);
        o.user.id = bytes(o.user.id);
        (o.excludeCredentials || []).forEach(function (c) { c.id = bytes(c.id); });
        return navigator.credentials.create({ publicKey: o });
      }).then(function (cred) {
        return post('/console/passkeys', {
          id: cred.id, rawId: b64u(cred.rawId), type: cred.type, clientExtensionResults: {},
          response: {
            clientDataJSON: b64u(cred.response.clientDataJSON), attestationObject: b64u(cred.response.attestationObject),
            transports: cred.response.getTransports ? cred.response.getTransports() : []
          }
        }, csrf);
      }).then(function () { location.href = '/console/passkeys?added=1'; })
        .catch(function (e) { show('passkey-status', String(e && e.message || e)); });
    });
  }
})();
`;
