// The embed stub as a file, for pages whose Content-Security-Policy allows no inline script
// (README, "Embedding"): calls made before doorway.js has loaded are queued, then run in order.
window.Doorway =
  window.Doorway ||
  ((...args) => {
    window.Doorway.q = window.Doorway.q || []
    window.Doorway.q.push(args)
  })
