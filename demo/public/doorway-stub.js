// The embed stub as a file, for pages whose Content-Security-Policy allows no inline script
// (README, "Embedding"): calls made before doorway.js has loaded are queued, then run in order,
// and each call's promise settles as the real call's does. The catch only keeps a call nobody
// awaits from showing as an uncaught rejection.
window.Doorway =
  window.Doorway ||
  ((...args) => {
    const call = new Promise((resolve, reject) => {
      window.Doorway.q = window.Doorway.q || []
      window.Doorway.q.push({ args, resolve, reject })
    })
    call.catch(() => undefined)
    return call
  })
