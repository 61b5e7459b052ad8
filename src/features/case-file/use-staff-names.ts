import { useEffect, useState } from 'preact/hooks';
import { useStores } from '../../shell/stores.ts';

/** Her centre's staff names the tablet knows, by user id; empty until read (or if unreadable). */
export function useStaffNames(): ReadonlyMap<string, string> {
  const { readStaffNames } = useStores();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let isCurrent = true;
    readStaffNames()
      .then((read) => {
        if (isCurrent) setNames(read);
      })
      // A name is a courtesy: without it the entry still shows, as by "a colleague".
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [readStaffNames]);
  return names;
}

/** Who wrote an entry as staff read it: a name the tablet knows, else "a colleague" — never an id. */
export function nameWriter(
  userId: string,
  names: ReadonlyMap<string, string>,
  aColleague: string,
): string {
  return names.get(userId) ?? aColleague;
}
