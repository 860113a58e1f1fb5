#pragma once

#include "core/model/Step.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace reverie {

// The human verdict on a run. Unknown where the format carries none.
enum class Verdict : int { Unknown = 0, Success = 1, Failure = 2 };

QString verdictName(Verdict v);
std::optional<Verdict> verdictFromName(QStringView name);

// Everything about a run except its steps.
struct TrajectoryInfo {
    QString externalId;          // the id the imported file gives the run
    QString workflow;            // the kind of task; the dream pass groups by it
    QString task;                // title or description of what was asked
    QString agent;
    QString model;
    int playbookVersion = 0;     // the playbook version it ran under; 0 = none recorded
    // How playbookVersion was known: "explicit" (the run or the import said so), "marker" (the
    // published block's marker in what the run recorded as its instructions), "publish" (its
    // folder held a target published at that version when it started); empty: unknown.
    QString playbookSource;
    QString cwd;                 // the folder the run worked in, when the format records one
    qint64 startedMs = -1;
    qint64 endedMs = -1;
    QString outcome;             // what the run itself reported (e.g. "submitted", "error")
    Verdict verdict = Verdict::Unknown;
    QString verdictNotes;        // the human reviewer's notes, if any
    QString reviewer;
    QByteArray extra;            // JSON object: fields of the format that have no column
};

// A whole run, as importers hand it over.
struct Trajectory {
    TrajectoryInfo info;
    std::vector<Step> steps;
};

// One row of the trajectory list: the info plus counts, without the steps.
struct TrajectorySummary {
    qint64 id = 0;               // workspace row id
    TrajectoryInfo info;
    int stepCount = 0;
    int errorCount = 0;
    QString sourcePath;
    QString format;
};

} // namespace reverie
