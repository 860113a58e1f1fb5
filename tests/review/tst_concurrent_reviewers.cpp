// Two reviewers, two processes, one workspace (a file; with _pg a PostgreSQL server, where
// they are two users with the reviewer role) for a minute: each proposes rules and approves, edits and rolls back what the other proposed, at
// the same time. Afterwards every decision either of them was told it took is in the history
// with the version it was told, no version number was given twice, no proposal was decided
// twice, a decision that lost a race was refused with a reason, and the history verifies.

#include "core/review/Ledger.h"
#include "core/store/Sqlite.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QMap>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestConcurrentReviewers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!test::serverSkipReason().isEmpty())
            QSKIP(qPrintable(test::serverSkipReason()));
    }

    void twoReviewersForAMinute()
    {
        QTemporaryDir dir;
        const QString location = test::workspaceLocation(dir, QStringLiteral("team.reverie"));
        QCOMPARE(store::Workspace::isServerAddress(location), test::onServer());
        {
            store::Workspace ws(location);
            Rule r;
            r.text = QStringLiteral("Quote the error message when a tool fails.");
            review::Ledger(ws).importPlaybook({r}, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        }
        // REVERIE_CONCURRENCY_SECONDS shortens it for a quick local run.
        const QString seconds = qEnvironmentVariable("REVERIE_CONCURRENCY_SECONDS", QStringLiteral("60"));
        // On a server each reviewer is a user of their own, authenticated by the server.
        const QString asAna = test::locationAs(location, QStringLiteral("ana"));
        const QString asBen = test::locationAs(location, QStringLiteral("ben"));
        QProcess ana, ben;
        ana.start(QStringLiteral(REVIEWER_WORKER), {asAna, QStringLiteral("ana"), QStringLiteral("ben"), seconds});
        ben.start(QStringLiteral(REVIEWER_WORKER), {asBen, QStringLiteral("ben"), QStringLiteral("ana"), seconds});
        const int limitMs = int(seconds.toDouble() * 1000) + 120000;
        QVERIFY(ana.waitForFinished(limitMs));
        QVERIFY(ben.waitForFinished(limitMs));
        QVERIFY2(ana.exitCode() == 0, ana.readAllStandardError().constData());
        QVERIFY2(ben.exitCode() == 0, ben.readAllStandardError().constData());

        // What each was told.
        QMap<int, QString> versionsTold;   // version -> "who kind id"
        QSet<qint64> decidedProposals;
        int refused = 0, proposed = 0, edits = 0, rollbacks = 0;
        for (QProcess *p : {&ana, &ben}) {
            const QString who = p == &ana ? QStringLiteral("ana") : QStringLiteral("ben");
            for (const QByteArray &line : p->readAllStandardOutput().split('\n')) {
                const QList<QByteArray> w = line.split(' ');
                if (w.value(0) == "proposed") {
                    ++proposed;
                } else if (w.value(0) == "refused") {
                    ++refused;
                    QVERIFY2(line.contains(':') && line.size() > 20, line.constData());   // with its reason
                } else if (w.value(0) == "decided") {
                    const int version = w.value(3).toInt();
                    QVERIFY2(!versionsTold.contains(version),
                             qPrintable(QStringLiteral("version %1 given twice: %2 and %3 %4")
                                            .arg(version)
                                            .arg(versionsTold.value(version), who, QString::fromUtf8(line))));
                    versionsTold.insert(version, who + QLatin1Char(' ') + QString::fromUtf8(line));
                    if (w.value(1) != "rollback") {
                        QVERIFY2(!decidedProposals.contains(w.value(2).toLongLong()), line.constData());
                        decidedProposals.insert(w.value(2).toLongLong());
                        edits += w.value(1) == "edit";
                    } else {
                        ++rollbacks;
                    }
                }
            }
        }
        QVERIFY2(versionsTold.size() >= 10, qPrintable(QString::number(versionsTold.size())));
        QVERIFY(edits > 0 && rollbacks > 0 && proposed > 0);

        // What the history holds.
        store::Workspace ws(location);
        QMap<int, QString> history;   // version -> change
        {
            sql::Statement st(ws.db(), "SELECT number, change, coalesce(proposal_id, 0) FROM playbook_versions ORDER BY number");
            while (st.step())
                history.insert(int(st.int64(0)), st.text(1));
        }
        QCOMPARE(history.size(), versionsTold.size() + 1);   // and the import
        for (auto it = versionsTold.cbegin(); it != versionsTold.cend(); ++it) {
            QVERIFY2(history.contains(it.key()), qPrintable(QStringLiteral("lost: %1").arg(it.value())));
            const QString kind = it.value().section(QLatin1Char(' '), 2, 2);
            QCOMPARE(history.value(it.key()), kind == QLatin1String("approve") ? QStringLiteral("approve") : kind);
        }
        {
            sql::Statement st(ws.db(), "SELECT count(*) FROM proposals WHERE status = 'approved'");
            QVERIFY(st.step());
            QCOMPARE(st.int64(0), qint64(decidedProposals.size()));
        }
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        qInfo("%d versions by two reviewers, %d proposals, %d refused as already decided or moot", int(versionsTold.size()),
              proposed, refused);
    }
};

QTEST_GUILESS_MAIN(TestConcurrentReviewers)
#include "tst_concurrent_reviewers.moc"
