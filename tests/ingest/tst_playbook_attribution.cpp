// Which playbook each imported run saw, and how that is known: the run's own version, the
// import's --playbook-version, the published block's marker in its first steps, or nothing.
//
// tests/fixtures/attribution/claude_code_spotter_short.jsonl is a byte-identical copy of
// marot/spotter test/fixtures/transcripts/short.jsonl (MIT, commit 8cc42b0b), a real session.

#include "TranscriptImportSupport.h"

#include "core/ingest/PlaybookAttribution.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace reverie;

namespace {

const QString kSession = QStringLiteral("55604662-cf2a-4331-851a-ec234028f8ca");   // the Claude Code fixture
const QString kHash = QStringLiteral("26a712591a840a68532ee4b160c80575d5377b65bb851a3fdc17c3958f02d7a2");

QString markerBlock(int version)
{
    return QStringLiteral("<!-- reverie:playbook begin version=%1 hash=%2 -->\n- Run the tests before deploy.\n"
                          "<!-- reverie:playbook end -->\n")
        .arg(version)
        .arg(kHash);
}

QString attributionFixture(const char *name)
{
    return test::fixture(QStringLiteral("attribution/") + QLatin1String(name));
}

// Keeps what reaches the store, in place of the writer.
class RecordingSink final : public ingest::TrajectorySink {
public:
    qint64 begin(const TrajectoryInfo &) override { return ++m_next * 10; }   // not 1, 2, ...: any handle works
    void addStep(qint64, const Step &) override { ++steps; }
    void finish(qint64, const TrajectoryInfo &info) override { finished.push_back(info); }
    int steps = 0;
    std::vector<TrajectoryInfo> finished;

private:
    qint64 m_next = 0;
};

Step message(const QString &role, const QString &text)
{
    Step s;
    s.kind = StepKind::Message;
    s.role = role;
    s.text = text;
    return s;
}

QJsonObject byId(const QJsonArray &rows, const QString &id)
{
    for (const QJsonValue &v : rows) {
        if (v.toObject()[QLatin1String("id")].toString() == id)
            return v.toObject();
    }
    return {};
}

} // namespace

class TestPlaybookAttribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void precedence_data()
    {
        QTest::addColumn<int>("own");
        QTest::addColumn<QString>("ownSource");
        QTest::addColumn<int>("importVersion");
        QTest::addColumn<int>("marker");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("source");
        const QString ex = QStringLiteral("explicit"), mk = QStringLiteral("marker");
        QTest::newRow("own beats marker") << 2 << QString() << 0 << 3 << 2 << ex;
        QTest::newRow("own beats import") << 2 << ex << 5 << 3 << 2 << ex;
        QTest::newRow("import beats marker") << 0 << QString() << 5 << 3 << 5 << ex;
        QTest::newRow("marker") << 0 << QString() << 0 << 3 << 3 << mk;
        QTest::newRow("nothing") << 0 << QString() << 0 << 0 << 0 << QString();
        QTest::newRow("a source without a version") << 0 << mk << 0 << 0 << 0 << QString();
        QTest::newRow("negative is none") << -4 << QString() << 0 << 0 << 0 << QString();
    }
    void precedence()
    {
        QFETCH(int, own);
        QFETCH(QString, ownSource);
        QFETCH(int, importVersion);
        QFETCH(int, marker);
        TrajectoryInfo info;
        info.playbookVersion = own;
        info.playbookSource = ownSource;
        ingest::attributePlaybook(info, importVersion, marker);
        QTEST(info.playbookVersion, "version");
        QTEST(info.playbookSource, "source");
    }

    // Only a run's first steps are its instructions; a block read later proves nothing.
    void markerOnlyInTheFirstSteps_data()
    {
        QTest::addColumn<int>("at");
        QTest::addColumn<int>("version");
        QTest::newRow("first step") << 0 << 3;
        QTest::newRow("eighth step") << ingest::PlaybookAttribution::kScannedSteps - 1 << 3;
        QTest::newRow("ninth step") << ingest::PlaybookAttribution::kScannedSteps << 0;
        QTest::newRow("much later") << 40 << 0;
    }
    void markerOnlyInTheFirstSteps()
    {
        QFETCH(int, at);
        RecordingSink store;
        ingest::PlaybookAttribution sink(store);
        TrajectoryInfo info;
        info.externalId = QStringLiteral("r");
        const qint64 h = sink.begin(info);
        for (int i = 0; i <= at; ++i)
            sink.addStep(h, message(QStringLiteral("system"), i == at ? markerBlock(3) : QStringLiteral("step")));
        sink.finish(h, info);
        QCOMPARE(store.steps, at + 1);   // every step goes on to the store
        QCOMPARE(store.finished.size(), std::size_t(1));
        QTEST(store.finished[0].playbookVersion, "version");
    }

    // The marker's hash names the playbook: a version this workspace holds with another hash
    // was published from somewhere else, and proves nothing about this workspace's version.
    void markerFromAnotherWorkspaceProvesNothing_data()
    {
        QTest::addColumn<QString>("knownHash");
        QTest::addColumn<int>("version");
        QTest::newRow("same playbook") << kHash << 3;
        QTest::newRow("same hash, other case") << kHash.toUpper() << 3;
        QTest::newRow("another playbook") << QString(64, QLatin1Char('b')) << 0;
        QTest::newRow("version not held here") << QString() << 3;
    }
    void markerFromAnotherWorkspaceProvesNothing()
    {
        QFETCH(QString, knownHash);
        RecordingSink store;
        QHash<int, QString> known{{1, QString(64, QLatin1Char('c'))}};
        if (!knownHash.isEmpty())
            known.insert(3, knownHash);
        ingest::PlaybookAttribution sink(store, 0, known);
        TrajectoryInfo info;
        info.externalId = QStringLiteral("r");
        const qint64 h = sink.begin(info);
        sink.addStep(h, message(QStringLiteral("system"), markerBlock(3)));
        sink.finish(h, info);
        QTEST(store.finished[0].playbookVersion, "version");
    }

    void markerInRawRecordsTaskAndUtf8Rows()
    {
        RecordingSink store;
        ingest::PlaybookAttribution sink(store);
        TrajectoryInfo inRaw, inTask, inRow, none;
        const qint64 a = sink.begin(inRaw), b = sink.begin(inTask), c = sink.begin(inRow), d = sink.begin(none);
        Step system = message(QStringLiteral("system"), QStringLiteral("[instructions]"));
        system.raw = QJsonDocument(QJsonObject{{QStringLiteral("system"), markerBlock(4)}}).toJson();
        sink.addStep(a, system);                    // runs interleave
        sink.addStep(b, message(QStringLiteral("user"), QStringLiteral("hello")));
        const QByteArray utf8 = markerBlock(6).toUtf8();
        StepRow row;
        row.kind = StepKind::Message;
        row.text = std::string_view(utf8.constData(), std::size_t(utf8.size()));
        sink.addRow(c, row);
        sink.addStep(d, message(QStringLiteral("system"), QStringLiteral("reverie is a word, not a marker")));
        inTask.task = QStringLiteral("Follow these rules:\n") + markerBlock(5);
        sink.finish(a, inRaw);
        sink.finish(b, inTask);
        sink.finish(c, inRow);
        sink.finish(d, none);
        QCOMPARE(store.finished[0].playbookVersion, 4);
        QCOMPARE(store.finished[1].playbookVersion, 5);
        QCOMPARE(store.finished[2].playbookVersion, 6);
        QCOMPARE(store.finished[2].playbookSource, QStringLiteral("marker"));
        QCOMPARE(store.finished[3].playbookVersion, 0);
        QCOMPARE(store.finished[3].playbookSource, QString());
    }

    // The text read per run is bounded: a marker past the budget is not looked for.
    void boundedText()
    {
        RecordingSink store;
        ingest::PlaybookAttribution sink(store);
        TrajectoryInfo info;
        const qint64 h = sink.begin(info);
        sink.addStep(h, message(QStringLiteral("system"), QString(int(ingest::PlaybookAttribution::kScannedBytes), u'x')));
        sink.addStep(h, message(QStringLiteral("system"), markerBlock(3)));
        sink.finish(h, info);
        QCOMPARE(store.finished[0].playbookVersion, 0);
    }

    void nativeRuns_data()
    {
        QTest::addColumn<int>("importVersion");
        QTest::addColumn<QString>("run");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("source");
        const QString ex = QStringLiteral("explicit"), mk = QStringLiteral("marker");
        QTest::newRow("system prompt quotes the block") << 0 << "marker-run" << 3 << mk;
        QTest::newRow("own version beats the block") << 0 << "explicit-run" << 2 << ex;
        QTest::newRow("no evidence") << 0 << "plain-run" << 0 << QString();
        QTest::newRow("block only after the first steps") << 0 << "late-run" << 0 << QString();
        QTest::newRow("context quotes the published JSON") << 0 << "json-run" << 7 << mk;
        QTest::newRow("--playbook-version 5 over the block") << 5 << "marker-run" << 5 << ex;
        QTest::newRow("--playbook-version 5, own version kept") << 5 << "explicit-run" << 2 << ex;
        QTest::newRow("--playbook-version 5, no evidence") << 5 << "plain-run" << 5 << ex;
    }
    void nativeRuns()
    {
        QFETCH(int, importVersion);
        QFETCH(QString, run);
        test::ImportBench bench;
        ingest::ImportRunner::Options options;
        options.playbookVersion = importVersion;
        const auto r = bench.runner.importFile(attributionFixture("native_markers.jsonl"), options);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 5);
        const TrajectorySummary t = bench.run(run);
        QCOMPARE(t.info.externalId, run);
        QTEST(t.info.playbookVersion, "version");
        QTEST(t.info.playbookSource, "source");
        QCOMPARE(t.info.cwd, run == QLatin1String("marker-run") ? QStringLiteral("/srv/agents/deploy") : QString());
        // Unknown is stored as NULL, as is a missing cwd.
        QCOMPARE(bench.count("SELECT count(*) FROM trajectories WHERE playbook_source = ''"), 0);
        QCOMPARE(bench.count("SELECT count(*) FROM trajectories WHERE cwd = ''"), 0);
    }

    void otherFormats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("run");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("source");
        const QString ex = QStringLiteral("explicit"), mk = QStringLiteral("marker");
        QTest::newRow("chat system message") << "chat_system_marker.json" << "chat_system_marker" << 3 << mk;
        QTest::newRow("otel resource attribute") << "otel_playbook.json" << "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1" << 4 << ex;
        QTest::newRow("otel span attribute") << "otel_playbook.json" << "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2" << 6 << ex;
        QTest::newRow("otel system instructions")
            << "otel_playbook.json" << "ccccccccccccccccccccccccccccccc3" << 3 << mk;
        QTest::newRow("otel without evidence") << "otel_playbook.json" << "ddddddddddddddddddddddddddddddd4" << 0 << QString();
        QTest::newRow("claude code session") << "claude_code_spotter_short.jsonl" << kSession << 0 << QString();
    }
    void otherFormats()
    {
        QFETCH(QString, file);
        QFETCH(QString, run);
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("attribution/") + file));
        QVERIFY2(r.ok(), qPrintable(r.error));
        const TrajectorySummary t = bench.run(run);
        QCOMPARE(t.info.externalId, run);
        QTEST(t.info.playbookVersion, "version");
        QTEST(t.info.playbookSource, "source");
    }

    void claudeCodeCwd()
    {
        test::ImportBench bench;
        const auto r = bench.import(attributionFixture("claude_code_spotter_short.jsonl"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("claude-code"));
        const TrajectorySummary t = bench.run(kSession);
        QCOMPARE(t.info.cwd, QStringLiteral("/home/marco/projects/spotter"));
    }

    // Every real Claude Code session says where it worked; none of them quotes a playbook.
    void realClaudeCodeSessions_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("cwd");
        const QString folder = test::sampleFolder(QStringLiteral("claude-code-jsonl"));
        if (folder.isEmpty()) {
            QTest::newRow("samples absent") << QString() << QString();   // skipped, with the reason
            return;
        }
        const QString spotter = QStringLiteral("/home/marco/projects/spotter"), demo = QStringLiteral("/path/to/Demo");
        QTest::newRow("ccv 1af7") << folder + QStringLiteral("/ccv_1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl") << demo;
        QTest::newRow("ccv fe5e") << folder + QStringLiteral("/ccv_fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl") << demo;
        QTest::newRow("spotter short") << folder + QStringLiteral("/spotter_short.jsonl") << spotter;
        QTest::newRow("spotter tool heavy") << folder + QStringLiteral("/spotter_tool_heavy.jsonl") << spotter;
        QTest::newRow("spotter subagent") << folder + QStringLiteral("/spotter_subagent.jsonl") << spotter;
    }
    void realClaudeCodeSessions()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QFETCH(QString, path);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto runs = bench.runs();
        QCOMPARE(runs.size(), std::size_t(1));
        QTEST(runs[0].info.cwd, "cwd");
        QCOMPARE(runs[0].info.playbookVersion, 0);
        QCOMPARE(runs[0].info.playbookSource, QString());
    }

    void cli()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("cli.reverie"));
        auto cli = [&ws](QStringList args) {
            args.prepend(ws);
            args.prepend(QStringLiteral("--workspace"));
            return test::runCli(args);
        };
        for (const char *bad : {"0", "-3", "abc", "2.5"}) {
            const auto r = cli({QStringLiteral("import"), QStringLiteral("--playbook-version"), QLatin1String(bad),
                                attributionFixture("native_markers.jsonl")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--playbook-version"), r.err.constData());
        }
        auto r = cli({QStringLiteral("import"), QStringLiteral("--playbook-version"), QStringLiteral("5"),
                      attributionFixture("native_markers.jsonl")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("import"), attributionFixture("chat_system_marker.json"),
                 attributionFixture("claude_code_spotter_short.jsonl")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = cli({QStringLiteral("trajectories"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 7);
        auto check = [&rows](const char *id, int version, const char *source) {
            const QJsonObject t = byId(rows, QLatin1String(id));
            QVERIFY2(!t.isEmpty(), id);
            QCOMPARE(t[QLatin1String("playbook_version")].toInt(), version);
            QCOMPARE(t[QLatin1String("playbook_source")].toString(), QLatin1String(source));
        };
        check("marker-run", 5, "explicit");
        check("explicit-run", 2, "explicit");
        check("plain-run", 5, "explicit");
        check("chat_system_marker", 3, "marker");
        check(kSession.toUtf8().constData(), 0, "unknown");
        QCOMPARE(byId(rows, QStringLiteral("marker-run"))[QLatin1String("cwd")].toString(), QStringLiteral("/srv/agents/deploy"));
        QVERIFY(byId(rows, QStringLiteral("plain-run"))[QLatin1String("cwd")].isNull());

        r = cli({QStringLiteral("show"), kSession, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject shown = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(shown[QLatin1String("playbook_source")].toString(), QStringLiteral("unknown"));
        QCOMPARE(shown[QLatin1String("cwd")].toString(), QStringLiteral("/home/marco/projects/spotter"));

        r = cli({QStringLiteral("show"), QStringLiteral("marker-run")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("playbook: version 5 (explicit)\n"), r.out.constData());
        r = cli({QStringLiteral("show"), QStringLiteral("chat_system_marker")});
        QVERIFY2(r.out.contains("playbook: version 3 (marker)\n"), r.out.constData());
        r = cli({QStringLiteral("show"), kSession});
        QVERIFY2(r.out.contains("playbook: unknown\n"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestPlaybookAttribution)
#include "tst_playbook_attribution.moc"
