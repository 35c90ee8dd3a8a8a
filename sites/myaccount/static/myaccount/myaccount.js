// MyAccount: move the focus to the error summary when a form comes back with errors (keyboard and
// screen-reader users land on the list of what to fix). The pages work without it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
