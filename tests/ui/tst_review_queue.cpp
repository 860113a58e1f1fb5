// A reviewer clears a queue of twenty proposals, one of them high-stakes, with the keyboard
// alone; then the workspace and the published playbook are checked.

#include "tst_review_fixture.h"

#include "core/playbook/Render.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ReviewLog.h"
#include "core/store/Verifier.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ReviewPage.h"
#include "ui/settings/UserSettings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>

using namespace reverie;

class TestReviewQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void twentyProposalsClearedFromTheKeyboard()
    {
        test::ReviewWorkspace fx;
        store::Workspace &ws = *fx.ws;
        QList<qint64> low;
        for (int i = 0; i < 19; ++i)
            low << fx.dreamed(ProposalOp::Add, QStringLiteral("Lesson %1: confirm step %1 before acting.").arg(i + 1),
                              0.5 + i / 100.0);
        // The high-stakes one already has one approval from another reviewer.
        const qint64 high = fx.dreamed(ProposalOp::Add, QStringLiteral("In deploy_service, run run_tests before deploy."),
                                       0.6, Stakes::High);
        review::Ledger(ws).approve(high, QStringLiteral("sam"), QStringLiteral("incident 42"));
        const QList<qint64> rejectThese{low[3], low[11]};
        ui::UserSettings::storeReviewerName(QStringLiteral("dana"));

        ui::ReviewPage page;
        QAbstractItemModelTester tester(page.queueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1280, 860);
        page.setWorkspace(&ws, fx.path);
        QVERIFY(test::activate(&page));
        page.setFocus();
        QCOMPARE(page.pendingCount(), 20);
        QCOMPARE(page.currentProposalId(), high);   // high-stakes first

        QSignalSpy done(&page, &ui::ReviewPage::decisionFinished);
        int decided = 0;
        auto typeReason = [](const QString &reason) {
            QWidget *edit = QApplication::focusWidget();
            QCOMPARE(edit ? edit->objectName() : QString(), QStringLiteral("promptEdit"));
            QTest::keyClicks(edit, reason);
            QTest::keyClick(edit, Qt::Key_Return);
        };
        // Each decision is sent to the ledger and the panel moves on without waiting for it.
        while (decided < 20) {
            const qint64 id = page.currentProposalId();
            QVERIFY(id != 0);
            QVERIFY(!page.queueModel()->isInFlight(id));
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            if (rejectThese.contains(id)) {
                QTest::keyClick(focus, Qt::Key_R);
                typeReason(QStringLiteral("too narrow"));
            } else if (id == high) {
                QTest::keyClick(focus, Qt::Key_A);
                typeReason(QStringLiteral("second approval after incident 42"));
            } else {
                QTest::keyClick(focus, Qt::Key_A);
            }
            ++decided;
            if (decided < 20)
                QVERIFY2(page.currentProposalId() != id, "the panel moves on to the next proposal at once");
        }
        while (page.pendingCount() > 0 || page.runner()->isBusy())
            QVERIFY(done.wait(30000));

        store::ProposalStore proposals(ws);
        QCOMPARE(proposals.get(high)->status, ProposalStatus::Approved);
        QStringList approvers = review::Ledger(ws).approvalState(high).approvers;
        approvers.sort();
        QCOMPARE(approvers, (QStringList{QStringLiteral("dana"), QStringLiteral("sam")}));
        for (qint64 id : low)
            QCOMPARE(proposals.get(id)->status, rejectThese.contains(id) ? ProposalStatus::Rejected : ProposalStatus::Approved);
        QVERIFY(proposals.list(ProposalStatus::Pending).empty());
        const PlaybookVersion current = store::PlaybookHistory(ws).current();
        QCOMPARE(current.number, 1 + 18);                   // 17 low-stakes approvals + the high-stakes one
        QCOMPARE(int(current.rules.size()), 2 + 18);
        QCOMPARE(test::publishedBlock(fx.markdown), playbook::renderMarkdown(current.rules));
        QCOMPARE(test::readBytes(fx.json), playbook::renderJson(current));
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(page.currentProposalId(), qint64(0));
    }
};

QTEST_MAIN(TestReviewQueue)
#include "tst_review_queue.moc"
