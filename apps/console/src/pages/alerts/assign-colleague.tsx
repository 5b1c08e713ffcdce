import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '../../api/client';
import { graphql } from '../../gql';
import { useMessages } from '../../i18n/locale';
import { SelectField } from '../../ui/field';
import { SubmitActions } from '../../ui/submit-actions';
import { detailText } from './messages';

const ALERT_HANDLERS = graphql(`
  query AlertsPageHandlers {
    alertHandlers {
      id
      displayName
    }
  }
`);

/**
 * Hands the alert to a colleague of the officer's agency who handles alerts: a case handler on call
 * passes a case on by name. Shows nothing while the list is read, when it cannot be, or when there
 * is nobody else to hand it to; "assign to me" stays beside it.
 */
export function AssignToColleague({
  selfId,
  assigneeId,
  running,
  onAssign,
}: {
  selfId: string;
  assigneeId: string | undefined;
  running: boolean;
  onAssign: (userId: string) => Promise<boolean>;
}): ReactNode {
  const text = useMessages(detailText);
  const { data } = useQuery(ALERT_HANDLERS, {});
  const [chosen, setChosen] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const colleagues = (data?.alertHandlers ?? []).filter(
    (user) => user.id !== selfId && user.id !== assigneeId,
  );
  if (colleagues.length === 0) return null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (!chosen) return;
    if (await onAssign(chosen)) {
      setChosen('');
      setSubmitted(false);
    }
  };

  return (
    <form className="alert-assign" onSubmit={(event) => void submit(event)} noValidate>
      <SelectField
        label={text.assignColleague}
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
        error={submitted && !chosen ? text.chooseColleagueFirst : undefined}
      >
        <option value="">{text.chooseColleague}</option>
        {colleagues.map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
      </SelectField>
      <SubmitActions label={text.assign} running={running} />
    </form>
  );
}
