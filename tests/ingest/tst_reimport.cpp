// A run is stored once (issue 15): files that grow, change, or arrive twice under other names.
// Each case writes real files next to a throwaway workspace and compares the stored runs with
// a fresh import of the final file into a second workspace.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/ProposalStore.h"
#include "core/store/Sqlite.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// The first `n` lines of `text`, each with its newline.
QByteArray firstLines(const QByteArray &text, int n)
{
    qsizetype at = 0;
    for (int i = 0; i < n; ++i)
        at = text.indexOf('\n', at) + 1;
    return text.left(at);
}

struct Bench {
    QTemporaryDir dir;
    store::Workspace ws{dir.filePath(QStringLiteral("w.reverie"))};
    ingest::ImportRunner runner{ws, ingest::FormatRegistry::builtin()};

    QString path(const char *name) const { return dir.filePath(QString::fromLatin1(name)); }
    ingest::FileResult import(const QString &file)
    {
        ingest::FileResult r = runner.importFile(file);
        if (!r.ok())
            qWarning("%s", qPrintable(r.error));
        return r;
    }
    qint64 count(const char *sqlText)
    {
        sql::Statement st(ws.db(), sqlText);
        return st.step() ? st.int64(0) : -1;
    }
    // Every run as "external id: kind tool text | ..." in seq order, after checking that its
    // seqs are contiguous from 0 and its step_count and error_count agree with its steps.
    QStringList runs()
    {
        QStringList out;
        sql::Statement t(ws.db(), "SELECT id, external_id, step_count, error_count, task, verdict FROM trajectories "
                                  "ORDER BY external_id");
        while (t.step()) {
            sql::Statement s(ws.db(), "SELECT seq, kind, coalesce(tool, ''), coalesce(text, ''), is_error FROM steps "
                                      "WHERE trajectory_id = ? ORDER BY id");
            s.bind(1, t.int64(0));
            QStringList steps;
            int seq = 0, errors = 0;
            while (s.step()) {
                if (s.int64(0) != seq++)
                    return {QStringLiteral("seq gap in %1").arg(t.text(1))};
                errors += s.int64(4) != 0;
                steps << QStringLiteral("%1 %2 %3").arg(s.int64(1)).arg(s.text(2), s.text(3).left(60));
            }
            if (seq != t.int64(2) || errors != t.int64(3))
                return {QStringLiteral("%1: counts %2/%3, steps %4/%5").arg(t.text(1)).arg(t.int64(2)).arg(t.int64(3)).arg(seq).arg(errors)};
            out << QStringLiteral("%1 [%2, verdict %3]: %4").arg(t.text(1), t.text(4)).arg(t.int64(5)).arg(steps.join(QLatin1String(" | ")));
        }
        return out;
    }
    void verifyClean()
    {
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

// The runs a fresh workspace stores from `bytes`.
QStringList freshRuns(const QByteArray &bytes, const char *name)
{
    Bench fresh;
    writeAll(fresh.path(name), bytes);
    const ingest::FileResult r = fresh.import(fresh.path(name));
    if (!r.ok())
        return {r.error};
    return fresh.runs();
}

} // namespace

class TestReimport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void growingFileAppendsOnlyTheNewSteps_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("firstLines");
        QTest::addColumn<bool>("readsOnlyNewBytes");
        QTest::newRow("native") << QStringLiteral("native/deploy_small.jsonl") << 13 << true;
        QTest::newRow("claude-code") << QStringLiteral("formats/claude-code/session_small.jsonl") << 11 << true;
        QTest::newRow("codex-cli")
            << QStringLiteral("formats/codex-cli/rollout-2025-12-10T04-55-16-019b04ae-b1c6-7c72-a134-a4c2de66058c.jsonl")
            << 30 << false;
    }
    void growingFileAppendsOnlyTheNewSteps()
    {
        QFETCH(QString, fixture);
        QFETCH(int, firstLines);
        QFETCH(bool, readsOnlyNewBytes);
        const QByteArray all = readAll(test::fixture(fixture));
        const QByteArray head = ::firstLines(all, firstLines);
        const QByteArray next = ::firstLines(all, firstLines + 3);
        Bench b;
        const QString file = b.path("session.jsonl");

        writeAll(file, head);
        const ingest::FileResult first = b.import(file);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(b.runs(), freshRuns(head, "session.jsonl"));

        // A half-written line waits for its newline: nothing of it is read.
        const qsizetype cut = next.size() - (next.size() - head.size()) / 2;
        writeAll(file, next.left(cut));
        const ingest::FileResult partial = b.import(file);
        if (readsOnlyNewBytes) {
            QVERIFY2(partial.ok(), qPrintable(partial.error));
            QVERIFY(partial.heldBackBytes > 0);
            QVERIFY(partial.resumed);
        } else {
            QVERIFY(!partial.ok());   // read whole: a cut line fails the file, nothing of it stored
            QCOMPARE(b.runs(), freshRuns(head, "session.jsonl"));
        }

        writeAll(file, next);
        const ingest::FileResult grown = b.import(file);
        QVERIFY2(grown.ok(), qPrintable(grown.error));
        QCOMPARE(grown.resumed, readsOnlyNewBytes);
        QCOMPARE(grown.heldBackBytes, qint64(0));

        writeAll(file, all);
        const ingest::FileResult rest = b.import(file);
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QCOMPARE(rest.alreadyStored, 0);
        QCOMPARE(b.runs(), freshRuns(all, "session.jsonl"));
        QCOMPARE(b.count("SELECT count(*) FROM sources"), qint64(1));
        b.verifyClean();

        // The same bytes again add nothing.
        const ingest::FileResult again = b.import(file);
        QVERIFY(again.duplicate);
    }

    void issueFifteenNoRunStoredTwice()
    {
        Bench b;
        QByteArray head, grown;
        auto line = [](int run, int i) {
            return QByteArray("{\"trajectory\":\"run-") + QByteArray::number(run) + "\",\"type\":\""
                   + (i == 0 ? "task\",\"title\":\"T\"" : "tool_call\",\"tool\":\"t\",\"call_id\":\"c") +
                   (i == 0 ? QByteArray() : QByteArray::number(i) + "\"") + "}\n";
        };
        for (int i = 0; i < 600; ++i)
            (i < 300 ? head : grown) += line(i / 16, i % 16);
        const QString file = b.path("agent.jsonl");
        writeAll(file, head);
        QVERIFY(b.import(file).ok());
        writeAll(file, head + grown);
        const ingest::FileResult r = b.import(file);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.resumed);
        QCOMPARE(r.steps, qint64(300));
        QCOMPARE(r.runsExtended, 1);   // run-18 straddles the two halves
        QCOMPARE(r.runsAdded, 19);
        QCOMPARE(b.count("SELECT count(*) FROM trajectories"), qint64(38));
        QCOMPARE(b.count("SELECT count(*) FROM (SELECT 1 FROM trajectories GROUP BY external_id HAVING count(*) > 1)"),
                 qint64(0));
        QCOMPARE(b.runs(), freshRuns(head + grown, "agent.jsonl"));
        b.verifyClean();
    }

    void grownFileWithANewRun()
    {
        Bench b;
        const QString file = b.path("deploy.jsonl");
        const QByteArray all = readAll(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        writeAll(file, all);
        QCOMPARE(b.import(file).trajectories, 3);
        const QByteArray more = "{\"trajectory\":\"deploy-new\",\"type\":\"task\",\"title\":\"Deploy again\"}\n"
                                "{\"trajectory\":\"deploy-new\",\"type\":\"verdict\",\"success\":true}\n";
        writeAll(file, all + more);
        const ingest::FileResult r = b.import(file);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.resumed);
        QCOMPARE(r.runsAdded, 1);
        QCOMPARE(r.runsExtended, 0);
        QCOMPARE(r.steps, qint64(2));
        QCOMPARE(b.count("SELECT count(*) FROM trajectories"), qint64(4));
        QCOMPARE(b.count("SELECT trajectory_count FROM sources"), qint64(4));
        QCOMPARE(b.count("SELECT step_count FROM sources"), qint64(31));
        QCOMPARE(b.runs(), freshRuns(all + more, "deploy.jsonl"));
        b.verifyClean();
    }

    void unchangedFileAddsNothing()
    {
        Bench b;
        const QString file = test::fixture(QStringLiteral("native/deploy_small.jsonl"));
        QCOMPARE(b.import(file).trajectories, 3);
        const ingest::FileResult r = b.import(file);
        QVERIFY(r.ok());
        QVERIFY(r.duplicate);
        QCOMPARE(b.count("SELECT count(*) FROM steps"), qint64(29));
    }

    void copiedFileAddsNothingAndSaysSo()
    {
        Bench b;
        const QByteArray all = readAll(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        const QString original = b.path("deploy.jsonl");
        writeAll(original, all);
        QCOMPARE(b.import(original).trajectories, 3);
        // A copy that lost its last line (made while the agent worked) is the same content
        // only in part: read, compared, and found stored.
        const QString copy = b.path("copy-of-deploy.jsonl");
        writeAll(copy, ::firstLines(all, 28));
        const ingest::FileResult r = b.import(copy);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!r.duplicate);
        QCOMPARE(r.trajectories, 0);
        QCOMPARE(r.steps, qint64(0));
        QCOMPARE(r.alreadyStored, 3);
        QCOMPARE(r.alreadyStoredFrom, original);
        QCOMPARE(b.count("SELECT count(*) FROM trajectories"), qint64(3));
        QCOMPARE(b.count("SELECT count(*) FROM steps"), qint64(29));

        // Renamed and grown: the runs stay single and take the new steps.
        const QString renamed = b.path("renamed.jsonl");
        writeAll(renamed, all + "{\"trajectory\":\"deploy-000\",\"type\":\"message\",\"role\":\"user\",\"text\":\"again\"}\n");
        const ingest::FileResult moved = b.import(renamed);
        QVERIFY2(moved.ok(), qPrintable(moved.error));
        QCOMPARE(moved.runsExtended, 1);
        QCOMPARE(moved.alreadyStored, 2);
        QCOMPARE(b.count("SELECT count(*) FROM trajectories"), qint64(3));
        QCOMPARE(b.count("SELECT count(*) FROM steps"), qint64(30));
        b.verifyClean();
    }

    // The prefix check is a hash of the bytes read before, not a size: one byte changed among
    // them, in a file that also grew, has the file read whole and the run replaced.
    void grownFileWithOneByteChangedIsReadWhole()
    {
        Bench b;
        const QString file = b.path("deploy.jsonl");
        const QByteArray all = readAll(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        writeAll(file, all);
        QCOMPARE(b.import(file).trajectories, 3);
        QCOMPARE(b.count("SELECT length(prefix_hash) FROM sources"), qint64(32));   // XXH3-128

        QByteArray changed = all;
        const qsizetype at = changed.indexOf("straight away.");
        QVERIFY(at > 0 && at < changed.size() / 2);
        changed[at] = 'S';   // same size, one byte differs, well before the end
        changed += "{\"trajectory\":\"deploy-000\",\"type\":\"message\",\"role\":\"user\",\"text\":\"again\"}\n";
        writeAll(file, changed);
        const ingest::FileResult r = b.import(file);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!r.resumed);
        QCOMPARE(r.runsReplaced, 1);
        QCOMPARE(r.runsExtended, 0);
        QCOMPARE(r.alreadyStored, 0);
        QCOMPARE(b.runs(), freshRuns(changed, "deploy.jsonl"));
        QCOMPARE(b.count("SELECT count(*) FROM sources"), qint64(1));
        b.verifyClean();
        QCOMPARE(b.count("SELECT count(*) FROM steps WHERE instr(text, 'straight away.') > 0"), qint64(0));
        QCOMPARE(b.count("SELECT count(*) FROM steps WHERE instr(text, 'Straight away.') > 0"), qint64(1));

        // Read whole, it is checked by its prefix hash from then on: the same bytes add nothing.
        QVERIFY(b.import(file).duplicate);
    }

    // A grown file read from where it ended takes no SHA-256: its content hash is an XXH3-128
    // with the size, which still finds the same bytes again, while a copy of it elsewhere is
    // read whole and adds nothing, saying where its runs are.
    void grownFileContentHashAndCopies()
    {
        Bench b;
        const QByteArray all = readAll(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        const QString file = b.path("deploy.jsonl");
        writeAll(file, ::firstLines(all, 20));
        QVERIFY(b.import(file).ok());
        QCOMPARE(b.count("SELECT length(content_hash) FROM sources"), qint64(64));   // SHA-256
        writeAll(file, all);
        const ingest::FileResult grown = b.import(file);
        QVERIFY2(grown.ok(), qPrintable(grown.error));
        QVERIFY(grown.resumed);
        sql::Statement hash(b.ws.db(), "SELECT content_hash, size_bytes FROM sources");
        QVERIFY(hash.step());
        QVERIFY2(QRegularExpression(QStringLiteral("^xxh3-128:[0-9a-f]{32}:%1$").arg(all.size())).match(hash.text(0)).hasMatch(),
                 qPrintable(hash.text(0)));
        QCOMPARE(hash.int64(1), qint64(all.size()));
        hash = sql::Statement();

        const ingest::FileResult again = b.import(file);
        QVERIFY(again.ok());
        QVERIFY(again.duplicate);

        const QString copy = b.path("copy.jsonl");
        writeAll(copy, all);
        const ingest::FileResult copied = b.import(copy);
        QVERIFY2(copied.ok(), qPrintable(copied.error));
        QVERIFY(!copied.resumed);
        QCOMPARE(copied.steps, qint64(0));
        QCOMPARE(copied.alreadyStored, 3);
        QCOMPARE(copied.alreadyStoredFrom, file);
        QCOMPARE(b.count("SELECT count(*) FROM trajectories"), qint64(3));
        QCOMPARE(b.count("SELECT count(*) FROM steps"), qint64(29));
        QCOMPARE(b.runs(), freshRuns(all, "deploy.jsonl"));
        b.verifyClean();
    }

    // Workspaces of the first schema 7 builds hold the SHA-256 of the bytes read: such a file
    // is read whole once (the runs compared), and gets an XXH3-128 for the imports after.
    void sha256PrefixHashFromEarlierBuilds()
    {
        Bench b;
        const QByteArray all = readAll(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        const QByteArray head = ::firstLines(all, 13);
        const QByteArray more = ::firstLines(all, 20);
        const QString file = b.path("deploy.jsonl");
        writeAll(file, head);
        QVERIFY(b.import(file).ok());
        {
            sql::Statement old(b.ws.db(), "UPDATE sources SET prefix_hash = ?");
            old.bind(1, QString::fromLatin1(QCryptographicHash::hash(head, QCryptographicHash::Sha256).toHex()));
            old.run();
        }
        QCOMPARE(b.count("SELECT length(prefix_hash) FROM sources"), qint64(64));

        const ingest::FileResult same = b.import(file);   // unchanged: its SHA-256 content hash says so
        QVERIFY(same.ok());
        QVERIFY(same.duplicate);

        writeAll(file, more);
        const ingest::FileResult grown = b.import(file);
        QVERIFY2(grown.ok(), qPrintable(grown.error));
        QVERIFY(!grown.resumed);
        QCOMPARE(grown.runsAdded + grown.runsExtended + grown.runsReplaced, grown.trajectories);
        QCOMPARE(b.runs(), freshRuns(more, "deploy.jsonl"));
        QCOMPARE(b.count("SELECT length(prefix_hash) FROM sources"), qint64(32));

        writeAll(file, all);
        const ingest::FileResult rest = b.import(file);
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QVERIFY(rest.resumed);
        QCOMPARE(b.runs(), freshRuns(all, "deploy.jsonl"));
        QCOMPARE(b.count("SELECT count(*) FROM sources"), qint64(1));
        b.verifyClean();
    }

    void rewrittenRunReplacesItsStepsAndKeepsEvidence()
    {
        Bench b;
        const QString file = b.path("deploy.jsonl");
        const QByteArray all = readAll(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        writeAll(file, all);
        QCOMPARE(b.import(file).trajectories, 3);
        const qint64 run = b.count("SELECT id FROM trajectories WHERE external_id = 'deploy-000'");
        const qint64 cited = b.count("SELECT id FROM steps WHERE trajectory_id = (SELECT id FROM trajectories "
                                     "WHERE external_id = 'deploy-000') AND seq = 1");
        const qint64 kept = b.count("SELECT id FROM steps WHERE trajectory_id = (SELECT id FROM trajectories "
                                    "WHERE external_id = 'deploy-000') AND seq = 0");
        store::ProposalStore proposals(b.ws);
        Proposal p;
        p.text = QStringLiteral("Run the smoke tests before deploying.");
        p.evidence.push_back(Evidence{run, QString(), cited, 1, QStringLiteral("skipped the tests"), false, QString()});
        p.evidence.push_back(Evidence{run, QString(), kept, 0, QStringLiteral("the task"), false, QString()});
        proposals.insert(p);

        // The agent's log is rewritten in the middle: deploy-000's plan says something else.
        QByteArray changed = all;
        const QByteArray before = "\"text\": \"Deploy the build straight away.\"";
        QVERIFY(changed.contains(before));
        changed.replace(before, "\"text\": \"Check the build, then roll out carefully.\"");
        writeAll(file, changed);
        const ingest::FileResult r = b.import(file);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!r.resumed);
        QCOMPARE(r.runsReplaced, 1);
        QCOMPARE(r.trajectories, 1);
        QCOMPARE(b.count("SELECT count(*) FROM trajectories"), qint64(3));
        QCOMPARE(b.runs(), freshRuns(changed, "deploy.jsonl"));
        QCOMPARE(b.count("SELECT count(*) FROM evidence WHERE step_id IS NULL AND run_changed = 1"), qint64(1));
        b.verifyClean();

        const auto loaded = proposals.get(p.id);
        QVERIFY(loaded);
        QCOMPARE(loaded->evidence.size(), std::size_t(2));
        const Evidence &gone = loaded->evidence.at(0);
        QVERIFY(gone.changed);
        QCOMPARE(gone.stepId, qint64(0));
        QCOMPARE(gone.stepSeq, 1);
        QCOMPARE(gone.citedText, QStringLiteral("Deploy the build straight away."));
        QCOMPARE(gone.note, QStringLiteral("skipped the tests"));
        const Evidence &still = loaded->evidence.at(1);
        QVERIFY(!still.changed);
        QCOMPARE(still.stepId, kept);

        // The index forgot the old text and knows the new.
        QCOMPARE(b.count("SELECT count(*) FROM steps_fts WHERE steps_fts MATCH '\"straight away\"'"), qint64(0));
        QCOMPARE(b.count("SELECT count(*) FROM steps_fts WHERE steps_fts MATCH '\"roll out carefully\"'"), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestReimport)
#include "tst_reimport.moc"
