import { useEffect, useState } from 'react';
import type { Project } from '../../../../core/model/project';
import { useHost } from '../../../platform/HostContext';
import { checkTerms, maxBudgetWei, publishParams, type PublishTerms, type TermsProblem } from '../../../requester/publishDraft';
import { Modal } from '../../labeling/Modal';
import { formatUnits, parseUnits } from '../../network/errorText';
import { PublishFields, type PublishValues } from './PublishFields';
import { AlreadyPublished, PublishDone, PublishError, PublishProgress } from './PublishStatus';
import { usePublishRun } from './usePublishRun';
import { usePublishSetup, useTokenUnits } from './usePublishSetup';
import { plural } from '../../words/plural';
import { defaultConsensusValues, parseConsensus, type ConsensusProblem } from '../../../requester/consensusTerms';
import { ConsensusFields } from './ConsensusFields';

const CONSENSUS_DEFAULTS = defaultConsensusValues();

/**
 * "Publish to hub…": the open image or video project becomes a funded-to-be
 * hub task (a video task also takes its agreement thresholds).
 * The form is the task's terms; the host's resumable 'publish' job hashes
 * and uploads the media (skipping what the hub holds for this wallet) and
 * creates the task. The form keeps its values whatever goes wrong.
 */
export function PublishDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const host = useHost();
  const setup = usePublishSetup(project);
  const run = usePublishRun(() => void setup.refreshPublications());
  const [values, setValues] = useState<PublishValues>({
    hubUrl: '',
    title: project.name,
    instructions: '',
    examples: [],
    redundancy: '3',
    reward: '',
    reviewerFee: '0',
    level: '0',
    deadline: '',
    useHoneypots: false,
    republish: false,
  });
  const [problems, setProblems] = useState<TermsProblem[]>([]);
  const [consensus, setConsensus] = useState(defaultConsensusValues);
  const [consensusProblems, setConsensusProblems] = useState<ConsensusProblem[]>([]);
  const units = useTokenUnits(values.hubUrl || null);
  const change = (patch: Partial<PublishValues>) => setValues((v) => ({ ...v, ...patch }));

  // The default hub once the hubs are known.
  useEffect(() => {
    if (values.hubUrl === '' && setup.hubs.length > 0) change({ hubUrl: setup.defaultHub ?? setup.hubs[0]!.hubUrl });
  }, [setup.hubs, setup.defaultHub, values.hubUrl]);

  // A publish still running when the dialog opens (it was closed, or the page reloaded) is followed again.
  const unfinished = setup.publications.unfinished;
  useEffect(() => {
    if (unfinished && unfinished.state !== 'interrupted' && !run.running && !run.result) void run.follow(unfinished);
  }, [unfinished?.id]); // once per unfinished job

  const { source } = setup;
  if (source && source.images.length > 0 && source.videos.length > 0) {
    return (
      <Modal title="Publish to hub" onClose={onClose} testId="publish-dialog">
        <div className="error-box" data-testid="publish-mixed">
          This project holds {plural(source.videos.length, 'video')} and {plural(source.images.length, 'image')}. A task is all images or all videos (annotators label them in different views):
          make one project of the images and one of the videos, and publish each.
        </div>
      </Modal>
    );
  }
  const isVideo = (source?.videos.length ?? 0) > 0;

  const decimals = units?.decimals ?? null;
  const toWei = (text: string) => (decimals === null ? null : parseUnits(text, decimals));
  const unit = (wei: string) => `${formatUnits(wei, decimals)} ${units?.symbol ?? ''}`.trim();
  const terms: PublishTerms = {
    title: values.title,
    instructions: values.instructions,
    redundancy: values.redundancy,
    level: values.level,
    deadline: values.deadline,
    rewardPerItemWei: toWei(values.reward),
    reviewerFeeWei: toWei(values.reviewerFee.trim() === '' ? '0' : values.reviewerFee),
  };
  const items = isVideo ? source!.videos.length : (source?.images.length ?? 0);
  const k = Number(values.redundancy);
  const budget =
    terms.rewardPerItemWei !== null && terms.reviewerFeeWei !== null && Number.isInteger(k) && k > 0 ? maxBudgetWei(items, k, terms.rewardPerItemWei, terms.reviewerFeeWei).toString() : null;
  // The newest task of this project on the chosen hub (the run just ended first: the host's list is read again after it).
  const existing = [...(run.result ? [run.result] : []), ...setup.publications.published].find((p) => p.hubUrl === values.hubUrl) ?? null;
  const blockedByExisting = existing !== null && !values.republish;
  const busy = run.running;

  async function submit() {
    if (!source) return;
    if (decimals === null) {
      run.setError(`the amounts cannot be converted to the token's base units: ${units?.error ?? 'the token is still being read'}`);
      return;
    }
    const found = checkTerms(terms, values.examples.length, Date.now());
    const thresholds = isVideo ? parseConsensus(consensus) : { options: undefined, problems: [] };
    setProblems(found);
    setConsensusProblems(thresholds.problems);
    if (found.length > 0 || thresholds.problems.length > 0) {
      run.setError([...found, ...thresholds.problems].map((p) => p.message).join('; '));
      return;
    }
    await run.start(publishParams({ hubUrl: values.hubUrl, project, source, terms: { ...terms, consensus: thresholds.options }, examples: values.examples, useHoneypots: values.useHoneypots, republish: values.republish }));
    // Each further task is asked for again.
    change({ republish: false });
  }

  return (
    <Modal title="Publish to hub" onClose={onClose} testId="publish-dialog" wide>
      {setup.error && <div className="error-box">{setup.error}</div>}
      {source && setup.hubs.length === 0 && <div className="hint">Connect to a hub in the Network view first: a task is published on a hub you trusted.</div>}
      {source && setup.hubs.length > 0 && (
        <>
          {/* What this project already is on the hubs, first: a second task is made only on purpose. */}
          {existing && !run.running && <AlreadyPublished result={existing} republish={values.republish} onRepublish={(on) => change({ republish: on })} />}
          {unfinished?.state === 'interrupted' && !run.running && (
            <div className="row">
              <span className="grow hint">A publish of this project was interrupted when the host stopped.</span>
              <button className="btn" data-testid="publish-resume" onClick={() => void run.follow(unfinished)}>
                Resume it
              </button>
            </div>
          )}
          <PublishFields
            values={values}
            onChange={change}
            hubs={setup.hubs}
            images={source.images}
            labeledCount={source.labeled.length}
            units={units}
            problems={problems}
            disabled={busy}
            mediaUrl={(relPath) => host.mediaUrl(project.rootId, relPath)}
          />
          {isVideo && (
            <ConsensusFields values={consensus} defaults={CONSENSUS_DEFAULTS} problems={consensusProblems} disabled={busy} onChange={(key, value) => setConsensus((c) => ({ ...c, [key]: value }))} />
          )}
          <div className="stat" data-testid="publish-budget" data-value={budget ?? ''}>
            {budget === null
              ? 'Maximum budget: give the reward per item and k.'
              : `Maximum budget: ${k} × ${unit(terms.rewardPerItemWei!)} × ${plural(items, 'item')} + ${unit(terms.reviewerFeeWei!)} × ${plural(items, 'item')} = ${unit(budget)} (at reward multiplier 1; the hub allows for its highest multiplier too).`}
          </div>
          <div className="row">
            <button className="btn primary" data-testid="publish-submit" disabled={busy || blockedByExisting || items === 0} onClick={() => void submit()}>
              {busy ? 'Publishing…' : 'Publish'}
            </button>
            <span className="hint">
              {plural(items, isVideo ? 'video' : 'image')}; media the hub already holds for this wallet are not sent again.
            </span>
          </div>
          {run.job && (busy || run.job.state !== 'succeeded') && <PublishProgress job={run.job} etaMs={run.etaMs} onCancel={run.cancel} />}
          {run.result && <PublishDone result={run.result} unit={unit} />}
        </>
      )}
      {run.error && <PublishError key={run.error} message={run.error} />}
    </Modal>
  );
}
