// Show only the fee fields of the chosen method; without JavaScript all of them stay visible.
(function () {
  var select = document.getElementById('fee_method');
  function sync() {
    document.querySelectorAll('.fee-field').forEach(function (el) {
      el.hidden = !!select.value && el.dataset.methods.split(' ').indexOf(select.value) < 0;
    });
  }
  if (select) { select.addEventListener('change', sync); sync(); }
})();
