// A reviewer clears a queue of twenty proposals, one of them high-stakes, with the keyboard
// alone; then the workspace and the published playbook are checked. Proposals with weak
// evidence wait at the end of the queue, marked, and the panel says how each held out.

#include "tst_review_fixture.h"

#include "core/playbook/Render.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ReviewLog.h"
#include "core/store/Verifier.h"
#include "ui/review/ProposalDetailView.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ProposalTexts.h"
#include "ui/review/ReviewPage.h"
#include "ui/settings/UserSettings.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
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
        QVERIFY(test::openReviewPage(page, fx.path));
        test::GuiThreadSqlGuard guard;   // the queue is read, and decided on, on workers only
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
        QVERIFY2(guard.clean(), guard.report());

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

    void weakEvidenceWaitsLastAndIsMarked()
    {
        test::ReviewWorkspace fx;
        store::Workspace &ws = *fx.ws;
        // Replay tables: 6 of 6 broke-and-failed against 8 of 8 kept-and-succeeded is strong
        // (p = 1/3003); the fixture's 4/4 against 5 of 6 is moderate (p = 0.024); 3 of 3 against
        // 2 of 2 is weak (p = 0.1). The weak one has the highest confidence and is the newest.
        const auto withReplay = [&](const QString &text, double confidence, ReplayRecord replay) {
            const qint64 id = fx.dreamed(ProposalOp::Add, text, confidence);
            ws.db().exec(QStringLiteral("UPDATE proposals SET replay = '{\"broke\":%1,\"broke_failed\":%2,\"kept\":%3,"
                                        "\"kept_succeeded\":%4}' WHERE id = %5")
                             .arg(replay.broke).arg(replay.brokeFailed).arg(replay.kept).arg(replay.keptSucceeded).arg(id));
            return id;
        };
        const qint64 moderate = fx.dreamed(ProposalOp::Add, QStringLiteral("Moderate: confirm first."), 0.7);
        const qint64 strong = withReplay(QStringLiteral("Strong: back up first."), 0.6, {6, 6, 8, 8, false});
        const qint64 weak = withReplay(QStringLiteral("Weak: maybe wait."), 0.99, {3, 3, 2, 2, false});
        const qint64 high = fx.dreamed(ProposalOp::Add, QStringLiteral("In deploy_service, run run_tests before deploy."),
                                       0.5, Stakes::High);

        const ui::ReviewQueue queue = ui::loadReviewQueue(ws);
        QCOMPARE(int(queue.groups.size()), 1);
        QList<qint64> order;
        for (const Proposal &p : queue.groups.front().proposals)
            order << p.id;
        QCOMPARE(order, (QList<qint64>{high, strong, moderate, weak}));

        ui::ProposalQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQueue(queue);
        const QModelIndex weakRow = model.indexOfProposal(weak);
        QVERIFY(weakRow.data(ui::ProposalQueueModel::WeakEvidenceRole).toBool());
        QVERIFY(weakRow.data().toString().endsWith(QLatin1String("(weak evidence)")));
        const QModelIndex strongRow = model.indexOfProposal(strong);
        QVERIFY(!strongRow.data(ui::ProposalQueueModel::WeakEvidenceRole).toBool());
        QVERIFY(!strongRow.data().toString().contains(QLatin1String("weak")));

        // The page opens on the high-stakes one, in the same order.
        ui::ReviewPage page;
        page.resize(1280, 860);
        QVERIFY(test::openReviewPage(page, fx.path));
        QTRY_COMPARE(page.currentProposalId(), high);
    }

    void holdOutLineBesideTheStrength()
    {
        ui::ReviewQueue queue;
        Proposal p;
        p.id = 5;
        p.text = QStringLiteral("In ship, run run_tests before deploy.");
        p.replay = ReplayRecord{15, 15, 25, 25, false};
        ui::ProposalDetailView view;
        view.setProposal(&p, queue);
        auto *replay = view.findChild<QLabel *>(QStringLiteral("replayLabel"));
        QVERIFY(replay);
        QCOMPARE(replay->textFormat(), Qt::PlainText);
        QVERIFY(!replay->text().contains(QLatin1String("Hold-out")));   // an older proposal: no line

        p.holdOut.result = HoldOutRecord::Result::Held;
        p.holdOut.heldOut = 10;
        p.holdOut.applicable = 10;
        p.holdOut.agreed = 9;
        view.setProposal(&p, queue);
        const QStringList lines = replay->text().split(QLatin1Char('\n'));
        QVERIFY2(lines.last().startsWith(QLatin1String("Hold-out: holds on 9 of 10 newer runs")), qPrintable(lines.last()));
        QVERIFY(lines.at(lines.size() - 2).startsWith(QLatin1String("Evidence: strong")));

        HoldOutRecord few;
        few.result = HoldOutRecord::Result::TooFewRuns;
        QCOMPARE(ui::holdOutLine(few), QStringLiteral("Hold-out: not tested; its workflow has too few runs to hold any out."));
        QVERIFY(ui::holdOutLine(HoldOutRecord{}).isEmpty());
    }
};

QTEST_MAIN(TestReviewQueue)
#include "tst_review_queue.moc"
