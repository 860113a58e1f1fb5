#pragma once

#include "core/ingest/Importer.h"

#include <QHash>
#include <QString>
#include <QStringView>

#include <string_view>
#include <unordered_map>

namespace reverie::ingest {

// How a run's playbook version was known (TrajectoryInfo::playbookSource); empty: unknown.
namespace playbook_source {
inline QString explicitly() { return QStringLiteral("explicit"); }
inline QString marker() { return QStringLiteral("marker"); }
}

// Settles a run's playbook version and its source, in this order: the run's own version
// (explicit), the import's version (explicit, `reverie import --playbook-version`), the
// version of the published block's marker found in what the run recorded (marker), else
// none (0, unknown). Never guesses beyond that.
void attributePlaybook(TrajectoryInfo &info, int importVersion, int markerVersion);

// A sink in front of the store's writer that every importer's runs pass through: it looks
// for the published playbook's marker (playbook::findMarker) in what a run recorded as its
// instructions or context, and settles each run's playbook version when the run finishes.
// Only the first steps of a run are read, and only up to a bounded amount of their text, so
// an import costs a substring search over the first few steps of each run and nothing more;
// the text is converted and parsed only where that search finds Reverie's name.
class PlaybookAttribution final : public TrajectorySink {
public:
    static constexpr int kScannedSteps = 8;            // a run's instructions come first
    static constexpr qint64 kScannedBytes = 4 << 20;   // per run: text and raw records together

    // `importVersion`: the version the whole import ran under, 0 when not given.
    // `knownHashes`: this workspace's versions and their hashes. A marker naming a version this
    // workspace holds with another hash came from another workspace and says nothing here.
    explicit PlaybookAttribution(TrajectorySink &next, int importVersion = 0,
                                 QHash<int, QString> knownHashes = {});

    qint64 begin(const TrajectoryInfo &info) override;
    void addStep(qint64 handle, const Step &step) override;
    void addRow(qint64 handle, const StepRow &row) override;
    void finish(qint64 handle, const TrajectoryInfo &info) override;

private:
    struct Scan {
        int steps = 0;
        qint64 bytes = 0;
        int markerVersion = 0;
        bool done = false;    // a marker was found, or none is needed
    };
    Scan *scanOf(qint64 handle);
    void look(Scan &scan, std::string_view utf8);
    void look(Scan &scan, QStringView text);
    void lookFor(Scan &scan, QStringView text);

    TrajectorySink &m_next;
    int m_importVersion;
    QHash<int, QString> m_knownHashes;
    std::unordered_map<qint64, Scan> m_scans;   // runs begun and not yet finished
    qint64 m_lastHandle = 0;                    // steps mostly come run after run
    Scan *m_last = nullptr;
};

} // namespace reverie::ingest
