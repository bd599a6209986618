// VIP Connect web component: /sdk?mode=deposit|withdraw|managebanks#<sessionId>
// Shows the loading dialog at once, fetches the live session, then the VIP
// screen; confirm / cancel send the browser to the operator's URLs.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var states = (window.vipStates = []);
  var sessionId = decodeURIComponent((location.hash || "").slice(1));
  var mode = new URLSearchParams(location.search).get("mode") || "";

  function show(id) {
    states.push(id);
    var views = document.querySelectorAll(".view");
    for (var i = 0; i < views.length; i++) views[i].hidden = views[i].id !== id;
  }

  function fail(text) {
    $("vip-error-text").textContent = text;
    show("vip-error");
  }

  function call(method, path, body) {
    return fetch(path, {
      method: method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw j;
        return j;
      });
    });
  }

  function money(n) {
    return "$" + Number(n).toFixed(2);
  }

  function render(s) {
    if (mode && mode !== s.mode) {
      fail("This VIP session is for a " + s.mode + ", not a " + mode + ". Please return to the site and try again.");
      return;
    }
    var m = s.mode;
    var titles = { deposit: "Deposit with VIP Preferred", withdraw: "Withdraw with VIP Preferred",
                   managebanks: "Manage your bank accounts" };
    $("vip-title").textContent = titles[m] || "VIP Preferred";
    $("vip-patron-name").textContent = s.patronName;
    $("vip-operator").textContent = s.operatorName;
    $("vip-amount").textContent = money(s.transactionAmount);
    $("vip-amount-row").hidden = s.mode === "managebanks";
    var box = $("vip-accounts");
    (s.bankAccounts || []).forEach(function (a, i) {
      var label = document.createElement("label");
      label.className = "account";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "vip-account";
      input.value = String(a.index);
      input.checked = i === 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + a.bankName + " " + a.maskedAccountNumber));
      box.appendChild(label);
    });
    show("vip-screen");
  }

  function go(url) {
    window.location.assign(url);
  }

  function busy(on) {
    $("vip-confirm").disabled = on;
    $("vip-cancel").disabled = on;
  }

  function start() {
    show("vip-loading");
    if (!/^[0-9a-fA-F-]{36}$/.test(sessionId)) {
      fail("This VIP session link is not valid. Please return to the site and try again.");
      return;
    }
    var base = "/api/sdk/sessions/" + encodeURIComponent(sessionId);
    call("GET", base).then(render, function () {
      fail("This VIP session has expired or does not exist. Please return to the site and try again.");
    });
    $("vip-confirm").addEventListener("click", function () {
      var chosen = document.querySelector("input[name=vip-account]:checked");
      busy(true);
      call("POST", base + "/confirm", { bankAccountIndex: chosen ? Number(chosen.value) : 0 }).then(
        function (r) { go(r.redirectUrl); },
        function (e) {
          busy(false);
          $("vip-message").textContent = (e && e.patronErrorMessage) || "Sorry, unable to complete this request.";
        });
    });
    $("vip-cancel").addEventListener("click", function () {
      busy(true);
      call("POST", base + "/cancel", {}).then(
        function (r) { go(r.redirectUrl); },
        function () { fail("This VIP session has expired or does not exist."); });
    });
  }

  start();
})();
