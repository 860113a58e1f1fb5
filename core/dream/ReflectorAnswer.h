#pragma once

#include "core/model/Playbook.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace reverie::dream {

// Resolves a step a model cited: the evidence (row ids, external id, seq) when step `stepId`
// exists and belongs to the trajectory the model named, nullopt otherwise.
using StepResolver = std::function<std::optional<Evidence>(const QString &trajectory, qint64 stepId)>;

// Validates a model's answer and turns it into proposals. The answer must be one JSON object
// {"operations": [...]} (a Markdown code fence around it is tolerated); each operation needs
// a known op, existing target rules (edit/remove one, merge two or more, add none), one line
// of text (except remove), and at least one evidence entry naming a step that exists in the
// named trajectory. The first violation throws DreamFailed naming where it is, so an invalid
// answer is recorded on the run and never becomes a proposal.
std::vector<Proposal> parseReflectorAnswer(const QString &answer, const PlaybookVersion &playbook,
                                           const StepResolver &resolveStep, const QString &author);

// Most operations one answer may carry.
constexpr int kMaxOperations = 30;

} // namespace reverie::dream
