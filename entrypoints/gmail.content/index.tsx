export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  main() {},
});
