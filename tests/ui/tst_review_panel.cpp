// The review panel driven from the keyboard under the offscreen platform, checked against the
// workspace and the published files afterwards.

#include "tst_review_fixture.h"
#include "UnreadableWorkspace.h"

#include "core/playbook/Render.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ReviewLog.h"
#include "core/store/Verifier.h"
#include "ui/review/DiffView.h"
#include "ui/common/NoticeBar.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ReviewPage.h"
#include "ui/review/RuleEditorDialog.h"
#include "ui/common/ShortcutHelpDialog.h"
#include "ui/settings/UserSettings.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QTreeView>
#include <QUndoStack>

using namespace reverie;

namespace {

// Keys go where a person's would: to the widget with focus.
void press(Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "nothing has keyboard focus");
    QTest::keyClick(target, key, mods);
}

void answerPrompt(ui::ReviewPage &page, const QString &text)
{
    auto *edit = page.findChild<QLineEdit *>(QStringLiteral("promptEdit"));
    QVERIFY(edit && edit->isVisible() && edit->hasFocus());
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

class TestReviewPanel : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::ReviewWorkspace> m_fx;
    std::unique_ptr<ui::ReviewPage> m_page;

    store::Workspace &ws() { return *m_fx->ws; }
    void openPage()
    {
        m_page = std::make_unique<ui::ReviewPage>();
        m_page->resize(1280, 860);
        QVERIFY(test::openReviewPage(*m_page, m_fx->path));
        m_page->setFocus();
    }
    void waitDecision(QSignalSpy &spy)
    {
        QVERIFY(spy.wait(20000));
    }
    void checkPublished()
    {
        const PlaybookVersion current = store::PlaybookHistory(ws()).current();
        QCOMPARE(test::publishedBlock(m_fx->markdown), playbook::renderMarkdown(current.rules));
        QCOMPARE(test::readBytes(m_fx->json), playbook::renderJson(current));
        const QStringList problems = store::verifyWorkspace(ws());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void init()
    {
        test::isolateSettings();
        ui::UserSettings::storeReviewerName(QStringLiteral("dana"));
        m_fx = std::make_unique<test::ReviewWorkspace>();
    }
    void cleanup()
    {
        m_page.reset();
        m_fx.reset();
    }

    void approveWithA()
    {
        const qint64 id = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Check stock before promising a date."), 0.8);
        openPage();
        QCOMPARE(m_page->currentProposalId(), id);
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        press(Qt::Key_A);
        waitDecision(done);
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Approved);
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(v.number, 2);
        QCOMPARE(v.rules.back().text, QStringLiteral("Check stock before promising a date."));
        QCOMPARE(v.author, QStringLiteral("dana"));
        QCOMPARE(m_page->pendingCount(), 0);
        checkPublished();
    }

    // After a decision the queue is re-read on a worker and updated in place: no reset, the
    // reviewer stays on the proposal the panel moved to, and nothing runs SQL on this thread.
    void decisionsUpdateTheQueueInPlace()
    {
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i)
            ids << m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule %1.").arg(i), 0.9 - 0.1 * i);
        openPage();
        test::GuiThreadSqlGuard guard;
        QCOMPARE(m_page->currentProposalId(), ids[0]);
        press(Qt::Key_J);
        QCOMPARE(m_page->currentProposalId(), ids[1]);
        QSignalSpy reset(m_page->queueModel(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        press(Qt::Key_A);
        QCOMPARE(m_page->currentProposalId(), ids[2]);   // moved on at once
        waitDecision(done);
        QCOMPARE(done.first().at(0).toLongLong(), ids[1]);
        QCOMPARE(m_page->pendingCount(), 3);
        QCOMPARE(m_page->currentProposalId(), ids[2]);
        auto *view = m_page->findChild<QTreeView *>(QStringLiteral("reviewQueue"));
        QCOMPARE(view->currentIndex().data(ui::ProposalQueueModel::ProposalIdRole).toLongLong(), ids[2]);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        QCOMPARE(reset.count(), 0);
        // A reject as well (with its reason), then the last one: the place is kept each time.
        press(Qt::Key_R);
        answerPrompt(*m_page, QStringLiteral("not needed"));
        waitDecision(done);
        QCOMPARE(m_page->pendingCount(), 2);
        QCOMPARE(m_page->currentProposalId(), ids[3]);
        QCOMPARE(reset.count(), 0);
        QVERIFY2(guard.clean(), guard.report());
    }

    // The workspace file turns to garbage mid-session: the re-read fails, the notice names the
    // file and what could not be read, and the queue on screen still takes the keyboard.
    void anUnreadableWorkspaceShowsANoticeAndStaysUsable()
    {
        const qint64 a = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule a."), 0.9);
        const qint64 b = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule b."), 0.8);
        openPage();
        test::GuiThreadSqlGuard guard;
        m_fx->ws.reset();
        test::makeWorkspaceUnreadable(m_fx->path);
        QSignalSpy reloaded(m_page.get(), &ui::ReviewPage::queueReloaded);
        m_page->markStale();   // what the window does after a change elsewhere
        QVERIFY(reloaded.wait(20000));
        QCOMPARE(reloaded.last().at(0).toBool(), false);
        ui::NoticeBar *notice = m_page->noticeBar();
        QCOMPARE(notice->kind(), ui::NoticeBar::Kind::Error);
        QVERIFY2(notice->text().contains(QLatin1String("Could not read the review queue"))
                     && notice->text().contains(QLatin1String("review.reverie")),
                 qPrintable(notice->text()));
        QCOMPARE(m_page->pendingCount(), 2);
        QCOMPARE(m_page->currentProposalId(), a);
        press(Qt::Key_J);
        QCOMPARE(m_page->currentProposalId(), b);
        QVERIFY2(guard.clean(), guard.report());
    }

    void approveWithCtrlEnter()
    {
        const qint64 id = m_fx->dreamed(ProposalOp::Remove, QString(), 0.6, Stakes::Low, {QStringLiteral("R2")});
        openPage();
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        press(Qt::Key_Return, Qt::ControlModifier);
        waitDecision(done);
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Approved);
        QCOMPARE(int(store::PlaybookHistory(ws()).current().rules.size()), 1);
        checkPublished();
    }

    void rejectAsksForAReason()
    {
        const qint64 id = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Always retry five times."), 0.4);
        openPage();
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        press(Qt::Key_R);
        QCOMPARE(done.count(), 0);   // nothing decided before the reason
        answerPrompt(*m_page, QStringLiteral("loops are the problem"));
        waitDecision(done);
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Rejected);
        const auto reviews = store::ReviewLog(ws()).forProposal(id);
        QCOMPARE(reviews.size(), std::size_t(1));
        QCOMPARE(reviews.front().comment, QStringLiteral("loops are the problem"));
        QCOMPARE(reviews.front().reviewer, QStringLiteral("dana"));
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 1);
    }

    void escapeCancelsTheReason()
    {
        const qint64 id = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Always retry five times."), 0.4);
        openPage();
        press(Qt::Key_R);
        press(Qt::Key_Escape);
        QVERIFY(!m_page->findChild<QLineEdit *>(QStringLiteral("promptEdit"))->isVisible());
        QVERIFY(!m_page->runner()->isBusy());
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Pending);
    }

    void aRefreshKeepsTheQuestionAndThePlace()
    {
        m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule a."), 0.9);
        const qint64 b = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule b."), 0.8);
        openPage();
        press(Qt::Key_J);
        press(Qt::Key_R);
        // Another page changed the workspace (a dream run, an import): the page re-reads.
        QSignalSpy reloaded(m_page.get(), &ui::ReviewPage::queueReloaded);
        m_page->markStale();
        QVERIFY(reloaded.wait(20000));
        QCOMPARE(m_page->currentProposalId(), b);
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        answerPrompt(*m_page, QStringLiteral("duplicate of a"));
        waitDecision(done);
        QCOMPARE(store::ProposalStore(ws()).get(b)->status, ProposalStatus::Rejected);
    }

    void editWithUndoRedoThenApprove()
    {
        const qint64 id = m_fx->dreamed(ProposalOp::Edit, QStringLiteral("Confirm the order id and amount before any refund."),
                                        0.7, Stakes::Low, {QStringLiteral("R1")});
        openPage();
        press(Qt::Key_E);
        auto *dialog = m_page->findChild<ui::RuleEditorDialog *>();
        QVERIFY(dialog);
        // (qWaitForWindowActive would pass at once: a dialog counts as active with its parent.)
        QVERIFY(QTest::qWaitFor([dialog] { return QApplication::activeWindow() == dialog; }));
        QPlainTextEdit *editor = dialog->editor();
        QVERIFY(editor->hasFocus());
        const QString proposed = editor->toPlainText();
        QTest::keyClick(editor, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(editor, Qt::Key_Backspace);   // drop the full stop
        QTest::keyClicks(editor, QStringLiteral(" with the customer."));
        const QString edited = QStringLiteral("Confirm the order id and amount before any refund with the customer.");
        QCOMPARE(editor->toPlainText(), edited);
        // The live diff shows the new words as inserted.
        auto *inlineDiff = dialog->findChild<QTextBrowser *>(QStringLiteral("diffInline"));
        QVERIFY(inlineDiff->toPlainText().contains(QLatin1String("customer")));
        const int commands = dialog->undoStack()->count();
        QVERIFY2(commands >= 3 && commands < 10, "typing a word is one command");

        while (dialog->undoStack()->canUndo())
            QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), proposed);
        QVERIFY(!inlineDiff->toPlainText().contains(QLatin1String("customer")));
        while (dialog->undoStack()->canRedo())
            QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(editor->toPlainText(), edited);
        QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);   // one step back, then Ctrl+Y forward
        QTest::keyClick(editor, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), edited);

        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        waitDecision(done);
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(v.change, QStringLiteral("edit"));
        QCOMPARE(v.rules.front().id, QStringLiteral("R1"));
        QCOMPARE(v.rules.front().text, edited);
        QCOMPARE(store::ProposalStore(ws()).get(id)->text, proposed);   // the proposal keeps its words
        QCOMPARE(store::ReviewLog(ws()).forProposal(id).front().editedText, edited);
        checkPublished();
    }

    void nextAndPreviousWithJAndK()
    {
        const qint64 a = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule a."), 0.9);
        const qint64 b = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule b."), 0.8);
        const qint64 c = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule c."), 0.7);
        openPage();
        QCOMPARE(m_page->currentProposalId(), a);
        press(Qt::Key_J);
        QCOMPARE(m_page->currentProposalId(), b);
        press(Qt::Key_J);
        press(Qt::Key_J);   // stays on the last
        QCOMPARE(m_page->currentProposalId(), c);
        press(Qt::Key_K);
        QCOMPARE(m_page->currentProposalId(), b);
        auto *after = m_page->findChild<QTextBrowser *>(QStringLiteral("diffAfter"));
        QCOMPARE(after->toPlainText(), QStringLiteral("Rule b."));
    }

    void questionMarkListsTheShortcuts()
    {
        m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule a."), 0.9);
        openPage();
        press(Qt::Key_Question);
        auto *help = m_page->findChild<ui::ShortcutHelpDialog *>();
        QVERIFY(help);
        QVERIFY(help->isVisible());
        QStringList texts;
        for (QLabel *l : help->findChildren<QLabel *>())
            texts << l->text();
        QVERIFY2(texts.contains(QStringLiteral("A / Ctrl+Return / Ctrl+Enter")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(texts.contains(QStringLiteral("J")));
        QVERIFY(texts.contains(QStringLiteral("?")));
        help->close();
    }

    void evidenceOpensTheRunAtItsStep()
    {
        m_fx->dreamed(ProposalOp::Add, QStringLiteral("Run run_tests before deploy."), 0.9);
        openPage();
        QSignalSpy open(m_page.get(), &ui::Page::openTrajectoryRequested);
        auto *list = m_page->findChild<QListWidget *>(QStringLiteral("evidenceList"));
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(QLatin1String("deploy-7")));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toLongLong(), m_fx->runId);
        QCOMPARE(open.first().at(1).toLongLong(), m_fx->stepId);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QCOMPARE(open.count(), 2);
    }

    void reviewerNameIsAskedOnce()
    {
        ui::UserSettings::storeReviewerName(QString());
        const qint64 id = m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule a."), 0.9);
        m_fx->dreamed(ProposalOp::Add, QStringLiteral("Rule b."), 0.8);
        openPage();
        QSignalSpy done(m_page.get(), &ui::ReviewPage::decisionFinished);
        press(Qt::Key_A);
        answerPrompt(*m_page, QStringLiteral("robin"));
        waitDecision(done);
        QCOMPARE(ui::UserSettings::storedReviewerName(), QStringLiteral("robin"));
        QCOMPARE(store::ReviewLog(ws()).forProposal(id).front().reviewer, QStringLiteral("robin"));
        press(Qt::Key_A);   // no second question
        waitDecision(done);
        QCOMPARE(m_page->pendingCount(), 0);
    }
};

QTEST_MAIN(TestReviewPanel)
#include "tst_review_panel.moc"
