/* portal 3.4.1 */
document.querySelectorAll(".btn-accept-cookies").forEach(function(b){b.onclick=function(){b.closest(".cookie-consent-banner").remove()}});
