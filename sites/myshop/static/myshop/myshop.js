// MyShop: move the focus to the error summary of a refused form (pages work without this script).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
