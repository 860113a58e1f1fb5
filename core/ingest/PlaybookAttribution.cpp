#include "core/ingest/PlaybookAttribution.h"

#include "core/playbook/ManagedBlock.h"

namespace reverie::ingest {

namespace {
// Both forms findMarker() recognises name Reverie in lower case: the Markdown block's
// "reverie:playbook" marker and the published JSON's "reverie-playbook/1" format. Text
// without it cannot hold a marker, and is all an import ever sees in practice.
constexpr std::string_view kNeedle = "reverie";
} // namespace

void attributePlaybook(TrajectoryInfo &info, int importVersion, int markerVersion)
{
    if (info.playbookVersion > 0) {
        if (info.playbookSource.isEmpty())
            info.playbookSource = playbook_source::explicitly();
        return;
    }
    if (importVersion > 0) {
        info.playbookVersion = importVersion;
        info.playbookSource = playbook_source::explicitly();
    } else if (markerVersion > 0) {
        info.playbookVersion = markerVersion;
        info.playbookSource = playbook_source::marker();
    } else {
        info.playbookVersion = 0;
        info.playbookSource.clear();
    }
}

PlaybookAttribution::PlaybookAttribution(TrajectorySink &next, int importVersion, QHash<int, QString> knownHashes)
    : m_next(next), m_importVersion(importVersion), m_knownHashes(std::move(knownHashes))
{
}

PlaybookAttribution::Scan *PlaybookAttribution::scanOf(qint64 handle)
{
    if (m_last && handle == m_lastHandle)
        return m_last;
    const auto it = m_scans.find(handle);
    if (it == m_scans.end())
        return nullptr;
    m_lastHandle = handle;
    m_last = &it->second;   // nodes of an unordered_map stay put until erased
    return m_last;
}

void PlaybookAttribution::lookFor(Scan &scan, QStringView text)
{
    try {
        const std::optional<playbook::BlockMarker> found = playbook::findMarker(text);
        const auto known = found ? m_knownHashes.constFind(found->version) : m_knownHashes.cend();
        if (known != m_knownHashes.cend() && known->compare(found->hash, Qt::CaseInsensitive) != 0)
            return;   // this workspace's version N is another playbook: the marker is not ours
        if (found && found->version > 0) {
            scan.markerVersion = found->version;
            scan.done = true;
        }
    } catch (const playbook::BlockError &) {
        // A broken marker says nothing certain about the version: the run stays unattributed.
    }
}

void PlaybookAttribution::look(Scan &scan, std::string_view utf8)
{
    const qint64 room = kScannedBytes - scan.bytes;
    if (scan.done || room <= 0 || utf8.empty())
        return;
    utf8 = utf8.substr(0, std::size_t(qMin<qint64>(room, qint64(utf8.size()))));
    scan.bytes += qint64(utf8.size());
    if (utf8.find(kNeedle) != std::string_view::npos)
        lookFor(scan, QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
}

void PlaybookAttribution::look(Scan &scan, QStringView text)
{
    const qint64 room = kScannedBytes - scan.bytes;
    if (scan.done || room <= 0 || text.isEmpty())
        return;
    text = text.left(qsizetype(qMin<qint64>(room, text.size())));
    scan.bytes += qint64(text.size());
    if (text.contains(QLatin1String(kNeedle.data(), qsizetype(kNeedle.size()))))
        lookFor(scan, text);
}

qint64 PlaybookAttribution::begin(const TrajectoryInfo &info)
{
    const qint64 handle = m_next.begin(info);
    Scan scan;
    scan.done = m_importVersion > 0;   // the import's version comes before any marker
    m_scans[handle] = scan;
    return handle;
}

void PlaybookAttribution::addStep(qint64 handle, const Step &step)
{
    if (Scan *scan = scanOf(handle); scan && !scan->done && scan->steps < kScannedSteps) {
        ++scan->steps;
        look(*scan, QStringView(step.text));
        look(*scan, std::string_view(step.raw.constData(), std::size_t(step.raw.size())));
    }
    m_next.addStep(handle, step);
}

void PlaybookAttribution::addRow(qint64 handle, const StepRow &row)
{
    if (Scan *scan = scanOf(handle); scan && !scan->done && scan->steps < kScannedSteps) {
        ++scan->steps;
        look(*scan, row.text);
        look(*scan, row.raw);
    }
    m_next.addRow(handle, row);
}

void PlaybookAttribution::finish(qint64 handle, const TrajectoryInfo &info)
{
    int markerVersion = 0;
    if (const auto it = m_scans.find(handle); it != m_scans.end()) {
        Scan &scan = it->second;
        if (info.playbookVersion <= 0)
            look(scan, QStringView(info.task));   // often set only once the run is read
        markerVersion = scan.markerVersion;
        if (m_last == &scan)
            m_last = nullptr;
        m_scans.erase(it);
    }
    TrajectoryInfo settled = info;
    attributePlaybook(settled, m_importVersion, markerVersion);
    m_next.finish(handle, settled);
}

} // namespace reverie::ingest
