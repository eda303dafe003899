import type { ClassQuestion } from './usePrelabelRunner';

/** The model predicts classes the project does not have: add them, or pre-label without them. */
export function ClassQuestionPrompt({ question }: { question: ClassQuestion }) {
  return (
    <div className="stack warn-box" style={{ gap: 6 }} data-testid="prelabel-unknown-classes">
      <div>
        The model predicts {question.names.length === 1 ? 'a class' : 'classes'} this project does not have: <b>{question.names.join(', ')}</b>.
      </div>
      <div className="row" style={{ gap: 6 }}>
        <button className="btn primary" data-testid="prelabel-add-classes-button" onClick={() => question.answer(true)}>
          Add {question.names.length === 1 ? 'it' : 'them'}
        </button>
        <button className="btn" data-testid="prelabel-skip-classes-button" onClick={() => question.answer(false)}>
          Pre-label without
        </button>
      </div>
    </div>
  );
}
