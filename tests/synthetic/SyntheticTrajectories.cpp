#include "synthetic/SyntheticTrajectories.h"

#include "core/dream/Lesson.h"
#include "synthetic/SyntheticRun.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QCryptographicHash>
#include <QFile>

#include <algorithm>

namespace reverie::dream {

using synthetic::RunMaker;
using synthetic::Rng;

namespace {

const char *const kModels[] = {"gpt-4o", "claude-sonnet-4", "llama-4-maverick"};
const char *const kPriorities[] = {"low", "normal", "high"};

// Scenario of one run: -1 = follows every lesson; otherwise the index (into plantedLessons())
// of the lesson it breaks. db_migration's looping runs break lessons 4 and 5 at once.
constexpr int kHappy = -1;

QString prio(Rng &rng) { return QLatin1String(kPriorities[rng.below(3)]); }

bool deployService(RunMaker &m, Rng &rng, int scenario, int i, bool lucky)
{
    const QString svc = QStringLiteral("billing-api");
    m.task(QStringLiteral("Deploy %1 build %2").arg(svc).arg(400 + i), QStringLiteral("deploy_service"),
           QLatin1String(kModels[rng.below(3)]));
    m.call(QStringLiteral("fetch_build"), QStringLiteral("{\"build\":%1,\"priority\":\"%2\"}").arg(400 + i).arg(prio(rng)),
           QStringLiteral("build %1: artifacts ready").arg(400 + i));
    if (rng.chance(0.5))
        m.call(QStringLiteral("read_changelog"), QStringLiteral("{\"build\":%1}").arg(400 + i), QStringLiteral("3 changes"));
    if (scenario != 0)
        m.call(QStringLiteral("run_tests"), QStringLiteral("{\"suite\":\"smoke\"}"), QStringLiteral("212 passed, 0 failed"));
    const QString strategy = scenario == 1 ? QStringLiteral("all_at_once")
                                           : (rng.chance(0.8) ? QStringLiteral("rolling") : QStringLiteral("canary"));
    const bool fails = (scenario == 0 || scenario == 1) && !lucky;
    const QString error = scenario == 0 ? QStringLiteral("error: health check failed on /v1/invoices")
                                        : QStringLiteral("error: rollout overloaded the cluster");
    m.call(QStringLiteral("deploy"),
           QStringLiteral("{\"env\":\"production\",\"service\":\"%1\",\"strategy\":\"%2\"}").arg(svc, strategy),
           fails ? error : QStringLiteral("rollout complete"), fails);
    if (fails)
        return false;
    m.call(QStringLiteral("check_health"), QStringLiteral("{\"service\":\"%1\"}").arg(svc), QStringLiteral("green"));
    if (rng.chance(0.5))
        m.call(QStringLiteral("notify"), QStringLiteral("{\"channel\":\"ops\"}"), QStringLiteral("sent"));
    return true;
}

bool refundOrder(RunMaker &m, Rng &rng, int scenario, int i, bool lucky)
{
    const int order = 88000 + i;
    const int amount = 5 + rng.below(400);
    m.task(QStringLiteral("Refund order #%1").arg(order), QStringLiteral("refund_order"), QLatin1String(kModels[rng.below(3)]));
    m.call(QStringLiteral("get_order"), QStringLiteral("{\"order_id\":%1,\"priority\":\"%2\"}").arg(order).arg(prio(rng)),
           QStringLiteral("{\"status\": \"delivered\", \"amount\": %1}").arg(amount));
    m.call(QStringLiteral("check_fraud"), QStringLiteral("{\"order_id\":%1}").arg(order), QStringLiteral("clear"));
    const bool fails = scenario == 2 && !lucky;
    m.call(QStringLiteral("issue_refund"),
           QStringLiteral("{\"amount\":%1,\"force\":%2,\"order_id\":%3}")
               .arg(scenario == 3 ? amount + 50 : amount)
               .arg(scenario == 2 ? QStringLiteral("true") : QStringLiteral("false"))
               .arg(order),
           fails ? QStringLiteral("error: forced refund bypassed fraud review; reversed") : QStringLiteral("refund issued"),
           fails);
    if (fails)
        return false;
    m.call(QStringLiteral("send_email"), QStringLiteral("{\"template\":\"refund\"}"), QStringLiteral("queued"));
    return scenario != 3;
}

bool dbMigration(RunMaker &m, Rng &rng, int scenario, int i, bool lucky)
{
    const QString name = QStringLiteral("2025_%1").arg(i);
    m.task(QStringLiteral("Apply schema migration %1").arg(name), QStringLiteral("db_migration"),
           QLatin1String(kModels[rng.below(3)]));
    // Scenario 5 skips the backup. The first action after the skipped step is write_migration,
    // but the one the backup protects (and the one that is refused) is apply_migration.
    if (scenario != 5)
        m.call(QStringLiteral("backup_db"), QStringLiteral("{\"db\":\"main\",\"priority\":\"%1\"}").arg(prio(rng)),
               QStringLiteral("backup done"));
    const QString input = QStringLiteral("{\"name\":\"%1\"}").arg(name);
    m.call(QStringLiteral("write_migration"), input, QStringLiteral("migration file written"));
    const QString lock = QStringLiteral("error: lock timeout after %1 ms").arg(1000 * (1 + rng.below(9)));
    if (scenario == 4) {
        const int attempts = 2 + rng.below(3);
        for (int a = 0; a < attempts; ++a)
            m.call(QStringLiteral("apply_migration"), input, lock, true);
        if (!lucky)
            return false;
        m.call(QStringLiteral("apply_migration"), input, QStringLiteral("migration applied"));
    } else if (scenario == 5 && !lucky) {
        m.call(QStringLiteral("apply_migration"), input, QStringLiteral("error: refused: no backup in the last 24 hours"),
               true);
        return false;
    } else if (rng.chance(0.4)) {
        m.call(QStringLiteral("apply_migration"), input, lock, true);
        m.call(QStringLiteral("release_locks"), QStringLiteral("{\"table\":\"invoices\"}"), QStringLiteral("3 idle locks released"));
        m.call(QStringLiteral("apply_migration"), input, QStringLiteral("migration applied"));
    } else {
        m.call(QStringLiteral("apply_migration"), input, QStringLiteral("migration applied"));
    }
    m.call(QStringLiteral("verify_schema"), QStringLiteral("{}"), QStringLiteral("schema ok"));
    return true;
}

bool bookFlight(RunMaker &m, Rng &rng, int scenario, int i, bool lucky)
{
    m.task(QStringLiteral("Book a flight for customer %1").arg(5000 + i), QStringLiteral("book_flight"),
           QLatin1String(kModels[rng.below(3)]));
    m.call(QStringLiteral("search_flights"),
           QStringLiteral("{\"from\":\"JFK\",\"priority\":\"%1\",\"to\":\"SEA\"}").arg(prio(rng)),
           QStringLiteral("%1 flights found").arg(3 + rng.below(20)));
    m.call(QStringLiteral("hold_seat"), QStringLiteral("{\"flight\":\"HAT%1\"}").arg(100 + rng.below(800)),
           QStringLiteral("seat held"));
    const QString declined = QStringLiteral("error: card declined by issuer");
    if (scenario == 6) {
        m.call(QStringLiteral("pay"), QStringLiteral("{\"method\":\"card\"}"), declined, true);
        if (lucky) {
            m.call(QStringLiteral("pay"), QStringLiteral("{\"method\":\"card\"}"), QStringLiteral("paid"));
        } else if (rng.chance(0.5)) {
            m.call(QStringLiteral("confirm_booking"), QStringLiteral("{}"), QStringLiteral("error: no payment on file"), true);
            return false;
        } else {
            m.message(QStringLiteral("Sorry, your card was declined."));
            return false;
        }
    } else if (rng.chance(0.35)) {
        m.call(QStringLiteral("pay"), QStringLiteral("{\"method\":\"card\"}"), declined, true);
        m.call(QStringLiteral("update_payment"), QStringLiteral("{\"method\":\"backup_card\"}"), QStringLiteral("payment method updated"));
        m.call(QStringLiteral("pay"), QStringLiteral("{\"method\":\"backup_card\"}"), QStringLiteral("paid"));
    } else {
        m.call(QStringLiteral("pay"), QStringLiteral("{\"method\":\"card\"}"), QStringLiteral("paid"));
    }
    m.call(QStringLiteral("confirm_booking"), QStringLiteral("{}"), QStringLiteral("booking confirmed"));
    return true;
}

bool scrapeCatalog(RunMaker &m, Rng &rng, int scenario, int i, bool lucky)
{
    const QString site = QStringLiteral("shop%1.example").arg(i % 50);
    m.task(QStringLiteral("Scrape the catalog of %1").arg(site), QStringLiteral("scrape_catalog"),
           QLatin1String(kModels[rng.below(3)]));
    m.call(QStringLiteral("list_pages"), QStringLiteral("{\"priority\":\"%1\",\"site\":\"%2\"}").arg(prio(rng), site),
           QStringLiteral("40 pages"));
    const QString limited = QStringLiteral("error: rate limited by server");
    const int hiccup = rng.chance(0.15) ? rng.below(3) : -1;
    for (int page = 1; page <= 3; ++page) {
        const QString input = QStringLiteral("{\"page\":%1}").arg(page);
        if (scenario == 7 && page == 1) {
            const int attempts = 3 + rng.below(3);
            for (int a = 0; a < attempts; ++a)
                m.call(QStringLiteral("fetch_page"), input, limited, true);
            if (!lucky)
                return false;
        } else if (page - 1 == hiccup) {
            m.call(QStringLiteral("fetch_page"), input, limited, true);
            switch (rng.below(3)) {   // successes move on in different ways: none is "the" recovery
            case 0: m.call(QStringLiteral("wait_backoff"), QStringLiteral("{\"seconds\":30}"), QStringLiteral("waited")); break;
            case 1: m.call(QStringLiteral("switch_proxy"), QStringLiteral("{\"region\":\"eu\"}"), QStringLiteral("proxy eu")); break;
            default: m.call(QStringLiteral("list_pages"), QStringLiteral("{\"site\":\"%1\"}").arg(site), QStringLiteral("40 pages"));
            }
        }
        m.call(QStringLiteral("fetch_page"), input, QStringLiteral("page %1 ok").arg(page));
    }
    m.call(QStringLiteral("store_items"), QStringLiteral("{\"count\":%1}").arg(20 + rng.below(100)), QStringLiteral("stored"));
    return true;
}

bool sendInvoice(RunMaker &m, Rng &rng, int scenario, int i, bool lucky)
{
    const int customer = 7000 + i;
    m.task(QStringLiteral("Send the monthly invoice to customer %1").arg(customer), QStringLiteral("send_invoice"),
           QLatin1String(kModels[rng.below(3)]));
    if (scenario != 8)
        m.call(QStringLiteral("get_customer"), QStringLiteral("{\"customer_id\":%1,\"priority\":\"%2\"}").arg(customer).arg(prio(rng)),
               QStringLiteral("customer found"));
    const bool fails = scenario == 8 && !lucky;
    m.call(QStringLiteral("draft_invoice"), QStringLiteral("{\"amount\":%1}").arg(50 + rng.below(900)),
           fails ? QStringLiteral("error: customer not found in this session") : QStringLiteral("draft ready"), fails);
    if (fails)
        return false;
    m.call(QStringLiteral("send_invoice"),
           QStringLiteral("{\"channel\":\"%1\"}").arg(rng.chance(0.7) ? QStringLiteral("email") : QStringLiteral("portal")),
           QStringLiteral("sent"));
    return scenario != 9;
}

bool summarizeTicket(RunMaker &m, Rng &rng, int, int i, bool)
{
    m.task(QStringLiteral("Summarise ticket %1").arg(30000 + i), QStringLiteral("summarize_ticket"),
           QLatin1String(kModels[rng.below(3)]));
    m.call(QStringLiteral("fetch_ticket"), QStringLiteral("{\"priority\":\"%1\",\"ticket\":%2}").arg(prio(rng)).arg(30000 + i),
           QStringLiteral("ticket loaded"));
    if (rng.chance(0.5))
        m.call(QStringLiteral("search_kb"), QStringLiteral("{\"query\":\"login\"}"), QStringLiteral("3 articles"));
    m.call(QStringLiteral("draft_summary"), QStringLiteral("{}"), QStringLiteral("summary drafted"));
    m.call(QStringLiteral("post_summary"), QStringLiteral("{\"channel\":\"support\"}"), QStringLiteral("posted"));
    return true;
}

using WorkflowFn = bool (*)(RunMaker &, Rng &, int, int, bool);
struct WorkflowDef {
    const char *name;
    WorkflowFn make;
    std::vector<int> scenarios;   // lessons a run of this workflow may break (one scenario each)
};

const std::vector<WorkflowDef> &definitions()
{
    static const std::vector<WorkflowDef> defs = {
        {"deploy_service", deployService, {0, 1}}, {"refund_order", refundOrder, {2, 3}},
        {"db_migration", dbMigration, {4, 5}},      {"book_flight", bookFlight, {6}},
        {"scrape_catalog", scrapeCatalog, {7}},     {"send_invoice", sendInvoice, {8, 9}},
        {"summarize_ticket", summarizeTicket, {}},
    };
    return defs;
}

// What reviewers wrote on some failed runs of a lesson a tool call shows anyway: planted
// duplicates, which must end up as evidence of that lesson's rule, not as rules of their own.
QString restatingNote(int scenario)
{
    switch (scenario) {
    case 0: return QStringLiteral("Never deploy without running the smoke tests first.");
    case 2: return QStringLiteral("Refunded with force before the fraud review finished.");
    case 5: return QStringLiteral("Applied the migration without a fresh backup.");
    default: return {};
    }
}

QString constraintNote(int scenario)
{
    if (scenario == 3)
        return QStringLiteral("Do not refund more than the order amount.");
    if (scenario == 9)
        return QStringLiteral("Always confirm the amount with the customer before sending the invoice.");
    return {};
}

} // namespace

bool PlantedLesson::matchesAnyReading(const Proposal &p) const
{
    return matches(p) || std::any_of(readings.begin(), readings.end(), [&](const PlantedLesson &r) { return r.matches(p); });
}

bool PlantedLesson::matches(const Proposal &p) const
{
    if (p.kind != kind || !p.scope.workflows.contains(workflow))
        return false;
    if (kind == QLatin1String("constraint")) {
        const QString want = constraintFromNote(note).toLower();
        return p.text.toLower().contains(want.left(want.size() - 1));
    }
    if (kind == QLatin1String("precedence"))
        return p.scope.tools == tools;
    for (const QString &t : tools) {
        if (!p.scope.tools.contains(t))
            return false;
    }
    return arg.isEmpty() || p.text.contains(arg);
}

SyntheticTrajectories::SyntheticTrajectories(SyntheticOptions options) : m_options(options) {}

std::vector<PlantedLesson> SyntheticTrajectories::plantedLessons()
{
    const auto s = [](const char *x) { return QString::fromLatin1(x); };
    return {
        {s("precedence"), s("deploy_service"), {s("run_tests"), s("deploy")}, {}, {}},
        {s("argument"), s("deploy_service"), {s("deploy")}, s("strategy=all_at_once"), {}},
        {s("argument"), s("refund_order"), {s("issue_refund")}, s("force=true"), {}},
        {s("constraint"), s("refund_order"), {}, {}, constraintNote(3)},
        // A retry loop on the lock timeout is the missing recovery seen from the other side.
        {s("recovery"), s("db_migration"), {s("apply_migration"), s("release_locks")}, {}, {},
         {{s("loop"), s("db_migration"), {s("apply_migration")}, {}, {}, {}}}},
        {s("precedence"), s("db_migration"), {s("backup_db"), s("apply_migration")}, {}, {}},
        {s("recovery"), s("book_flight"), {s("pay"), s("update_payment")}, {}, {}},
        {s("loop"), s("scrape_catalog"), {s("fetch_page")}, {}, {}},
        {s("precedence"), s("send_invoice"), {s("get_customer"), s("draft_invoice")}, {}, {}},
        {s("constraint"), s("send_invoice"), {}, {}, constraintNote(9)},
    };
}

QStringList SyntheticTrajectories::workflows()
{
    QStringList out;
    for (const WorkflowDef &d : definitions())
        out << QString::fromLatin1(d.name);
    return out;
}

Trajectory SyntheticTrajectories::make(int index) const
{
    const auto &defs = definitions();
    const WorkflowDef &def = defs[std::size_t(index) % defs.size()];
    Rng rng(m_options.seed * 0x100000001B3ull + quint64(index) * 0x9E3779B97F4A7C15ull);
    int scenario = kHappy;
    bool noise = false;
    double r = rng.uniform();
    for (int lesson : def.scenarios) {
        if (r < m_options.lessonRate) {
            scenario = lesson;
            break;
        }
        r -= m_options.lessonRate;
    }
    if (scenario == kHappy && r < m_options.noiseRate * (def.scenarios.empty() ? 2 : 1))
        noise = true;
    const bool lucky = scenario != kHappy && rng.chance(m_options.violatorLuck);
    const bool judged = !rng.chance(m_options.unknownRate);
    const QString id = QStringLiteral("%1-%2").arg(QLatin1String(def.name)).arg(index, 6, 10, QLatin1Char('0'));
    RunMaker m(id, m_options.startMs + qint64(index) * 60'000, rng, std::max(0, m_options.minSteps - 12));
    if (noise)
        m.armNoise(rng.below(3));
    const bool success = def.make(m, rng, scenario, index, lucky);
    QString note = (scenario == 3 || scenario == 9) ? constraintNote(scenario) : QString();
    if (!success && !restatingNote(scenario).isEmpty() && rng.chance(0.6))
        note = restatingNote(scenario);
    m.finish(success, success ? QStringLiteral("done") : QStringLiteral("did not complete"), note, judged);
    return m.take();
}

qint64 SyntheticTrajectories::writeTo(store::Workspace &ws) const
{
    store::TrajectoryWriter::SourceInfo source;
    source.path = QStringLiteral("synthetic:seed=%1,n=%2,steps=%3").arg(m_options.seed).arg(m_options.trajectories).arg(m_options.minSteps);
    source.format = QStringLiteral("reverie-jsonl");
    source.contentHash = QString::fromLatin1(QCryptographicHash::hash(source.path.toUtf8(), QCryptographicHash::Sha256).toHex());
    store::TrajectoryWriter writer(ws, source);
    if (writer.isDuplicate())
        return 0;
    for (int i = 0; i < m_options.trajectories; ++i) {
        const Trajectory t = make(i);
        const qint64 h = writer.begin(t.info);
        for (const Step &s : t.steps)
            writer.addStep(h, s);
        writer.finish(h, t.info);
    }
    const qint64 steps = writer.stepCount();
    writer.commit();
    return steps;
}

qint64 SyntheticTrajectories::writeJsonl(const QString &path) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw reverie::Error(QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    qint64 steps = 0;
    for (int i = 0; i < m_options.trajectories; ++i) {
        const Trajectory t = make(i);
        for (const Step &s : t.steps) {
            f.write(s.raw);
            f.write("\n", 1);
        }
        steps += qint64(t.steps.size());
    }
    if (!f.flush())
        throw reverie::Error(QStringLiteral("%1: cannot write: %2").arg(path, f.errorString()));
    return steps;
}

} // namespace reverie::dream
