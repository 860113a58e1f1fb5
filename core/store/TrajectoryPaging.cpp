#include "core/store/TrajectoryPaging.h"

#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"

#include <QStringList>

namespace reverie::store {

namespace {

// One column of an order. NULLs sort first ascending and last descending, as SQLite does.
struct SortPart {
    const char *expr;
    bool descending;
    bool nullable;
    bool text;
};

struct OrderSpec {
    std::vector<SortPart> parts;
    bool idDescending = false;
};

// The same orders as TrajectoryQueries' orderFor, spelled as parts so a key can be built.
OrderSpec orderSpec(const TrajectoryFilter &f)
{
    using Sort = TrajectoryFilter::Sort;
    const bool d = f.descending;
    switch (f.sort) {
    case Sort::FailedFirst: return {{{"(t.verdict = 2)", true, false, false}, {"t.started_at", true, true, false}}, true};
    case Sort::Newest: return {{{"t.started_at", true, true, false}}, true};
    case Sort::Oldest: return {{{"t.started_at", false, true, false}}, false};
    case Sort::MostErrors: return {{{"t.error_count", d, false, false}}, false};
    case Sort::MostSteps: return {{{"t.step_count", d, false, false}}, false};
    case Sort::ExternalId: return {{{"t.external_id", d, false, true}}, false};
    case Sort::Workflow: return {{{"t.workflow", d, true, true}}, false};
    case Sort::Model: return {{{"t.model", d, true, true}}, false};
    case Sort::PlaybookVersion: return {{{"t.playbook_version", d, false, false}}, false};
    }
    return {};
}

// From part `first` on: within a condition that fixes the parts before it, the rest orders the
// rows, and leaving the fixed ones out lets SQLite read them in index order instead of sorting.
QString orderBy(const OrderSpec &spec, std::size_t first = 0)
{
    QStringList terms;
    for (std::size_t i = first; i < spec.parts.size(); ++i) {
        const SortPart &p = spec.parts[i];
        terms << QString::fromLatin1(p.expr) + (p.descending ? QLatin1String(" DESC") : QLatin1String(" ASC"));
    }
    terms << (spec.idDescending ? QStringLiteral("t.id DESC") : QStringLiteral("t.id ASC"));
    return QStringLiteral(" ORDER BY ") + terms.join(QLatin1String(", "));
}

// A condition with the values it binds; it fixes the sort parts before `firstPart`.
struct Condition {
    QString sql;
    std::vector<PageKey::Value> values;
    std::size_t firstPart = 0;
};

bool isNull(const PageKey::Value &v) { return std::holds_alternative<std::monostate>(v); }

// The rows after a key, as conditions each an index can seek to, in the order they follow
// one another: same values and a later id first, then a later last sort value, and so on
// outwards. One OR of all of them would make SQLite scan from the start.
std::vector<Condition> conditionsAfter(const OrderSpec &spec, const PageKey &key)
{
    std::vector<Condition> out;
    const int n = int(spec.parts.size());
    for (int i = n; i >= 0; --i) {
        Condition prefix;
        prefix.firstPart = std::size_t(i);
        QStringList eq;
        for (int j = 0; j < i; ++j) {
            const QString e = QString::fromLatin1(spec.parts[std::size_t(j)].expr);
            if (isNull(key.values[std::size_t(j)])) {
                eq << e + QLatin1String(" IS NULL");
            } else {
                eq << e + QLatin1String(" = ?");
                prefix.values.push_back(key.values[std::size_t(j)]);
            }
        }
        auto with = [&](const QString &last, std::optional<PageKey::Value> value) {
            Condition c = prefix;
            QStringList all = eq;
            all << last;
            if (value)
                c.values.push_back(*value);
            c.sql = all.join(QLatin1String(" AND "));
            out.push_back(std::move(c));
        };
        if (i == n) {
            with(spec.idDescending ? QStringLiteral("t.id < ?") : QStringLiteral("t.id > ?"), PageKey::Value(key.id));
            continue;
        }
        const SortPart &p = spec.parts[std::size_t(i)];
        const QString e = QString::fromLatin1(p.expr);
        const PageKey::Value &k = key.values[std::size_t(i)];
        if (p.descending) {
            if (isNull(k))
                continue;   // NULLs come last: nothing sorts after them in this column
            with(e + QLatin1String(" < ?"), k);
            if (p.nullable)
                with(e + QLatin1String(" IS NULL"), std::nullopt);
        } else {
            with(isNull(k) ? e + QLatin1String(" IS NOT NULL") : e + QLatin1String(" > ?"),
                 isNull(k) ? std::nullopt : std::optional<PageKey::Value>(k));
        }
    }
    return out;
}

void bindValue(sql::Statement &st, int i, const PageKey::Value &v)
{
    if (const auto *n = std::get_if<qint64>(&v))
        st.bind(i, *n);
    else if (const auto *s = std::get_if<QString>(&v))
        st.bind(i, *s);
    else
        st.bindNull(i);
}

PageKey::Value readValue(const sql::Statement &st, int col, const SortPart &p)
{
    if (st.isNull(col))
        return std::monostate{};
    if (p.text)
        return st.text(col);
    return st.int64(col);
}

} // namespace

TrajectoryPage TrajectoryPaging::page(const TrajectoryFilter &filter, const PageKey &after, int limit)
{
    TrajectoryPage out;
    out.last = after;
    if (limit <= 0)
        return out;
    const OrderSpec spec = orderSpec(filter);
    const TrajectoryQueries::FilterSql where = m_queries.filterSql(filter);
    QString columns = QString::fromLatin1(TrajectoryQueries::summaryColumns());
    const int firstKeyColumn = int(columns.count(QLatin1Char(','))) + 1;
    for (const SortPart &p : spec.parts)
        columns += QLatin1String(", ") + QString::fromLatin1(p.expr);
    const QString head = QStringLiteral("SELECT %1 FROM trajectories t JOIN sources s ON s.id = t.source_id").arg(columns)
                         + where.where;

    std::vector<Condition> conditions;
    if (after.valid && after.values.size() == spec.parts.size())
        conditions = conditionsAfter(spec, after);
    else
        conditions.push_back({});   // the first page: the filter alone

    for (const Condition &c : conditions) {
        const int wanted = limit - int(out.rows.size());
        if (wanted <= 0)
            break;
        QString sqlText = head;
        if (!c.sql.isEmpty())
            sqlText += (where.where.isEmpty() ? QLatin1String(" WHERE ") : QLatin1String(" AND ")) + c.sql;
        sqlText += orderBy(spec, c.firstPart) + QStringLiteral(" LIMIT ?");
        sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
        where.bind(st, 1);
        int i = where.valueCount + 1;
        for (const PageKey::Value &v : c.values)
            bindValue(st, i++, v);
        st.bind(i, qint64(wanted));
        while (st.step()) {
            out.rows.push_back(TrajectoryQueries::summaryFrom(st));
            out.last.valid = true;
            out.last.id = out.rows.back().id;
            out.last.values.clear();
            for (std::size_t p = 0; p < spec.parts.size(); ++p)
                out.last.values.push_back(readValue(st, firstKeyColumn + int(p), spec.parts[p]));
        }
    }
    return out;
}

} // namespace reverie::store
