#include "ui/history/HistorySnapshot.h"

#include "core/playbook/ManagedBlock.h"
#include "core/playbook/Render.h"
#include "core/stats/VersionOutcomes.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QFile>
#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
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

const stats::Regression *HistorySnapshot::regression(int number) const
{
    for (const stats::Regression &r : comparisons) {
        if (r.version == number)
            return r.flagged ? &r : nullptr;
    }
    return nullptr;
}

bool HistorySnapshot::canUndoRegression(int number) const
{
    const stats::Regression *r = regression(number);
    return r && r->inCurrent && r->undo.kind != stats::Undo::Kind::None;
}

int matchPublishedVersion(const QString &path, const QByteArray &bytes, const std::vector<PlaybookVersion> &versions)
{
    const bool json = playbook::targetWantsJson(path);
    // A Markdown target holds Reverie's block among people's own text: the block is compared.
    QByteArray compared = bytes;
    if (!json) {
        try {
            const auto block = playbook::blockContent(bytes);
            if (!block)
                return 0;
            compared = *block;
        } catch (const playbook::BlockError &) {
            return 0;
        }
    }
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        const QByteArray rendered = json ? playbook::renderJson(*it) : playbook::renderMarkdown(it->rules);
        if (rendered == compared)
            return it->number;
    }
    return 0;
}

HistorySnapshot loadHistory(store::Workspace &ws)
{
    HistorySnapshot s;
    s.versions = store::PlaybookHistory(ws).versions(true);
    store::ProposalStore proposals(ws);
    for (const PlaybookVersion &v : s.versions) {
        if (v.proposalId && !s.proposalStatus.contains(v.proposalId)) {
            if (const auto p = proposals.get(v.proposalId))
                s.proposalStatus.insert(v.proposalId, p->status);
        }
    }
    s.publishTargets = review::Policy(ws).load().publishTargets;
    store::OutcomeStats outcomeStats(ws);
    s.byVersion = outcomeStats.byVersion();
    s.byModel = outcomeStats.byModel();
    s.byRule = outcomeStats.byRule();
    const stats::VersionOutcomes outcomes = stats::loadVersionOutcomes(ws);
    for (const stats::VersionNode &v : outcomes.versions)
        s.successByVersion.insert(v.number, outcomes.rateOfVersion(v.number));
    s.comparisons = stats::compareWithParents(outcomes);
    if (ws.schemaVersion() >= 6) {
        std::vector<store::PublishEntry> log = store::PublishLog(ws).all();
        std::reverse(log.begin(), log.end());
        for (const QString &target : std::as_const(s.publishTargets)) {
            const auto last = std::find_if(log.begin(), log.end(), [&](const auto &e) { return e.target == target; });
            if (last != log.end() && !last->ok())
                s.lastFailures.insert(target, last->result);
        }
        if (log.size() > 500)
            log.resize(500);
        s.publishLog = std::move(log);
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
        f.lastFailure = s.lastFailures.value(target);
        s.published.push_back(f);
    }
    return s;
}

HistorySnapshot loadHistory(const QString &path)
{
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(path, options);
        return loadHistory(ws);
    } catch (const std::exception &e) {
        HistorySnapshot s;
        s.error = QString::fromUtf8(e.what());
        return s;
    }
}

} // namespace reverie::ui
