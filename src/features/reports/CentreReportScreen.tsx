import { useMemo } from 'preact/hooks';
import { connectCentreReport } from '../../shell/centre-report-source.ts';
import { useStores } from '../../shell/stores.ts';
import { CentreReportPage } from './CentreReportPage.tsx';

/** The monthly report route: the page over this tablet's count of her centre's records. */
export function CentreReportScreen() {
  const stores = useStores();
  const readCentreReport = useMemo(() => connectCentreReport(stores), [stores]);
  return (
    <CentreReportPage readCentreReport={readCentreReport} fileTag={stores.staff.districtCode} />
  );
}
