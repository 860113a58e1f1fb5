#include "ui/history/HistorySnapshot.h"

#include "core/playbook/Render.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QFile>
#include <QDateTime>
#include <QFileInfo>

#include <exception>

namespace reverie::ui {

namespace {
constexpr qint64 kMaxPublishedBytes = 16 * 1024 * 1024;   // a playbook is small; anything bigger is not ours
}

const PlaybookVersion *HistorySnapshot::version(int number) const
{
    for (const PlaybookVersion &v : versions) {
        if (v.number == number)
            return &v;
    }
    return nullptr;
}

bool HistorySnapshot::canRevert(int number) const
{
    const PlaybookVersion *v = version(number);
    if (!v || !v->proposalId || (v->change != QLatin1String("approve") && v->change != QLatin1String("edit")))
        return false;
    return proposalStatus.value(v->proposalId, ProposalStatus::Pending) == ProposalStatus::Approved;
}

int matchPublishedVersion(const QString &path, const QByteArray &bytes, const std::vector<PlaybookVersion> &versions)
{
    const bool json = playbook::targetWantsJson(path);
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        const QByteArray rendered = json ? playbook::renderJson(*it) : playbook::renderMarkdown(it->rules);
        if (rendered == bytes)
            return it->number;
    }
    return 0;
}

HistorySnapshot loadHistory(const QString &path)
{
    HistorySnapshot s;
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(path, options);
        s.versions = store::PlaybookHistory(ws).versions(true);
        store::ProposalStore proposals(ws);
        for (const PlaybookVersion &v : s.versions) {
            if (v.proposalId && !s.proposalStatus.contains(v.proposalId)) {
                if (const auto p = proposals.get(v.proposalId))
                    s.proposalStatus.insert(v.proposalId, p->status);
            }
        }
        s.publishTargets = store::Policy(ws).load().publishTargets;
        store::OutcomeStats stats(ws);
        s.byVersion = stats.byVersion();
        s.byModel = stats.byModel();
        s.byRule = stats.byRule();
    } catch (const std::exception &e) {
        s.error = QString::fromUtf8(e.what());
        return s;
    }
    for (const QString &target : std::as_const(s.publishTargets)) {
        PublishedFile f;
        f.path = target;
        const QFileInfo info(target);
        f.exists = info.isFile();
        if (f.exists) {
            f.modifiedMs = info.lastModified().toMSecsSinceEpoch();
            QFile file(target);
            if (info.size() <= kMaxPublishedBytes && file.open(QIODevice::ReadOnly))
                f.version = matchPublishedVersion(target, file.readAll(), s.versions);
        }
        s.published.push_back(f);
    }
    return s;
}

} // namespace reverie::ui
