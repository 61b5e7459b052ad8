import { useStores } from '../../shell/stores.ts';
import { CentreReportPage } from './CentreReportPage.tsx';

/** The monthly report route: the page over this tablet's count of her centre's records. */
export function CentreReportScreen() {
  const stores = useStores();
  return (
    <CentreReportPage
      readCentreReport={stores.readCentreReport}
      fileTag={stores.staff.districtCode}
    />
  );
}
