// The timeline on real workspaces: background loading with the latest request winning, keys
// for steps, errors and evidence, zoom, clicking a step, and untrusted text shown literally.

#include "UiTestSupport.h"
#include "core/dream/DreamPass.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"
#include "ui/timeline/StepDetailPane.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/timeline/TimelineView.h"

#include <QHash>
#include <QHelpEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

using namespace reverie;

namespace {
// A run whose texts are markup, and which has no timestamps (a sequence axis).
const QByteArray kMarkupRun = R"({"trajectory":"markup-run","type":"task","title":"<h1>Title</h1>","workflow":"markup"}
{"trajectory":"markup-run","type":"tool_call","tool":"<i>tool</i>","input":{"q":"<b>x</b>"},"call_id":"c1"}
{"trajectory":"markup-run","type":"observation","call_id":"c1","output":"<b>bold</b> & <script>alert(1)</script>","is_error":true}
{"trajectory":"markup-run","type":"message","role":"assistant","text":"<a href='x'>link</a>"}
)";
} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::makeDemoWorkspace(m_dir);
        QVERIFY(test::importJsonl(m_path, m_dir, QStringLiteral("markup.jsonl"), kMarkupRun));
        dream::DreamRequest request;   // leaves evidence to mark
        request.workspacePath = m_path;
        QCOMPARE(int(dream::runDreamPass(request).run.status), int(DreamStatus::Succeeded));
        // What the tests look up, read now: once they run, a guard fails on SQL on this thread.
        for (const char *id : {"deploy-000", "deploy-001", "migrate-000", "markup-run", "refund-001"})
            m_ids.insert(QLatin1String(id), test::trajectoryRowId(m_path, QLatin1String(id)));
        store::Workspace ws(m_path);
        for (const Proposal &p : store::ProposalStore(ws).list()) {
            for (const Evidence &e : p.evidence) {
                if (e.stepId && !m_cited.stepId)
                    m_cited = e;
            }
        }
    }

    void init()
    {
        m_guard = std::make_unique<test::GuiThreadSqlGuard>();
        m_panel = std::make_unique<ui::TimelinePanel>();
        m_panel->resize(1200, 420);
        m_panel->setWorkspacePath(m_path);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }
    void cleanup()
    {
        m_panel.reset();
        QVERIFY2(m_guard->clean(), m_guard->report());
        m_guard.reset();
    }

    void opensAtTheFirstErrorAndStepsWithKeys()
    {
        open(QStringLiteral("deploy-000"));
        ui::TimelineView *view = m_panel->view();
        QCOMPARE(view->data()->size(), 9);
        QCOMPARE(view->data()->axis, ui::TimelineData::Axis::Time);
        QCOMPARE(view->currentIndex(), 5);   // the first error: the failed deploy's observation
        const struct {
            int key;
            Qt::KeyboardModifiers modifiers;
            int expected;
        } presses[] = {
            {Qt::Key_Home, {}, 0},       {Qt::Key_N, {}, 1},        {Qt::Key_Right, {}, 2},
            {Qt::Key_P, {}, 1},          {Qt::Key_Left, {}, 0},     {Qt::Key_Left, {}, 0},
            // Errors: the failed deploy's observation (5) and the failed outcome (7).
            {Qt::Key_E, {}, 5},          {Qt::Key_E, {}, 7},        {Qt::Key_E, {}, 7},
            {Qt::Key_End, {}, 8},        {Qt::Key_E, Qt::ShiftModifier, 7},
            {Qt::Key_E, Qt::ShiftModifier, 5},                      {Qt::Key_E, Qt::ShiftModifier, 5},
        };
        for (const auto &press : presses) {
            QTest::keyClick(view, Qt::Key(press.key), press.modifiers);
            QCOMPARE(view->currentIndex(), press.expected);
        }
        // The detail pane follows the current step; Enter reads it there and Esc comes back.
        QTRY_VERIFY(m_panel->detailPane()->text().contains(QStringLiteral("health check")));
        QVERIFY(m_panel->detailPane()->json().contains(QStringLiteral("\"is_error\": true")));
        auto *text = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("stepText"));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(text->hasFocus());
        QTest::keyClick(text, Qt::Key_Escape);
        QTRY_VERIFY(view->hasFocus());
    }

    void errorKeysWalkEveryError()
    {
        open(QStringLiteral("migrate-000"));
        ui::TimelineView *view = m_panel->view();
        const std::vector<int> errors = view->data()->errorIndexes;
        QVERIFY(errors.size() >= 4);   // four failed calls, and the failed outcome
        QCOMPARE(view->currentIndex(), errors[0]);
        for (std::size_t i = 1; i < errors.size(); ++i) {
            QTest::keyClick(view, Qt::Key_E);
            QCOMPARE(view->currentIndex(), errors[i]);
        }
        for (std::size_t i = errors.size() - 1; i-- > 0;) {
            QTest::keyClick(view, Qt::Key_E, Qt::ShiftModifier);
            QCOMPARE(view->currentIndex(), errors[i]);
        }
    }

    void zoomKeys()
    {
        open(QStringLiteral("deploy-000"));
        ui::TimelineView *view = m_panel->view();
        QVERIFY(view->geometry().isFitted());
        const double fitted = view->geometry().scale();
        QSignalSpy changed(view, &ui::TimelineView::viewChanged);
        QTest::keyClick(view, Qt::Key_Plus);
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(view->geometry().scale() > fitted * 2);
        const double zoomed = view->geometry().scale();
        QTest::keyClick(view, Qt::Key_Minus);
        QVERIFY(view->geometry().scale() < zoomed);
        QTest::keyClick(view, Qt::Key_Right, Qt::ShiftModifier);   // pan
        QTest::keyClick(view, Qt::Key_F);
        QVERIFY(view->geometry().isFitted());
        QTest::keyClick(view, Qt::Key_Equal);
        QTest::keyClick(view, Qt::Key_0);
        QVERIFY(view->geometry().isFitted());
        QVERIFY(changed.count() >= 6);
        // Ctrl+wheel zooms about the pointer.
        const QPoint at(int(view->geometry().gutter + 200), 60);
        const double before = view->geometry().valueForX(at.x());
        QWheelEvent wheel(at, view->viewport()->mapToGlobal(at), {}, {0, 240}, Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->geometry().scale() > fitted);
        QVERIFY(std::abs(view->geometry().valueForX(at.x()) - before) < 1e-6);
    }

    void clickingAStepShowsItsText()
    {
        open(QStringLiteral("deploy-001"));
        ui::TimelineView *view = m_panel->view();
        const ui::TimelineData *d = view->data();
        QTest::keyClick(view, Qt::Key_Plus);   // marks wide enough to aim at
        const int target = 2;
        const QRectF r = view->geometry().markRect(d->starts[target], d->ends[target], d->kinds[target]);
        QSignalSpy current(view, &ui::TimelineView::currentChanged);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, r.center().toPoint());
        QCOMPARE(view->currentIndex(), target);
        QCOMPARE(current.count(), 1);
        QTRY_COMPARE(m_panel->detailPane()->summary().contains(QStringLiteral("fetch_build")), true);
    }

    void markupIsShownLiterally()
    {
        open(QStringLiteral("markup-run"));
        ui::TimelineView *view = m_panel->view();
        QCOMPARE(view->data()->axis, ui::TimelineData::Axis::Sequence);
        QCOMPARE(view->currentIndex(), 2);   // the error
        const QString literal = QStringLiteral("<b>bold</b> & <script>alert(1)</script>");
        auto *text = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("stepText"));
        auto *json = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("stepJson"));
        auto *summary = m_panel->findChild<QLabel *>(QStringLiteral("stepSummary"));
        QVERIFY(text && json && summary);
        QTRY_COMPARE(text->toPlainText(), literal);
        QVERIFY(json->toPlainText().contains(literal));
        QCOMPARE(summary->textFormat(), Qt::PlainText);
        QTest::keyClick(view, Qt::Key_Left);
        QTRY_VERIFY(summary->text().contains(QStringLiteral("<i>tool</i>")));
        auto *header = m_panel->findChild<QLabel *>(QStringLiteral("timelineHeader"));
        QCOMPARE(header->textFormat(), Qt::PlainText);

        // The tooltip escapes the step's text: the tags arrive as text, not as markup.
        QTest::keyClick(view, Qt::Key_Right);
        const ui::TimelineData *d = view->data();
        const QRectF r = view->geometry().markRect(d->starts[2], d->ends[2], d->kinds[2]);
        QHelpEvent help(QEvent::ToolTip, r.center().toPoint(), view->viewport()->mapToGlobal(r.center().toPoint()));
        // The step's text comes from a worker: the tooltip has it once it arrived.
        QTRY_VERIFY((QCoreApplication::sendEvent(view->viewport(), &help), QToolTip::isVisible()
                     && QToolTip::text().contains(QStringLiteral("&lt;script&gt;"))));
        QVERIFY(!QToolTip::text().contains(QStringLiteral("<script>")));
        QToolTip::hideText();
    }

    void jumpsToDreamEvidence()
    {
        // A run with a cited step (found in initTestCase).
        QVERIFY(m_cited.stepId);
        const Evidence *cited = &m_cited;
        QSignalSpy loaded(m_panel.get(), &ui::TimelinePanel::loaded);
        m_panel->openTrajectory(cited->trajectoryId);
        QVERIFY(loaded.wait(10000));
        ui::TimelineView *view = m_panel->view();
        QVERIFY(!view->data()->evidenceIndexes.empty());
        const std::vector<int> evidence = view->data()->evidenceIndexes;
        QTest::keyClick(view, Qt::Key_End);
        QTest::keyClick(view, Qt::Key_J, Qt::ShiftModifier);
        QCOMPARE(view->currentIndex(), evidence.back() == view->data()->size() - 1 && evidence.size() > 1
                                           ? evidence[evidence.size() - 2] : evidence.back());
        QTest::keyClick(view, Qt::Key_Home);
        if (evidence.front() > 0) {
            QTest::keyClick(view, Qt::Key_J);
            QCOMPARE(view->currentIndex(), evidence.front());
        }
        QVERIFY(view->data()->flags[std::size_t(view->currentIndex())] & ui::TimelineData::Evidence);
        QTRY_VERIFY(m_panel->detailPane()->summary().contains(QStringLiteral("evidence")));
        // Opening at the cited step selects it.
        m_panel->openTrajectory(cited->trajectoryId, cited->stepId);
        QTRY_COMPARE(view->currentStepId(), cited->stepId);
    }

    void theLatestRequestWins()
    {
        const qint64 first = m_ids.value(QStringLiteral("deploy-000"));
        const qint64 second = m_ids.value(QStringLiteral("refund-001"));
        QSignalSpy loaded(m_panel.get(), &ui::TimelinePanel::loaded);
        m_panel->openTrajectory(first);
        m_panel->openTrajectory(second);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.first().at(0).toLongLong(), second);
        // Reading the first run again later shows it: nothing of the dropped request lingers.
        m_panel->openTrajectory(first);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.count(), 2);
        QCOMPARE(m_panel->view()->data()->trajectoryId, first);
    }

    void paintsAtEveryZoom()
    {
        open(QStringLiteral("migrate-000"));
        ui::TimelineView *view = m_panel->view();
        for (int i = 0; i < 12; ++i) {
            const QImage shot = view->viewport()->grab().toImage();
            QVERIFY(!shot.isNull());
            QTest::keyClick(view, Qt::Key_Plus);
        }
    }

private:
    void open(const QString &externalId)
    {
        QSignalSpy loaded(m_panel.get(), &ui::TimelinePanel::loaded);
        QVERIFY(m_ids.value(externalId));
        m_panel->openTrajectory(m_ids.value(externalId));
        QVERIFY(loaded.count() > 0 || loaded.wait(10000));
        m_panel->view()->setFocus();
    }

    QTemporaryDir m_dir;
    QString m_path;
    QHash<QString, qint64> m_ids;   // external id -> row id
    Evidence m_cited;               // a step a proposal cites
    std::unique_ptr<test::GuiThreadSqlGuard> m_guard;
    std::unique_ptr<ui::TimelinePanel> m_panel;
};

QTEST_MAIN(TestTimelineView)
#include "tst_timeline_view.moc"
