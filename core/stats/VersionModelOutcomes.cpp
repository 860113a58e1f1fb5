#include "core/stats/VersionModelOutcomes.h"

#include "core/store/Workspace.h"

namespace reverie::stats {

std::vector<VersionModelCell> versionModelOutcomes(store::Workspace &ws)
{
    sql::Statement st(ws.db(), "SELECT playbook_version, coalesce(model, ?), count(*), sum(CASE WHEN verdict = 1 THEN 1 ELSE 0 END), "
                               "sum(CASE WHEN verdict = 2 THEN 1 ELSE 0 END) FROM trajectories GROUP BY 1, 2 ORDER BY 1, 2");
    st.bind(1, QString::fromLatin1(kUnknownModel));
    std::vector<VersionModelCell> out;
    while (st.step()) {
        VersionModelCell c;
        c.version = int(st.int64(0));
        c.model = st.text(1);
        c.runs = int(st.int64(2));
        c.successes = int(st.int64(3));
        c.failures = int(st.int64(4));
        out.push_back(c);
    }
    return out;
}

} // namespace reverie::stats
