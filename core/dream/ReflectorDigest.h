#pragma once

#include "core/dream/Selection.h"
#include "core/model/Playbook.h"

#include <QString>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::dream {

// What the reflector shows a model: compact digests of the selected failed runs and of
// contrasting successes of the same workflows, newest first, inside a token budget.
struct ReflectorDigest {
    QString text;
    int failedRuns = 0;
    int successfulRuns = 0;
    int tokens = 0;
};

// Steps appear as "[step ID]" with their workspace row id, the id a model cites back.
// Untrusted text is flattened to one line and cannot close or open a <run> element.
ReflectorDigest buildDigest(store::Workspace &ws, const std::vector<RunHeader> &headers, int tokenBudget);

// The current rules, one a line: "R3 [deploy_service; tools: deploy] In deploy_service, ...".
QString playbookDigest(const PlaybookVersion &playbook);

} // namespace reverie::dream
