// Loopback is the one place where plain ws:// is allowed: the traffic never leaves the machine.
export function isLoopback(host) {
  const bare = String(host)
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}
