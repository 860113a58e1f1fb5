#include "core/store/SavedViews.h"

#include "core/store/Workspace.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace reverie::store {

namespace {

using Sort = TrajectoryFilter::Sort;

QString sortName(Sort s)
{
    switch (s) {
    case Sort::FailedFirst: return QStringLiteral("failed_first");
    case Sort::Newest: return QStringLiteral("newest");
    case Sort::Oldest: return QStringLiteral("oldest");
    case Sort::MostErrors: return QStringLiteral("most_errors");
    case Sort::MostSteps: return QStringLiteral("most_steps");
    case Sort::ExternalId: return QStringLiteral("external_id");
    case Sort::Workflow: return QStringLiteral("workflow");
    case Sort::Model: return QStringLiteral("model");
    case Sort::PlaybookVersion: return QStringLiteral("playbook_version");
    }
    return QStringLiteral("failed_first");
}

Sort sortFromName(const QString &name)
{
    for (Sort s : {Sort::FailedFirst, Sort::Newest, Sort::Oldest, Sort::MostErrors, Sort::MostSteps, Sort::ExternalId,
                   Sort::Workflow, Sort::Model, Sort::PlaybookVersion}) {
        if (sortName(s) == name)
            return s;
    }
    return Sort::FailedFirst;
}

} // namespace

QByteArray SavedViews::toJson(const TrajectoryFilter &f)
{
    QJsonObject o;
    if (f.verdict)
        o.insert(QStringLiteral("verdict"), verdictName(*f.verdict));
    if (!f.workflow.isEmpty())
        o.insert(QStringLiteral("workflow"), f.workflow);
    if (!f.model.isEmpty())
        o.insert(QStringLiteral("model"), f.model);
    if (!f.search.isEmpty())
        o.insert(QStringLiteral("search"), f.search);
    if (f.errorsOnly)
        o.insert(QStringLiteral("errors_only"), true);
    if (f.fromMs >= 0)
        o.insert(QStringLiteral("from"), double(f.fromMs));
    if (f.toMs >= 0)
        o.insert(QStringLiteral("to"), double(f.toMs));
    o.insert(QStringLiteral("sort"), sortName(f.sort));
    o.insert(QStringLiteral("descending"), f.descending);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

TrajectoryFilter SavedViews::fromJson(const QByteArray &json)
{
    TrajectoryFilter f;
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.contains(QStringLiteral("verdict")))
        f.verdict = verdictFromName(o.value(QStringLiteral("verdict")).toString());
    f.workflow = o.value(QStringLiteral("workflow")).toString();
    f.model = o.value(QStringLiteral("model")).toString();
    f.search = o.value(QStringLiteral("search")).toString();
    f.errorsOnly = o.value(QStringLiteral("errors_only")).toBool();
    f.fromMs = qint64(o.value(QStringLiteral("from")).toDouble(-1));
    f.toMs = qint64(o.value(QStringLiteral("to")).toDouble(-1));
    f.sort = sortFromName(o.value(QStringLiteral("sort")).toString());
    f.descending = o.value(QStringLiteral("descending")).toBool(true);
    return f;
}

QStringList SavedViews::names()
{
    sql::Statement st(m_ws.db(), "SELECT name FROM saved_views ORDER BY lower(name), name");
    QStringList out;
    while (st.step())
        out << st.text(0);
    return out;
}

std::optional<TrajectoryFilter> SavedViews::load(const QString &name)
{
    sql::Statement st(m_ws.db(), "SELECT filter FROM saved_views WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return fromJson(st.bytes(0));
}

void SavedViews::save(const QString &name, const TrajectoryFilter &filter)
{
    sql::Statement st(m_ws.db(), "INSERT INTO saved_views(name, filter) VALUES (?, ?) "
                                 "ON CONFLICT(name) DO UPDATE SET filter = excluded.filter");
    st.bind(1, name).bindText(2, toJson(filter));
    st.run();
}

void SavedViews::remove(const QString &name)
{
    sql::Statement st(m_ws.db(), "DELETE FROM saved_views WHERE name = ?");
    st.bind(1, name);
    st.run();
}

} // namespace reverie::store
