// sites.js: the site adapters, as data (a classic script: content scripts, the service worker,
// the popup and the options page all load it). Defines globalThis.CHATLINT_SITES.
//
// For each known merchant chat page: the URL patterns (Chrome match patterns; they match any
// port), the platform whose rules apply (its own names and payment are fine in its rules), words
// that are fine there besides, and several candidate selectors for the reply box and the send
// button, best first (from /work/shared/SITES.md: DOM captures and bots in the wild). Pages
// change: when no candidate fits, the content script's generic adapter finds the focused
// textarea or contenteditable box and a nearby 发送 button.
//   enterSends / ctrlEnterSends: which keys send on that page (Shift+Enter never sends).
//   sendText: the send button must contain this text (for selectors as loose as antd's).
// The manifest's content_scripts/host_permissions/web_accessible_resources list exactly these
// `matches` (js/scripts/build-extension.mjs refuses to build if they differ).
globalThis.CHATLINT_SITES = [
  {
    id: 'pdd', name: '拼多多商家后台', platform: 'pdd',
    matches: ['https://mms.pinduoduo.com/chat-merchant/*'],
    allowWords: [],
    box: [
      '.reply-input .textarea-rect > textarea#replyTextarea',
      'textarea#replyTextarea',
      'textarea.custom-scroll',
      "div.chat-input pre[contenteditable='true']",
    ],
    send: ['div.reply-box div.reply-footer div.send-btn', 'div.send-btn'],
    enterSends: true, ctrlEnterSends: true,
  },
  {
    id: 'jd', name: '京东咚咚', platform: 'jd',
    matches: ['https://dongdong.jd.com/*'],
    allowWords: [],
    box: [
      '.chat-foot .EditorWrapper .pell-editor-wrapper > .EditorContent[contenteditable=true]',
      '.EditorContent[contenteditable=true]',
    ],
    send: ['.EditorFoot > .SendButtonGroup span.send-button', 'span.send-button'],
    // The send key is the agent's choice in a menu next to the button: catch both.
    enterSends: true, ctrlEnterSends: true,
  },
  {
    id: 'douyin', name: '抖店飞鸽', platform: 'douyin',
    matches: ['https://im.jinritemai.com/*'],
    allowWords: [],
    box: ['textarea[data-qa-id="qa-send-message-textarea"]'],
    send: ['div[data-qa-id="qa-send-message-button"]'],
    enterSends: true, ctrlEnterSends: false,
  },
  {
    id: 'kuaishou', name: '快手小店', platform: 'kuaishou',
    matches: ['https://im.kwaixiaodian.com/*'],
    allowWords: [],
    box: ['div.ql-editor[contenteditable=true]', 'div.ql-editor'],
    send: ['button.ant-btn.ant-btn-primary'],
    sendText: '发送',
    enterSends: true, ctrlEnterSends: false,
  },
];
