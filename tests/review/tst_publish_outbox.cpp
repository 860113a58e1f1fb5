// Publishing into the files people also write by hand, and publishing that survives failing:
// a managed block that keeps every byte around it, an outbox that finishes what a failure or a
// crash left, targets that are links refused, and a full disk named as such.

#include "core/playbook/ManagedBlock.h"
#include "core/playbook/Render.h"
#include "core/review/Ledger.h"
#include "core/review/PolicyChange.h"
#include "core/review/Publisher.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/PublishLog.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

#include <sys/resource.h>

using namespace reverie;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestPublishOutbox : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;
    int m_n = 0;

    test::CliRun run(QStringList args)
    {
        args.prepend(m_ws);
        args.prepend(s("--workspace"));
        return test::runCli(args);
    }
    QByteArray ok(const QStringList &args)
    {
        const test::CliRun r = run(args);
        if (r.exitCode != 0)
            qWarning("reverie %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        [&] { QCOMPARE(r.exitCode, 0); }();
        return r.out;
    }
    // A fresh workspace with one rule and the given targets.
    void fresh(const QStringList &targets)
    {
        m_ws = m_dir.filePath(QStringLiteral("pub%1.reverie").arg(++m_n));
        const QString seed = test::writeFile(m_dir, QStringLiteral("seed%1.json").arg(m_n),
                                             R"({"rules": [{"id": "R1", "text": "Quote the error message when a tool fails."}]})");
        ok({s("playbook"), s("import"), seed, s("--author"), s("ops")});
        QStringList args{s("policy"), s("--reviewer"), s("ops")};
        for (const QString &t : targets)
            args << s("--add-target") << t;
        if (!targets.isEmpty())
            ok(args);
    }
    // Proposes and approves one low-stakes rule; returns the CLI run of the approval.
    test::CliRun addRule(const QString &text)
    {
        const QByteArray out = ok({s("propose"), s("--author"), s("alice"), s("--text"), text, s("--json")});
        const QString id = QString::number(QJsonDocument::fromJson(out).object()[s("id")].toInteger());
        return run({s("approve"), id, s("--reviewer"), s("bob")});
    }
    int versions() { return int(QJsonDocument::fromJson(ok({s("history"), s("--json")})).array().size()); }
    QByteArray block(const QString &path)
    {
        const auto content = playbook::blockContent(readBytes(path));
        return content ? QByteArray(*content).replace("\r\n", "\n") : QByteArray();   // a CRLF file's block is CRLF
    }
    QByteArray currentMarkdown()
    {
        store::Workspace ws(m_ws);
        return playbook::renderMarkdown(store::PlaybookHistory(ws).current().rules);
    }

private Q_SLOTS:
    void handWrittenContentSurvivesEveryChange_data()
    {
        QTest::addColumn<QByteArray>("own");
        QTest::newRow("LF") << QByteArray("# Team\n\nUse pnpm, never npm.\nRun `make lint` before commits.\n");
        QTest::newRow("CRLF") << QByteArray("# Team\r\n\r\nUse pnpm, never npm.\r\nRun `make lint` before commits.\r\n");
        QTest::newRow("no final newline") << QByteArray("Use pnpm, never npm.\nRun `make lint` before commits.");
    }
    void handWrittenContentSurvivesEveryChange()
    {
        QFETCH(QByteArray, own);
        const QString claude = m_dir.filePath(QStringLiteral("proj%1/CLAUDE.md").arg(m_n + 1));
        writeBytes(claude, own);
        const QFile::Permissions mode = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup;   // 0640
        QVERIFY(QFile::setPermissions(claude, mode));
        fresh({claude});
        QCOMPARE(QFile::permissions(claude) & 0x7077, mode);   // owner, group, others: the rename kept the mode
        QVERIFY2(readBytes(claude).startsWith(own), readBytes(claude).constData());   // the current playbook, added
        QCOMPARE(block(claude), currentMarkdown());

        QCOMPARE(addRule(s("Log every retry.")).exitCode, 0);
        QByteArray now = readBytes(claude);
        QVERIFY(now.startsWith(own));
        QCOMPARE(block(claude), currentMarkdown());
        if (own.contains("\r\n"))
            QVERIFY2(!now.mid(own.size()).replace("\r\n", "").contains('\n'), "the block must use the file's CRLF");

        // Someone edits above and below the block between publishes.
        const QByteArray top = own.contains("\r\n") ? QByteArray("Top line.\r\n") : QByteArray("Top line.\n");
        const QByteArray bottom = own.contains("\r\n") ? QByteArray("\r\nBottom line, no newline") : QByteArray("\nBottom line, no newline");
        writeBytes(claude, top + now + bottom);
        QCOMPARE(addRule(s("Cite the ticket in replies.")).exitCode, 0);
        now = readBytes(claude);
        QVERIFY(now.startsWith(top + own));
        QVERIFY(now.endsWith(bottom));
        QCOMPARE(block(claude), currentMarkdown());

        for (const QStringList &back : {QStringList{s("revert"), s("2"), s("--reviewer"), s("bob")},
                                        QStringList{s("rollback"), s("1"), s("--reviewer"), s("bob")}}) {
            ok(back);
            now = readBytes(claude);
            QVERIFY(now.startsWith(top + own));
            QVERIFY(now.endsWith(bottom));
            QCOMPARE(block(claude), currentMarkdown());
        }
        QCOMPARE(versions(), 5);
    }

    void brokenBlockIsRefusedAndLeftUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        const QByteArray begin = "<!-- reverie:playbook begin version=1 hash=" + QByteArray(64, 'a') + " -->\n";
        const QByteArray end = "<!-- reverie:playbook end -->\n";
        QTest::newRow("begin without end") << QByteArray("Own.\n" + begin + "- R1: x\n") << 2;
        QTest::newRow("two blocks") << QByteArray(begin + end + "Own.\n" + begin + end) << 4;
        QTest::newRow("end without begin") << QByteArray("Own.\n" + end) << 2;
    }
    void brokenBlockIsRefusedAndLeftUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        const QString agents = m_dir.filePath(QStringLiteral("broken%1/AGENTS.md").arg(m_n + 1));
        fresh({});
        writeBytes(agents, content);
        const test::CliRun added = run({s("policy"), s("--add-target"), agents, s("--reviewer"), s("ops")});
        QCOMPARE(readBytes(agents), content);
        const test::CliRun r = addRule(s("Log every retry."));
        QCOMPARE(r.exitCode, 3);   // the decision stands, the publish failed
        QVERIFY2(r.err.contains(QStringLiteral("%1:%2").arg(agents).arg(line).toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("decision stands"), r.err.constData());
        QCOMPARE(readBytes(agents), content);
        QCOMPARE(versions(), 2);
        Q_UNUSED(added);
        // Fixed by hand, it is finished by `reverie publish`.
        writeBytes(agents, "Own.\n");
        ok({s("publish")});
        QCOMPARE(block(agents), currentMarkdown());
    }

    void aFailedTargetWaitsAndTheNextOpenFinishesIt()
    {
        const QString blocker = m_dir.filePath(s("blocker"));
        writeBytes(blocker, "a file where a folder should be\n");
        const QString unreachable = blocker + s("/AGENTS.md");
        const QString good = m_dir.filePath(s("good/AGENTS.md"));
        fresh({good});
        // Added while unwritable: the policy takes it; publishing it fails and it waits.
        run({s("policy"), s("--add-target"), unreachable, s("--reviewer"), s("ops")});
        const test::CliRun r = addRule(s("Log every retry."));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("publishing to 1 of 2 target(s) failed"), r.err.constData());
        QCOMPARE(block(good), currentMarkdown());   // the targets after the failing one are written
        QCOMPARE(versions(), 2);
        const test::CliRun verify = run({s("verify")});
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.err.contains("holds no Reverie playbook"), verify.err.constData());

        QVERIFY(QFile::remove(blocker));
        ok({s("history")});   // any command that opens the workspace finishes the outbox
        QCOMPARE(block(unreachable), currentMarkdown());
        ok({s("verify")});
        store::Workspace ws(m_ws);
        QVERIFY(store::PublishLog(ws).pending().empty());
        int failed = 0;
        for (const store::PublishEntry &e : store::PublishLog(ws).all())
            failed += e.ok() ? 0 : 1;
        QVERIFY(failed >= 1);
    }

    void aFullDiskIsNamedAndFinishedLater()
    {
        const QString claude = m_dir.filePath(s("big/CLAUDE.md"));
        // People's own content, larger than what this process will be allowed to write.
        writeBytes(claude, QByteArray(12 * 1024 * 1024, 'x') + "\n");
        fresh({});
        store::Workspace ws(m_ws);
        review::Ledger ledger(ws);
        review::PolicyChange change;
        change.addTargets << claude;
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit before{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &before), 0);
        rlimit small = before;
        small.rlim_cur = 8 * 1024 * 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const review::DecisionResult r = ledger.changePolicy(change, s("ops"), QString());
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &before), 0);
        QVERIFY2(r.publishFailure.contains(s("disk is full")), qPrintable(r.publishFailure));
        QCOMPARE(readBytes(claude).size(), 12 * 1024 * 1024 + 1);   // untouched
        QCOMPARE(review::Publisher(ws).publishPending().failures(), 0);
        QVERIFY(readBytes(claude).startsWith(QByteArray(12 * 1024 * 1024, 'x') + "\n"));
    }

    void aCrashAfterTheDecisionIsFinishedOnTheNextOpen()
    {
        const QString agents = m_dir.filePath(s("crash/AGENTS.md"));
        fresh({agents});
        // The decision committed with its outbox entry, and the process died before writing.
        {
            store::Workspace ws(m_ws);
            review::Ledger ledger(ws);
            Proposal p;
            p.text = s("Log every retry.");
            const qint64 id = ledger.proposeManual(p, s("alice"));
            sql::Transaction tx(ws.db());
            PlaybookVersion next = store::PlaybookHistory(ws).current();
            next.rules.push_back(Rule{s("R9"), p.text, {}, Stakes::Low, QStringLiteral("proposal:%1").arg(id)});
            next.change = s("approve");
            next.author = s("bob");
            review::Publisher(ws).enqueueAll(store::PlaybookHistory(ws).append(next));
            tx.commit();
        }
        QVERIFY(block(agents) != currentMarkdown());
        ok({s("trajectories")});
        QCOMPARE(block(agents), currentMarkdown());

        // And for real: approvals killed at random points; every next open leaves the target current.
        for (int round = 0; round < 12; ++round) {
            const QByteArray out = ok({s("propose"), s("--author"), s("alice"), s("--text"),
                                       QStringLiteral("Round %1: say what changed.").arg(round), s("--json")});
            const QString id = QString::number(QJsonDocument::fromJson(out).object()[s("id")].toInteger());
            QProcess p;
            p.start(test::reverieBinary(), {s("--workspace"), m_ws, s("approve"), id, s("--reviewer"), s("bob")});
            QVERIFY(p.waitForStarted());
            QThread::usleep(QRandomGenerator::global()->bounded(1000, 40000));
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            ok({s("verify")});   // opens (finishing the outbox), then finds no target behind
        }
    }

    void linksAreNeverFollowed()
    {
        const QString victim = m_dir.filePath(s("victim/x"));
        writeBytes(victim, "not Reverie's file\n");
        const QString folder = m_dir.filePath(s("linked"));
        QDir().mkpath(folder);
        const QString link = folder + s("/AGENTS.md");
        QVERIFY(QFile::link(victim, link));
        fresh({});
        const test::CliRun r = run({s("policy"), s("--add-target"), link, s("--reviewer"), s("ops")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("symbolic link"), r.err.constData());

        // A target that became a link after it was added is refused at publish time.
        const QString later = m_dir.filePath(s("later/AGENTS.md"));
        ok({s("policy"), s("--add-target"), later, s("--reviewer"), s("ops")});
        QVERIFY(QFile::remove(later));
        QVERIFY(QFile::link(victim, later));
        QCOMPARE(addRule(s("Log every retry.")).exitCode, 3);
        QCOMPARE(readBytes(victim), QByteArray("not Reverie's file\n"));

        // A folder is refused when it is added.
        const test::CliRun dir = run({s("policy"), s("--add-target"), folder, s("--reviewer"), s("ops")});
        QCOMPARE(dir.exitCode, 1);
        QVERIFY2(dir.err.contains("is a folder"), dir.err.constData());
    }

    void targetsPeopleUse_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<QByteArray>("own");
        QTest::newRow("copilot") << s(".github/copilot-instructions.md") << QByteArray("Prefer small PRs.\n");
        QTest::newRow("gemini") << s("GEMINI.md") << QByteArray();
        QTest::newRow("cursor rule") << s(".cursor/rules/reverie.mdc")
                                     << QByteArray("---\ndescription: Team rules\nalwaysApply: true\n---\n");
        QTest::newRow("json") << s("agent/playbook.json") << QByteArray();
    }
    void targetsPeopleUse()
    {
        QFETCH(QString, relative);
        QFETCH(QByteArray, own);
        const QString path = m_dir.filePath(QStringLiteral("kinds%1/").arg(m_n + 1) + relative);
        if (!own.isEmpty())
            writeBytes(path, own);
        fresh({path});
        const QByteArray now = readBytes(path);
        if (relative.endsWith(QLatin1String(".json"))) {
            QCOMPARE(QJsonDocument::fromJson(now).object()[s("format")].toString(), s("reverie-playbook/1"));
            return;
        }
        QVERIFY(now.startsWith(own));   // front matter stays first
        QCOMPARE(block(path), currentMarkdown());
        const auto marker = playbook::findMarker(QString::fromUtf8(now));
        QVERIFY(marker);
        QCOMPARE(marker->version, 1);
    }
};

QTEST_GUILESS_MAIN(TestPublishOutbox)
#include "tst_publish_outbox.moc"
