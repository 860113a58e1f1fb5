#include "core/store/PublishAttribution.h"

#include "core/store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <vector>

namespace reverie::store {

namespace {

struct Published {
    qint64 atMs = 0;
    int version = 0;
};

// Is `cwd` the folder or inside it?
bool within(const QString &cwd, const QString &folder)
{
    return cwd == folder || cwd.startsWith(folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/'));
}

} // namespace

int attributeByPublishRecords(Workspace &ws)
{
    sql::Database &db = ws.db();
    sql::Transaction tx(db);
    // Successful publishes by the folder of their target, oldest first.
    QHash<QString, std::vector<Published>> byFolder;
    {
        sql::Statement st(db, "SELECT target, created_at, version FROM publish_log WHERE result = 'ok' ORDER BY created_at, id");
        while (st.step())
            byFolder[QDir::cleanPath(QFileInfo(st.text(0)).absolutePath())].push_back({st.int64(1), int(st.int64(2))});
    }
    struct Change {
        qint64 id;
        int version;
    };
    std::vector<Change> changes;
    {
        sql::Statement st(db, "SELECT id, cwd, started_at, playbook_version, playbook_source FROM trajectories "
                              "WHERE cwd IS NOT NULL AND cwd <> '' AND ((playbook_source IS NULL AND playbook_version = 0) "
                              "OR playbook_source = 'publish')");
        while (st.step()) {
            const QString cwd = QDir::cleanPath(st.text(1));
            const qint64 started = st.isNull(2) ? -1 : st.int64(2);
            // The deepest published folder that holds the run's folder speaks for it.
            const std::vector<Published> *record = nullptr;
            qsizetype depth = -1;
            for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it) {
                if (within(cwd, it.key()) && it.key().size() > depth) {
                    depth = it.key().size();
                    record = &it.value();
                }
            }
            int version = 0;
            if (record && started >= 0) {
                for (const Published &p : *record) {
                    if (p.atMs <= started)
                        version = p.version;
                }
            }
            const bool wasPublish = st.text(4) == QLatin1String("publish");
            if (version != (wasPublish ? int(st.int64(3)) : 0))
                changes.push_back({st.int64(0), version});
        }
    }
    sql::Statement set(db, "UPDATE trajectories SET playbook_version = ?, playbook_source = ? WHERE id = ?");
    for (const Change &c : changes) {
        set.bind(1, c.version).bind(2, c.version > 0 ? QStringLiteral("publish") : QString()).bind(3, c.id);
        set.run();
    }
    tx.commit();
    return int(changes.size());
}

} // namespace reverie::store
