// The "print / save as PDF" button of the licence record (no inline handlers: the CSP forbids them).
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
