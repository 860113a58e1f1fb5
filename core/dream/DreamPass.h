#pragma once

#include "core/dream/Curator.h"
#include "core/dream/HoldOut.h"
#include "core/dream/OfflineMiner.h"
#include "core/dream/Selection.h"
#include "core/llm/LlmConfig.h"
#include "core/model/Playbook.h"

#include <functional>
#include <memory>
#include <vector>

namespace reverie::llm {
class LlmClient;
}

namespace reverie::dream {

// Everything a dream pass needs; copied onto the worker thread.
struct DreamRequest {
    QString workspacePath;
    QString engine = QStringLiteral("offline");   // "offline", "anthropic", "openai"
    DreamSelection selection;
    MinerThresholds thresholds;
    llm::LlmConfig llm;                           // the LLM engines: provider, model, base URL...
    std::shared_ptr<llm::LlmClient> client;       // set by tests (a fake); otherwise made from `llm`
    int reflectorTokenBudget = 12'000;            // digests + playbook sent to the model
    double holdOutShare = kDefaultHoldOutShare;   // newest share of each workflow's runs to test on; 0 = off
};

// What a pass ended as. On cancel or failure `proposals` is empty and `run` says why.
struct DreamResult {
    DreamRun run;
    std::vector<Proposal> proposals;              // as stored, with ids and evidence
    CuratorReport curator;
    int autoApplied = 0;                          // low-stakes additions the policy applied
    HoldOutReport holdOut;                        // runs held out, candidates the check dropped
};

// How a pass reports and is stopped; both may be empty.
struct DreamControl {
    std::function<bool()> isCancelled;
    std::function<void(int percent, const QString &stage)> progress;
};

// Runs one pass on the calling thread with its own workspace connection: records the dream
// run as running, selects, analyses, replays and curates, then stores the proposals, the
// inputs and the final status in one transaction. The analysis mines on older runs and tests
// each candidate on the newest (HoldOut.h); those that do not hold are dropped, and why is kept
// in the run's parameters. A cancelled or failed pass stores no proposals, only its run with
// the reason. When the operator's policy auto-applies low-stakes proposals, the pass then
// approves its low-stakes additions that have no conflict, no replay flag and evidence at
// least as strong as the policy's minimum (as reviewer "auto-apply"); everything else waits
// for a person. Throws only when
// the workspace cannot be opened or the run row cannot be written.
DreamResult runDreamPass(const DreamRequest &request, const DreamControl &control = {});

// The engines a pass accepts.
bool isKnownEngine(const QString &engine);

} // namespace reverie::dream
