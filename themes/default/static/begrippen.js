/* Escape hides the short definition of a begrip (WCAG 1.4.13: content on hover or focus must be
   dismissible); pointing at or focusing a begrip again shows definitions again. */
(function () {
  "use strict";
  var root = document.documentElement;
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") root.classList.add("begrippen-verborgen");
  });
  function show(e) {
    if (e.target && e.target.closest && e.target.closest(".begrip")) root.classList.remove("begrippen-verborgen");
  }
  document.addEventListener("focusin", show);
  document.addEventListener("mouseover", show);
})();
