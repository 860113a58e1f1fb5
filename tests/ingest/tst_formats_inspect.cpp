// Inspect AI eval logs: the JSON form and the .eval ZIP form (written here with libzip), and
// hostile archives that lie about their sizes.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/ingest/formats/InspectEvalImporter.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

#include <memory>

using namespace reverie;

namespace {

using Entries = QList<QPair<QByteArray, QByteArray>>;

// The fields without a column, as stored (the list queries do not load them).
QJsonObject extraOf(store::Workspace &ws, qint64 trajectoryId)
{
    sql::Statement st(ws.db(), "SELECT extra FROM trajectories WHERE id = ?");
    st.bind(1, trajectoryId);
    return st.step() ? QJsonDocument::fromJson(st.bytes(0)).object() : QJsonObject();
}

QJsonObject fixtureLog()
{
    QFile f(test::fixture(QStringLiteral("formats/inspect-eval/arith_log.json")));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("fixture missing");
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The entries Inspect writes for a log: the journal start, one file per sample, summaries,
// and the header last (it is written when the eval finishes).
Entries evalEntries(const QJsonObject &log, const QByteArray &padding = {})
{
    QJsonObject header = log;
    header.remove(QLatin1String("samples"));
    QJsonObject start;
    start.insert(QLatin1String("version"), log.value(QLatin1String("version")));
    start.insert(QLatin1String("eval"), log.value(QLatin1String("eval")));
    Entries entries{{"_journal/start.json", QJsonDocument(start).toJson()}};
    QJsonArray summaries;
    for (const QJsonValue &v : log.value(QLatin1String("samples")).toArray()) {
        const QJsonObject s = v.toObject();
        const QByteArray name = "samples/" + s.value(QLatin1String("id")).toVariant().toString().toUtf8() + "_epoch_"
                                + QByteArray::number(s.value(QLatin1String("epoch")).toInt()) + ".json";
        QByteArray body = QJsonDocument(s).toJson(QJsonDocument::Compact);
        body.chop(1);
        body += padding + "}";   // whitespace is valid JSON and compresses to almost nothing
        entries.append({name, body});
        summaries.append(QJsonObject{{QLatin1String("id"), s.value(QLatin1String("id"))}});
    }
    entries.append({"summaries.json", QJsonDocument(summaries).toJson()});
    entries.append({"header.json", QJsonDocument(header).toJson()});
    return entries;
}

QString writeZip(const QString &path, const Entries &entries)
{
    int err = 0;
    zip_t *za = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za)
        qFatal("zip_open failed: %d", err);
    for (const auto &e : entries) {
        zip_source_t *src = zip_source_buffer(za, e.second.constData(), zip_uint64_t(e.second.size()), 0);
        const zip_int64_t idx = zip_file_add(za, e.first.constData(), src, ZIP_FL_ENC_UTF_8);
        if (idx < 0)
            qFatal("zip_file_add failed: %s", zip_strerror(za));
        zip_set_file_compression(za, zip_uint64_t(idx), ZIP_CM_DEFLATE, 9);
    }
    if (zip_close(za) != 0)
        qFatal("zip_close failed");
    return path;
}

quint32 le(const QByteArray &b, qsizetype at, int bytes)
{
    quint32 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | quint8(b.at(at + i));
    return v;
}

void putLe32(QByteArray &b, qsizetype at, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        b[at + i] = char((v >> (8 * i)) & 0xff);
}

// Rewrites the uncompressed size an entry declares, in both the central directory and its
// local header, as a hostile archive would.
void lieAboutSize(const QString &path, const QByteArray &entry, quint32 size)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray b = f.readAll();
    const qsizetype eocd = b.lastIndexOf(QByteArray("PK\x05\x06", 4));
    QVERIFY(eocd > 0);
    const int count = int(le(b, eocd + 10, 2));
    qsizetype pos = le(b, eocd + 16, 4);
    bool patched = false;
    for (int i = 0; i < count; ++i) {
        QVERIFY(b.mid(pos, 4) == QByteArray("PK\x01\x02", 4));
        const int nameLen = int(le(b, pos + 28, 2));
        const int extraLen = int(le(b, pos + 30, 2));
        const int commentLen = int(le(b, pos + 32, 2));
        if (b.mid(pos + 46, nameLen) == entry) {
            putLe32(b, pos + 24, size);
            putLe32(b, qsizetype(le(b, pos + 42, 4)) + 22, size);
            patched = true;
        }
        pos += 46 + nameLen + extraLen + commentLen;
    }
    QVERIFY(patched);
    f.seek(0);
    f.write(b);
}

} // namespace

class TestInspect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("trajectories");
        QTest::addColumn<int>("success");
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("toolCalls");
        QTest::addColumn<QString>("workflow");
        QTest::newRow("browser") << QStringLiteral("2025-05-12T20-27-36-04-00_browser.json") << 1 << 1 << 0 << 4
                                 << QStringLiteral("browser");
        QTest::newRow("popularity") << QStringLiteral("2025-05-12T20-28-13-04-00_popularity.json") << 3 << 2 << 1 << 0
                                    << QStringLiteral("popularity");
        QTest::newRow("security-guide") << QStringLiteral("2025-05-12T20-28-26-04-00_security-guide.json") << 3 << 3 << 0
                                        << 0 << QStringLiteral("security_guide");
    }

    void realSamples()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QFETCH(QString, file);
        QFETCH(int, trajectories);
        QFETCH(int, success);
        QFETCH(int, failure);
        QFETCH(int, toolCalls);
        QFETCH(QString, workflow);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(QDir(test::samplesDir()).filePath(QStringLiteral("inspect-eval-log-json/") + file));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("inspect-eval"));
        QCOMPARE(r.trajectories, trajectories);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 1"), success);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 2"), failure);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 2"), toolCalls);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 3"), toolCalls);
        store::TrajectoryQueries q(ws);
        for (const auto &t : q.list({}, 0, 10)) {
            QCOMPARE(t.info.workflow, workflow);
            QCOMPARE(t.info.model, QStringLiteral("openai/gpt-4o-mini"));
            QVERIFY(t.info.startedMs > 0 && t.info.endedMs >= t.info.startedMs);
            QVERIFY(!t.info.task.isEmpty());
            QVERIFY(!t.info.task.startsWith(QLatin1String("attachment://")));
            const QJsonObject extra = extraOf(ws, t.id);
            QVERIFY(extra.value(QLatin1String("log")).toObject().contains(QLatin1String("eval")));
            QVERIFY(extra.value(QLatin1String("sample")).toObject().contains(QLatin1String("events")));
            for (const auto &s : q.steps(t.id))
                QVERIFY(QJsonDocument::fromJson(s.step.raw).isObject());
        }
        if (toolCalls > 0) {
            store::TrajectoryFilter f;
            f.search = QStringLiteral("web_browser_click");
            QCOMPARE(q.count(f), qint64(1));
        }
    }

    void jsonFixtureMapsSamples()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/inspect-eval/arith_log.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("inspect-eval"));
        checkArith(ws, r);
    }

    // v1_security_log.json is written in the shape of Inspect's version 1 logs (inspect_ai
    // 0.3.x of mid-2024): one "score" per sample named by results.scorer, tool errors as the
    // string "tool_error", tool messages without "function", and events under "transcript".
    void versionOneLogIsRead()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/inspect-eval/v1_security_log.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("inspect-eval"));   // detected, not forced
        QCOMPARE(r.trajectories, 2);
        QCOMPARE(r.steps, qint64(5 + 3));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 2"), 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE is_error = 1"), 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 1"), 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 2"), 1);

        store::TrajectoryQueries q(ws);
        const auto found = q.findByExternalId(QStringLiteral("security_guide:1:1"));
        QCOMPARE(found.size(), std::size_t(1));
        const TrajectorySummary &t = found.front();
        QCOMPARE(t.info.verdict, Verdict::Success);
        QCOMPARE(t.info.reviewer, QStringLiteral("match"));   // from results.scorer
        QCOMPARE(t.info.agent, QStringLiteral("use_tools+generate"));
        QCOMPARE(t.info.model, QStringLiteral("openai/gpt-4o"));
        QCOMPARE(t.info.startedMs, qint64(1718874721000));   // the transcript's first event
        const auto steps = q.steps(t.id);
        QCOMPARE(steps[1].step.kind, StepKind::ToolCall);
        QCOMPARE(steps[1].step.tool, QStringLiteral("lookup"));
        QCOMPARE(steps[2].step.kind, StepKind::Observation);
        QCOMPARE(steps[2].step.tool, QStringLiteral("lookup"));   // by its call id
        QCOMPARE(steps[2].step.callId, QStringLiteral("call_lk1"));
        QVERIFY(steps[2].step.isError);
        QCOMPARE(steps[2].step.text, QStringLiteral("lookup service timed out"));
        QCOMPARE(steps[4].step.kind, StepKind::Verdict);
        QVERIFY(steps[4].step.text.startsWith(QLatin1String("match: C")));
    }

    // Shapes that are refused, each written by hand: a log of a version Inspect has not
    // written (3), and a header-only log of a run still "started" (Inspect 0.3.x writes
    // the JSON log's samples only when the run ends; log_samples=False leaves them out).
    void refusedShapesNameFilePositionAndShape_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("version 3") << QStringLiteral("v3_future_log.json")
                                   << QStringLiteral(": at \"version\": an Inspect eval log of version 3; this shape is not read");
        QTest::newRow("header only") << QStringLiteral("header_only_log.json")
                                     << QStringLiteral(": at \"samples\": an Inspect eval log header without samples with "
                                                       "status \"started\"; this shape is not read");
    }

    void refusedShapesNameFilePositionAndShape()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const QString path = test::fixture(QStringLiteral("formats/inspect-eval/") + file);
        const auto r = runner.importFile(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.format, QStringLiteral("inspect-eval"));
        QVERIFY2(r.error.startsWith(path + expected), qPrintable(r.error));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 0);
    }

    void jsonSamplesMayComeBeforeTheEval()
    {
        // The log is read in two passes (everything but the samples, then the samples one by
        // one), so where "samples" sits among the members does not matter.
        QJsonObject log = fixtureLog();
        const QJsonArray samples = log.take(QStringLiteral("samples")).toArray();
        QByteArray rest = QJsonDocument(log).toJson(QJsonDocument::Compact);
        rest.remove(0, 1);   // the opening brace
        const QByteArray text = "{\"samples\":" + QJsonDocument(samples).toJson(QJsonDocument::Compact) + "," + rest;
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("samples_first.json"), text);
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        checkArith(ws, r);
    }

    void jsonSamplesMustBeAnArray()
    {
        QJsonObject log = fixtureLog();
        log.insert(QStringLiteral("samples"), QJsonObject{{QStringLiteral("id"), 1}});
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("odd.json"), QJsonDocument(log).toJson());
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(path, {QStringLiteral("inspect-eval")});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("\"samples\" must be an array")), qPrintable(r.error));
    }

    void evalZipMapsSamples()
    {
        QTemporaryDir dir;
        const QString path = writeZip(dir.filePath(QStringLiteral("arith.eval")), evalEntries(fixtureLog()));
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("inspect-eval"));
        checkArith(ws, r);
    }

    void evalFixtureFileMapsSamples()
    {
        // The committed .eval (also the fuzzer's seed) reads like the one written above.
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/inspect-eval-zip/arith.eval")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("inspect-eval"));
        checkArith(ws, r);
    }

    void evalZipWithoutHeaderUsesTheJournal()
    {
        QTemporaryDir dir;
        Entries entries = evalEntries(fixtureLog());
        entries.removeLast();   // an eval still running has no header.json yet
        const QString path = writeZip(dir.filePath(QStringLiteral("running.eval")), entries);
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 3);
        QCOMPARE(store::TrajectoryQueries(ws).findByExternalId(QStringLiteral("EVAL123:1:1")).front().info.workflow,
                 QStringLiteral("arith"));
    }

    void aRepeatedSampleKeepsBothRuns()
    {
        QTemporaryDir dir;
        QJsonObject log = fixtureLog();
        QJsonArray samples = log.value(QLatin1String("samples")).toArray();
        samples.append(samples.at(0));
        log.insert(QLatin1String("samples"), samples);
        const QString path = test::writeFile(dir, QStringLiteral("repeated.json"), QJsonDocument(log).toJson());
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 4);
        QCOMPARE(store::TrajectoryQueries(ws).findByExternalId(QStringLiteral("EVAL123:1:1#2")).size(), std::size_t(1));
    }

    void hostileOrBrokenInput_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("declared size over the limit") << QStringLiteral("huge-header")
                                                      << QStringLiteral("ZIP entry \"samples/two_epoch_1.json\": declares");
        QTest::newRow("inflates past its declared size")
            << QStringLiteral("small-header")
            << QStringLiteral("ZIP entry \"samples/two_epoch_1.json\": inflates to more than the 100 bytes its header declares");
        QTest::newRow("truncated archive") << QStringLiteral("truncated") << QStringLiteral("not a readable ZIP archive");
        QTest::newRow("not an Inspect archive") << QStringLiteral("foreign") << QStringLiteral("neither header.json");
        QTest::newRow("broken sample JSON") << QStringLiteral("bad-json")
                                            << QStringLiteral("ZIP entry \"samples/1_epoch_1.json\": at byte");
        QTest::newRow("json: truncated") << QStringLiteral("json-truncated") << QStringLiteral("invalid JSON");
        QTest::newRow("json: samples not an array") << QStringLiteral("json-samples") << QStringLiteral("\"samples\" must be an array");
        QTest::newRow("json: messages wrong type") << QStringLiteral("json-messages") << QStringLiteral("samples[0]: \"messages\" must be an array");
        QTest::newRow("json: scores wrong type") << QStringLiteral("json-scores") << QStringLiteral("samples[1]: \"scores\" must be an object");
    }

    void hostileOrBrokenInput()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString bad;
        const QJsonObject log = fixtureLog();
        if (kind == QLatin1String("huge-header") || kind == QLatin1String("small-header")) {
            bad = writeZip(dir.filePath(QStringLiteral("bomb.eval")), evalEntries(log, QByteArray(200000, ' ')));
            lieAboutSize(bad, "samples/two_epoch_1.json", kind == QLatin1String("huge-header") ? 0xF0000000u : 100u);
        } else if (kind == QLatin1String("truncated")) {
            const QString whole = writeZip(dir.filePath(QStringLiteral("whole.eval")), evalEntries(log));
            QFile f(whole);
            QVERIFY(f.open(QIODevice::ReadOnly));
            bad = test::writeFile(dir, QStringLiteral("cut.eval"), f.read(f.size() / 2));
        } else if (kind == QLatin1String("foreign")) {
            bad = writeZip(dir.filePath(QStringLiteral("other.eval")), {{"readme.txt", "hello"}});
        } else if (kind == QLatin1String("bad-json")) {
            Entries entries = evalEntries(log);
            entries[1].second.chop(40);
            bad = writeZip(dir.filePath(QStringLiteral("badjson.eval")), entries);
        } else {
            QByteArray json = QJsonDocument(log).toJson();
            if (kind == QLatin1String("json-truncated")) {
                json.truncate(json.size() / 2);
            } else {
                QJsonObject broken = log;
                QJsonArray samples = log.value(QLatin1String("samples")).toArray();
                if (kind == QLatin1String("json-samples")) {
                    broken.insert(QLatin1String("samples"), QStringLiteral("none"));
                } else {
                    const int i = kind == QLatin1String("json-messages") ? 0 : 1;
                    QJsonObject s = samples.at(i).toObject();
                    s.insert(QLatin1String(i == 0 ? "messages" : "scores"), QStringLiteral("oops"));
                    samples.replace(i, s);
                    broken.insert(QLatin1String("samples"), samples);
                }
                json = QJsonDocument(broken).toJson();
            }
            bad = test::writeFile(dir, QStringLiteral("bad.json"), json);
        }
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto results = runner.importFiles(
            {bad, test::fixture(QStringLiteral("formats/inspect-eval/arith_log.json"))}, {QStringLiteral("inspect-eval")});
        QVERIFY(!results[0].ok());
        QVERIFY2(results[0].error.startsWith(bad + QLatin1Char(':')), qPrintable(results[0].error));
        QVERIFY2(results[0].error.contains(expected), qPrintable(results[0].error));
        QVERIFY2(results[1].ok(), qPrintable(results[1].error));   // the rest of the batch still imports
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 3);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), 15);
    }

    void zipBombOverTheLimitIsRefusedBeforeInflating()
    {
        // An honest header, but an entry (1 MiB of whitespace, a few KiB compressed) larger
        // than the limit this importer was built with.
        QTemporaryDir dir;
        const QString path = writeZip(dir.filePath(QStringLiteral("bomb.eval")), evalEntries(fixtureLog(), QByteArray(1 << 20, ' ')));
        QVERIFY(QFileInfo(path).size() < 64 * 1024);
        ingest::FormatRegistry registry;
        registry.add(std::make_unique<ingest::InspectEvalImporter>(512 * 1024));
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, registry);
        const auto r = runner.importFile(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QStringLiteral(": ZIP entry \"samples/1_epoch_1.json\": declares 1.0 MiB")),
                 qPrintable(r.error));
        QVERIFY2(r.error.contains(QLatin1String("more than the 0.5 MiB limit")), qPrintable(r.error));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 0);
    }

private:
    static void checkArith(store::Workspace &ws, const ingest::FileResult &r)
    {
        QCOMPARE(r.trajectories, 3);
        QCOMPARE(r.steps, qint64(15));
        store::TrajectoryQueries q(ws);
        const auto ok = q.findByExternalId(QStringLiteral("EVAL123:1:1"));
        QCOMPARE(ok.size(), std::size_t(1));
        const TrajectorySummary &t = ok.front();
        QCOMPARE(t.info.verdict, Verdict::Success);
        QCOMPARE(t.info.workflow, QStringLiteral("arith"));
        QCOMPARE(t.info.model, QStringLiteral("mockllm/model"));
        QCOMPARE(t.info.agent, QStringLiteral("use_tools+generate"));
        QCOMPARE(t.info.task, QStringLiteral("What is 2+2?"));   // resolved from the attachments
        QCOMPARE(t.info.outcome, QStringLiteral("stop"));
        QCOMPARE(t.info.reviewer, QStringLiteral("match"));
        QCOMPARE(t.info.endedMs - t.info.startedMs, qint64(2500));
        const auto steps = q.steps(t.id);
        QCOMPARE(steps.size(), std::size_t(5));
        QCOMPARE(steps[0].step.text, QStringLiteral("What is 2+2?"));
        QCOMPARE(steps[1].step.kind, StepKind::ToolCall);
        QCOMPARE(steps[1].step.tool, QStringLiteral("calculator"));
        QCOMPARE(steps[1].step.text, QStringLiteral("{\"expr\":\"2+2\"}"));
        QCOMPARE(steps[2].step.callId, QStringLiteral("call_1"));
        QCOMPARE(steps[4].step.kind, StepKind::Verdict);

        const auto wrong = q.findByExternalId(QStringLiteral("EVAL123:two:1")).front();
        QCOMPARE(wrong.info.verdict, Verdict::Failure);
        QCOMPARE(wrong.errorCount, 1);
        const auto wsteps = q.steps(wrong.id);
        QCOMPARE(wsteps[2].step.text, QStringLiteral("could not parse the expression"));
        QCOMPARE(wsteps[3].step.kind, StepKind::Plan);
        QCOMPARE(wsteps[4].step.text, QStringLiteral("It is 6."));

        const auto partial = q.findByExternalId(QStringLiteral("EVAL123:3:2")).front();
        QCOMPARE(partial.info.verdict, Verdict::Unknown);
        QVERIFY2(partial.info.verdictNotes.contains(QLatin1String("= P")), qPrintable(partial.info.verdictNotes));
        QCOMPARE(partial.info.outcome, QStringLiteral("error"));
        QCOMPARE(partial.errorCount, 1);
    }
};

QTEST_GUILESS_MAIN(TestInspect)
#include "tst_formats_inspect.moc"
