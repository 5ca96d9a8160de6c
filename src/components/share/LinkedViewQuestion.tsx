// The question asked before a view from the address or a link is applied to a file it may not
// have been made for, and, while such a view is being computed, a line saying that the numbers
// shown are still the previous view's, with a Cancel that drops back to the plain view.

import { reopenPlain } from '../../state/actions';
import { answerLinkedView, useLinkedView } from '../../state/linkedView';

export function LinkedViewQuestion({ fileId }: { fileId: number }) {
  const question = useLinkedView((s) => (s.question?.fileId === fileId ? s.question : null));
  const applying = useLinkedView((s) => (s.applying?.fileId === fileId ? s.applying : null));
  if (question) {
    const what = question.lines.length > 0 ? ` (${question.lines.join(', ')})` : '';
    return (
      <div className="warn-banner" role="alertdialog" aria-label="Apply the linked view?" data-testid="linked-view-question">
        <p>
          {question.lines.length > 0 ? (
            <>
              Apply the linked view{what} to this file?{' '}
              {question.from === 'address'
                ? 'The address does not say which file it was made for.'
                : 'The link was made from another file.'}
            </>
          ) : (
            'The address carried a view this page could not use.'
          )}
        </p>
        {question.problems.length > 0 && (
          <ul className="small" data-testid="linked-view-problems">
            {question.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        )}
        <div className="modal-actions">
          {question.lines.length > 0 && (
            <button type="button" className="primary" onClick={() => void answerLinkedView(true)}>
              Apply
            </button>
          )}
          <button type="button" onClick={() => void answerLinkedView(false)}>
            {question.lines.length > 0 ? 'Ignore' : 'Dismiss'}
          </button>
        </div>
      </div>
    );
  }
  if (applying) {
    return (
      <div className="info-banner" role="status" data-testid="linked-view-applying">
        Applying the linked view ({applying.lines.join(', ')}): until it is computed, the numbers below are the previous view’s.{' '}
        <button type="button" onClick={() => void reopenPlain(fileId)}>
          Cancel
        </button>
      </div>
    );
  }
  return null;
}
