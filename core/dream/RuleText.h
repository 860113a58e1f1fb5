#pragma once

#include "core/dream/Lesson.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace reverie::dream {

// A rule's text reduced for comparison: "In deploy_service, do not call deploy with
// force=true." -> workflow "deploy_service", negated, core "call deploy with force=true".
struct RuleGist {
    QString workflow;        // from a leading "In W," (empty when the text has none)
    bool negated = false;    // "do not", "don't", "never", "avoid"
    QString core;            // lowercased, punctuation-free, without the prefix and the negation
    QSet<QString> words;     // content words of `core`
};
RuleGist ruleGist(const QString &text);

// Word overlap of two gists (Jaccard), 0..1.
double similarity(const RuleGist &a, const RuleGist &b);

// Reads back a rule written in one of the offline miner's forms ("run B before A", "do not
// call T with k=v", "do not repeat T after it fails...", "when T fails with 'e', call N ...")
// as a Lesson over `set`. nullopt when the text has another form or names a tool, argument or
// workflow that `set` never saw.
std::optional<Lesson> lessonFromText(const QString &text, const FeatureSet &set);

} // namespace reverie::dream
