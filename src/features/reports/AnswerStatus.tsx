import { fill, useMessages } from '../../i18n/define-messages.ts';
import { useLang } from '../../i18n/lang.ts';
import { reportsMessages } from '../../i18n/messages-reports.ts';
import { Banner } from '../../ui/Banner.tsx';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import type { IndicatorAnswerState } from './use-indicator-answer.ts';

/** Where the figures on screen came from and when, or why there are none. */
export function AnswerStatus({
  state,
  onRetry,
}: {
  readonly state: IndicatorAnswerState;
  readonly onRetry: () => void;
}) {
  const t = useMessages(reportsMessages);
  const lang = useLang();
  switch (state.status) {
    case 'loading':
      return (
        <p class="loading" aria-busy="true">
          {t.loading}
        </p>
      );
    case 'fresh':
      return (
        <p class="report-note" data-testid="fetched-at">
          {fill(t.fetchedAt, { time: formatDateTime(state.saved.fetchedAt, lang) })}
        </p>
      );
    case 'kept':
      return (
        <Banner tone="warning" testId="kept-copy">
          {fill(t.savedCopy, { time: formatDateTime(state.saved.fetchedAt, lang) })}
        </Banner>
      );
    case 'failed': {
      const message =
        state.problem === 'offline'
          ? t.offlineNoCopy
          : state.problem === 'refused'
            ? t.loadRefused
            : t.loadFailed;
      return (
        <Banner
          tone="danger"
          testId="report-failed"
          action={<Button onClick={onRetry}>{t.retry}</Button>}
        >
          {message}
        </Banner>
      );
    }
  }
}
