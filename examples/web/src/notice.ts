/** The page-wide message line (errors that belong to no form, a session that ended). */
export function showNotice(text: string): void {
  const notice = document.querySelector<HTMLElement>('#notice');
  if (!notice) return;
  notice.textContent = text;
  notice.hidden = false;
}

export function clearNotice(): void {
  const notice = document.querySelector<HTMLElement>('#notice');
  if (notice) notice.hidden = true;
}
