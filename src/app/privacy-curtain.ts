/**
 * A blank sheet over the whole app, put up and taken down straight in the DOM, not through a
 * render: when the page is hidden the task switcher may take its snapshot before Preact's next
 * render, and that snapshot must show nothing of any case.
 */
const curtainId = 'privacy-curtain';

export function showPrivacyCurtain(): void {
  if (document.getElementById(curtainId)) return;
  const curtain = document.createElement('div');
  curtain.id = curtainId;
  curtain.className = 'privacy-curtain';
  curtain.setAttribute('aria-hidden', 'true');
  curtain.dataset.testid = curtainId;
  document.body.appendChild(curtain);
}

export function hidePrivacyCurtain(): void {
  document.getElementById(curtainId)?.remove();
}
