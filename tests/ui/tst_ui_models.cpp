// Every item model of the window under QAbstractItemModelTester, on the demo workspace, plus
// the store queries they sit on (saved views, timeline columns).

#include "UiTestSupport.h"
#include "core/dream/DreamPass.h"
#include "core/store/SavedViews.h"
#include "core/store/TimelineQueries.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "ui/compare/AlignmentModel.h"
#include "ui/models/DreamRunListModel.h"
#include "ui/models/EvidenceListModel.h"
#include "ui/models/ProposalListModel.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TaskListModel.h"
#include "ui/models/TrajectoryListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using Tester = QAbstractItemModelTester;

Q_DECLARE_METATYPE(QVector<QPoint>)

class TestUiModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::makeDemoWorkspace(m_dir);
        m_ws = std::make_unique<store::Workspace>(m_path);
    }

    void trajectoryListFetchesPagesAndSorts()
    {
        test::GuiThreadSqlGuard guard;
        ui::TrajectoryListModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &ui::TrajectoryListModel::loaded);
        model.setWorkspacePath(m_path);
        QCOMPARE(model.rowCount(), 0);   // read on a worker: nothing yet
        QVERIFY(model.isLoading());
        QVERIFY(loaded.wait());
        QCOMPARE(model.totalCount(), qint64(38));
        QCOMPARE(model.rowCount(), 38);   // below one page
        for (int column = 0; column < model.columnCount(); ++column) {
            loaded.clear();
            model.sort(column, column % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
            QVERIFY(loaded.wait());
            QCOMPARE(model.rowCount(), 38);
        }
        store::TrajectoryFilter f;
        f.verdict = Verdict::Failure;
        f.workflow = QStringLiteral("deploy_service");
        loaded.clear();
        model.setFilter(f);
        QVERIFY(loaded.wait());
        QCOMPARE(model.totalCount(), qint64(5));
        QCOMPARE(model.index(0, ui::TrajectoryListModel::Workflow).data().toString(), QStringLiteral("deploy_service"));

        // A reload replaces the rows in place: the persistent index stays on its run.
        const QPersistentModelIndex second = model.index(1, 0);
        const qint64 secondId = second.data(ui::TrajectoryListModel::TrajectoryIdRole).toLongLong();
        loaded.clear();
        model.reload();
        QCOMPARE(model.rowCount(), 5);   // kept while the read runs
        QVERIFY(loaded.wait());
        QVERIFY(second.isValid());
        QCOMPARE(second.data(ui::TrajectoryListModel::TrajectoryIdRole).toLongLong(), secondId);

        model.setWorkspacePath(QString());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
        QVERIFY2(guard.clean(), guard.report());
    }

    void trajectoryListFetchesMoreAsTheViewScrolls()
    {
        // 450 tiny runs: three pages.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.reverie"));
        { store::Workspace create(path); }
        QByteArray jsonl;
        for (int i = 0; i < 450; ++i)
            jsonl += QStringLiteral(R"({"trajectory":"r%1","type":"task","title":"t","workflow":"w"})"
                                    "\n").arg(i, 3, 10, QLatin1Char('0')).toUtf8();
        QVERIFY(test::importJsonl(path, dir, QStringLiteral("many.jsonl"), jsonl));
        test::GuiThreadSqlGuard guard;
        ui::TrajectoryListModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &ui::TrajectoryListModel::loaded);
        model.setWorkspacePath(path);
        QVERIFY(loaded.wait());
        // The first page shows before the count is in, and the tester may fetch more before the
        // count arrives (each page says `loaded`): wait for the count itself.
        QTRY_COMPARE(model.totalCount(), qint64(450));
        QVERIFY(model.rowCount() >= ui::TrajectoryListModel::kPageSize);
        const int before = model.rowCount();
        model.fetchMore({});   // (the tester may have asked already; once in flight, asking again is a no-op)
        model.fetchMore({});
        QCOMPARE(model.rowCount(), before);   // the page comes from a worker
        QTRY_COMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(449, 0).data().toString(), QStringLiteral("r000"));   // failed first, then newest id
        QVERIFY2(guard.clean(), guard.report());
    }

    void unmarkFindsTheHighlights_data()
    {
        QTest::addColumn<QString>("marked");
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QVector<QPoint>>("ranges");
        QTest::newRow("none") << "plain text" << "plain text" << QVector<QPoint>{};
        QTest::newRow("one") << "a [fraud] check" << "a fraud check" << QVector<QPoint>{{2, 5}};
        QTest::newRow("two") << "[x] and [yy]" << "x and yy" << QVector<QPoint>{{0, 1}, {6, 2}};
        QTest::newRow("markup stays text") << "<b>[bold]</b>" << "<b>bold</b>" << QVector<QPoint>{{3, 4}};
        QTest::newRow("line breaks") << "a\n[b]\tc" << "a b c" << QVector<QPoint>{{2, 1}};
        QTest::newRow("unclosed") << "[abc" << "abc" << QVector<QPoint>{};
    }
    void unmarkFindsTheHighlights()
    {
        QFETCH(QString, marked);
        QFETCH(QString, plain);
        QFETCH(QVector<QPoint>, ranges);
        QVector<QPoint> found;
        QCOMPARE(ui::SearchHitModel::unmark(marked, QLatin1Char('['), QLatin1Char(']'), &found), plain);
        QCOMPARE(found, ranges);
    }

    void searchHits()
    {
        test::GuiThreadSqlGuard guard;
        ui::SearchHitModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        model.setWorkspacePath(m_path);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy searched(&model, &ui::SearchHitModel::searched);
        model.setQuery(QStringLiteral("fraud"));
        QCOMPARE(searched.count(), 0);   // searched on a worker
        QVERIFY(searched.wait());
        QCOMPARE(searched.count(), 1);
        QVERIFY(model.rowCount() >= 7);
        const QModelIndex first = model.index(0, 0);
        const QString snippet = first.data(ui::SearchHitModel::SnippetRole).toString();
        const QVariantList highlights = first.data(ui::SearchHitModel::HighlightsRole).toList();
        QVERIFY(!highlights.isEmpty());
        const QPoint r = highlights.first().toPoint();
        QCOMPARE(snippet.mid(r.x(), r.y()).toLower(), QStringLiteral("fraud"));
        QVERIFY(first.data(ui::SearchHitModel::TrajectoryIdRole).toLongLong() > 0);
        QVERIFY(first.data(ui::SearchHitModel::StepIdRole).toLongLong() > 0);
        // Typing on: only the last query's hits arrive.
        searched.clear();
        model.setQuery(QStringLiteral("frau"));
        model.setQuery(QStringLiteral("fraud check"));
        QVERIFY(searched.wait());
        QTest::qWait(0);
        QCOMPARE(searched.count(), 1);
        model.setQuery(QString());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY2(guard.clean(), guard.report());
    }

    void tasks()
    {
        ui::TaskListModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        int cancelled = 0;
        const int a = model.addTask(QStringLiteral("Import"), [&cancelled] { ++cancelled; });
        const int b = model.addTask(QStringLiteral("Dream"));
        QCOMPARE(model.rowCount(), 2);
        model.setProgress(a, 500);
        QCOMPARE(model.index(0).data(ui::TaskListModel::ProgressRole).toInt(), 500);
        QCOMPARE(model.index(1).data(ui::TaskListModel::ProgressRole).toInt(), -1);
        QVERIFY(!model.index(1).data(ui::TaskListModel::CancellableRole).toBool());
        model.cancelAll();
        QCOMPARE(cancelled, 1);
        QVERIFY(model.index(0).data(ui::TaskListModel::CancellingRole).toBool());
        model.cancelTask(a);   // once is enough
        QCOMPARE(cancelled, 1);
        model.finishTask(a);
        QCOMPARE(model.rowCount(), 1);
        model.finishTask(b);
        model.finishTask(b);
        QCOMPARE(model.rowCount(), 0);
    }

    void dreamRunsProposalsAndEvidence()
    {
        // One offline pass on a copy of the demo workspace leaves a run with proposals.
        QTemporaryDir dir;
        const QString path = test::makeDemoWorkspace(dir);
        dream::DreamRequest request;
        request.workspacePath = path;
        const dream::DreamResult result = dream::runDreamPass(request);
        QCOMPARE(int(result.run.status), int(DreamStatus::Succeeded));
        QVERIFY(!result.proposals.empty());
        store::Workspace ws(path);

        ui::DreamRunListModel runs;
        Tester runTester(&runs, Tester::FailureReportingMode::QtTest);
        runs.setRuns(ui::DreamRunListModel::runsFrom(ws));   // the page reads on a worker; the model only shows
        QCOMPARE(runs.rowCount(), 1);
        QCOMPARE(runs.index(0, ui::DreamRunListModel::Status).data().toString(), QStringLiteral("succeeded"));
        const qint64 runId = runs.index(0, 0).data(ui::DreamRunListModel::RunIdRole).toLongLong();

        ui::ProposalListModel proposals;
        Tester proposalTester(&proposals, Tester::FailureReportingMode::QtTest);
        QCOMPARE(proposals.rowCount(), 0);
        proposals.setProposals(runId, ui::ProposalListModel::proposalsOf(ws, runId));
        QCOMPARE(proposals.dreamRun(), runId);
        QCOMPARE(proposals.rowCount(), int(result.proposals.size()));
        const Proposal *p = proposals.proposalAt(0);
        QVERIFY(p);
        QVERIFY(!p->evidence.empty());

        ui::EvidenceListModel evidence;
        Tester evidenceTester(&evidence, Tester::FailureReportingMode::QtTest);
        evidence.setEvidence(p->evidence);
        QCOMPARE(evidence.rowCount(), int(p->evidence.size()));
        QVERIFY(evidence.index(0, 0).data(ui::EvidenceListModel::TrajectoryIdRole).toLongLong() > 0);
        evidence.setEvidence({});
        QCOMPARE(evidence.rowCount(), 0);

        // The timeline sees the cited steps.
        const Evidence &e = p->evidence.front();
        if (e.stepId) {
            const auto cited = store::TimelineQueries(ws).evidenceStepIds(e.trajectoryId);
            QVERIFY(std::find(cited.begin(), cited.end(), e.stepId) != cited.end());
        }
    }

    void alignment()
    {
        ui::AlignmentModel model;
        Tester tester(&model, Tester::FailureReportingMode::QtTest);
        ui::Comparison c;
        c.leftId = 1;
        c.rightId = 2;
        c.left = {{10, 2, QStringLiteral("fetch_build"), false}, {11, 4, QStringLiteral("deploy"), true}};
        c.right = {{20, 2, QStringLiteral("fetch_build"), false}, {21, 4, QStringLiteral("run_tests"), false},
                   {22, 6, QStringLiteral("deploy"), false}};
        c.pairs = ui::alignToolSequences({QStringLiteral("fetch_build"), QStringLiteral("deploy")},
                                         {QStringLiteral("fetch_build"), QStringLiteral("run_tests"), QStringLiteral("deploy")});
        model.setComparison(c);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, ui::AlignmentModel::RightTool).data().toString(), QStringLiteral("run_tests"));
        QCOMPARE(model.index(1, 0).data(ui::AlignmentModel::OpRole).toInt(), int(ui::AlignOp::OnlyRight));
        QVERIFY(model.index(2, ui::AlignmentModel::LeftTool).data().toString().contains(QStringLiteral("deploy")));
        QCOMPARE(model.index(2, 0).data(ui::AlignmentModel::LeftStepIdRole).toLongLong(), qint64(11));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void savedViewsRoundTrip()
    {
        store::SavedViews views(*m_ws);
        store::TrajectoryFilter f;
        f.verdict = Verdict::Failure;
        f.workflow = QStringLiteral("refund_order");
        f.model = QStringLiteral("gpt-4o");
        f.search = QStringLiteral("fraud \"quoted\"");
        f.errorsOnly = true;
        f.fromMs = 1763800000000;
        f.toMs = 1764000000000;
        f.sort = store::TrajectoryFilter::Sort::MostErrors;
        f.descending = false;
        views.save(QStringLiteral("Refund failures"), f);
        views.save(QStringLiteral("all"), {});
        QCOMPARE(views.names(), (QStringList{QStringLiteral("all"), QStringLiteral("Refund failures")}));
        const auto back = views.load(QStringLiteral("Refund failures"));
        QVERIFY(back);
        QCOMPARE(store::SavedViews::toJson(*back), store::SavedViews::toJson(f));
        QVERIFY(!views.load(QStringLiteral("all"))->verdict);
        views.save(QStringLiteral("all"), f);   // replaces
        QCOMPARE(views.names().size(), 2);
        views.remove(QStringLiteral("all"));
        views.remove(QStringLiteral("Refund failures"));
        QVERIFY(views.names().isEmpty());
        QVERIFY(!views.load(QStringLiteral("nope")));
        // Garbage in the table reads as "no filter", not as an error.
        QVERIFY(!store::SavedViews::fromJson("not json").verdict);
    }

    void timelineColumnsLeaveTextOut()
    {
        const qint64 id = test::trajectoryRowId(m_path, QStringLiteral("deploy-000"));
        const store::StepColumns c = store::TimelineQueries(*m_ws).stepColumns(id);
        QCOMPARE(int(c.size()), 9);
        QCOMPARE(c.kinds.front(), quint8(StepKind::Task));
        const auto summary = store::TrajectoryQueries(*m_ws).get(id);
        QCOMPARE(int(std::count(c.errors.begin(), c.errors.end(), quint8(1))), summary->errorCount);
        QVERIFY(summary->errorCount >= 1);
        QVERIFY(c.toolNames.contains(QStringLiteral("deploy")));
        std::atomic_bool cancel{true};
        QVERIFY(store::TimelineQueries(*m_ws).stepColumns(id, &cancel).size() <= 9);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<store::Workspace> m_ws;
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
