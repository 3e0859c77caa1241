// Appeals of published values: a stakeholder (or an assessor on its behalf) contests values of its
// published scorecard within the period's window, with a claimed value, a reason and evidence
// (a link, uploaded files); one assessor proposes a decision and a second assessor or an
// administrator confirms it (four eyes; the database refuses a confirmer equal to the proposer).
// Each step writes an appeal_steps row, the audit row and the notifications in one transaction.
// Accepted corrections are kept on the items (corrected, correctedValue) for a revision to apply.
import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, DbOrTx } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { authSecret, env } from '@/server/env';
import { ForbiddenError, NotFoundError, StateError, TooLargeError, ValidationError, type FieldErrors } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { valueProblem, type IndicatorDef } from '@/core/domain/evaluation-values';
import {
  APPEAL_FILE_MAX_BYTES,
  addDays,
  appealDueState,
  appealWindowClosesOn,
  checkAppealFile,
  isAppealWindowOpen,
  isoDay,
  median,
  nextAppealStatus,
  type AppealDecision,
  type AppealFileType,
  type AppealStatus,
} from '@/core/domain/appeals';
import type { NotificationParams } from '@/core/domain/notifications';
import type { AppealListInput, FileAppealInput, ProposeAppealInput, SendBackAppealInput } from '@/core/schemas/appeals';
import { writeAudit } from '@/server/queries/audit';
import { indicatorDefs, userName } from '@/server/queries/evaluations';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { notifyUsers } from '@/server/queries/notifications';
import { getPeriod, type Period } from '@/server/queries/periods';
import { countyKeyOf, regionNames } from '@/server/queries/regions';
import { publishedScoresOf } from '@/server/queries/scores';
import { getStakeholder } from '@/server/queries/stakeholders';
import {
  appealCountsByRegion,
  appealFileById,
  appealFilesOf,
  appealInScope,
  appealItemsOf,
  appealStepsOf,
  assessorsCovering,
  decisionDaysByRegion,
  insertAppeal,
  insertAppealFile,
  insertAppealItem,
  insertAppealStep,
  listAppealRows,
  openAppealCounts,
  openAppealOf,
  periodByCode,
  publishedScoreIn,
  regionPaths,
  runVersionId,
  setCorrectedValue,
  stakeholderUserIds,
  updateAppealFrom,
  type AppealRow,
} from '@/server/queries/appeals';

const MB = APPEAL_FILE_MAX_BYTES / 1024 / 1024;
const filesDir = () => path.join(env.DATA_DIR, 'appeal-files');

// ── The window ──────────────────────────────────────────────────────────────────────────────────

/** The period's appeal window: published, the last day to file, and whether it is open today. */
function windowOf(period: Period, today: string) {
  if (period.status !== 'published' || !period.publishedAt) return { published: false as const, closesOn: null, open: false };
  const closesOn = appealWindowClosesOn(period.publishedAt, period.appealWindowDays);
  return { published: true as const, closesOn, open: isAppealWindowOpen(closesOn, today) };
}

/** What the scorecard shows: whether values of this period may be contested, until when, and an open appeal. */
export function appealWindow(db: Db, me: SessionUser, input: { stakeholderId: number; period: string }, now = new Date()) {
  const s = getStakeholder(db, me, input.stakeholderId);
  const period = periodByCode(db, input.period);
  const w = windowOf(period, isoDay(now));
  const open = openAppealOf(db, s.id, period.id);
  const scored = w.published && publishedScoreIn(db, s.id, period.id) !== undefined;
  return { periodId: period.id, period: period.code, closesOn: w.closesOn, open: w.open && scored, openAppealId: open?.id ?? null };
}

/** The indicators of the stakeholder's published scorecard in the period, with the raw values published. */
function publishedValues(db: DbOrTx, stakeholderId: number, period: Period) {
  const score = publishedScoreIn(db, stakeholderId, period.id);
  if (!score) throw new StateError(`There is no published scorecard of this stakeholder for ${period.code}.`, 'appeal_not_published').with({ period: period.code });
  const defs = indicatorDefs(db, loadKpiSetVersion(db, score.versionId)).filter((d) => d.code in score.indicators);
  return { runId: score.runId, defs, raw: (code: string) => score.indicators[code]?.raw ?? null };
}

/** What the filing form needs (without a period: the latest one published for the stakeholder). */
export function appealForm(db: Db, me: SessionUser, input: { stakeholderId: number; period?: string | undefined }, now = new Date()) {
  const s = getStakeholder(db, me, input.stakeholderId);
  const code = input.period ?? publishedScoresOf(db, s.id).at(-1)?.periodCode;
  if (code === undefined) throw new StateError('This stakeholder has no published scorecard.', 'appeal_not_published').with({ period: '' });
  const period = periodByCode(db, code);
  const w = windowOf(period, isoDay(now));
  if (!w.published) throw new StateError(`Period ${period.code} is not published.`, 'appeal_not_published').with({ period: period.code });
  const values = publishedValues(db, s.id, period);
  const open = openAppealOf(db, s.id, period.id);
  return {
    stakeholder: { id: s.id, code: s.code, name: s.name },
    period: { id: period.id, code: period.code, decisionDays: period.appealDecisionDays },
    closesOn: w.closesOn,
    open: w.open,
    openAppealId: open?.id ?? null,
    indicators: values.defs.map((d) => ({ id: d.id, code: d.code, name: { en: d.nameEn, 'zh-CN': d.nameZh }, unit: d.unit, valueType: d.valueType, min: d.min, max: d.max, publishedValue: values.raw(d.code) })),
  };
}

// ── Evidence files ──────────────────────────────────────────────────────────────────────────────

export type StoredAppealFile = { sha256: string; fileName: string; contentType: AppealFileType; size: number };

/**
 * What proves that a user uploaded a stored file: files are kept by the hash of their bytes, so
 * a filing must not attach a file by its hash alone (whoever learnt a hash could attach, then
 * download, someone else's evidence). A MAC of the user and the hash, keyed by the server's secret.
 */
function uploadReceipt(userId: string, sha256: string): string {
  return crypto.createHmac('sha256', authSecret()).update(`appeal-file\n${userId}\n${sha256}`).digest('hex');
}

function receiptHolds(userId: string, sha256: string, receipt: string): boolean {
  const want = Buffer.from(uploadReceipt(userId, sha256), 'hex');
  const got = Buffer.from(receipt, 'hex');
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

function fileRefused(name: string, problem: 'type' | 'mismatch', found: AppealFileType | null): ValidationError {
  const reason = problem === 'type' ? 'appeal_file_type' : 'appeal_file_mismatch';
  const message = problem === 'type' ? `${name} is not a PDF, JPEG or PNG file.` : `${name}: its name or declared type does not match its content (${found}).`;
  return new ValidationError(message, { file: [vmsg(`validation.appeal.${problem === 'type' ? 'fileType' : 'fileMismatch'}`, { name, found: found ?? '' })] }, reason).with({ name, found: found ?? '' });
}

/** A file name as kept: the last path segment, without control characters. */
function cleanName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200) || 'evidence';
}

/**
 * Keeps an uploaded evidence file under the data folder by the hash of its bytes, once checked by
 * its content (magic numbers), its name and its declared type. The file is written before any row
 * names it: a filing that then fails leaves an unreferenced file, never a row without its file.
 */
export function storeAppealFile(uploader: Pick<SessionUser, 'id'>, file: { name: string; type: string; bytes: Uint8Array }): StoredAppealFile & { receipt: string } {
  const fileName = cleanName(file.name);
  if (file.bytes.byteLength > APPEAL_FILE_MAX_BYTES) throw new TooLargeError(`${fileName} is larger than ${MB} MB.`).with({ mb: MB });
  const checked = checkAppealFile({ ...file, name: fileName });
  if (!checked.ok) throw fileRefused(fileName, checked.problem, checked.found);
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const target = path.join(filesDir(), sha256);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(filesDir(), { recursive: true });
    // Written aside and renamed: a reader never sees half a file under its hash.
    const temp = `${target}.${process.pid}.${crypto.randomUUID()}.part`;
    fs.writeFileSync(temp, file.bytes);
    fs.renameSync(temp, target);
  }
  return { sha256, fileName, contentType: checked.type, size: file.bytes.byteLength, receipt: uploadReceipt(uploader.id, sha256) };
}

/** A stored file named in a filing: uploaded by the filer, still there, its content matching its name. */
function storedFile(filer: Pick<SessionUser, 'id'>, ref: { sha256: string; fileName: string; receipt: string }, at: string): StoredAppealFile {
  const missing = () => new ValidationError(`The file ${ref.fileName} was not uploaded.`, { [at]: [vmsg('validation.appeal.fileMissing')] }, 'appeal_file_missing').with({ name: ref.fileName });
  if (!receiptHolds(filer.id, ref.sha256, ref.receipt)) throw missing();
  const target = path.join(filesDir(), ref.sha256);
  let head: Uint8Array;
  let size: number;
  try {
    size = fs.statSync(target).size;
    const fd = fs.openSync(target, 'r');
    try {
      head = new Uint8Array(16);
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    throw missing();
  }
  const fileName = cleanName(ref.fileName);
  const checked = checkAppealFile({ name: fileName, type: '', bytes: head });
  if (!checked.ok) throw fileRefused(fileName, checked.problem, checked.found);
  return { sha256: ref.sha256, fileName, contentType: checked.type, size };
}

/** An evidence file for its download: only for a reader who may see its appeal. */
export function appealFileForDownload(db: Db, me: SessionUser, fileId: number) {
  const found = appealFileById(db, fileId);
  if (!found) throw new NotFoundError('File', fileId);
  appealInScope(db, me, found.appealId);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(filesDir(), found.file.sha256));
  } catch {
    throw new NotFoundError('File', fileId);
  }
  return { bytes: new Uint8Array(bytes), fileName: found.file.fileName, contentType: found.file.contentType };
}

// ── Filing ──────────────────────────────────────────────────────────────────────────────────────

function checkValue(def: IndicatorDef, value: number, at: string, fields: FieldErrors) {
  const problem = valueProblem(def, value);
  if (problem) fields[at] = [problem];
}

function notifyParams(db: DbOrTx, a: { stakeholder: { code: string; name: string }; period: { code: string } }, actorId: string, extra: NotificationParams = {}): NotificationParams {
  return { stakeholder: a.stakeholder.name, code: a.stakeholder.code, period: a.period.code, by: userName(db, actorId) ?? '', ...extra };
}

export function fileAppeal(db: Db, me: SessionUser, input: FileAppealInput, now = new Date()) {
  const s = getStakeholder(db, me, input.stakeholderId);
  const period = getPeriod(db, input.periodId);
  const today = isoDay(now);
  const w = windowOf(period, today);
  if (!w.published) throw new StateError(`Period ${period.code} is not published.`, 'appeal_not_published').with({ period: period.code });
  if (!w.open) throw new StateError(`The appeal window of ${period.code} closed on ${w.closesOn}.`, 'appeal_window_closed').with({ period: period.code, closedOn: w.closesOn });
  const values = publishedValues(db, s.id, period);
  const byId = new Map(values.defs.map((d) => [d.id, d]));
  const fields: FieldErrors = {};
  input.items.forEach((item, i) => {
    const def = byId.get(item.indicatorId);
    if (!def) fields[`items.${i}.indicatorId`] = [vmsg('validation.appeal.notOnScorecard')];
    else checkValue(def, item.claimedValue, `items.${i}.claimedValue`, fields);
  });
  if (Object.keys(fields).length > 0) throw new ValidationError('Some contested values need attention.', fields, 'values_invalid');
  // Read and checked before the transaction: a file is on disk before any row names it.
  const files = input.items.map((item, i) => item.files.map((f, j) => storedFile(me, f, `items.${i}.files.${j}`)));
  const dueOn = addDays(today, period.appealDecisionDays);

  return db.transaction((tx) => {
    const open = openAppealOf(tx, s.id, period.id);
    if (open) throw new StateError(`Appeal ${open.id} of this stakeholder for ${period.code} is still open.`, 'appeal_open_exists').with({ id: open.id });
    const appeal = insertAppeal(tx, { stakeholderId: s.id, periodId: period.id, scoreRunId: values.runId, status: 'submitted', dueOn, createdBy: me.id, createdAt: now, updatedAt: now });
    const items = input.items.map((item, i) => {
      const def = byId.get(item.indicatorId)!;
      const row = insertAppealItem(tx, { appealId: appeal.id, indicatorId: def.id, publishedValue: values.raw(def.code), claimedValue: item.claimedValue, reason: item.reason, evidenceUrl: item.evidenceUrl });
      for (const f of files[i]!) insertAppealFile(tx, { appealItemId: row.id, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256, uploadedBy: me.id, createdAt: now });
      return { indicator: def.code, publishedValue: row.publishedValue, claimedValue: row.claimedValue, evidenceUrl: row.evidenceUrl, files: files[i]!.map((f) => f.fileName) };
    });
    insertAppealStep(tx, { appealId: appeal.id, step: 'submitted', actorId: me.id, at: now });
    writeAudit(tx, { actorId: me.id, action: 'appeal.submit', entity: 'appeal', entityId: appeal.id, after: { stakeholder: s.code, period: period.code, runId: values.runId, dueOn, items } });
    const regionPath = regionPaths(tx, [s.regionId]).get(s.regionId) ?? '';
    const recipients = assessorsCovering(tx, regionPath).filter((id) => id !== me.id);
    notifyUsers(tx, recipients, { kind: 'appeal_submitted', params: notifyParams(tx, { stakeholder: s, period }, me.id, { dueDate: dueOn }), link: `/appeals/${appeal.id}` });
    return appeal;
  });
}

// ── The decision ────────────────────────────────────────────────────────────────────────────────

type Loaded = ReturnType<typeof appealInScope>;

function refuseStep(a: AppealRow, action: 'propose' | 'sendBack' | 'confirm' | 'withdraw'): never {
  const reason = action === 'propose' || action === 'withdraw' ? 'appeal_not_submitted' : 'appeal_not_proposed';
  throw new StateError(`Appeal ${a.id} is ${a.status}: it cannot be ${action === 'sendBack' ? 'sent back' : `${action}d`}.`, reason).with({ status: a.status });
}

/** The appeal's new row, or a refusal when another reviewer acted first. */
function moved(tx: DbOrTx, a: AppealRow, action: 'propose' | 'sendBack' | 'confirm' | 'withdraw', set: Partial<AppealRow>): AppealRow {
  const row = updateAppealFrom(tx, a.id, a.status, set);
  if (!row) refuseStep({ ...a, status: 'withdrawn' }, action);
  return row;
}

function assertNotFiler(me: SessionUser, a: AppealRow) {
  if (a.createdBy === me.id) throw new ForbiddenError('You filed this appeal: other reviewers decide it.', 'appeal_own_filing');
}

export function proposeAppeal(db: Db, me: SessionUser, input: ProposeAppealInput, now = new Date()) {
  return db.transaction((tx) => {
    const loaded = appealInScope(tx, me, input.appealId);
    const a = loaded.appeal;
    assertNotFiler(me, a);
    if (nextAppealStatus(a.status, 'propose') === null) refuseStep(a, 'propose');
    const items = appealItemsOf(tx, a.id);
    let corrections: { itemId: number; indicator: string; correctedValue: number | null }[] = [];
    if (input.decision === 'accept') {
      const byItem = new Map(items.map((i) => [i.item.id, i]));
      const defs = new Map(indicatorDefs(tx, loadKpiSetVersion(tx, runVersionId(tx, a.scoreRunId))).map((d) => [d.id, d]));
      const fields: FieldErrors = {};
      input.corrections.forEach((c, i) => {
        const item = byItem.get(c.itemId);
        if (!item) fields[`corrections.${i}.itemId`] = [vmsg('validation.appeal.notOnScorecard')];
        else if (c.correctedValue !== null) {
          const def = defs.get(item.item.indicatorId);
          if (def) checkValue(def, c.correctedValue, `corrections.${i}.correctedValue`, fields);
        }
      });
      if (Object.keys(fields).length > 0) throw new ValidationError('Some corrected values need attention.', fields, 'values_invalid');
      corrections = input.corrections.filter((c) => c.correctedValue !== null).map((c) => ({ itemId: c.itemId, indicator: byItem.get(c.itemId)!.code, correctedValue: c.correctedValue }));
      if (corrections.length === 0) throw new ValidationError('Accepting an appeal corrects at least one value.', { corrections: [vmsg('validation.appeal.noCorrection')] }, 'appeal_no_correction');
    }
    const row = moved(tx, a, 'propose', { status: 'proposed', proposal: input.decision, proposalReason: input.reason, proposedBy: me.id, proposedAt: now, updatedAt: now });
    // The proposal's corrections sit on the items; a send-back clears them, a confirmation keeps them.
    for (const item of items) setCorrectedValue(tx, item.item.id, corrections.find((c) => c.itemId === item.item.id)?.correctedValue ?? null);
    insertAppealStep(tx, { appealId: a.id, step: 'proposed', decision: input.decision, reason: input.reason, actorId: me.id, at: now });
    writeAudit(tx, { actorId: me.id, action: 'appeal.propose', entity: 'appeal', entityId: a.id, before: { status: a.status }, after: { status: row.status, decision: input.decision, corrections }, reason: input.reason });
    const recipients = assessorsCovering(tx, loaded.regionPath).filter((id) => id !== me.id && id !== a.createdBy);
    notifyUsers(tx, recipients, { kind: 'appeal_proposed', params: notifyParams(tx, loaded, me.id, { decision: input.decision }), link: `/appeals/${a.id}` });
    return row;
  });
}

/** The second reviewer, for sending back or confirming: an assessor or administrator other than the proposer. */
function assertSecondReviewer(me: SessionUser, a: AppealRow) {
  if (a.proposedBy === me.id) throw new ForbiddenError('You proposed this decision: another assessor or an administrator must confirm it.', 'appeal_own_proposal');
}

export function sendBackAppeal(db: Db, me: SessionUser, input: SendBackAppealInput, now = new Date()) {
  return db.transaction((tx) => {
    const { appeal: a } = appealInScope(tx, me, input.appealId);
    if (nextAppealStatus(a.status, 'sendBack') === null) refuseStep(a, 'sendBack');
    assertSecondReviewer(me, a);
    assertNotFiler(me, a);
    const row = moved(tx, a, 'sendBack', { status: 'submitted', proposal: null, proposalReason: null, proposedBy: null, proposedAt: null, updatedAt: now });
    for (const item of appealItemsOf(tx, a.id)) setCorrectedValue(tx, item.item.id, null);
    insertAppealStep(tx, { appealId: a.id, step: 'sent_back', reason: input.reason, actorId: me.id, at: now });
    writeAudit(tx, { actorId: me.id, action: 'appeal.sendBack', entity: 'appeal', entityId: a.id, before: { status: a.status, proposal: a.proposal, proposedBy: userName(tx, a.proposedBy) }, after: { status: row.status }, reason: input.reason });
    return row;
  });
}

export function confirmAppeal(db: Db, me: SessionUser, input: { appealId: number }, now = new Date()) {
  return db.transaction((tx) => {
    const loaded = appealInScope(tx, me, input.appealId);
    const a = loaded.appeal;
    const decision = a.proposal as AppealDecision | null;
    if (decision === null || nextAppealStatus(a.status, 'confirm', decision) === null) refuseStep(a, 'confirm');
    assertSecondReviewer(me, a);
    assertNotFiler(me, a);
    const status = nextAppealStatus(a.status, 'confirm', decision) as AppealStatus;
    const row = moved(tx, a, 'confirm', { status, decidedBy: me.id, decidedAt: now, updatedAt: now });
    insertAppealStep(tx, { appealId: a.id, step: 'confirmed', decision, reason: a.proposalReason, actorId: me.id, at: now });
    const corrected = appealItemsOf(tx, a.id)
      .filter((i) => i.item.corrected)
      .map((i) => ({ indicator: i.code, publishedValue: i.item.publishedValue, correctedValue: i.item.correctedValue }));
    writeAudit(tx, {
      actorId: me.id,
      action: 'appeal.confirm',
      entity: 'appeal',
      entityId: a.id,
      before: { status: a.status },
      after: { status, decision, proposedBy: userName(tx, a.proposedBy), confirmedBy: userName(tx, me.id), corrected },
      reason: a.proposalReason,
    });
    const recipients = [a.createdBy, ...stakeholderUserIds(tx, a.stakeholderId)].filter((id) => id !== me.id);
    const extra: NotificationParams = { decision, ...(a.proposalReason ? { reason: a.proposalReason } : {}) };
    notifyUsers(tx, recipients, { kind: 'appeal_decided', params: notifyParams(tx, loaded, me.id, extra), link: `/appeals/${a.id}` });
    return row;
  });
}

export function withdrawAppeal(db: Db, me: SessionUser, input: { appealId: number }, now = new Date()) {
  return db.transaction((tx) => {
    const { appeal: a } = appealInScope(tx, me, input.appealId);
    const mine = a.createdBy === me.id || (me.role === 'stakeholder' && me.stakeholderId === a.stakeholderId);
    if (!mine) throw new ForbiddenError('Only who filed the appeal, or the stakeholder, may withdraw it.', 'appeal_not_filer');
    if (nextAppealStatus(a.status, 'withdraw') === null) refuseStep(a, 'withdraw');
    const row = moved(tx, a, 'withdraw', { status: 'withdrawn', updatedAt: now });
    insertAppealStep(tx, { appealId: a.id, step: 'withdrawn', actorId: me.id, at: now });
    writeAudit(tx, { actorId: me.id, action: 'appeal.withdraw', entity: 'appeal', entityId: a.id, before: { status: a.status }, after: { status: row.status } });
    return row;
  });
}

// ── Reads ───────────────────────────────────────────────────────────────────────────────────────

/** What the caller may do with the appeal now, and why a confirmation is not theirs to give. */
function actionsFor(me: SessionUser, loaded: Loaded) {
  const a = loaded.appeal;
  const reviewer = me.role === 'assessor' || me.role === 'admin';
  const filer = a.createdBy === me.id;
  const proposer = a.proposedBy === me.id;
  return {
    propose: me.role === 'assessor' && a.status === 'submitted' && !filer,
    sendBack: reviewer && a.status === 'proposed' && !proposer && !filer,
    confirm: reviewer && a.status === 'proposed' && !proposer && !filer,
    /** Why the confirm button is disabled for this reader. */
    confirmBlocked: reviewer && a.status === 'proposed' ? (proposer ? ('own_proposal' as const) : filer ? ('own_filing' as const) : null) : null,
    withdraw: a.status === 'submitted' && (filer || (me.role === 'stakeholder' && me.stakeholderId === a.stakeholderId)),
  };
}

export function getAppeal(db: Db, me: SessionUser, appealId: number, now = new Date()) {
  const loaded = appealInScope(db, me, appealId);
  const a = loaded.appeal;
  const items = appealItemsOf(db, a.id);
  const files = appealFilesOf(
    db,
    items.map((i) => i.item.id),
  );
  return {
    id: a.id,
    status: a.status,
    stakeholder: loaded.stakeholder,
    period: loaded.period,
    scoreRunId: a.scoreRunId,
    dueOn: a.dueOn,
    dueState: appealDueState(a.status, a.dueOn, isoDay(now)),
    createdAt: a.createdAt,
    createdBy: userName(db, a.createdBy),
    proposal: a.proposal,
    proposalReason: a.proposalReason,
    proposedBy: userName(db, a.proposedBy),
    decidedBy: userName(db, a.decidedBy),
    decidedAt: a.decidedAt,
    revisionId: a.revisionId,
    items: items.map(({ item, code, name, valueType, unit }) => ({
      id: item.id,
      indicatorId: item.indicatorId,
      code,
      name,
      valueType,
      unit,
      publishedValue: item.publishedValue,
      claimedValue: item.claimedValue,
      reason: item.reason,
      evidenceUrl: item.evidenceUrl,
      corrected: item.corrected,
      correctedValue: item.correctedValue,
      files: files.filter((f) => f.itemId === item.id).map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size })),
    })),
    steps: appealStepsOf(db, a.id).map((s) => ({ id: s.id, step: s.step, decision: s.decision, reason: s.reason, at: s.at, actor: s.actor })),
    can: actionsFor(me, loaded),
  };
}

/** Appeals in the caller's scope (a stakeholder user: its own), a page at a time, with due/overdue. */
export function listAppeals(db: Db, me: SessionUser, input: AppealListInput, now = new Date()) {
  const today = isoDay(now);
  const { items, total } = listAppealRows(db, me, { state: input.state, periodId: input.periodId }, { offset: (input.page - 1) * input.pageSize, limit: input.pageSize, sort: input.sort, dir: input.dir });
  return {
    items: items.map((r) => ({ ...r, dueState: appealDueState(r.status, r.dueOn, today), mine: r.createdBy === me.id, proposedByMe: r.proposedBy === me.id })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Open appeals in the caller's scope and how many are overdue (the assessor's home and work list). */
export function appealWork(db: Db, me: SessionUser, now = new Date()) {
  return openAppealCounts(db, me, isoDay(now));
}

/**
 * The administrators' overview per county and period: appeals, open, the share accepted of those
 * decided, the median days to a decision and the overdue ones.
 */
export function appealOverview(db: Db, input: { periodId?: number | undefined }, now = new Date()) {
  const today = isoDay(now);
  const counts = appealCountsByRegion(db, today, input.periodId);
  const days = decisionDaysByRegion(db, input.periodId);
  const paths = regionPaths(db, [...new Set([...counts, ...days].map((r) => r.regionId))]);
  const countyOf = (regionId: number) => {
    const ids = countyKeyOf(paths.get(regionId) ?? '').split('/');
    return Number(ids.at(-1)) || regionId;
  };
  type Row = { countyId: number; periodId: number; n: number; open: number; accepted: number; decided: number; overdue: number; days: number[] };
  const rows = new Map<string, Row>();
  const rowOf = (regionId: number, periodId: number) => {
    const countyId = countyOf(regionId);
    const key = `${countyId}:${periodId}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { countyId, periodId, n: 0, open: 0, accepted: 0, decided: 0, overdue: 0, days: [] }));
    return row;
  };
  for (const c of counts) {
    const row = rowOf(c.regionId, c.periodId);
    row.n += c.n;
    row.open += Number(c.open);
    row.accepted += Number(c.accepted);
    row.decided += Number(c.decided);
    row.overdue += Number(c.overdue);
  }
  for (const d of days) rowOf(d.regionId, d.periodId).days.push(Number(d.days));
  const names = regionNames(db, [...new Set([...rows.values()].map((r) => r.countyId))]);
  const periodCodes = new Map<number, string>();
  for (const r of rows.values()) if (!periodCodes.has(r.periodId)) periodCodes.set(r.periodId, getPeriod(db, r.periodId).code);
  return [...rows.values()]
    .map((r) => ({
      county: names.get(r.countyId) ?? { id: r.countyId, code: '', name: { en: '', 'zh-CN': '' } },
      period: { id: r.periodId, code: periodCodes.get(r.periodId)! },
      appeals: r.n,
      open: r.open,
      decided: r.decided,
      accepted: r.accepted,
      acceptedShare: r.decided > 0 ? r.accepted / r.decided : null,
      medianDays: median(r.days),
      overdue: r.overdue,
    }))
    .sort((x, y) => y.period.code.localeCompare(x.period.code) || x.county.code.localeCompare(y.county.code));
}
