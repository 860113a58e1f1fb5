// Hostile input: the corpus under tests/hostile (deep nesting, invalid UTF-8, NUL bytes, binary
// data, truncation, fields of the wrong type, a ZIP bomb, a ZIP entry lying about its size),
// plus huge strings made at run time. Every file, detected or forced into every importer,
// gets a clear error naming it (or imports cleanly), nothing crashes, nothing of a failed file
// is stored, and the workspace still verifies.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QString corpusDir() { return QStringLiteral(REVERIE_FIXTURES_DIR "/../hostile"); }

// Files no importer may accept.
bool mustFail(const QString &name)
{
    return !name.startsWith(QLatin1String("wrong_types"));
}

} // namespace

class TestHostileInput : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    void importAndCheck(store::Workspace &ws, const QString &path, const QString &format, bool expectError)
    {
        const qint64 sourcesBefore = test::scalar(ws, "SELECT count(*) FROM sources");
        const qint64 stepsBefore = test::scalar(ws, "SELECT count(*) FROM steps");
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        ingest::ImportRunner::Options options;
        options.forcedFormat = format;
        const ingest::FileResult r = runner.importFile(path, options);
        if (!r.ok()) {
            QVERIFY2(r.error.startsWith(path), qPrintable(r.error));
            QVERIFY2(r.error.size() > path.size() + 5, "an error must say what is wrong");
            QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), sourcesBefore);
            QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), stepsBefore);
        } else {
            QVERIFY2(!expectError, qPrintable(QStringLiteral("%1 was accepted as %2").arg(path, r.format)));
        }
    }

private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        const QFileInfoList files = QDir(corpusDir()).entryInfoList(QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 15);
        QStringList formats{QString()};   // detection first, then every importer forced
        formats << ingest::FormatRegistry::builtin().names();
        for (const QFileInfo &f : files) {
            for (const QString &format : formats) {
                const QByteArray row = (f.fileName() + QLatin1Char('/') +
                                        (format.isEmpty() ? QStringLiteral("detect") : format)).toUtf8();
                QTest::newRow(row.constData()) << f.absoluteFilePath() << format;
            }
        }
    }

    void corpus()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        static store::Workspace ws(m_dir.filePath(QStringLiteral("hostile.reverie")));
        importAndCheck(ws, path, format, mustFail(QFileInfo(path).fileName()));
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // nlohmann/json refuses a number beyond a double's range with an exception of its own,
    // not a parse error; it is reported like one, with its place.
    void aNumberTooLargeIsNamedWithItsPlace()
    {
        store::Workspace ws(m_dir.filePath(QStringLiteral("numbers.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const QString jsonl = corpusDir() + QStringLiteral("/number_overflow.jsonl");
        ingest::ImportRunner::Options native;
        native.forcedFormat = QStringLiteral("reverie-jsonl");
        const ingest::FileResult line = runner.importFile(jsonl, native);
        QCOMPARE(line.error, jsonl + QStringLiteral(":1: column 51: the number 1e999 is too large"));
        ingest::ImportRunner::Options anthropic;
        anthropic.forcedFormat = QStringLiteral("anthropic-messages");
        const QString json = corpusDir() + QStringLiteral("/number_overflow.json");
        const ingest::FileResult doc = runner.importFile(json, anthropic);
        QCOMPARE(doc.error, json + QStringLiteral(": at byte 86: the number 888888888888888e8888888 is too large"));
    }

    void hugeStrings()
    {
        store::Workspace ws(m_dir.filePath(QStringLiteral("huge.reverie")));
        // A 200 MB string on one JSONL line.
        const QString line = m_dir.filePath(QStringLiteral("huge_line.jsonl"));
        {
            QFile f(line);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"trajectory\":\"t\",\"type\":\"plan\",\"text\":\"");
            const QByteArray chunk(1 << 20, 'a');
            for (int i = 0; i < 200; ++i)
                f.write(chunk);
            f.write("\"}\n");
        }
        importAndCheck(ws, line, QString(), true);
        QFile::remove(line);
        // A 70 MB string inside a JSON array document.
        const QString doc = m_dir.filePath(QStringLiteral("huge_string.json"));
        {
            QFile f(doc);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[{\"task_id\":1,\"trial\":0,\"reward\":1,\"info\":{},\"traj\":[{\"role\":\"user\",\"content\":\"");
            const QByteArray chunk(1 << 20, 'b');
            for (int i = 0; i < 70; ++i)
                f.write(chunk);
            f.write("\"}]}]");
        }
        for (const QString &format : ingest::FormatRegistry::builtin().names())
            importAndCheck(ws, doc, format, true);
        QVERIFY(store::verifyWorkspace(ws).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostile_input.moc"
