// sayso: the one script. Shows a tooltip for a highlight on hover and on keyboard focus,
// and lets the side list jump to an attribution's words in the text.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  if (!tip) return;
  var current = null;

  function row(dl, term, value) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value;
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function mark(el, on) {  // the attribution's entry in the side list follows the highlight
    var scope = el && el.closest(".article-layout");
    var item = scope && scope.querySelector('ol.atts li[data-att="' + el.dataset.att + '"]');
    if (item) item.classList.toggle("current", on);
  }

  function show(el) {
    var d = el.dataset;
    if (current) mark(current, false);
    current = el;
    mark(el, true);
    tip.textContent = "";
    var head = document.createElement("p");
    head.className = "tip-role tip-" + d.role;
    head.textContent = d.role.charAt(0).toUpperCase() + d.role.slice(1) + " of attribution " + (Number(d.att) + 1);
    tip.appendChild(head);
    var dl = document.createElement("dl");
    tip.appendChild(dl);
    row(dl, "speaker", d.speaker);
    row(dl, "type", d.type + (d.kind ? " · " + d.kind : ""));
    row(dl, "stance", d.stance + (d.framing && d.framing !== "neutral" ? " · " + d.framing : ""));
    row(dl, "confidence", d.confidence);
    tip.hidden = false;
    var r = el.getClientRects()[0] || el.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = (window.scrollX + left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() {
    if (current) mark(current, false);
    tip.hidden = true;
    current = null;
  }

  document.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest(".article-text .hl");
    if (el) show(el);
    else if (current && current !== document.activeElement) hide();
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches(".article-text .hl")) show(e.target);
  });
  document.addEventListener("focusout", function (e) {
    if (e.target === current) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("[data-jump]");
    if (!link) return;
    var scope = link.closest(".article-layout");
    var mark = scope && scope.querySelector('.article-text .hl[data-att="' + link.dataset.jump + '"]');
    if (mark) {
      e.preventDefault();
      mark.focus();
      mark.scrollIntoView({block: "center"});
    }
  });
})();
