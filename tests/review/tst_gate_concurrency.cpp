// Several people and processes at once on one workspace (a file, or with _pg a server): three
// changing the policy, two dreaming (with auto-apply on), two approving the same proposal,
// twenty rounds. Nothing may be lost, nothing stored twice, and the history must verify.

#include "support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace reverie;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

QString demoDir() { return QDir(QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo")).absolutePath(); }

} // namespace

class TestGateConcurrency : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;

    QStringList withWorkspace(QStringList args) const
    {
        args.prepend(m_ws);
        args.prepend(s("--workspace"));
        return args;
    }
    QByteArray ok(const QStringList &args)
    {
        const test::CliRun r = test::runCli(withWorkspace(args));
        if (r.exitCode != 0)
            qWarning("reverie %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        [&] { QCOMPARE(r.exitCode, 0); }();
        return r.out;
    }
    QJsonValue json(QStringList args)
    {
        args << s("--json");
        const QJsonDocument d = QJsonDocument::fromJson(ok(args));
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::serverSkipReason().isEmpty())
            QSKIP(qPrintable(test::serverSkipReason()));
    }

    void manyAtOnce()
    {
        m_ws = test::workspaceLocation(m_dir, s("shared.reverie"));
        ok({s("import"), demoDir()});
        ok({s("policy"), s("--auto-apply"), s("yes"), s("--reviewer"), s("ops")});
        ok({s("policy"), s("--add-workflow"), s("deploy_service"), s("--approvals"), s("2"), s("--reviewer"), s("ops")});

        constexpr int kRounds = 20;
        std::vector<qint64> manual;
        for (int round = 0; round < kRounds; ++round) {
            const QJsonObject proposed = json({s("propose"), s("--author"), s("alice"), s("--text"),
                                               QStringLiteral("Round %1: page the on-call before deploy.").arg(round),
                                               s("--workflow"), s("deploy_service")})
                                             .toObject();
            const QString id = QString::number(qint64(proposed[s("id")].toDouble()));
            manual.push_back(qint64(proposed[s("id")].toDouble()));
            const QList<QStringList> commands = {
                {s("policy"), s("--add-target"), m_dir.filePath(QStringLiteral("targets/t%1.md").arg(round)),
                 s("--reviewer"), s("p0")},
                {s("policy"), s("--add-tool"), QStringLiteral("tool%1").arg(round), s("--reviewer"), s("p1")},
                {s("policy"), s("--add-workflow"), QStringLiteral("wf%1").arg(round), s("--reviewer"), s("p2")},
                {s("dream")},
                {s("dream")},
                {s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("ok")},
                {s("approve"), id, s("--reviewer"), s("carol"), s("--reason"), s("ok")},
            };
            std::vector<std::unique_ptr<QProcess>> running;
            for (const QStringList &c : commands) {
                auto p = std::make_unique<QProcess>();
                p->start(test::reverieBinary(), withWorkspace(c));
                running.push_back(std::move(p));
            }
            for (std::size_t i = 0; i < running.size(); ++i) {
                QProcess &p = *running[i];
                QVERIFY(p.waitForFinished(120000));
                QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                         qPrintable(QStringLiteral("round %1: reverie %2: %3")
                                        .arg(round)
                                        .arg(commands.at(int(i)).join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()))));
            }
        }

        // No lost policy change.
        const QJsonObject policy = json({s("policy")}).toObject();
        QCOMPARE(policy[s("publish_targets")].toArray().size(), kRounds);
        QCOMPARE(policy[s("high_stakes_tools")].toArray().size(), kRounds);
        QCOMPARE(policy[s("high_stakes_workflows")].toArray().size(), kRounds + 1);

        // Every manual proposal applied exactly once, with both approvals.
        const QJsonArray proposals = json({s("proposals")}).toArray();
        QSet<QString> seen;
        for (const QJsonValue &p : proposals) {
            const qint64 id = qint64(p[s("id")].toDouble());
            if (std::find(manual.begin(), manual.end(), id) != manual.end()) {
                QCOMPARE(p[s("status")].toString(), s("approved"));
                continue;
            }
            // No proposal stored twice by two passes.
            const QString key = p[s("op")].toString() + QLatin1Char('|') + p[s("text")].toString() + QLatin1Char('|')
                                + QString::fromUtf8(QJsonDocument(p[s("scope")].toObject()).toJson(QJsonDocument::Compact));
            QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("stored twice: %1").arg(key)));
            seen.insert(key);
        }
        QVERIFY(!seen.isEmpty());

        // No rule twice in the playbook.
        const QJsonArray rules =
            QJsonDocument::fromJson(ok({s("playbook"), s("--format"), s("json")})).object()[s("rules")].toArray();
        QSet<QString> texts;
        for (const QJsonValue &r : rules) {
            QVERIFY2(!texts.contains(r[s("text")].toString()), qPrintable(r[s("text")].toString()));
            texts.insert(r[s("text")].toString());
        }
        QVERIFY(texts.size() >= kRounds);

        // Each manual proposal: two approvals, one version.
        const QJsonArray decisions = json({s("decisions")}).toArray();
        for (qint64 id : manual) {
            int approvals = 0, versions = 0;
            for (const QJsonValue &d : decisions) {
                if (qint64(d[s("proposal")].toDouble()) != id)
                    continue;
                approvals += d[s("decision")].toString() == QLatin1String("approve") ? 1 : 0;
                versions += d[s("version")].isNull() ? 0 : 1;
            }
            QCOMPARE(approvals, 2);
            QCOMPARE(versions, 1);
        }
        ok({s("verify")});
    }
};

QTEST_GUILESS_MAIN(TestGateConcurrency)
#include "tst_gate_concurrency.moc"
