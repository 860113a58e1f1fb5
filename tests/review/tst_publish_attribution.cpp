// Which playbook a run saw, from the publish record: a real Claude Code session whose working
// folder holds a published target ran under the version published there before it started,
// and under nothing when it started before the first publish or worked elsewhere.

#include "core/store/PublishAttribution.h"
#include "core/store/PublishLog.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

using Publishes = QList<QPair<qint64, int>>;   // (offset from the session's start, version)

// The fixture is a real session; it records cwd /home/marco/projects/spotter and starts at this time.
const QString kSession = s("55604662-cf2a-4331-851a-ec234028f8ca");
const QString kCwd = s("/home/marco/projects/spotter");
qint64 sessionStartMs() { return QDateTime::fromString(s("2026-02-10T21:11:52.438Z"), Qt::ISODateWithMs).toMSecsSinceEpoch(); }

} // namespace

class TestPublishAttribution : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;

    QJsonObject run(const QString &ws)
    {
        const test::CliRun r = test::runCli({s("--workspace"), ws, s("show"), kSession, s("--json")});
        [&] { QCOMPARE(r.exitCode, 0); }();
        return QJsonDocument::fromJson(r.out).object();
    }
    // A workspace holding the session, and a publish record at `target` for each (offset from
    // the session's start, version).
    QString workspaceWith(const QString &target, const Publishes &published)
    {
        const QString path = m_dir.filePath(QStringLiteral("attr%1.reverie").arg(++m_n));
        {
            store::Workspace ws(path);
            store::PublishLog log(ws);
            for (const auto &[offsetMs, version] : published) {
                store::PublishEntry e;
                e.target = target;
                e.version = version;
                e.playbookHash = QString(64, QLatin1Char('a'));
                e.createdMs = sessionStartMs() + offsetMs;
                e.result = s("ok");
                log.append(e);
            }
        }
        const test::CliRun imported = test::runCli(
            {s("--workspace"), path, s("import"), test::fixture(s("attribution/claude_code_spotter_short.jsonl"))});
        [&] { QVERIFY2(imported.exitCode == 0, imported.err.constData()); }();
        return path;
    }

private Q_SLOTS:
    void fromThePublishRecord_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<Publishes>("published");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("source");
        const qint64 hour = 3600 * 1000;
        QTest::newRow("published before it started") << kCwd + s("/CLAUDE.md") << Publishes{{-2 * hour, 1}}
                                                     << 1 << s("publish");
        QTest::newRow("the version in force when it started")
            << kCwd + s("/AGENTS.md") << Publishes{{-3 * hour, 1}, {-hour, 2}, {hour, 3}} << 2 << s("publish");
        QTest::newRow("target in a parent folder") << s("/home/marco/projects/CLAUDE.md")
                                                   << Publishes{{-hour, 4}} << 4 << s("publish");
        QTest::newRow("started before the first publish") << kCwd + s("/CLAUDE.md") << Publishes{{hour, 1}}
                                                          << 0 << s("unknown");
        QTest::newRow("another folder") << s("/home/marco/projects/spotter-old/CLAUDE.md")
                                        << Publishes{{-hour, 1}} << 0 << s("unknown");
        QTest::newRow("nothing published") << kCwd + s("/CLAUDE.md") << Publishes{} << 0 << s("unknown");
    }
    void fromThePublishRecord()
    {
        QFETCH(QString, target);
        QFETCH(Publishes, published);
        const QString ws = workspaceWith(target, published);
        // Import alone does not look at the publish record; `attribute` (and every publish) does.
        QCOMPARE(run(ws)[s("cwd")].toString(), kCwd);
        const test::CliRun attributed = test::runCli({s("--workspace"), ws, s("attribute"), s("--json")});
        QCOMPARE(attributed.exitCode, 0);
        const QJsonObject r = run(ws);
        QTEST(r[s("playbook_version")].toInt(), "version");
        QTEST(r[s("playbook_source")].toString(), "source");
        // Attributing again changes nothing.
        const test::CliRun again = test::runCli({s("--workspace"), ws, s("attribute"), s("--json")});
        QCOMPARE(QJsonDocument::fromJson(again.out).object()[s("changed")].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPublishAttribution)
#include "tst_publish_attribution.moc"
