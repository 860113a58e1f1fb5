#include "core/dream/DreamPass.h"

#include "core/dream/DreamErrors.h"
#include "core/dream/Reflector.h"
#include "core/dream/Replay.h"
#include "core/dream/Strength.h"
#include "core/llm/LlmClient.h"
#include "core/review/Ledger.h"
#include "core/store/DreamStore.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <nlohmann/json.hpp>

#include <QDateTime>

#include <algorithm>

namespace reverie::dream {

namespace {

using Json = nlohmann::json;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// The hold-out part of a run's parameters: the share, how many runs were held out, and every
// candidate dropped with the reason.
Json holdOutJson(const DreamRequest &r, const HoldOutReport *h)
{
    Json j = {{"share", h ? h->share : r.holdOutShare}, {"min_judged_runs", kMinJudgedRunsForHoldOut}};
    if (!h)
        return j;
    j["held_out_runs"] = h->heldOutRuns;
    j["workflows_split"] = h->workflowsSplit;
    Json dropped = Json::array();
    for (const DroppedCandidate &d : h->dropped)
        dropped.push_back(Json{{"text", d.text.toStdString()}, {"reason", d.reason.toStdString()}});
    j["dropped"] = std::move(dropped);
    return j;
}

QByteArray parametersJson(const DreamRequest &r, const CuratorReport *report, const HoldOutReport *holdOut = nullptr,
                          int autoApplied = 0)
{
    Json j = {{"engine", r.engine.toStdString()}, {"holdout", holdOutJson(r, holdOut)}};
    if (r.engine == QLatin1String("offline")) {
        const MinerThresholds &t = r.thresholds;
        j["thresholds"] = {{"min_support", t.minSupport},
                           {"min_failure_share", t.minFailureShare},
                           {"min_contrast", t.minContrast},
                           {"min_fail_when_broken", t.minFailWhenBroken},
                           {"min_gap", t.minGap},
                           {"min_success_keep", t.minSuccessKeep},
                           {"min_next_share", t.minNextShare},
                           {"min_note_runs", t.minNoteRuns},
                           {"max_arg_values", t.maxArgValues}};
    } else {
        j["provider"] = llm::providerName(r.llm.provider).toStdString();
        j["model"] = r.llm.model.toStdString();
        j["base_url"] = r.llm.redactedBaseUrl().toStdString();   // never credentials in the workspace
        j["token_budget"] = r.reflectorTokenBudget;
    }
    if (report) {
        j["curator"] = {{"merged_in_pass", report->mergedInPass},
                        {"already_in_playbook", report->alreadyInPlaybook},
                        {"already_proposed", report->alreadyProposed},
                        {"stale_rules", report->staleRules},
                        {"budget_merges", report->budgetMerges},
                        {"dropped_for_budget", report->droppedForBudget},
                        {"merged_same_failures", report->mergedSameFailures},
                        {"notes_attached", report->notesAttached}};
        j["auto_applied"] = autoApplied;
    }
    return QByteArray::fromStdString(j.dump());
}

// The operator let low-stakes proposals apply themselves: additions only (a removal or merge
// always gets a person's look), and only those nothing argues against and whose evidence is as
// strong as the policy asks (the ledger refuses the others too; skipped here without a warning).
int autoApply(store::Workspace &ws, const std::vector<Proposal> &proposals, const review::PolicySettings &policy)
{
    int applied = 0;
    review::Ledger ledger(ws);
    for (const Proposal &p : proposals) {
        if (p.op != ProposalOp::Add || p.stakes != Stakes::Low || !p.conflicts.empty() || p.replay.successesBreakIt)
            continue;
        const bool strongEnough = hasMeasuredStrength(p) ? meetsStrength(strengthOf(p.replay).level, policy.minStrength)
                                                         : policy.minStrength == StrengthLevel::Weak;
        if (!strongEnough)
            continue;
        try {
            const review::DecisionResult d = ledger.applyAutomatically(
                p.id, QStringLiteral("low-stakes; the operator's policy applies these without review"));
            applied += d.outcome == review::DecisionResult::Outcome::Applied ? 1 : 0;
        } catch (const reverie::Error &e) {
            qWarning("dream: auto-apply of proposal %lld: %s", p.id, qPrintable(e.message()));
        }
    }
    return applied;
}

// Earlier proposals a new one must not repeat: still open, or rejected by a reviewer.
std::vector<Proposal> earlierProposals(store::Workspace &ws)
{
    store::ProposalStore earlier(ws);
    std::vector<Proposal> open = earlier.list(ProposalStatus::Pending);
    for (ProposalStatus s : {ProposalStatus::NeedsRebase, ProposalStatus::Rejected}) {
        for (Proposal &p : earlier.list(s))
            open.push_back(std::move(p));
    }
    return open;
}

std::vector<Proposal> dropRepeats(store::Workspace &ws, std::vector<Proposal> proposals,
                                  const review::PolicySettings &policy, const FeatureSet &set, CuratorReport *report)
{
    const PlaybookVersion now = store::PlaybookHistory(ws).current();
    Curator fresh(now, policy, set, QString());
    fresh.setEarlierProposals(earlierProposals(ws));
    std::vector<Proposal> kept;
    for (Proposal &p : proposals) {
        if (fresh.repeats(p))
            ++report->alreadyProposed;
        else
            kept.push_back(std::move(p));
    }
    return kept;
}

// What a new lesson must not restate in other words: the playbook's rules and the proposals
// still waiting for a reviewer (a rejected one may be proposed again when the runs say so anew).
std::vector<KnownRule> knownRules(store::Workspace &ws, const PlaybookVersion &playbook)
{
    std::vector<KnownRule> known;
    for (const Rule &r : playbook.rules)
        known.push_back({r.text, r.id, true});
    for (const Proposal &p : earlierProposals(ws)) {
        if (p.status != ProposalStatus::Rejected && (p.op == ProposalOp::Add || p.op == ProposalOp::Edit))
            known.push_back({p.text, QStringLiteral("proposal #%1").arg(p.id), false});
    }
    return known;
}

class Pass {
public:
    Pass(const DreamRequest &request, const DreamControl &control) : m_req(request), m_ctl(control) {}

    void checkCancel() const
    {
        if (m_ctl.isCancelled && m_ctl.isCancelled())
            throw DreamCancelled();
    }
    void progress(int percent, const QString &stage) const
    {
        checkCancel();
        if (m_ctl.progress)
            m_ctl.progress(percent, stage);
    }

    // Mines (or asks the model) without the held-out runs, then tests every candidate on them.
    std::vector<Proposal> analyse(store::Workspace &ws, const std::vector<RunHeader> &headers, const FeatureSet &set,
                                  const PlaybookVersion &playbook, const HoldOutSplit &split, HoldOutReport *report) const
    {
        std::vector<Proposal> candidates;
        const auto keep = [&](Proposal &p) {
            if (p.holdOut.result != HoldOutRecord::Result::NotHeld)
                return true;
            report->dropped.push_back({p.text, describeHoldOut(p.holdOut)});
            return false;
        };
        if (m_req.engine == QLatin1String("offline")) {
            OfflineMiner miner(set, m_req.thresholds);
            miner.setKnownRules(knownRules(ws, playbook));
            for (MinedLesson &m : miner.mine([this] { return m_ctl.isCancelled && m_ctl.isCancelled(); }, &m_mining)) {
                m.proposal.holdOut = testHoldOut(m.lesson, set, split);
                if (!keep(m.proposal))
                    continue;
                m.proposal.replay = replay(m.lesson, set);
                candidates.push_back(std::move(m.proposal));
            }
            return candidates;
        }
        // The model must not see the runs its rules are tested on.
        std::vector<RunHeader> older;
        older.reserve(headers.size());
        for (const RunHeader &h : headers) {
            const int idx = set.indexOf(h.id);
            if (idx < 0 || !set.runs[std::size_t(idx)].heldOut)
                older.push_back(h);
        }
        std::shared_ptr<llm::LlmClient> client = m_req.client;
        if (!client) {
            llm::LlmConfig config = m_req.llm;
            config.provider = llm::providerFromName(m_req.engine).value_or(config.provider);
            client = llm::makeClient(config);
        }
        Reflector reflector(*client, m_req.reflectorTokenBudget);
        const llm::CancelToken cancel([this] { return m_ctl.isCancelled && m_ctl.isCancelled(); });
        for (Proposal &p : reflector.reflect(ws, older, playbook, cancel)) {
            p.holdOut = testHoldOut(p, set, split);
            if (!keep(p))
                continue;
            p.replay = replayProposal(p, set);
            candidates.push_back(std::move(p));
        }
        return candidates;
    }

    DreamResult run()
    {
        store::Workspace ws(m_req.workspacePath);   // this thread's own connection
        store::DreamStore runs(ws);
        DreamResult result;
        DreamRun &run = result.run;
        run.engine = m_req.engine;
        run.parameters = parametersJson(m_req, nullptr);
        run.selection = m_req.selection.toJson();
        run.startedMs = nowMs();
        run.status = DreamStatus::Running;
        runs.insert(run);
        try {
            if (!isKnownEngine(m_req.engine))
                throw DreamFailed(QStringLiteral("unknown engine \"%1\" (offline, anthropic or openai)").arg(m_req.engine));
            progress(0, QStringLiteral("selecting trajectories"));
            const std::vector<RunHeader> headers = selectRuns(ws, m_req.selection);
            qint64 totalSteps = 0;
            std::vector<qint64> inputs;
            for (const RunHeader &h : headers) {
                totalSteps += h.stepCount;
                if (h.inFocus)
                    inputs.push_back(h.id);
            }
            run.trajectoryCount = int(inputs.size());
            progress(5, QStringLiteral("reading %1 trajectories").arg(headers.size()));
            FeatureSet set = loadFeatures(ws, headers, [&](qint64 read) {
                if (m_ctl.isCancelled && m_ctl.isCancelled())
                    return false;
                if (m_ctl.progress && totalSteps > 0)
                    m_ctl.progress(5 + int(55 * std::min<qint64>(read, totalSteps) / totalSteps),
                                   QStringLiteral("reading steps"));
                return true;
            });
            progress(60, QStringLiteral("analysing"));
            const PlaybookVersion playbook = store::PlaybookHistory(ws).current();
            const review::PolicySettings policy = review::Policy(ws).load();
            const HoldOutSplit split = holdOutNewest(set, m_req.holdOutShare);
            result.holdOut.share = split.share;
            result.holdOut.heldOutRuns = split.heldOutRuns();
            result.holdOut.workflowsSplit = split.workflowsSplit();
            std::vector<Proposal> candidates = analyse(ws, headers, set, playbook, split, &result.holdOut);
            progress(85, QStringLiteral("curating"));
            Curator curator(playbook, policy, set, m_req.engine);
            curator.setEarlierProposals(earlierProposals(ws));
            result.proposals = curator.curate(std::move(candidates), &result.curator);
            result.curator.mergedSameFailures = m_mining.mergedSameFailures;
            result.curator.notesAttached = m_mining.notesAttached;
            result.curator.alreadyInPlaybook += m_mining.restatedPlaybook;
            result.curator.alreadyProposed += m_mining.restatedPending;
            checkCancel();
            progress(95, QStringLiteral("storing proposals"));

            sql::Transaction tx(ws.db());
            store::ProposalStore proposals(ws);
            // Another pass may have stored or applied the same lessons while this one
            // analysed: checked again against the workspace as it is inside the write.
            result.proposals = dropRepeats(ws, std::move(result.proposals), policy, set, &result.curator);
            for (Proposal &p : result.proposals) {
                p.dreamRunId = run.id;
                p.status = ProposalStatus::Pending;
                proposals.insert(p);
            }
            runs.addInputs(run.id, inputs);
            checkCancel();   // the last moment a cancel still leaves nothing behind
            run.status = DreamStatus::Succeeded;
            run.proposalCount = int(result.proposals.size());
            run.parameters = parametersJson(m_req, &result.curator, &result.holdOut);
            run.finishedMs = nowMs();
            runs.finish(run);
            tx.commit();
            // Read back what was stored, so callers see evidence exactly as the workspace has it.
            if (policy.autoApplyLowStakes) {
                result.autoApplied = autoApply(ws, result.proposals, policy);
                run.parameters = parametersJson(m_req, &result.curator, &result.holdOut, result.autoApplied);
                runs.finish(run);
            }
            result.proposals = proposals.list(std::nullopt, run.id);
            std::reverse(result.proposals.begin(), result.proposals.end());   // in the order they were made
            if (m_ctl.progress)
                m_ctl.progress(100, QStringLiteral("done"));
            return result;
        } catch (const DreamCancelled &) {
            run.status = DreamStatus::Cancelled;
            run.error = QStringLiteral("cancelled before it finished; no proposals were stored");
        } catch (const reverie::Error &e) {
            run.status = DreamStatus::Failed;
            run.error = e.message();
        } catch (const std::exception &e) {
            run.status = DreamStatus::Failed;
            run.error = QString::fromUtf8(e.what());
        }
        result.proposals.clear();
        run.proposalCount = 0;
        run.finishedMs = nowMs();
        runs.finish(run);
        return result;
    }

private:
    const DreamRequest &m_req;
    const DreamControl &m_ctl;
    mutable MiningReport m_mining;   // filled by analyse()
};

} // namespace

bool isKnownEngine(const QString &engine)
{
    return engine == QLatin1String("offline") || engine == QLatin1String("anthropic")
        || engine == QLatin1String("openai");
}

DreamResult runDreamPass(const DreamRequest &request, const DreamControl &control)
{
    Pass pass(request, control);
    return pass.run();
}

} // namespace reverie::dream
